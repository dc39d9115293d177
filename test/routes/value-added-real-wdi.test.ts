// /fva-peers and /smile-fit on a lake whose WDI is the REAL World Bank file (ingested by `ingest wdi`),
// with a small TiVA extract in the OECD SDMX-CSV layout (ingested by `ingest tiva`).
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { tivaStage } from '../../src/lake/ingest/tiva.js'
import { runIngest } from '../../src/lake/ingest/run.js'
import { appOn, independentQuery, versionDir } from '../helpers/lakes.js'
import { REAL_FILES, ensureRealSampleLake } from '../helpers/real-lake.js'

const ACTIVITIES = ['C26', 'C27', 'C28']
const NO_TIVA = new Set(['NOR', 'CUB']) // NOR: a USA income peer without TiVA; CUB: neither TiVA nor WDI
const NO_EXGR_C27 = 'DEU' // gross exports missing for one activity: a plain mean

/** A deterministic stand-in for TiVA: FVA share 8–48 % and gross exports (US$ millions) per economy × activity. */
function tivaValue(iso3: string, activity: string) {
  const h = [...`${iso3}${activity}`].reduce((s, c) => (s * 31 + c.charCodeAt(0)) % 10007, 7)
  return { fva: 8 + (h % 400) / 10, exgrMillions: 100 + (h % 5000) }
}

/** The FVA share the endpoint should give, computed from the stand-in directly. */
function expectedFva(iso3: string): number {
  const v = ACTIVITIES.map((a) => tivaValue(iso3, a))
  if (iso3 === NO_EXGR_C27) return (v[0]!.fva + v[1]!.fva + v[2]!.fva) / 3
  return v.reduce((s, x) => s + x.fva * x.exgrMillions, 0) / v.reduce((s, x) => s + x.exgrMillions, 0)
}

