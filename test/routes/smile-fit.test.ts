import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const LAKE = versionDir(DEMO_LAKE)
const app = await demoApp()
t.teardown(() => app.close())

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)

/** (ln income, FVA share) for every economy with both, read straight from the parquet. */
async function expectedPoints(year: number) {
  const rows = await independentQuery(`
    WITH fva AS (
      SELECT f.iso3, sum(f.value * g.value) / sum(g.value) AS y
      FROM '${LAKE}/tiva.parquet' f JOIN '${LAKE}/tiva.parquet' g USING (iso3, activity, year)
      WHERE f.measure = 'EXGR_FVA' AND g.measure = 'EXGR' AND year = ${year} AND activity IN ('C26', 'C27', 'C28')
      GROUP BY f.iso3
    ), income AS (
      SELECT iso3, max_by(value, year) AS gni FROM '${LAKE}/wdi.parquet' WHERE year <= ${year} GROUP BY iso3
    )
    SELECT iso3, ln(gni) AS x, y FROM fva JOIN income USING (iso3) ORDER BY iso3`)
  return rows.map((r) => ({ iso3: String(r.iso3), x: Number(r.x), y: Number(r.y) }))
}

/**
 * The quadratic OLS by Frisch–Waugh–Lovell on centred sums (a different route from the endpoint's QR):
 * [Sxx Sxq; Sxq Sqq]·[b1 b2]ᵀ = [Sxy Sqy]ᵀ with q = x², solved by Cramer's rule.
 */
function fwlFit(points: { x: number; y: number }[]) {
  const n = points.length
  const x = points.map((p) => p.x)
  const q = x.map((v) => v * v)
  const y = points.map((p) => p.y)
  const [mx, mq, my] = [sum(x) / n, sum(q) / n, sum(y) / n]
  const s = (a: number[], ma: number, b: number[], mb: number) => sum(a.map((v, i) => (v - ma) * (b[i]! - mb)))
  const [sxx, sxq, sqq, sxy, sqy] = [s(x, mx, x, mx), s(x, mx, q, mq), s(q, mq, q, mq), s(x, mx, y, my), s(q, mq, y, my)]
  const det = sxx * sqq - sxq * sxq
  const b1 = (sxy * sqq - sqy * sxq) / det
  const b2 = (sxx * sqy - sxq * sxy) / det
  const b0 = my - b1 * mx - b2 * mq
  const e = y.map((v, i) => v - b0 - b1 * x[i]! - b2 * q[i]!)
  const sse = sum(e.map((v) => v * v))
  const s2 = sse / (n - 3)
  // q residualised on (1, x): its coefficient's classical and HC1 variances follow from FWL.
  const r = q.map((v, i) => v - mq - (sxq / sxx) * (x[i]! - mx))
  const rr = sum(r.map((v) => v * v))
  return {
    b: [b0, b1, b2], e, s: Math.sqrt(s2), rSquared: 1 - sse / s(y, my, y, my),
    seB2: Math.sqrt(s2 / rr), hc1B2: Math.sqrt((n / (n - 3)) * sum(r.map((v, i) => v * v * e[i]! ** 2)) / rr ** 2),
  }
}

