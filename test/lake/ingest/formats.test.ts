// The other official layouts: WDI API v2 JSON and bulk CSV, OECD TiVA SDMX-CSV with and without labels.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { runIngest } from '../../../src/lake/ingest/run.js'
import { tivaStage } from '../../../src/lake/ingest/tiva.js'
import { wdiStage } from '../../../src/lake/ingest/wdi.js'
import { independentQuery } from '../../helpers/lakes.js'
import { copyLake, ensureRealSampleLake, REAL_FILES } from '../../helpers/real-lake.js'

const dir = await mkdtemp(join(tmpdir(), 'tradedep-formats-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const lake = await copyLake(await ensureRealSampleLake(), join(dir, 'lake'))

// Real WDI values, re-laid in the official formats.
const long = (await readFile(REAL_FILES.wdi, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','))
const real = (iso3: string, year: number) => Number(long.find(([g, y]) => g === iso3.toLowerCase() && Number(y) === year)![2])

t.test('WDI API v2 JSON: aggregates and empty values left out', async (t) => {
  const record = (iso3: string, year: number, value: number | null) =>
    ({ indicator: { id: 'NY.GNP.PCAP.PP.CD', value: 'GNI per capita, PPP (current international $)' }, country: { id: iso3.slice(0, 2), value: iso3 },
      countryiso3code: iso3, date: String(year), value, unit: '', obs_status: '', decimal: 0 })
  const path = join(dir, 'wdi.json')
  await writeFile(path, JSON.stringify([{ page: 1, pages: 1, per_page: 20000, total: 5, sourceid: '2', lastupdated: '2025-07-01' },
    [record('USA', 2022, real('USA', 2022)), record('ZAF', 2022, real('ZAF', 2022)), record('WLD', 2022, 21000), record('AFG', 2024, null), record('', 2022, 5)]]))
  const result = await runIngest({ lakeDir: lake, threads: 2, stages: [wdiStage({ files: [path] })] })
  const rows = await independentQuery(`SELECT iso3, year, value FROM read_parquet('${lake}/current/wdi.parquet') ORDER BY iso3`)
  t.same(rows, [{ iso3: 'USA', year: 2022, value: 78310 }, { iso3: 'ZAF', year: 2022, value: real('ZAF', 2022) }])
  const [report] = result.reports
  t.equal(report!.rowsRead, 5)
  t.same(report!.rejected.map((r) => [r.rows, r.examples]), [[2, ['WLD (1 rows)', '(blank) (1 rows)']]])
  t.equal(result.manifest.sources.find((s) => s.name === 'WDI')!.release, '2025-07-01')
})

t.test('WDI bulk CSV: preamble, one column per year, other indicators skipped', async (t) => {
  const years = Array.from({ length: 2023 - 1960 + 1 }, (_, i) => 1960 + i)
  const row = (name: string, iso3: string, indicator: string, values: (y: number) => string) =>
    [name, iso3, 'GNI per capita, PPP (current international $)', indicator, ...years.map(values)].map((c) => `"${c}"`).join(',') + ','
  const text = ['"Data Source","World Development Indicators",', '', '"Last Updated Date","2024-06-28",', '',
    ['Country Name', 'Country Code', 'Indicator Name', 'Indicator Code', ...years.map(String)].map((c) => `"${c}"`).join(',') + ',',
    row('United States', 'USA', 'NY.GNP.PCAP.PP.CD', (y) => (y >= 1990 ? String(real('USA', y)) : '')),
    row('United States', 'USA', 'NY.GDP.MKTP.CD', () => '1'),
    row('World', 'WLD', 'NY.GNP.PCAP.PP.CD', (y) => (y === 2022 ? '21000' : ''))].join('\n')
  const path = join(dir, 'API_NY.GNP.PCAP.PP.CD_DS2_en_csv_v2_1.csv')
  await writeFile(path, text)
  const result = await runIngest({ lakeDir: lake, threads: 2, stages: [wdiStage({ files: [path] })] })
  const rows = await independentQuery(`SELECT iso3, count(*)::INTEGER AS n, max(value) FILTER (WHERE year = 2022) AS v2022 FROM read_parquet('${lake}/current/wdi.parquet') GROUP BY 1`)
  t.same(rows, [{ iso3: 'USA', n: 2023 - 1990 + 1, v2022: 78310 }])
  t.same(result.reports[0]!.rejected.map((r) => r.examples), [['WLD (1 rows)']])
  t.equal(result.manifest.sources.find((s) => s.name === 'WDI')!.release, '2024-06-28')
})

// OECD's own spelling D26 becomes the lake's C26; a code already in lake spelling passes unchanged.
const TIVA_ROWS = [
  ['USA', 'EXGR_FVA', 'D26', 'PT_EXGR', '2020', '12.5'],
  ['USA', 'EXGR', 'D26', 'USD_EXC', '2020', '150000.5'],
  ['ZAF', 'EXGR_FVA', 'C26', 'PT_EXGR', '2020', '20.25'],
  ['ZAF', 'EXGR_FVA', 'C27', 'PT_EXGR', '2020', ''],
  ['OECD', 'EXGR_FVA', 'C26', 'PT_EXGR', '2020', '15'],
  ['USA', 'EXGR_DVA', 'C26', 'PT_EXGR', '2020', '87.5'],
]

t.test('TiVA SDMX-CSV, plain codes, UNIT_MULT', async (t) => {
  const path = join(dir, 'tiva.csv')
  const header = 'DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACTIVITY,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT'
  await writeFile(path, [header, ...TIVA_ROWS.map(([a, m, act, u, y, v]) =>
    `OECD.STI.PIE:DSD_TIVA_MAINSH@DF_MAINSH(1.0),${a},W,${m},${act},${u},${y},${v},${m === 'EXGR' ? 6 : 0}`),
    'OECD.STI.PIE:DSD_TIVA_MAINSH@DF_MAINSH(1.0),USA,CHN,EXGR_FVA,C26,PT_EXGR,2020,3,0'].join('\n'))
  const result = await runIngest({ lakeDir: lake, threads: 2, stages: [tivaStage({ file: path })] })
  const rows = await independentQuery(`SELECT * FROM read_parquet('${lake}/current/tiva.parquet') ORDER BY iso3, measure`)
  t.same(rows, [
    { iso3: 'USA', activity: 'C26', year: 2020, measure: 'EXGR', unit: 'USD', value: 150000.5e6 },
    { iso3: 'USA', activity: 'C26', year: 2020, measure: 'EXGR_FVA', unit: 'PT_EXGR', value: 12.5 },
    { iso3: 'ZAF', activity: 'C26', year: 2020, measure: 'EXGR_FVA', unit: 'PT_EXGR', value: 20.25 },
  ])
  t.same(result.reports[0]!.rejected.map((r) => [r.rows, r.examples]), [
    [1, ['EXGR_DVA (1 rows)']], [1, ['CHN (1 rows)']], [1, []], [1, ['OECD (1 rows)']],
  ], 'other measures, partner rows, empty values and aggregates are counted')
  t.equal(result.reports[0]!.rowsRead, 7)
})

t.test('TiVA SDMX-CSV with labels ("CODE: label" cells), no UNIT_MULT', async (t) => {
  const path = join(dir, 'tiva-labels.csv')
  const header = 'STRUCTURE,STRUCTURE_ID,REF_AREA: Reference area,MEASURE: Measure,ACTIVITY: Economic activity,UNIT_MEASURE: Unit of measure,TIME_PERIOD: Time period,OBS_VALUE'
  const names: Record<string, string> = { USA: 'United States', ZAF: 'South Africa', OECD: 'OECD' }
  await writeFile(path, [header, ...TIVA_ROWS.map(([a, m, act, u, y, v]) =>
    `dataflow,OECD.STI.PIE:DSD_TIVA_MAINSH@DF_MAINSH(1.0),"${a}: ${names[a!]}","${m}: measure ${m}","${act}: activity",${u}: unit,${y},${v}`)].join('\n'))
  const result = await runIngest({ lakeDir: lake, threads: 2, stages: [tivaStage({ file: path })] })
  const rows = await independentQuery(`SELECT iso3, measure, value FROM read_parquet('${lake}/current/tiva.parquet') ORDER BY iso3, measure`)
  t.same(rows, [
    { iso3: 'USA', measure: 'EXGR', value: 150000.5e6 },
    { iso3: 'USA', measure: 'EXGR_FVA', value: 12.5 },
    { iso3: 'ZAF', measure: 'EXGR_FVA', value: 20.25 },
  ])
  t.match(result.reports[0]!.notes.join('\n'), /no UNIT_MULT column: EXGR taken to be in US dollars × 10\^6/)
})
