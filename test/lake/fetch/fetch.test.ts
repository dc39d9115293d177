// Fetch against a local server in the official layouts: resumed after a cut, size-checked, retried, then ingested.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { DownloadError, download } from '../../../src/lake/fetch/download.js'
import { fetchTiva, fetchWdi } from '../../../src/lake/fetch/sources.js'
import { runIngest } from '../../../src/lake/ingest/run.js'
import { tivaStage } from '../../../src/lake/ingest/tiva.js'
import { wdiStage } from '../../../src/lake/ingest/wdi.js'
import { sha256File } from '../../../src/lake/writer.js'
import { baciReleaseZip } from '../../helpers/fixtures.js'
import { independentQuery, ROOT } from '../../helpers/lakes.js'
import { copyLake, ensureRealSampleLake, REAL_FILES } from '../../helpers/real-lake.js'
import { startReleaseServer } from '../../helpers/release-server.js'

const dir = await mkdtemp(join(tmpdir(), 'tradedep-fetch-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const zipPath = await baciReleaseZip(dir)
const zip = await readFile(zipPath)

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/tradedep.js'), ...args], { cwd: ROOT, env: { ...process.env, LAKE_DIR: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

t.test('tradedep fetch baci: a cut download is resumed with Range, checked, and ingested', async (t) => {
  const server = await startReleaseServer({ '/baci/BACI_HS92_V202301.zip': { body: zip, cutAfter: 100_000, cuts: 2 } })
  t.teardown(() => server.close())
  const lake = join(dir, 'fetched')
  const result = await runCli(['--lake-dir', lake, 'fetch', 'baci', '--revision', 'HS92', '--release', 'V202301',
    '--base-url', `${server.baseUrl}/baci`, '--retry-delay-ms', '10'])
  t.equal(result.code, 0, result.stderr)
  const offsets = server.requests.map((r) => (r.range ? Number(/^bytes=(\d+)-$/.exec(r.range)![1]) : 0))
  t.equal(offsets.length, 3, 'two cuts, three requests')
  t.ok(offsets[0] === 0 && offsets[1]! > 0 && offsets[2]! > offsets[1]!, `resumed where it was cut: ${offsets.join(', ')}`)
  const downloaded = join(lake, 'downloads/BACI_HS92_V202301.zip')
  t.equal(await sha256File(downloaded), await sha256File(zipPath), 'the downloaded zip is byte-identical')
  t.match(result.stdout, /BACI V202301 — BACI_HS92_V202301\.zip\n  rows read     71,192\n  rows written  71,192\n  rejected      0\n  years         2021\n/)
  const manifest = JSON.parse(await readFile(join(lake, 'current/manifest.json'), 'utf8'))
  t.same(manifest.sources[0].files, [{ name: 'BACI_HS92_V202301.zip', sha256: await sha256File(zipPath), bytes: zip.length }])
  t.equal(manifest.sources[0].details.country_codes, 'country_codes_V202301.csv', 'country list taken from the zip')
  const [flows] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM read_parquet('${lake}/current/flows/*/*.parquet')`)
  t.equal(flows!.n, 71192)
})

t.test('a missing release is a clear error, not retried', async (t) => {
  const server = await startReleaseServer({})
  t.teardown(() => server.close())
  await t.rejects(download({ url: `${server.baseUrl}/BACI_HS92_V209912.zip`, dest: join(dir, 'x.zip'), retryDelayMs: 1 }),
    new DownloadError(`${server.baseUrl}/BACI_HS92_V209912.zip`, 'HTTP 404 Not Found'))
  t.equal(server.requests.length, 1)
  await t.rejects(stat(join(dir, 'x.zip')), 'nothing is left at the destination')
})

t.test('a server that keeps cutting gives up after the retries; nothing is renamed into place', async (t) => {
  const server = await startReleaseServer({ '/f.zip': { body: zip, cutAfter: 0, cuts: 100 } })
  t.teardown(() => server.close())
  await t.rejects(download({ url: `${server.baseUrl}/f.zip`, dest: join(dir, 'f.zip'), retries: 2, retryDelayMs: 1 }), /failed after 3 attempts/)
  t.equal(server.requests.length, 3)
  await t.rejects(stat(join(dir, 'f.zip')))
})

t.test('fetch wdi (two API pages merged) and fetch tiva, then ingest', async (t) => {
  const long = (await readFile(REAL_FILES.wdi, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','))
  const records = long.filter(([g]) => ['usa', 'zaf', 'afg'].includes(g!)).map(([g, y, v]) => ({
    indicator: { id: 'NY.GNP.PCAP.PP.CD' }, countryiso3code: g!.toUpperCase(), date: y, value: Number(v),
  }))
  const page = (url: URL) => {
    const n = Number(url.searchParams.get('page'))
    const half = Math.ceil(records.length / 2)
    return Buffer.from(JSON.stringify([{ page: n, pages: 2, per_page: half, total: records.length, lastupdated: '2025-07-01' },
      records.slice((n - 1) * half, n * half)]))
  }
  const tiva = Buffer.from('REF_AREA,MEASURE,ACTIVITY,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT\nUSA,EXGR_FVA,C26,PT_EXGR,2020,12.5,0\nZAF,EXGR_FVA,C26,PT_EXGR,2020,20,0\n')
  const server = await startReleaseServer({
    '/v2/country/all/indicator/NY.GNP.PCAP.PP.CD': { body: page },
    '/rest/data/OECD.STI.PIE,DSD_TIVA_MAINSH@DF_MAINSH,/all': { body: tiva },
  })
  t.teardown(() => server.close())
  const downloads = join(dir, 'downloads')
  const wdiFile = await fetchWdi({ baseUrl: `${server.baseUrl}/v2`, downloadDir: downloads })
  const tivaFile = await fetchTiva({ baseUrl: `${server.baseUrl}/rest`, downloadDir: downloads })
  t.same(server.requests.map((r) => r.path.split('&page=')[1] ?? r.path.split('?')[0]), ['1', '2', '/rest/data/OECD.STI.PIE,DSD_TIVA_MAINSH@DF_MAINSH,/all'])
  const lake = await copyLake(await ensureRealSampleLake(), join(dir, 'lake'))
  await runIngest({ lakeDir: lake, threads: 2, stages: [wdiStage({ files: [wdiFile] }), tivaStage({ file: tivaFile })] })
  const [wdi] = await independentQuery(`SELECT count(*)::INTEGER AS n, max(value) FILTER (WHERE iso3 = 'USA' AND year = 2022) AS usa FROM read_parquet('${lake}/current/wdi.parquet')`)
  t.same(wdi, { n: records.length, usa: 78310 })
  const [fva] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM read_parquet('${lake}/current/tiva.parquet')`)
  t.equal(fva!.n, 2)
})