// The cached real sample lake (countries, HS, BACI sample, real WDI), copied so adding TiVA leaves it untouched.
const realLake = await ensureRealSampleLake()
const dir = await mkdtemp(join(tmpdir(), 'tradedep-fva-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const lakeDir = join(dir, 'lake')
await cp(realLake, lakeDir, { recursive: true, verbatimSymlinks: true })
const economies = (await independentQuery(`SELECT iso3 FROM '${versionDir(lakeDir)}/countries.parquet' ORDER BY iso3`)).map((r) => String(r.iso3))

const sdmx = ['STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,ACTIVITY,MEASURE,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT']
const row = (area: string, activity: string, measure: string, unit: string, year: number, value: number, mult: number) =>
  sdmx.push(`DATAFLOW,OECD.STI.PIE:DSD_TIVA_MAINSH@DF_MAINSH(1.0),I,${area},${activity},${measure},${unit},${year},${value},${mult}`)
for (const iso3 of economies.filter((e) => !NO_TIVA.has(e))) {
  for (const activity of ACTIVITIES) {
    const { fva, exgrMillions } = tivaValue(iso3, activity)
    row(iso3, activity, 'EXGR_FVA', 'PT_EXGR', 2024, fva, 0)
    if (!(iso3 === NO_EXGR_C27 && activity === 'C27')) row(iso3, activity, 'EXGR', 'USD_EXC', 2024, exgrMillions, 6)
  }
}
// 2023: three economies only, too few for a quadratic with a residual degree of freedom to spare.
for (const iso3 of ['USA', 'CAN', 'MEX']) for (const a of ACTIVITIES) row(iso3, a, 'EXGR_FVA', 'PT_EXGR', 2023, tivaValue(iso3, a).fva, 0)
const tivaFile = join(dir, 'OECD.STI.PIE,DSD_TIVA_MAINSH@DF_MAINSH,1.0+all.csv')
await writeFile(tivaFile, sdmx.join('\n') + '\n')
await runIngest({ lakeDir, stages: [tivaStage({ file: tivaFile, release: 'test extract' })], threads: 1 })

const app = await appOn(lakeDir)
t.teardown(() => app.close())

/** Latest GNI per capita PPP up to `year` per economy, read from the real CSV in plain TypeScript. */
function incomesFromCsv(year: number): Map<string, { value: number; year: number }> {
  const latest = new Map<string, { value: number; year: number }>()
  const [header, ...lines] = readFileSync(REAL_FILES.wdi, 'utf8').trim().split(/\r?\n/)
  t.equal(header, 'geo,time,ny_gnp_pcap_pp_cd')
  for (const line of lines) {
    const [geo, time, value] = line.split(',')
    if (!value || Number(time) > year) continue
    const key = geo!.toUpperCase()
    if (!latest.has(key) || latest.get(key)!.year < Number(time)) latest.set(key, { value: Number(value), year: Number(time) })
  }
  return latest
}

t.test('the USA\'s income peers for 2024 at ±30 % are the set computed from the WDI CSV', async (t) => {
  const res = await app.inject('/fva-peers?country=USA&section=XVI&year=2024&band=0.3')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.equal(meta.synthetic, false, 'no synthetic table in this lake')
  const incomes = incomesFromCsv(2024)
  const usa = incomes.get('USA')!
  t.equal(data.country.income, usa.value, `USA GNI per capita PPP ${usa.value}`)
  t.equal(data.country.income_year, 2024)
  const inBand = [...incomes].filter(([geo, e]) => geo !== 'USA' && e.value >= usa.value * 0.7 && e.value <= usa.value * 1.3).map(([geo]) => geo)
  const lakeEconomies = new Set(economies)
  const expected = inBand.filter((geo) => lakeEconomies.has(geo)).sort()
  const got = data.peers.map((p: { iso3: string }) => p.iso3).sort()
  t.same(got, expected, `${expected.length} peers: ${expected.join(' ')}`)
  // Band members the lake does not list are not economies BACI reports (e.g. the Faroe Islands, in Denmark's trade).
  for (const geo of inBand.filter((g) => !lakeEconomies.has(g))) t.notOk(got.includes(geo), `${geo} is in the band but not an economy of the lake`)
  for (const p of data.peers) {
    t.equal(p.income, incomes.get(p.iso3)!.value, `${p.iso3} income`)
    t.equal(p.income_year, incomes.get(p.iso3)!.year, `${p.iso3} income year (latest up to 2024)`)
  }

  t.ok(Math.abs(data.country.fva_share - expectedFva('USA')) < 1e-9, 'USA FVA share, EXGR-weighted')
  const withFva = data.peers.filter((p: { fva_share: number | null }) => p.fva_share !== null)
  for (const p of withFva) t.ok(Math.abs(p.fva_share - expectedFva(p.iso3)) < 1e-9, `${p.iso3} FVA share`)
  t.same(data.peers.filter((p: { fva_share: number | null }) => p.fva_share === null).map((p: { iso3: string }) => p.iso3), ['NOR'],
    'Norway is a peer without TiVA: listed, left out of the median')
  t.equal(data.peers_with_fva, expected.length - 1)
  const deu = data.peers.find((p: { iso3: string }) => p.iso3 === 'DEU')
  t.equal(deu.weighting, 'plain-mean', 'Germany lacks EXGR for C27')
  t.equal(meta.weighting, 'mixed')
  t.same(meta.plain_mean_economies, ['DEU'])
  t.ok(meta.notes.some((n: string) => n.includes('NOR')), 'a note names the peer without TiVA')
  const sorted = withFva.map((p: { fva_share: number }) => p.fva_share).sort((a: number, b: number) => a - b)
  const mid = sorted.length / 2
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2
  t.ok(Math.abs(data.peer_median - median) < 1e-12, 'peer median over the peers with a value')
})

t.test('a country without TiVA or WDI data is a 404 that says which is missing', async (t) => {
  const cases: [string, RegExp[], RegExp[]][] = [
    ['NOR', [/no TiVA foreign value-added share/, /TiVA years held for NOR: none/], [/WDI/]],
    ['PRK', [/no WDI GNI per capita PPP \(NY\.GNP\.PCAP\.PP\.CD\) for PRK/], [/no TiVA/]],
    ['CUB', [/no TiVA/, /no WDI/], []],
  ]
  for (const [iso3, present, absent] of cases) {
    for (const url of [`/fva-peers?country=${iso3}&section=XVI&year=2024`, `/smile-fit?section=XVI&year=2024&country=${iso3}`]) {
      const res = await app.inject(url)
      t.equal(res.statusCode, 404, url)
      t.match(res.headers['content-type'], /application\/problem\+json/)
      const problem = res.json()
      t.equal(problem.parameter, 'country')
      for (const re of present) t.match(problem.detail, re, `${iso3}: ${problem.detail}`)
      for (const re of absent) t.notMatch(problem.detail, re)
    }
  }
})

t.test('the smile over the real incomes, and a 422 when too few economies have both values', async (t) => {
  const res = await app.inject('/smile-fit?section=XVI&year=2024&country=USA')
  t.equal(res.statusCode, 200)
  const { data } = res.json()
  const incomes = incomesFromCsv(2024)
  const expected = economies.filter((e) => !NO_TIVA.has(e) && incomes.has(e))
  t.equal(data.n, expected.length, `${expected.length} economies with both values`)
  for (const p of data.points) t.ok(Math.abs(p.ln_income - Math.log(incomes.get(p.iso3)!.value)) < 1e-12, `${p.iso3} ln income`)
  t.notMatch(JSON.stringify(data), /NaN|Infinity/)

  const few = await app.inject('/smile-fit?section=XVI&year=2023')
  t.equal(few.statusCode, 422)
  t.match(few.headers['content-type'], /application\/problem\+json/)
  t.equal(few.json().code, 'TRADEDEP_UNPROCESSABLE')
  t.match(few.json().detail, /at least 4 observations; there are 3/)
})
