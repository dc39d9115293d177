// kill -9 in the middle of `tradedep ingest`: the previous version stays served, and the next ingest cleans up.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { baciStage } from '../../src/lake/ingest/baci.js'
import { runIngest } from '../../src/lake/ingest/run.js'
import { sampleLines, writeLines } from '../helpers/fixtures.js'
import { appOn, ROOT } from '../helpers/lakes.js'
import { copyLake, ensureRealSampleLake, lakeSnapshot, REAL_FILES } from '../helpers/real-lake.js'

const dir = await mkdtemp(join(tmpdir(), 'tradedep-kill-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const lake = await copyLake(await ensureRealSampleLake(), join(dir, 'lake'))

// Three years of the sample, so the ingest lasts long enough to be caught in the middle.
const lines = await sampleLines(71192)
const inputs = await Promise.all([2019, 2020, 2021].map((year) =>
  writeLines(dir, `BACI_HS92_Y${year}_V202301.csv`, [lines[0]!, ...lines.slice(1).map((l) => l.replace(/^2021,/, `${year},`))])))

t.test('kill -9 while a version is being built', async (t) => {
  const before = await lakeSnapshot(lake)
  const child = spawn(process.execPath, [join(ROOT, 'bin/tradedep.js'), '--lake-dir', lake, '--quiet', 'ingest', 'baci', ...inputs,
    '--countries', REAL_FILES.baciCountries], { cwd: ROOT, stdio: 'ignore' })
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  // Wait until the build has started writing flows into its temporary folder, then kill it.
  let building: string | undefined
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    building = (await readdir(lake)).find((e) => e.startsWith('.building-'))
    if (building && existsSync(join(lake, building, 'flows'))) break
    await new Promise((r) => setTimeout(r, 5))
  }
  t.ok(building, `caught mid-ingest in ${building}`)
  child.kill('SIGKILL')
  t.equal(await exited, 'SIGKILL')

  t.same(await lakeSnapshot(lake), before, '`current` still points at the previous version, whose manifest is unchanged')
  t.ok((await readdir(lake)).includes(building!), 'the half-built folder is left behind, never served')
  const app = await appOn(lake)
  t.teardown(() => app.close())
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 200)
  t.equal(ready.json().lake_version, JSON.parse(before.manifest).lake_version, 'the previous version is served')
  const countries = await app.inject('/countries')
  t.equal(countries.statusCode, 200)

  // The next ingest takes over the dead process's lock and removes what it left.
  const result = await runIngest({ lakeDir: lake, threads: 2, stages: [baciStage({ inputs: [inputs[2]!], countries: REAL_FILES.baciCountries })] })
  const after = await readdir(lake)
  t.same(after.filter((e) => e.startsWith('.')), [], 'no .building-*, .ingest-* or lock left')
  t.not((await lakeSnapshot(lake)).target, before.target)
  t.equal(result.reports[0]!.rowsWritten, 71192)
})

t.test('one ingest at a time: a live lock holder stops a second ingest, which changes nothing', async (t) => {
  const before = await lakeSnapshot(lake)
  await writeFile(join(lake, '.ingest.lock'), String(process.pid))
  t.teardown(() => rm(join(lake, '.ingest.lock'), { force: true }))
  await t.rejects(runIngest({ lakeDir: lake, stages: [baciStage({ inputs: [inputs[2]!], countries: REAL_FILES.baciCountries })] }),
    new RegExp(`^another ingest \\(pid ${process.pid}\\) is writing to ${lake.replaceAll('/', '\\/')}; wait for it to finish$`))
  t.same(await lakeSnapshot(lake), before)
})
