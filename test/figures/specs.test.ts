// format=vega-lite on every figure endpoint: the spec compiles with the installed vega-lite (no warning), has marks and
// the figure's rows inlined, the reference rule (HHI threshold, 40% single-source line, peer median, …) where the figure
// has one, and the title and provenance of the JSON answer. Bar values are checked against the JSON answer's numbers and,
// for single-source, against shares folded from the raw flows.
import t from 'tap'
import { compile } from 'vega-lite'
import { VEGA_LITE_MEDIA_TYPE, VEGA_LITE_SCHEMA } from '../../src/figures/spec.js'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const app = await demoApp()
t.teardown(() => app.close())

interface VegaMark { type: string; from?: { data?: string }; marks?: VegaMark[] }
interface VegaData { name: string; values?: Record<string, unknown>[] }

/** Compiles a Vega-Lite spec, failing on any warning, and returns the Vega spec's flattened marks and inline data. */
function compiled(spec: unknown) {
  const warnings: string[] = []
  const logger = {
    level: () => logger, info: () => logger, debug: () => logger,
    warn: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger },
    error: (...a: unknown[]) => { warnings.push(a.join(' ')); return logger },
  }
  const vega = compile(spec as never, { logger: logger as never }).spec as { marks?: VegaMark[]; data?: VegaData[] }
  const flatten = (marks: VegaMark[] = []): VegaMark[] => marks.flatMap((m) => [m, ...flatten(m.marks)])
  return { warnings, marks: flatten(vega.marks), data: (vega.data ?? []).filter((d) => Array.isArray(d.values)) }
}

async function both(url: string) {
  const json = await app.inject(url)
  const spec = await app.inject(`${url}&format=vega-lite`)
  return { answer: json.json(), specResponse: spec, spec: spec.json() }
}

/** The inline rows of the spec whose fields include `field`, and the values a rule draws. */
function rowsWith(data: VegaData[], field: string) {
  return data.find((d) => d.values!.length > 0 && field in d.values![0]!)?.values ?? []
}
const ruleValues = (data: VegaData[]) => data.flatMap((d) => d.values!).filter((v) => 'label' in v && 'value' in v).map((v) => v.value)

const CASES: { url: string; rows: (answer: { data: any; meta: any }) => number; field: string; rule: ((answer: { data: any; meta: any }) => number) | null }[] = [
  { url: '/suppliers?country=USA&section=XVI&limit=10', field: 'share_pct', rows: (a) => a.data.suppliers.length, rule: null },
  { url: '/suppliers?country=DEU&section=XVI&by=chapter&exclude=CHN&limit=8', field: 'share_pct', rows: (a) => a.data.suppliers.length, rule: null },
  { url: '/hhi?country=USA&section=XVI', field: 'hhi', rows: (a) => a.data.chapters.length, rule: (a) => a.meta.thresholds.hhi },
  { url: '/hhi?country=JPN&section=XVI&level=hs6&threshold=1800&limit=12', field: 'hhi', rows: (a) => a.data.lines.length, rule: () => 1800 },
  { url: '/single-source?country=USA&section=XVI', field: 'top_share_pct', rows: (a) => a.data.chapters.length, rule: () => 40 },
  { url: '/single-source?country=USA&section=XVI&method=proportional&threshold=0.5', field: 'top_share_pct', rows: (a) => a.data.chapters.length, rule: () => 50 },
  { url: '/cr1?section=XVI&limit=15', field: 'top_share_pct', rows: (a) => a.data.length, rule: () => 70 },
  { url: '/buyer-concentration?year=2020&limit=10', field: 'top_share_pct', rows: (a) => a.data.length, rule: () => 50 },
  { url: '/bec-stages?country=USA&section=XVI&from=2020', field: 'share_pct', rows: (a) => a.data.length, rule: null },
  { url: '/growth?section=XVI', field: 'multiple', rows: (a) => a.data.chapters.length, rule: (a) => a.data.median_multiple },
  { url: '/fva-peers?country=USA&section=XVI', field: 'fva_share', rows: (a) => 1 + a.data.peers_with_fva, rule: (a) => a.data.peer_median },
  { url: '/smile-fit?section=XVI&country=USA', field: 'fitted', rows: (a) => a.data.points.length, rule: (a) => a.data.turning_point.income },
]

