import t, { type Test } from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const lake = versionDir(DEMO_LAKE)

interface Row { year: number; stage: string; label: string; value: number; share: number | null }
interface Coverage { year: number; mapped_value: number; total_value: number; mapped_share: number | null }

/**
 * Stage values straight from the flows and hs_bec parquet: the SPEC's groups written out here, each HS6
 * line split equally over its BEC codes (1 / number of codes, not the stored weight), unmapped lines apart.
 */
function independentStageSql(side: 'exporter' | 'importer' | null, extraWhere = '') {
  return `
    WITH f AS (SELECT year, hs6, sum(value) AS value
               FROM read_parquet('${lake}/flows/*/*.parquet', hive_partitioning = true)
               WHERE year BETWEEN $1 AND $2 ${side ? `AND ${side} = $3` : ''} ${extraWhere}
               GROUP BY year, hs6),
         b AS (SELECT hs6, bec, 1.0 / count(*) OVER (PARTITION BY hs6) AS part FROM read_parquet('${lake}/hs_bec.parquet'))
    SELECT f.year::INTEGER AS year,
           CASE WHEN b.bec IN ('111', '21', '31') THEN 'primary'
                WHEN b.bec IN ('121', '22', '322') THEN 'processed'
                WHEN b.bec IN ('42', '53') THEN 'parts'
                WHEN b.bec IN ('41', '521') THEN 'capital'
                WHEN b.bec IN ('112', '122', '522', '61', '62', '63') THEN 'consumption'
                ELSE 'unassigned' END AS stage,
           b.hs6 IS NOT NULL AS mapped,
           sum(f.value * coalesce(b.part, 1))::DOUBLE AS value
    FROM f LEFT JOIN b ON b.hs6 = f.hs6
    GROUP BY ALL`
}

function close(t: Test, actual: number, expected: number, what: string) {
  t.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`)
}

function checkAgainst(t: Test, data: Row[], coverage: Coverage[], expected: Record<string, unknown>[]) {
  const byStage = new Map<string, number>()
  const mapped = new Map<number, [number, number]>()
  for (const e of expected) {
    const key = `${e.year}|${e.stage}`
    byStage.set(key, (byStage.get(key) ?? 0) + Number(e.value))
    const m = mapped.get(Number(e.year)) ?? [0, 0]
    mapped.set(Number(e.year), [m[0] + (e.mapped ? Number(e.value) : 0), m[1] + Number(e.value)])
  }
  for (const row of data) close(t, row.value, byStage.get(`${row.year}|${row.stage}`) ?? 0, `${row.year} ${row.stage}`)
  for (const c of coverage) {
    const [m, total] = mapped.get(c.year) ?? [0, 0]
    close(t, c.mapped_value, m, `${c.year} mapped value`)
    close(t, c.total_value, total, `${c.year} total value`)
  }
}

function sharesSumToOne(t: Test, data: Row[]) {
  const years = [...new Set(data.map((r) => r.year))]
  for (const year of years) {
    const rows = data.filter((r) => r.year === year)
    t.equal(rows.length, 6, `${year}: one row per stage`)
    const sum = rows.reduce((s, r) => s + r.share!, 0)
    t.ok(Math.abs(sum - 1) < 1e-9, `${year}: shares sum to 1 (${sum})`)
  }
}

t.test('world by default: every year from 2000 to the latest, values equal sums over flows ⋈ hs_bec', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const res = await app.inject('/bec-stages')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json() as { data: Row[]; meta: Record<string, any> }
  const years = [2000, ...Array.from({ length: 10 }, (_, i) => 2015 + i)]
  t.same([...new Set(data.map((r) => r.year))], years)
  t.same(data.slice(0, 6).map((r) => r.stage), ['primary', 'processed', 'parts', 'capital', 'consumption', 'unassigned'])
  sharesSumToOne(t, data)
  checkAgainst(t, data, meta.coverage, await independentQuery(independentStageSql(null), [2000, 2024]))
  t.ok(meta.coverage.every((c: Coverage) => c.mapped_share! > 0.9 && c.mapped_share! < 1), 'the demo concordance leaves a few lines unmapped')
  t.same(meta.query, { from: 2000, to: 2024, country: null, flow: null, section: null, chapters: null, format: 'json' })
  t.match(meta.bec_mapping, { lake_hs_revision: 'HS2022', table_hs_revision: 'HS2022', method: 'exact' })
  t.equal(meta.units.value, 'US dollars')
  t.equal(meta.stages.length, 6)
  t.equal(meta.synthetic, true)
})

t.test("a country's imports and exports equal sums taken from its flows; section filter", async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const imports = (await app.inject('/bec-stages?country=usa&from=2020&to=2023')).json()
  t.equal(imports.meta.query.country, 'USA')
  t.equal(imports.meta.query.flow, 'imports')
  t.equal(imports.data.length, 4 * 6)
  sharesSumToOne(t, imports.data)
  checkAgainst(t, imports.data, imports.meta.coverage, await independentQuery(independentStageSql('importer'), [2020, 2023, 'USA']))

  const exports = (await app.inject('/bec-stages?country=DEU&flow=exports&section=XVI&from=2024')).json()
  t.same(exports.meta.query.chapters, ['84', '85'])
  sharesSumToOne(t, exports.data)
  const expected = await independentQuery(independentStageSql('exporter', "AND substr(hs6, 1, 2) IN ('84', '85')"), [2024, 2024, 'DEU'])
  t.ok(expected.length > 0)
  checkAgainst(t, exports.data, exports.meta.coverage, expected)
})

t.test('CSV, explain (reads the summary, never flows), chapters', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const csv = await app.inject('/bec-stages?from=2023&chapters=87&format=csv')
  t.match(csv.headers['content-type'], /text\/csv/)
  const lines = csv.body.trim().split('\n')
  t.equal(lines[0], 'year,stage,label,value,share')
  t.equal(lines.length, 1 + 2 * 6)
  const explained = (await app.inject('/bec-stages?country=CHN&explain=true')).json()
  t.ok(explained.meta.sql.length >= 1)
  for (const q of explained.meta.sql) {
    t.match(q.sql, /FROM bec_stage/)
    t.notMatch(q.sql, /\bflows\b/)
  }
  t.ok(explained.meta.sql.some((q: { params: unknown[] }) => q.params.includes('CHN')), 'the country is a bound value')
})

t.test('bad input is a 400 problem+json naming the parameter', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const cases: [string, string, RegExp][] = [
    ['/bec-stages?from=2020&to=2016', 'from', /2020 is after to=2016/],
    ['/bec-stages?flow=both', 'flow', /imports, exports/],
    ['/bec-stages?from=1990', 'from', /2000, 2015–2024/],
    ['/bec-stages?to=2010', 'to', /2000, 2015–2024/],
    ['/bec-stages?country=XYZ', 'country', /XYZ/],
    ['/bec-stages?section=XXV', 'section', /XXV/],
    ['/bec-stages?section=XVI&chapters=84', 'chapters', /either/],
  ]
  for (const [url, parameter, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.match(res.json(), { status: 400, parameter, detail }, url)
  }
})
