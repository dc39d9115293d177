import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

// Independent side: raw flows and the nomenclature, folded in the test (not the summary tables or src/metrics).
const LAKE = versionDir(DEMO_LAKE)
const FLOWS = `read_parquet('${LAKE}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
const app = await demoApp()
t.teardown(() => app.close())

interface Row {
  chapter: string; hs6?: string; description?: string | null; name?: string; value: number; suppliers: number
  top_supplier: string | null; top_share: number | null; hhi: number | null; band: string | null; above_threshold: boolean | null
  imports: number; lines?: number; lines_above_threshold?: number
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

/** HHI, count and top of each market, folded from (market, supplier, value) rows. */
function fold(rows: Record<string, unknown>[]) {
  const markets = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const m = markets.get(String(r.market)) ?? new Map<string, number>()
    m.set(String(r.supplier), (m.get(String(r.supplier)) ?? 0) + Number(r.value))
    markets.set(String(r.market), m)
  }
  const out = new Map<string, { total: number; count: number; top: string; topShare: number; hhi: number }>()
  for (const [market, suppliers] of markets) {
    const values = [...suppliers].filter(([, v]) => v > 0)
    const total = values.reduce((s, [, v]) => s + v, 0)
    let hhi = 0
    for (const [, v] of values) hhi += (100 * v / total) ** 2
    const [top, topValue] = values.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!
    out.set(market, { total, count: values.length, top, topShare: topValue / total, hhi })
  }
  return out
}

function expectedBand(hhi: number) {
  return hhi < 1000 ? 'unconcentrated' : hhi <= 1800 ? 'moderately concentrated' : 'highly concentrated'
}

t.test('basis=importer, level=hs2: HHI of the country\'s own suppliers per chapter', async (t) => {
  const res = await app.inject('/hhi?country=USA&section=XVI&year=2024')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const expected = fold(await independentQuery(`
    SELECT substr(hs6, 1, 2) AS market, exporter AS supplier, value FROM ${FLOWS} WHERE year = 2024 AND importer = 'USA' AND substr(hs6, 1, 2) IN ('84', '85')`))
  const rows = data.chapters as Row[]
  t.same(rows.map((r) => r.chapter).sort(), ['84', '85'])
  for (const r of rows) {
    const e = expected.get(r.chapter)!
    t.ok(close(r.hhi!, e.hhi), `chapter ${r.chapter} HHI ${r.hhi} vs ${e.hhi}`)
    t.equal(r.suppliers, e.count)
    t.equal(r.top_supplier, e.top)
    t.ok(close(r.top_share!, e.topShare))
    t.ok(close(r.value, e.total))
    t.ok(close(r.imports, e.total), 'basis=importer: the market is the country\'s imports')
    t.equal(r.band, expectedBand(e.hhi))
    t.equal(r.above_threshold, e.hhi > 2500)
  }
  for (let i = 1; i < rows.length; i++) t.ok(rows[i - 1]!.hhi! >= rows[i]!.hhi!, 'most concentrated first')
  const names = await independentQuery(`SELECT code, description FROM read_parquet('${LAKE}/hs.parquet') WHERE level = 2 AND code IN ('84', '85')`)
  for (const n of names) t.equal(rows.find((r) => r.chapter === n.code)!.name, n.description, 'chapter name from the nomenclature at level 2')
  t.match(meta.method, /basis=importer: concentration of the country's own suppliers/)
  t.same(meta.thresholds, { hhi: 2500, band_unconcentrated_below: 1000, band_highly_above: 1800 })
})

t.test('basis=world, level=hs2: the seed report\'s world-exporter HHI', async (t) => {
  const { data, meta } = (await app.inject('/hhi?country=USA&section=XVI&basis=world&threshold=1800')).json()
  // The seed's query, on the raw flows: shares of world exports by exporter within each chapter.
  const seed = await independentQuery(`
    WITH base AS (SELECT substr(hs6, 1, 2) AS hs2, exporter, sum(value) AS v FROM ${FLOWS}
                  WHERE year = 2024 AND substr(hs6, 1, 2) IN ('84', '85') AND value > 0 GROUP BY ALL),
         tot AS (SELECT hs2, sum(v) AS t FROM base GROUP BY hs2),
         shares AS (SELECT b.hs2, b.v / t.t AS s FROM base b JOIN tot t ON t.hs2 = b.hs2)
    SELECT hs2, (sum(s * s) * 10000)::DOUBLE AS hhi FROM shares GROUP BY hs2 ORDER BY hhi DESC`)
  t.same(data.chapters.map((r: Row) => r.chapter), seed.map((s) => s.hs2), 'same order as the seed query')
  for (const s of seed) {
    const r = (data.chapters as Row[]).find((x) => x.chapter === s.hs2)!
    t.ok(close(r.hhi!, Number(s.hhi), 1e-9), `chapter ${s.hs2}`)
    t.equal(r.above_threshold, Number(s.hhi) > 1800)
  }
  t.match(meta.method, /basis=world: concentration of world exporters/)
  t.equal(meta.thresholds.hhi, 1800)
})

t.test('level=hs6: each line\'s HHI and the import-weighted chapter summary', async (t) => {
  const res = (await app.inject('/hhi?country=DEU&chapters=84,85&year=2020&level=hs6&limit=1000')).json()
  const flows = await independentQuery(`
    SELECT hs6 AS market, exporter AS supplier, value FROM ${FLOWS} WHERE year = 2020 AND importer = 'DEU' AND substr(hs6, 1, 2) IN ('84', '85')`)
  const expected = fold(flows)
  const lines = res.data.lines as Row[]
  t.equal(lines.length, expected.size, 'one row per HS6 line the country imports')
  t.equal(res.meta.page.total, expected.size)
  for (const l of lines) {
    const e = expected.get(l.hs6!)!
    t.ok(close(l.hhi!, e.hhi), `line ${l.hs6}`)
    t.equal(l.top_supplier, e.top)
    t.ok(close(l.imports, e.total))
  }
  const descriptions = new Map((await independentQuery(`SELECT code, description FROM read_parquet('${LAKE}/hs.parquet') WHERE level = 6`))
    .map((d) => [d.code, d.description]))
  t.equal(lines[0]!.description, descriptions.get(lines[0]!.hs6!))
  for (const c of res.data.chapters as Row[]) {
    const own = [...expected].filter(([hs6]) => hs6.startsWith(c.chapter))
    const weight = own.reduce((s, [, e]) => s + e.total, 0)
    const weighted = own.reduce((s, [, e]) => s + e.total * e.hhi, 0) / weight
    t.ok(close(c.hhi!, weighted), `chapter ${c.chapter} import-weighted HHI`)
    t.equal(c.lines, own.length)
    t.equal(c.lines_above_threshold, own.filter(([, e]) => e.hhi > 2500).length)
    t.ok(close(c.imports, weight))
  }
})

t.test('level=hs6, basis=world: world HHI per line, weighted by the country\'s imports', async (t) => {
  const res = (await app.inject('/hhi?country=USA&chapters=85&level=hs6&basis=world&limit=1000')).json()
  const world = fold(await independentQuery(`
    SELECT hs6 AS market, exporter AS supplier, value FROM ${FLOWS} WHERE year = 2024 AND substr(hs6, 1, 2) = '85'`))
  const imports = new Map((await independentQuery(`
    SELECT hs6, sum(value)::DOUBLE AS v FROM ${FLOWS} WHERE year = 2024 AND importer = 'USA' AND substr(hs6, 1, 2) = '85' GROUP BY hs6`))
    .map((r) => [String(r.hs6), Number(r.v)]))
  t.equal(res.data.lines.length, world.size)
  for (const l of res.data.lines as Row[]) {
    t.ok(close(l.hhi!, world.get(l.hs6!)!.hhi), `line ${l.hs6}`)
    t.ok(close(l.imports, imports.get(l.hs6!) ?? 0))
  }
  let w = 0
  let sum = 0
  for (const [hs6, v] of imports) { w += v; sum += v * world.get(hs6)!.hhi }
  t.ok(close(res.data.chapters[0].hhi, sum / w), 'chapter summary weighted by the country\'s imports')
})

t.test('pagination, CSV and explain', async (t) => {
  const page = (await app.inject('/hhi?country=USA&section=XVI&level=hs6&limit=4&offset=2')).json()
  t.equal(page.data.lines.length, 4)
  t.equal(page.meta.page.offset, 2)
  t.equal(page.data.chapters.length, 2, 'chapter summaries are not paged at level=hs6')
  const csv = await app.inject('/hhi?country=USA&section=XVI&format=csv')
  t.match(csv.body.split('\n')[0], /^country,year,basis,chapter,name,value,suppliers,top_supplier,top_supplier_name,top_share,hhi,band,above_threshold/)
  t.match(csv.body, /,(true|false),/, 'flags are written as true/false')
  const sql = (await app.inject('/hhi?country=USA&section=XVI&level=hs6&explain=true')).json().meta.sql as { sql: string }[]
  t.ok(sql.some((s) => /imports_hs6/.test(s.sql)))
  for (const s of sql) t.notMatch(s.sql, /\bflows\b/)
})

t.test('bad input', async (t) => {
  for (const [url, parameter] of [
    ['/hhi?country=USA&section=XVI&threshold=10001', 'threshold'],
    ['/hhi?country=USA&section=XVI&threshold=-1', 'threshold'],
    ['/hhi?country=USA&section=XVI&basis=supplier', 'basis'],
    ['/hhi?country=USA&section=XVI&level=hs4', 'level'],
    ['/hhi?country=ZZZ&section=XVI', 'country'],
    ['/hhi?country=USA&section=0', 'section'],
    ['/hhi?country=USA&section=XVI&year=1999', 'year'],
  ] as const) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().parameter, parameter)
  }
})
