import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

// Independent side: world exports summed from the raw flows; multiples, CAGRs and the median folded in the test.
const FLOWS = `read_parquet('${versionDir(DEMO_LAKE)}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
const app = await demoApp()
t.teardown(() => app.close())

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

async function expected(chapters: string[], from: number, to: number) {
  const rows = await independentQuery(`
    SELECT substr(hs6, 1, 2) AS chapter, year::INTEGER AS year, sum(value)::DOUBLE AS value FROM ${FLOWS}
    WHERE year IN (${from}, ${to}) AND substr(hs6, 1, 2) IN (${chapters.map((c) => `'${c}'`).join(', ')}) GROUP BY ALL`)
  const value = (c: string, y: number) => Number(rows.find((r) => r.chapter === c && r.year === y)?.value ?? 0)
  const out = chapters.map((c) => {
    const multiple = value(c, to) / value(c, from)
    return { chapter: c, from: value(c, from), to: value(c, to), multiple, cagr: Math.pow(multiple, 1 / (to - from)) - 1 }
  })
  const sorted = out.map((o) => o.multiple).sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { chapters: out, median }
}

t.test('section XVI, default 2000 → latest: multiples, CAGRs, the median and the chapters above it', async (t) => {
  const res = await app.inject('/growth?section=XVI')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same([data.from, data.to, data.years], [2000, 2024, 24])
  const e = await expected(['84', '85'], 2000, 2024)
  t.ok(close(data.median_multiple, e.median))
  for (const c of e.chapters) {
    const r = data.chapters.find((x: { chapter: string }) => x.chapter === c.chapter)
    t.ok(close(r.value_from, c.from) && close(r.value_to, c.to), `chapter ${c.chapter} values`)
    t.ok(close(r.multiple, c.multiple), `chapter ${c.chapter} multiple`)
    t.ok(close(r.cagr, c.cagr), `chapter ${c.chapter} CAGR`)
    t.equal(r.above_median, c.multiple > e.median)
  }
  t.same(data.chapters_above_median, e.chapters.filter((c) => c.multiple > e.median).map((c) => c.chapter))
  t.same(meta.query, { section: 'XVI', from: 2000, to: 2024, limit: 50, offset: 0, format: 'json' })
})

t.test('a section with an odd number of chapters, between two chosen years', async (t) => {
  const res = (await app.inject('/growth?section=I&from=2015&to=2022')).json()
  const chapters = res.data.scope.chapters.map((c: { chapter: string }) => c.chapter) as string[]
  t.equal(chapters.length, 5, 'section I has chapters 01–05')
  const e = await expected(chapters, 2015, 2022)
  t.ok(close(res.data.median_multiple, e.median))
  t.equal(res.data.chapters_above_median.length, 2, 'two of five chapters are above the median')
  for (let i = 1; i < res.data.chapters.length; i++) t.ok(res.data.chapters[i - 1].multiple >= res.data.chapters[i].multiple, 'largest multiple first')
  const csv = await app.inject('/growth?section=I&from=2015&to=2022&format=csv')
  t.equal(csv.body.trim().split('\n').length, 6)
})

t.test('years outside the lake and reversed years are 400s stating the available years', async (t) => {
  for (const [url, parameter, detail] of [
    ['/growth?section=XVI&from=2005', 'from', /2000, 2015–2024/],
    ['/growth?section=XVI&to=2030', 'to', /2000, 2015–2024/],
    ['/growth?section=XVI&from=2020&to=2016', 'to', /must be after from=2020/],
    ['/growth?section=XVI&from=2020&to=2020', 'to', /must be after/],
    ['/growth?chapters=84,00', 'chapters', /unknown HS chapter "00"/],
    ['/growth', 'section', /required/],
  ] as const) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.json().parameter, parameter)
    t.match(res.json().detail, detail)
  }
})
