import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

// Independent side: raw flows folded in the test, not the summary tables or src/metrics.
const FLOWS = `read_parquet('${versionDir(DEMO_LAKE)}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
const app = await demoApp()
t.teardown(() => app.close())

interface Row {
  chapter: string; imports: number; top_supplier: string | null; top_share: number | null; above_threshold: boolean | null
  observed_top_supplier?: string | null; observed_top_share?: number | null; same_top_supplier?: boolean | null
  top_share_error_pp?: number | null; mean_abs_error_pp?: number | null; partners?: number
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))
const SECTION_XVI = "substr(hs6, 1, 2) IN ('84', '85')"

async function valuesBy(sql: string): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>()
  for (const r of await independentQuery(sql)) {
    const m = out.get(String(r.chapter)) ?? new Map<string, number>()
    m.set(String(r.economy), Number(r.value))
    out.set(String(r.chapter), m)
  }
  return out
}

function shares(values: Map<string, number>): Map<string, number> {
  const total = [...values.values()].reduce((a, b) => a + b, 0)
  return new Map([...values].map(([k, v]) => [k, v / total]))
}

function top(s: Map<string, number>): [string, number] {
  return [...s].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!
}

const observedSql = (country: string, year: number) => `
  SELECT substr(hs6, 1, 2) AS chapter, exporter AS economy, sum(value)::DOUBLE AS value FROM ${FLOWS}
  WHERE year = ${year} AND importer = '${country}' AND ${SECTION_XVI} GROUP BY ALL HAVING sum(value) > 0`

t.test('bilateral: the largest observed supplier per chapter, sorted by its share', async (t) => {
  const res = await app.inject('/single-source?country=JPN&section=XVI&year=2020&threshold=0.3')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const observed = await valuesBy(observedSql('JPN', 2020))
  const rows = data.chapters as Row[]
  t.equal(rows.length, 2)
  for (const r of rows) {
    const values = observed.get(r.chapter)!
    const [key, share] = top(shares(values))
    t.equal(r.top_supplier, key, `chapter ${r.chapter} top supplier`)
    t.ok(close(r.top_share!, share))
    t.ok(close(r.imports, [...values.values()].reduce((a, b) => a + b, 0)))
    t.equal(r.above_threshold, share > 0.3)
  }
  t.ok(rows[0]!.top_share! >= rows[1]!.top_share!, 'largest share first')
  t.same(meta.thresholds, { top_share: 0.3 })
  t.match(meta.method, /Observed bilateral imports/)
})

t.test('proportional: the seed\'s proxy and its error against the observed flows', async (t) => {
  const res = await app.inject('/single-source?country=USA&section=XVI&method=proportional')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const observed = await valuesBy(observedSql('USA', 2024))
  const world = await valuesBy(`
    SELECT substr(hs6, 1, 2) AS chapter, exporter AS economy, sum(value)::DOUBLE AS value FROM ${FLOWS}
    WHERE year = 2024 AND ${SECTION_XVI} AND exporter <> 'USA' GROUP BY ALL HAVING sum(value) > 0`)
  for (const r of data.chapters as Row[]) {
    const seen = observed.get(r.chapter)!
    const imports = [...seen.values()].reduce((a, b) => a + b, 0)
    const others = [...world.get(r.chapter)!.values()].reduce((a, b) => a + b, 0)
    // M̂(c←p,h) = M(c,h) · X(p,h) / Σ_{q≠c} X(q,h)
    const estimate = new Map([...world.get(r.chapter)!].map(([p, x]) => [p, imports * x / others]))
    const est = shares(estimate)
    const obs = shares(seen)
    const [estKey, estShare] = top(est)
    const [obsKey, obsShare] = top(obs)
    t.ok(close(r.imports, imports), `chapter ${r.chapter}: M(c,h)`)
    t.equal(r.top_supplier, estKey)
    t.ok(close(r.top_share!, estShare), 'proxy top share')
    t.equal(r.observed_top_supplier, obsKey)
    t.ok(close(r.observed_top_share!, obsShare))
    t.equal(r.same_top_supplier, estKey === obsKey)
    t.ok(close(r.top_share_error_pp!, Math.abs(estShare - obsShare) * 100, 1e-7), 'top-share error in pp')
    const partners = new Set([...est.keys(), ...obs.keys()])
    let abs = 0
    for (const p of partners) abs += Math.abs((est.get(p) ?? 0) - (obs.get(p) ?? 0))
    t.equal(r.partners, partners.size)
    t.ok(close(r.mean_abs_error_pp!, abs / partners.size * 100, 1e-7), 'mean absolute error in pp')
    t.ok(r.top_share_error_pp! > 0, 'the proxy is not the observed flow')
  }
  t.match(meta.method, /M̂\(c←p,h\) = M\(c,h\) · X\(p,h\) \/ Σ_\{q≠c\} X\(q,h\)/)
})

t.test('a chapter without imports is listed last with no supplier', async (t) => {
  // An economy and a chapter it does not import in 2024, found independently (the importer with the fewest chapters).
  const [gap] = await independentQuery(`
    WITH c AS (SELECT code AS chapter FROM read_parquet('${versionDir(DEMO_LAKE)}/hs.parquet') WHERE level = 2),
         m AS (SELECT importer, substr(hs6, 1, 2) AS chapter FROM ${FLOWS} WHERE year = 2024 GROUP BY ALL),
         few AS (SELECT importer FROM m GROUP BY importer ORDER BY count(*), importer LIMIT 1)
    SELECT few.importer, min(c.chapter) AS chapter FROM few, c
    WHERE c.chapter NOT IN (SELECT chapter FROM m WHERE m.importer = few.importer) GROUP BY few.importer`)
  t.ok(gap, 'the demo lake has an economy that does not import some chapter')
  const res = await app.inject(`/single-source?country=${gap!.importer}&chapters=84,85,${gap!.chapter}`)
  t.equal(res.statusCode, 200)
  const last = res.json().data.chapters.at(-1) as Row
  t.equal(last.chapter, gap!.chapter)
  t.same([last.imports, last.top_supplier, last.top_share, last.above_threshold], [0, null, null, null])
})

t.test('CSV, explain and bad input', async (t) => {
  const csv = await app.inject('/single-source?country=USA&section=XVI&method=proportional&format=csv')
  const lines = csv.body.trim().split('\n')
  t.match(lines[0], /^country,year,method,chapter,name,imports,suppliers,top_supplier,top_supplier_name,top_share,above_threshold,observed_top_supplier/)
  t.equal(lines.length, 3)
  const sql = (await app.inject('/single-source?country=USA&section=XVI&method=proportional&explain=true')).json().meta.sql as { sql: string }[]
  t.equal(sql.length, 3)
  for (const s of sql) t.notMatch(s.sql, /\bflows\b/)
  for (const [url, parameter] of [
    ['/single-source?country=USA&section=XVI&threshold=1.5', 'threshold'],
    ['/single-source?country=USA&section=XVI&threshold=-0.1', 'threshold'],
    ['/single-source?country=USA&section=XVI&method=gravity', 'method'],
    ['/single-source?country=AAA&section=XVI', 'country'],
    ['/single-source?country=USA&section=XVI&year=2030', 'year'],
  ] as const) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().parameter, parameter)
  }
})
