import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

// The independent side reads the raw flows, not the summary tables the endpoint reads.
const FLOWS = `read_parquet('${versionDir(DEMO_LAKE)}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
const app = await demoApp()
t.teardown(() => app.close())

interface SupplierRow {
  chapter?: string; rank: number; iso3: string; value: number; share: number; cumulative_share: number
  excluded?: boolean; share_after_exclusion?: number | null; rank_after_exclusion?: number | null
}

async function bySupplier(importer: string, year: number, chapters: string[]) {
  const rows = await independentQuery(`
    SELECT exporter, sum(value)::DOUBLE AS value FROM ${FLOWS}
    WHERE year = ${year} AND importer = '${importer}' AND substr(hs6, 1, 2) IN (${chapters.map((c) => `'${c}'`).join(', ')})
    GROUP BY exporter HAVING sum(value) > 0`)
  return new Map(rows.map((r) => [String(r.exporter), Number(r.value)]))
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

t.test('USA, section XVI, latest year: every supplier\'s value equals the flows summed independently', async (t) => {
  const res = await app.inject('/suppliers?country=usa&section=XVI&limit=1000')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.equal(data.year, 2024, 'the latest year by default')
  t.equal(meta.query.country, 'USA')
  t.equal(meta.synthetic, true)
  const expected = await bySupplier('USA', 2024, ['84', '85'])
  const rows = data.suppliers as SupplierRow[]
  t.equal(rows.length, expected.size)
  t.equal(meta.page.total, expected.size)
  t.equal(data.suppliers_count, expected.size)
  for (const r of rows) t.ok(close(r.value, expected.get(r.iso3)!), `${r.iso3} value`)
  const total = [...expected.values()].reduce((a, b) => a + b, 0)
  t.ok(close(data.imports, total), 'total imports')
  t.ok(Math.abs(rows.reduce((s, r) => s + r.share, 0) - 1) < 1e-9, 'shares sum to 1 within 1e-9')
  t.ok(Math.abs(rows.at(-1)!.cumulative_share - 1) < 1e-9, 'the cumulative share ends at 1')
  t.same(rows.map((r) => r.rank), rows.map((_, i) => i + 1))
  for (let i = 1; i < rows.length; i++) t.ok(rows[i - 1]!.value >= rows[i]!.value, 'ranked by value')
  const top = [...expected].sort((a, b) => b[1] - a[1])[0]!
  t.equal(rows[0]!.iso3, top[0])
  t.ok(close(rows[0]!.share, top[1] / total), 'top share')
  const chapterTotals = await independentQuery(`
    SELECT substr(hs6, 1, 2) AS chapter, sum(value)::DOUBLE AS value FROM ${FLOWS}
    WHERE year = 2024 AND importer = 'USA' AND substr(hs6, 1, 2) IN ('84', '85') GROUP BY 1 ORDER BY 1`)
  t.same(data.chapters.map((c: { chapter: string }) => c.chapter), ['84', '85'])
  for (const c of chapterTotals) {
    t.ok(close(data.chapters.find((x: { chapter: string }) => x.chapter === c.chapter).imports, Number(c.value)), `chapter ${c.chapter} imports`)
  }
})

t.test('by=chapter ranks within each chapter; each chapter\'s shares sum to 1', async (t) => {
  const res = await app.inject('/suppliers?country=DEU&chapters=85,84&year=2015&by=chapter&limit=1000')
  t.equal(res.statusCode, 200)
  const rows = res.json().data.suppliers as SupplierRow[]
  for (const chapter of ['84', '85']) {
    const own = rows.filter((r) => r.chapter === chapter)
    const expected = await bySupplier('DEU', 2015, [chapter])
    t.equal(own.length, expected.size, `chapter ${chapter}: one row per supplier`)
    for (const r of own) t.ok(close(r.value, expected.get(r.iso3)!), `${chapter} ${r.iso3}`)
    t.ok(Math.abs(own.reduce((s, r) => s + r.share, 0) - 1) < 1e-9, `chapter ${chapter} shares sum to 1`)
    t.equal(own[0]!.rank, 1)
  }
})

t.test('exclude=CHN,RUS: share to reallocate and the renormalised remaining mix', async (t) => {
  const res = await app.inject('/suppliers?country=USA&section=16&exclude=chn,RUS&limit=1000')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const expected = await bySupplier('USA', 2024, ['84', '85'])
  const total = [...expected.values()].reduce((a, b) => a + b, 0)
  const excluded = (expected.get('CHN') ?? 0) + (expected.get('RUS') ?? 0)
  t.same(data.exclusion.excluded, ['CHN', 'RUS'])
  t.equal(meta.query.exclude, 'CHN,RUS')
  t.ok(close(data.exclusion.imports_excluded, excluded))
  t.ok(close(data.exclusion.share_to_reallocate, excluded / total))
  const rows = data.suppliers as SupplierRow[]
  const remaining = rows.filter((r) => !r.excluded)
  t.ok(Math.abs(remaining.reduce((s, r) => s + r.share_after_exclusion!, 0) - 1) < 1e-9, 'the remaining mix sums to 1')
  for (const r of remaining) t.ok(close(r.share_after_exclusion!, r.value / (total - excluded)), `${r.iso3} renormalised`)
  t.same(rows.filter((r) => r.excluded).map((r) => r.share_after_exclusion), rows.filter((r) => r.excluded).map(() => null))
  t.same(remaining.map((r) => r.rank_after_exclusion), remaining.map((_, i) => i + 1))
  for (const c of data.chapters) {
    const own = await bySupplier('USA', 2024, [c.chapter])
    const ownTotal = [...own.values()].reduce((a, b) => a + b, 0)
    t.ok(close(c.share_to_reallocate, ((own.get('CHN') ?? 0) + (own.get('RUS') ?? 0)) / ownTotal), `chapter ${c.chapter} share to reallocate`)
  }
})

t.test('pagination: limit and offset cut the ranking; meta.page.total counts all of it', async (t) => {
  const all = (await app.inject('/suppliers?country=USA&section=XVI&limit=1000')).json().data.suppliers as SupplierRow[]
  const res = (await app.inject('/suppliers?country=USA&section=XVI&limit=5&offset=5')).json()
  t.same(res.data.suppliers.map((r: SupplierRow) => r.iso3), all.slice(5, 10).map((r) => r.iso3))
  t.same(res.meta.page, { limit: 5, offset: 5, total: all.length })
})

t.test('CSV: one row per supplier of the page; explain shows SQL that reads no flows', async (t) => {
  const csv = await app.inject('/suppliers?country=USA&section=XVI&limit=3&format=csv')
  t.match(csv.headers['content-type'], /text\/csv/)
  const lines = csv.body.trim().split('\n')
  t.equal(lines[0], 'country,year,rank,iso3,name,value,share,cumulative_share')
  t.equal(lines.length, 4)
  const explained = (await app.inject('/suppliers?country=USA&section=XVI&explain=true')).json().meta.sql as { sql: string; params: unknown[] }[]
  t.ok(explained.length > 0)
  for (const s of explained) {
    t.notMatch(s.sql, /\bflows\b/, 'reads summary tables only')
    t.notMatch(s.sql, /USA/, 'the country is a bound value, not in the SQL text')
  }
})

t.test('bad input: 400 problem+json naming the parameter', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['/suppliers?country=XYZ&section=XVI', 'country', /unknown country code "XYZ"/],
    ['/suppliers?country=USA&section=XXII', 'section', /unknown HS section/],
    ['/suppliers?country=USA&chapters=84,98', 'chapters', /unknown HS chapter "98"/],
    ['/suppliers?country=USA&section=XVI&year=2010', 'year', /2000, 2015–2024/],
    ['/suppliers?country=USA&section=XVI&exclude=CHN,USA', 'exclude', /USA is the importing country itself/],
    ['/suppliers?country=USA&section=XVI&exclude=QQQ', 'exclude', /unknown country code "QQQ"/],
    ['/suppliers?country=USA&section=XVI&chapters=84', 'chapters', /either section or chapters/],
    ['/suppliers?country=USA', 'section', /section or chapters is required/],
    ['/suppliers?country=USA&section=XVI&by=hs6', 'by', /./],
    ['/suppliers?country=USA&section=XVI&limit=0', 'limit', /./],
  ]
  for (const [url, parameter, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.equal(res.json().parameter, parameter, `${url} names ${parameter}`)
    t.match(res.json().detail, detail)
  }
})
