import { readdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { FIGURE_IDS } from '../../src/figures/index.js'
import { copyDemoLake } from '../helpers/lake-copy.js'
import { DEMO_LAKE, appOn, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const app = await demoApp()
t.teardown(() => app.close())
const catalog = app.lakes.current!.catalog
const LATEST = catalog.tradeYears!.to
const FLOWS = `read_parquet('${versionDir(DEMO_LAKE)}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`

interface Figure {
  id: string; status: number; headline: string | null; path: string
  links: Record<string, string>; data?: unknown; meta?: Record<string, any>; problem?: Record<string, any>
}

t.test('every figure of the seed report, in its order, each equal to its endpoint\'s own answer', async (t) => {
  const res = await app.inject('/report?country=usa&section=16')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same(data.country, { iso3: 'USA', name: 'United States' })
  t.equal(data.section.section, 'XVI')
  t.equal(data.year, LATEST, 'the latest trade year by default')
  t.equal(data.tiva_year, catalog.tivaYears!.years.filter((y) => y <= LATEST).at(-1), 'the latest TiVA year up to it')
  t.same(data.figures.map((f: Figure) => f.id), [...FIGURE_IDS])
  t.same(data.missing, [])
  t.same(meta.query, { country: 'USA', section: 'XVI', year: LATEST, format: 'json' })
  t.equal(meta.synthetic, true)
  t.match(meta.citation, /^@misc\{tradedep_\d{8}_report-on-usa-hs-section-xvi/)
  t.same(meta.sources.map((s: { name: string }) => s.name), ['BACI', 'TiVA', 'WDI', 'HS', 'HS-BEC', 'countries'])
  for (const f of data.figures as Figure[]) {
    t.equal(f.status, 200, `${f.id} answered`)
    t.ok(f.path.startsWith(`/${f.id}?`), `${f.id} names its request`)
    const alone = await app.inject(f.path)
    t.equal(alone.statusCode, 200)
    const { data: aloneData, meta: aloneMeta } = alone.json()
    t.same(f.data, aloneData, `${f.id}: the data equals ${f.path}`)
    t.same(f.meta, aloneMeta, `${f.id}: the meta (and its BibTeX) equals the endpoint's`)
    t.match(f.meta!.citation, /^@misc\{/, `${f.id} carries its BibTeX`)
    t.type(f.headline, 'string')
    t.same(f.links, {
      json: f.path, csv: `${f.path}&format=csv`, vega_lite: `${f.path}&format=vega-lite`, cite: `/cite?path=${encodeURIComponent(f.path)}`,
    })
  }
  const year = (id: string) => data.figures.find((f: Figure) => f.id === id).meta.query
  t.equal(year('fva-peers').year, data.tiva_year)
  t.equal(year('smile-fit').year, data.tiva_year)
  t.equal(year('hhi').year, LATEST)
  t.equal(year('growth').to, LATEST)
  t.equal(year('bec-stages').to, LATEST)
  t.equal(year('suppliers').limit, 10, 'the top ten suppliers')
})

t.test('headlines are built from the numbers (checked against the raw flows)', async (t) => {
  const { data } = (await app.inject('/report?country=DEU&section=XVI&year=2020')).json()
  const headline = (id: string) => data.figures.find((f: Figure) => f.id === id).headline as string
  const rows = await independentQuery(`
    WITH v AS (SELECT substr(hs6, 1, 2) AS chapter, exporter, sum(value) AS value FROM ${FLOWS}
               WHERE year = 2020 AND importer = 'DEU' AND substr(hs6, 1, 2) IN ('84', '85') GROUP BY ALL),
         s AS (SELECT chapter, exporter, value / sum(value) OVER (PARTITION BY chapter) AS share FROM v)
    SELECT chapter, exporter, share FROM s ORDER BY share DESC, exporter LIMIT 1`)
  const top = rows[0]!
  t.ok(headline('single-source').startsWith(`${top.chapter}: ${Math.round(Number(top.share) * 100)}% of DEU's imports come from ${top.exporter}, 2020`),
    headline('single-source'))
  const origins = await independentQuery(`
    SELECT exporter, sum(value) AS value, sum(sum(value)) OVER () AS total FROM ${FLOWS}
    WHERE year = 2020 AND importer = 'DEU' AND substr(hs6, 1, 2) IN ('84', '85') GROUP BY exporter ORDER BY value DESC, exporter LIMIT 1`)
  const first = origins[0]!
  t.ok(headline('suppliers').startsWith(`${first.exporter} supplies ${Math.round(Number(first.value) / Number(first.total) * 100)}% of DEU's imports in HS Section XVI`),
    headline('suppliers'))
  t.match(headline('hhi'), /^8[45]: HHI [\d,]+ \((un|moderately |highly )?concentrated\)/)
  t.match(headline('fva-peers'), /^Foreign value added is \d+\.\d% of DEU's exports in HS Section XVI \(2020\), [+−]\d+\.\d pp against the median of its \d+ income peers/)
  t.match(headline('smile-fit'), /^DEU is (over|on|under)-trend/)
})

t.test('a figure whose data is missing says why; the others still answer', async (t) => {
  // Year 2000: trade data exists, TiVA does not (400 stating TiVA's range), and growth has no earlier base year.
  const res = await app.inject('/report?country=USA&section=XVI&year=2000')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  const byId = Object.fromEntries(data.figures.map((f: Figure) => [f.id, f]))
  t.same(data.missing.sort(), ['fva-peers', 'growth', 'smile-fit'])
  for (const id of data.missing) {
    t.equal(byId[id].status, 400)
    t.equal(byId[id].headline, null)
    t.notOk('data' in byId[id], `${id} has no data`)
    t.equal(byId[id].problem.status, 400, `${id}: the endpoint's problem+json`)
  }
  t.match(byId['fva-peers'].problem.detail, /TiVA years available/)
  t.equal(byId.suppliers.status, 200)
  t.ok(meta.notes.some((n: string) => /^fva-peers: 400/.test(n)), 'the notes list the missing figures')
})

t.test('a country without TiVA data: 404 for the value-added figures, the trade figures answer', async (t) => {
  const lake = await copyDemoLake('tradedep-report-')
  t.teardown(() => lake.remove())
  const tiva = join(lake.versionDir, 'tiva.parquet')
  t.ok((await readdir(lake.versionDir)).includes('tiva.parquet'))
  const trimmed = join(lake.versionDir, 'tiva-without-usa.parquet')
  await independentQuery(`COPY (SELECT * FROM read_parquet('${tiva}') WHERE iso3 <> 'USA') TO '${trimmed}' (FORMAT parquet)`)
  await rename(trimmed, tiva)
  const other = await appOn(lake.lakeDir)
  t.teardown(() => other.close())
  const { data } = (await other.inject('/report?country=USA&section=XVI')).json()
  const status = Object.fromEntries(data.figures.map((f: Figure) => [f.id, f.status]))
  t.equal(status['fva-peers'], 404)
  t.equal(status['smile-fit'], 404)
  t.match(data.figures[0].problem.detail, /no TiVA foreign value-added share/)
  for (const id of ['suppliers', 'hhi', 'single-source', 'cr1', 'buyer-concentration', 'bec-stages', 'growth']) t.equal(status[id], 200, `${id} answers`)
})

t.test('explain=true gives each figure its SQL', async (t) => {
  const { data } = (await app.inject('/report?country=USA&section=XVI&explain=true')).json()
  for (const f of data.figures as Figure[]) t.ok(f.meta!.sql.length > 0, `${f.id}: ${f.meta!.sql.length} statements`)
})

t.test('format=csv lists the figures with their headlines', async (t) => {
  const res = await app.inject('/report?country=USA&section=XVI&year=2000&format=csv')
  t.match(res.headers['content-type'], /^text\/csv/)
  const lines = res.body.trim().split('\n')
  t.equal(lines[0], 'figure,label,status,headline,path,problem')
  t.equal(lines.length, 1 + FIGURE_IDS.length)
  t.match(res.body, /\nfva-peers,[^\n]*,400,,\/fva-peers\?country=USA&section=XVI&year=2000,parameter year: 2000 is outside/)
})

t.test('bad input is a 400 naming the parameter', async (t) => {
  for (const [query, parameter, detail] of [
    ['country=XYZ&section=XVI', 'country', /unknown country code "XYZ"/],
    ['country=USA&section=XXV', 'section', /unknown HS section/],
    ['country=USA&section=XVI&year=1990', 'year', /trade years available: 2000, 2015–2024/],
    ['section=XVI', 'country', /required/],
    ['country=USA&section=XVI&format=vega-lite', 'format', /json, csv/],
  ] as const) {
    const res = await app.inject(`/report?${query}`)
    t.equal(res.statusCode, 400, query)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().parameter, parameter)
    t.match(res.json().detail, detail)
  }
})
