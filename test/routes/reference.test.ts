import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const lake = versionDir(DEMO_LAKE)

t.test('/countries lists every economy of the lake', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const res = await app.inject('/countries')
  t.equal(res.statusCode, 200)
  const expected = await independentQuery(`SELECT iso3, name FROM read_parquet('${lake}/countries.parquet') ORDER BY iso3`)
  t.same(res.json().data.map((c: { iso3: string; name: string }) => ({ iso3: c.iso3, name: c.name })), expected)
  t.ok(expected.length >= 60)
})

t.test('/sections: 21 sections, chapters with names from the nomenclature at chapter level', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const res = await app.inject('/sections')
  const sections = res.json().data as { section: string; number: number; chapters: { chapter: string; name: string }[] }[]
  t.equal(sections.length, 21)
  t.same(sections.map((s) => s.number), Array.from({ length: 21 }, (_, i) => i + 1))
  const xvi = sections.find((s) => s.section === 'XVI')!
  t.same(xvi.chapters.map((c) => c.chapter), ['84', '85'])
  const names = await independentQuery(
    `SELECT code, description FROM read_parquet('${lake}/hs.parquet') WHERE level = 2 AND code IN ('84', '85') ORDER BY code`)
  t.same(xvi.chapters.map((c) => c.name), names.map((n) => n.description))
  const csv = await app.inject('/sections?format=csv')
  t.equal(csv.body.trim().split('\n').length - 1, sections.reduce((n, s) => n + s.chapters.length, 0), 'one CSV row per chapter')
})

t.test('/datasets: per source the years covered and row counts, all synthetic', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const data = (await app.inject('/datasets')).json().data as { name: string; years: { from: number; to: number; covered: string } | null; tables: { name: string; rows: number }[]; synthetic: boolean }[]
  const baci = data.find((d) => d.name === 'BACI')!
  t.same(baci.years, { from: 2000, to: 2024, covered: '2000, 2015–2024' })
  const [flows] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM read_parquet('${lake}/flows/*/*.parquet')`)
  t.same(baci.tables, [{ name: 'flows', rows: flows!.n }])
  t.same(data.find((d) => d.name === 'TiVA')!.years, { from: 2015, to: 2020, covered: '2015–2020' })
  t.ok(data.every((d) => d.synthetic))
})