for (const c of CASES) {
  t.test(`${c.url}&format=vega-lite`, async (t) => {
    const { answer, specResponse, spec } = await both(c.url)
    t.equal(specResponse.statusCode, 200)
    t.equal(specResponse.headers['content-type'], `${VEGA_LITE_MEDIA_TYPE}; charset=utf-8`)
    t.equal(spec.$schema, VEGA_LITE_SCHEMA, 'Vega-Lite v6 schema')
    t.equal(spec.title.text, answer.meta.title, 'titled as the answer (and its citation)')
    t.ok(spec.title.subtitle.some((s: string) => /SYNTHETIC/.test(s)), 'the subtitle warns that the demo data is synthetic')
    t.equal(spec.usermeta.tradedep.citation, answer.meta.citation, 'the BibTeX travels with the spec')
    const vega = compiled(spec)
    t.same(vega.warnings, [], 'compiles without warnings')
    t.ok(vega.marks.filter((m) => m.type !== 'group').length > 0, `${vega.marks.length} marks`)
    t.equal(rowsWith(vega.data, c.field).length, c.rows(answer), `the figure's rows are inlined (${c.field})`)
    if (c.rule) {
      t.ok(vega.marks.some((m) => m.type === 'rule'), 'a reference rule layer')
      t.ok(ruleValues(vega.data).some((v) => Math.abs(Number(v) - c.rule!(answer)) < 1e-9), `the rule is drawn at ${c.rule(answer)}`)
    }
  })
}

t.test('axis titles carry units', async (t) => {
  const titles = async (url: string) => JSON.stringify((await both(url)).spec)
  t.match(await titles('/hhi?country=USA&section=XVI'), /HHI \(index points, 0–10,000\)/)
  t.match(await titles('/single-source?country=USA&section=XVI'), /share of imports \(%\)/)
  t.match(await titles('/fva-peers?country=USA&section=XVI'), /% of gross exports/)
  t.match(await titles('/smile-fit?section=XVI'), /current international \$/)
  t.match(await titles('/growth?section=XVI'), /multiple, ×/)
  t.match(await titles('/cr1?section=XVI'), /US\$/, 'tooltips give values in US$')
})

t.test('single-source bars are the observed top shares, folded independently from the raw flows', async (t) => {
  const flows = `read_parquet('${versionDir(DEMO_LAKE)}/flows/*/*.parquet', hive_partitioning = true, hive_types = {'year': INTEGER})`
  const rows = await independentQuery(`
    WITH v AS (SELECT substr(hs6, 1, 2) AS chapter, exporter, sum(value) AS value FROM ${flows}
               WHERE year = 2024 AND importer = 'USA' AND substr(hs6, 1, 2) IN ('84', '85') GROUP BY ALL)
    SELECT chapter, max(value) / sum(value) * 100 AS top_pct FROM v GROUP BY chapter`)
  const { spec } = await both('/single-source?country=USA&section=XVI&year=2024')
  const bars = rowsWith(compiled(spec).data, 'top_share_pct')
  for (const r of rows) {
    const bar = bars.find((b) => String(b.label).startsWith(`${r.chapter} `))
    t.ok(bar && Math.abs(Number(bar.top_share_pct) - Number(r.top_pct)) < 1e-9, `chapter ${r.chapter}: ${Number(r.top_pct).toFixed(2)}%`)
  }
})

t.test('format=vega-lite is only for figure endpoints, and is cached apart from JSON', async (t) => {
  const res = await app.inject('/countries?format=vega-lite')
  t.equal(res.statusCode, 400)
  t.equal(res.json().parameter, 'format')
  const first = await app.inject('/growth?section=XVI&format=vega-lite')
  const again = await app.inject('/growth?section=XVI&format=vega-lite')
  t.equal(again.headers['x-cache'], 'hit')
  t.equal(again.headers['content-type'], first.headers['content-type'], 'a cached spec keeps its media type')
  t.equal(again.body, first.body)
  t.match((await app.inject('/growth?section=XVI')).headers['content-type'], /^application\/json/, 'JSON stays JSON')
})
