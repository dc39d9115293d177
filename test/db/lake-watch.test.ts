// A running server switches to a new lake version by watching `current`, without failing requests in flight.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { fetch } from 'undici'
import { runIngest } from '../../src/lake/ingest/run.js'
import { wdiStage } from '../../src/lake/ingest/wdi.js'
import { PoolClosedError } from '../../src/db/pool.js'
import { appOn, ROOT } from '../helpers/lakes.js'
import { copyLake, ensureRealSampleLake, REAL_FILES } from '../helpers/real-lake.js'

const dir = await mkdtemp(join(tmpdir(), 'tradedep-watch-'))
t.teardown(() => rm(dir, { recursive: true, force: true }))
const source = await ensureRealSampleLake()

async function until<T>(what: string, probe: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const value = await probe()
    if (value !== null) return value
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

t.test('the app picks up a new version; requests running across the switch all succeed', async (t) => {
  const lake = await copyLake(source, join(dir, 'inject'))
  const app = await appOn(lake)
  t.teardown(() => app.close())
  app.lakes.watch(50)
  const first = app.lakes.current!.manifest.lake_version

  // A request in flight: it pinned the old version before the switch.
  const inFlight = app.lakes.pin()!
  let stop = false
  const statuses: number[] = []
  const load = (async () => {
    while (!stop) {
      const batch = await Promise.all([...Array.from({ length: 4 }, () => app.inject('/countries')), app.inject('/datasets')])
      statuses.push(...batch.map((r) => r.statusCode))
      await new Promise((r) => setImmediate(r)) // let timers (the watcher) run between batches
    }
  })()

  const built = await runIngest({ lakeDir: lake, threads: 2, stages: [wdiStage({ files: [REAL_FILES.wdi] })] })
  const switched = await until('the switch', async () => {
    const ready = (await app.inject('/ready')).json() as { lake_version: string }
    return ready.lake_version === built.manifest.lake_version ? ready.lake_version : null
  })
  stop = true
  await load
  t.not(switched, first)
  t.ok(statuses.length > 0 && statuses.every((s) => s === 200), `${statuses.length} requests across the switch, all 200`)

  const rows = await inFlight.lake.pool.query('SELECT count(*) AS n FROM flows')
  t.same(rows, [{ n: 71192 }], 'the pinned old version still answers after the switch')
  t.equal(inFlight.lake.manifest.lake_version, first)
  inFlight.unpin()
  await until('the old pool to close', async () => inFlight.lake.pool.query('SELECT 1').then(() => null, (e) => (e instanceof PoolClosedError ? true : null)))
  t.pass('the old version closes once its last request is done')
})

t.test('the server process switches without SIGHUP', async (t) => {
  const lake = await copyLake(source, join(dir, 'server'))
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server.ts')], {
    cwd: ROOT, env: { ...process.env, LAKE_DIR: lake, PORT: '0', HOST: '127.0.0.1', LAKE_WATCH_MS: '100', AUTO_DEMO_LAKE: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  t.teardown(() => { server.kill('SIGKILL') })
  let log = ''
  server.stdout.on('data', (d) => { log += d })
  const base = await until('the server to listen', async () => /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(log)?.[1] ?? null)
  const version = async () => {
    const response = await fetch(`${base}/ready`)
    return response.status === 200 ? ((await response.json()) as { lake_version: string }).lake_version : null
  }
  const first = await until('the lake to open', version)
  const built = await runIngest({ lakeDir: lake, threads: 2, stages: [wdiStage({ files: [REAL_FILES.wdi] })] })
  const second = await until('the switch', async () => { const v = await version(); return v !== first ? v : null })
  t.equal(second, built.manifest.lake_version)
  t.match(log, /lake version changed: switching/)
})
