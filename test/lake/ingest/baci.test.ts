// BACI ingest on the real sample (HS92, 2021, exporters ZAF and AFG), with each of the two real country lists.
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import t from 'tap'
import { baciStage } from '../../../src/lake/ingest/baci.js'
import { runIngest } from '../../../src/lake/ingest/run.js'
import { independentQuery } from '../../helpers/lakes.js'
import { ensureRealSampleLake, REAL_FILES } from '../../helpers/real-lake.js'

/** Reads the sample CSV with plain string handling: the independent side of every check here. */
async function readSample() {
  const rows: { i: number; j: number; k: string; v: number; q: string }[] = []
  let header = true
  for await (const line of createInterface({ input: createReadStream(REAL_FILES.baci) })) {
    if (header) { header = false; continue }
    const [, i, j, k, v, q] = line.split(',')
    rows.push({ i: Number(i), j: Number(j), k: k!, v: Number(v), q: q!.replaceAll('"', '').trim() })
  }
  return rows
}

const sample = await readSample()
const dir = await mkdtemp(join(tmpdir(), 'tradedep-baci-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))

t.test('with the V202401 list: every row, 710 → ZAF, 4 → AFG, dollars and quantities', async (t) => {
  const lake = await ensureRealSampleLake()
  const flows = `read_parquet('${lake}/current/flows/*/*.parquet', hive_partitioning = true)`
  t.equal(sample.length, 71192, 'the sample has 71,192 data rows')
  const [count] = await independentQuery(`SELECT count(*)::INTEGER AS n, count(DISTINCT importer)::INTEGER AS importers, count(DISTINCT hs6)::INTEGER AS lines FROM ${flows}`)
  t.same(count, { n: 71192, importers: 211, lines: 4422 })
  const byExporter = await independentQuery(`SELECT exporter, count(*)::INTEGER AS n, sum(value) AS value FROM ${flows} GROUP BY 1 ORDER BY 1`)
  const fold = (code: number) => sample.filter((r) => r.i === code)
  t.same(byExporter.map((r) => [r.exporter, r.n]), [['AFG', fold(4).length], ['ZAF', fold(710).length]], '4 → AFG, 710 → ZAF')
  t.equal(fold(4).length, 3070)
  for (const [iso3, code] of [['AFG', 4], ['ZAF', 710]] as const) {
    const expected = fold(code).reduce((s, r) => s + r.v * 1000, 0)
    const got = Number(byExporter.find((r) => r.exporter === iso3)!.value)
    t.ok(Math.abs(got - expected) < 1e-6 * expected, `${iso3} exports ${got} USD = Σ v × 1,000 from the CSV (${expected})`)
  }
  // One row checked whole: 2021,4,24,382390,52.051,"       13.235" (AFG → AGO).
  const [row] = await independentQuery(`SELECT * FROM ${flows} WHERE exporter = 'AFG' AND importer = 'AGO' AND hs6 = '382390'`)
  t.same([row!.year, row!.value, row!.quantity], [2021, 52051, 13.235])
  // k keeps its leading zero: 81310 in the CSV is 081310.
  const short = sample.filter((r) => r.k.length === 5).length
  t.equal(short, 4442)
  const [padded] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${flows} WHERE hs6 LIKE '0%' AND length(hs6) = 6`)
  t.equal(padded!.n, short, 'five-digit k values become six characters with a leading zero')
  const [bad] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${flows} WHERE length(hs6) <> 6`)
  t.equal(bad!.n, 0)
  // q: "NA" and blanks are NULL, space-padded numbers are numbers.
  const missing = sample.filter((r) => r.q === 'NA' || r.q === '').length
  const [nulls] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${flows} WHERE quantity IS NULL`)
  t.equal(nulls!.n, missing)
  t.equal(missing, 71192 - 68886)
})

t.test('with the V202201 list (Latin-1, old header): code 380 is unknown, 490 has no ISO3', async (t) => {
  const lake = join(dir, 'old-list')
  const stage = () => baciStage({ inputs: [REAL_FILES.baci], countries: REAL_FILES.baciCountriesOld })
  const firstLine = sample.findIndex((r) => r.j === 380) + 2 // 1-based, after the header
  t.equal(firstLine, 1216)
  await t.rejects(runIngest({ lakeDir: lake, stages: [stage()], threads: 2 }),
    /BACI_HS92_Y2021_V202301_sample_ZAF_AFG\.csv, line 1216: unknown country code: importer \(j\) 380 is not in country_codes_V202201\.csv \(661 rows; 1 other unplaceable code\(s\): 490\)/)

  const result = await runIngest({ lakeDir: lake, threads: 2,
    stages: [baciStage({ inputs: [REAL_FILES.baci], countries: REAL_FILES.baciCountriesOld, allowUnknownCodes: true })] })
  const [report] = result.reports
  const unknown = sample.filter((r) => r.j === 380).length
  const noIso3 = sample.filter((r) => r.j === 490).length
  t.same([unknown, noIso3], [661, 359])
  t.equal(report!.rowsRead, 71192)
  t.equal(report!.rowsWritten, 71192 - unknown - noIso3, 'rows of 380 and 490 are left out')
  t.same(report!.rejected.map((r) => [r.reason, r.rows, r.examples]), [
    ['country code not in country_codes_V202201.csv', 661, ['importer 380: 661 rows']],
    ['country code listed without an ISO3 code in country_codes_V202201.csv', 359, ['importer 490: 359 rows']],
  ])
  const [zaf] = await independentQuery(`SELECT sum(value) AS v FROM read_parquet('${lake}/current/flows/*/*.parquet') WHERE exporter = 'ZAF'`)
  const expected = sample.filter((r) => r.i === 710 && r.j !== 380 && r.j !== 490).reduce((s, r) => s + r.v * 1000, 0)
  t.ok(Math.abs(Number(zaf!.v) - expected) < 1e-6 * expected, 'ZAF total without the left-out rows')
  t.equal(result.manifest.sources[0]!.details!.country_codes, 'country_codes_V202201.csv')
})
