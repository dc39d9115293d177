// Each malformed input stops the ingest with an error naming the file, the line and the problem, and leaves the lake as it was.
import { mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { baciStage } from '../../../src/lake/ingest/baci.js'
import { hsStage } from '../../../src/lake/ingest/hs.js'
import { runIngest } from '../../../src/lake/ingest/run.js'
import type { Stage } from '../../../src/lake/ingest/stage.js'
import { tivaStage } from '../../../src/lake/ingest/tiva.js'
import { wdiStage } from '../../../src/lake/ingest/wdi.js'
import { baciReleaseZip, sampleLines, writeLines } from '../../helpers/fixtures.js'
import { copyLake, ensureRealSampleLake, lakeSnapshot, REAL_FILES } from '../../helpers/real-lake.js'

const dir = await mkdtemp(join(tmpdir(), 'tradedep-malformed-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const lake = await copyLake(await ensureRealSampleLake(), join(dir, 'lake'))
const lines = await sampleLines(60)
const NAME = 'BACI_HS92_Y2021_V202301_test.csv'

/** Runs the step, expects the error, and checks the lake did not change and no half-built folder remains. */
async function rejects(t: Test, stage: Stage, message: RegExp) {
  const before = await lakeSnapshot(lake)
  await t.rejects(runIngest({ lakeDir: lake, stages: [stage], threads: 2 }), message)
  t.same(await lakeSnapshot(lake), before, '`current` and its manifest are unchanged')
  t.same((await readdir(lake)).filter((e) => e.startsWith('.')), [], 'no temporary folder left behind')
}

function baci(path: string, extra: Partial<Parameters<typeof baciStage>[0]> = {}) {
  return baciStage({ inputs: [path], countries: REAL_FILES.baciCountries, ...extra })
}

/** The sample lines with line `n` (1-based, the header is line 1) replaced. */
function withLine(n: number, text: string): string[] {
  return lines.map((l, i) => (i === n - 1 ? text : l))
}

t.test('text in v', async (t) => {
  const path = await writeLines(dir, NAME, withLine(10, '2021,4,24,690790,abc,"        1.854"'))
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 10: v "abc" is not a number \\(thousand US dollars\\)$`))
})

t.test('wrong header', async (t) => {
  const path = await writeLines(dir, NAME, withLine(1, '"t","i","j","k","value","q"'))
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 1: wrong header: expected "t,i,j,k,v,q"`))
})

t.test('unknown country code', async (t) => {
  const path = await writeLines(dir, NAME, withLine(20, '2021,999,24,382390,1.5,"        1.000"'))
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 20: unknown country code: exporter \\(i\\) 999 is not in country_codes_V202401\\.csv \\(1 rows\\)`))
})

t.test('duplicate key (t,i,j,k)', async (t) => {
  const [, i, j, k] = lines[4]!.split(',')
  const path = await writeLines(dir, NAME, withLine(30, `2021,${i},${j},${k},9.999,NA`))
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 5: duplicate key \\(t,i,j,k\\) = \\(2021,${i},${j},${k}\\): 2 rows$`))
})

t.test('a row cut short (truncated CSV)', async (t) => {
  const path = await writeLines(dir, NAME, [...lines.slice(0, 40), '2021,710,4,84'])
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 41: malformed CSV row: Expected Number of Columns: 6 Found: 4`))
})

t.test('a year other than the file name says', async (t) => {
  const path = await writeLines(dir, NAME, withLine(7, lines[6]!.replace(/^2021,/, '2020,')))
  await rejects(t, baci(path), new RegExp(`^${NAME}, line 7: t is 2020, but the file is for 2021$`))
})

t.test('truncated zip', async (t) => {
  const zip = await baciReleaseZip(dir)
  await truncate(zip, Math.floor((await stat(zip)).size / 2))
  await rejects(t, baciStage({ inputs: [zip] }), /^BACI_HS92_V202301\.zip: truncated or not a zip archive \(its end-of-central-directory record is missing\); download it again$/)
})

t.test('wrong header in the nomenclature', async (t) => {
  const path = join(dir, 'hs2022.csv')
  await writeFile(path, 'section,code,description\nI,01,Animals; live\n')
  await rejects(t, hsStage({ nomenclature: path, sections: REAL_FILES.sections }),
    /^hs2022\.csv, line 1: wrong header: expected columns section,hscode,description,parent,level, found "section,code,description"$/)
})

t.test('text in a WDI value', async (t) => {
  const path = join(dir, 'wdi.csv')
  await writeFile(path, 'geo,time,ny_gnp_pcap_pp_cd\nusa,2021,70000\nusa,2022,seventy\n')
  await rejects(t, wdiStage({ files: [path] }), /^wdi\.csv, line 3: value "seventy" is not a number$/)
})

t.test('duplicate WDI observations', async (t) => {
  const path = join(dir, 'wdi.csv')
  await writeFile(path, 'geo,time,ny_gnp_pcap_pp_cd\nusa,2021,70000\nzaf,2021,15000\nUSA,2021,70001\n')
  await rejects(t, wdiStage({ files: [path] }), /^wdi\.csv, line 4: duplicate key \(economy, indicator, year\) = \(USA, NY\.GNP\.PCAP\.PP\.CD, 2021\), also at wdi\.csv line 2$/)
})

t.test('TiVA without OBS_VALUE, and with text in OBS_VALUE', async (t) => {
  const path = join(dir, 'tiva.csv')
  await writeFile(path, 'DATAFLOW,REF_AREA,MEASURE,ACTIVITY,UNIT_MEASURE,TIME_PERIOD,VALUE\nX,USA,EXGR_FVA,C26,PT_EXGR,2020,10\n')
  await rejects(t, tivaStage({ file: path }), /^tiva\.csv, line 1: wrong header: an OECD SDMX-CSV needs the columns .*; missing OBS_VALUE/)
  await writeFile(path, 'DATAFLOW,REF_AREA,MEASURE,ACTIVITY,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE\nX,USA,EXGR_FVA,C26,PT_EXGR,2020,10\nX,ZAF,EXGR_FVA,C26,PT_EXGR,2020,n/a\n')
  await rejects(t, tivaStage({ file: path }), /^tiva\.csv, line 3: OBS_VALUE "n\/a" is not a number$/)
})
