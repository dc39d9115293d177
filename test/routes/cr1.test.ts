import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

// Independent side: raw flows grouped per HS6 line and folded in the test.
const LAKE = versionDir(DEMO_LAKE)
const FLOWS = `read_parquet('${LAKE}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
const app = await demoApp()
t.teardown(() => app.close())

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

interface Expected { hs6: string; world: number; ranked: [string, number][]; hhi: number }

/** Every line's economies (exporters or importers) in `year`, with the line's world total and HHI. */
async function lines(column: 'exporter' | 'importer', year: number): Promise<Expected[]> {
  const rows = await independentQuery(`
    SELECT hs6, ${column} AS economy, sum(value)::DOUBLE AS value FROM ${FLOWS} WHERE year = ${year} GROUP BY ALL HAVING sum(value) > 0`)
  const byLine = new Map<string, [string, number][]>()
  for (const r of rows) byLine.set(String(r.hs6), [...(byLine.get(String(r.hs6)) ?? []), [String(r.economy), Number(r.value)]])
  return [...byLine].map(([hs6, list]) => {
    const world = list.reduce((s, [, v]) => s + v, 0)
    const ranked = list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    return { hs6, world, ranked, hhi: list.reduce((s, [, v]) => s + (100 * v / world) ** 2, 0) }
  })
}

function dominated(all: Expected[], threshold: number, minValue: number) {
  return all.filter((l) => l.world > minValue && l.ranked[0]![1] / l.world > threshold)
    .sort((a, b) => b.world - a.world || (a.hs6 < b.hs6 ? -1 : 1))
}

t.test('/cr1 defaults: lines with one exporter above 70 % of world exports over US$50 million, top 20 by world value', async (t) => {
  const res = await app.inject('/cr1')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const expected = dominated(await lines('exporter', 2024), 0.7, 50e6)
  t.ok(expected.length > 20, 'the demo lake has more than a page of such lines')
  t.equal(meta.page.total, expected.length)
  t.same(meta.query, { year: 2024, threshold: 0.7, min_value: 50000000, limit: 20, offset: 0, format: 'json' })
  t.same(data.map((r: { hs6: string }) => r.hs6), expected.slice(0, 20).map((e) => e.hs6))
  const descriptions = new Map((await independentQuery(`SELECT code, description FROM read_parquet('${LAKE}/hs.parquet') WHERE level = 6`))
    .map((d) => [d.code, d.description]))
  data.forEach((r: Record<string, unknown>, i: number) => {
    const e = expected[i]!
    t.equal(r.rank, i + 1)
    t.ok(close(r.world_value as number, e.world), `${e.hs6} world value`)
    t.equal(r.top_exporter, e.ranked[0]![0])
    t.ok(close(r.top_exporter_share as number, e.ranked[0]![1] / e.world))
    t.equal(r.runner_up, e.ranked[1]?.[0] ?? null)
    if (e.ranked[1]) t.ok(close(r.runner_up_share as number, e.ranked[1][1] / e.world))
    t.ok(close(r.hhi as number, e.hhi), `${e.hs6} HHI`)
    t.equal(r.exporters, e.ranked.length)
    t.equal(r.description, descriptions.get(e.hs6))
    t.ok((r.top_exporter_share as number) > 0.7)
  })
})

t.test('/cr1 with a section, a lower threshold and a page', async (t) => {
  const res = (await app.inject('/cr1?year=2015&section=XVI&threshold=0.5&min_value=1000000&limit=5&offset=3')).json()
  const expected = dominated((await lines('exporter', 2015)).filter((l) => /^8[45]/.test(l.hs6)), 0.5, 1e6)
  t.equal(res.meta.page.total, expected.length)
  t.same(res.data.map((r: { hs6: string }) => r.hs6), expected.slice(3, 8).map((e) => e.hs6))
  t.same(res.data.map((r: { rank: number }) => r.rank), [4, 5, 6, 7, 8].slice(0, res.data.length))
  t.equal(res.meta.query.section, 'XVI')
})

t.test('/buyer-concentration: the mirror, one importer above 50 % of world imports', async (t) => {
  const res = await app.inject('/buyer-concentration?limit=50&year=2020')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const expected = dominated(await lines('importer', 2020), 0.5, 50e6)
  t.equal(meta.page.total, expected.length)
  t.same(data.map((r: { hs6: string }) => r.hs6), expected.slice(0, 50).map((e) => e.hs6))
  data.forEach((r: Record<string, unknown>, i: number) => {
    const e = expected[i]!
    t.equal(r.top_importer, e.ranked[0]![0])
    t.ok(close(r.top_importer_share as number, e.ranked[0]![1] / e.world))
    t.ok(close(r.hhi as number, e.hhi))
    t.equal(r.importers, e.ranked.length)
  })
  t.same(meta.thresholds, { top_importer_share: 0.5, min_value: 50000000 })
})

t.test('CSV, explain and bad input', async (t) => {
  const csv = await app.inject('/buyer-concentration?limit=3&format=csv')
  const head = csv.body.split('\n')[0]
  t.equal(head, 'rank,hs6,description,chapter,world_value,top_importer,top_importer_name,top_importer_share,runner_up,runner_up_name,runner_up_share,hhi,importers')
  const sql = (await app.inject('/cr1?explain=true')).json().meta.sql as { sql: string }[]
  for (const s of sql) t.notMatch(s.sql, /\bflows\b/)
  for (const [url, parameter] of [
    ['/cr1?threshold=1.2', 'threshold'],
    ['/cr1?min_value=-5', 'min_value'],
    ['/cr1?section=XXX', 'section'],
    ['/cr1?year=2001', 'year'],
    ['/buyer-concentration?threshold=-0.5', 'threshold'],
    ['/buyer-concentration?limit=5000', 'limit'],
  ] as const) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().parameter, parameter)
  }
})