t.test('section XVI, 2020: coefficients, standard errors, R² and turning point equal an independent fit', async (t) => {
  const res = await app.inject('/smile-fit?section=XVI&country=USA')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same(meta.query, { section: 'XVI', year: 2020, country: 'USA', format: 'json' })
  const points = await expectedPoints(2020)
  const fit = fwlFit(points)
  t.equal(data.n, points.length, `${points.length} economies`)
  t.same(data.points.map((p: { iso3: string }) => p.iso3).sort(), points.map((p) => p.iso3))
  const names = ['intercept', 'ln_income', 'ln_income_squared'] as const
  names.forEach((name, i) => t.ok(close(data.coefficients[name].estimate, fit.b[i]!, 1e-8), `${name} ${data.coefficients[name].estimate} ≈ ${fit.b[i]}`))
  t.ok(close(data.coefficients.ln_income_squared.se, fit.seB2, 1e-8), 'classical se(b2)')
  t.ok(close(data.coefficients.ln_income_squared.se_hc1, fit.hc1B2, 1e-8), 'HC1 se(b2)')
  t.ok(close(data.r_squared, fit.rSquared, 1e-9), 'R²')
  t.ok(close(data.residual_standard_error, fit.s, 1e-9), 'residual standard error')
  const turning = -fit.b[1]! / (2 * fit.b[2]!)
  t.ok(close(data.turning_point.ln_income, turning, 1e-8), 'turning point, ln')
  t.ok(close(data.turning_point.income, Math.exp(turning), 1e-8), `turning point $${data.turning_point.income.toFixed(0)}`)
  const xs = points.map((p) => p.x)
  const inside = turning >= Math.min(...xs) && turning <= Math.max(...xs)
  t.equal(data.turning_point.in_sample_range, inside)
  t.equal(data.inverted_u, fit.b[2]! < 0 && inside)
  t.equal(data.curvature, fit.b[2]! < 0 ? 'concave' : 'convex')

  const at = points.findIndex((p) => p.iso3 === 'USA')
  const residual = fit.e[at]!
  t.ok(close(data.country.residual, residual, 1e-8), 'USA residual')
  t.ok(close(data.country.fitted, points[at]!.y - residual, 1e-9), 'USA fitted value')
  t.ok(close(data.country.standardised_residual, residual / fit.s, 1e-8), 'standardised residual = residual / s')
  const expected = Math.abs(residual) <= fit.s ? 'on-trend' : residual > 0 ? 'over-trend' : 'under-trend'
  t.equal(data.country.classification, expected, `USA is ${expected}`)
  for (let i = 1; i < data.points.length; i++) t.ok(data.points[i - 1].ln_income <= data.points[i].ln_income, 'poorest first')
})

t.test('every economy is classified by its residual against one residual standard error', async (t) => {
  const { data: fit } = (await app.inject('/smile-fit?section=XVI&year=2017')).json()
  t.notOk('country' in fit, 'no country block without country')
  const seen = new Set<string>()
  for (const p of fit.points.slice(0, 12)) {
    const { data } = (await app.inject(`/smile-fit?section=XVI&year=2017&country=${p.iso3}`)).json()
    const expected = Math.abs(p.residual) <= fit.residual_standard_error ? 'on-trend' : p.residual > 0 ? 'over-trend' : 'under-trend'
    t.equal(data.country.classification, expected, `${p.iso3}: residual ${p.residual.toFixed(2)}, s ${fit.residual_standard_error.toFixed(2)}`)
    seen.add(expected)
  }
  t.ok(seen.size >= 2, `more than one class among the first 12 economies: ${[...seen]}`)
})

t.test('CSV: one row per point, the country flagged', async (t) => {
  const res = await app.inject('/smile-fit?section=XVI&country=DEU&format=csv')
  t.equal(res.statusCode, 200)
  const lines = res.body.trim().split('\n')
  t.equal(lines[0], 'iso3,name,income,income_year,ln_income,fva_share,weighting,fitted,residual,is_country')
  t.equal(lines.filter((l) => l.endsWith(',true')).length, 1)
  t.match(lines.find((l) => l.endsWith(',true')), /^DEU,/)
})

t.test('explain, errors, and no NaN anywhere', async (t) => {
  const explained = (await app.inject('/smile-fit?section=XVI&explain=true')).json()
  t.ok(explained.meta.sql.some((q: { params: unknown[] }) => q.params.includes('NY.GNP.PCAP.PP.CD')), 'the income query with its bound indicator')
  const body = JSON.stringify(explained.data)
  t.notMatch(body, /NaN|Infinity/)
  const bad: [string, number, string][] = [
    ['/smile-fit?section=XVI&year=2014', 400, 'year'],
    ['/smile-fit?section=XVI&country=ZZZ', 400, 'country'],
    ['/smile-fit?section=99', 400, 'section'],
    ['/smile-fit', 400, 'section'],
  ]
  for (const [url, status, parameter] of bad) {
    const res = await app.inject(url)
    t.equal(res.statusCode, status, url)
    t.equal(res.json().parameter, parameter)
  }
})
