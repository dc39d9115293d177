// SIGTERM under load, on the real server process (`node --import=tsx src/server.ts`): the requests in flight
// complete with 200, new connections are refused, and the process exits with code 0.
import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { connect, createServer } from 'node:net'
import t from 'tap'
import { copyDemoLake } from '../helpers/lake-copy.js'
import { ROOT } from '../helpers/lakes.js'

const BURST = 80

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** One request on its own connection; resolves with the status, or the socket error's code. */
function get(port: number, path: string, onWritten: () => void): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    })
    req.on('finish', onWritten)
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
    req.end()
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

// Distinct requests (no cache hits), on one DuckDB connection, so the burst takes a while to drain.
function burstPaths(): string[] {
  const countries = ['USA', 'CHN', 'DEU', 'JPN', 'FRA', 'GBR', 'KOR', 'ITA']
  return Array.from({ length: BURST }, (_, i) => {
    const country = countries[i % countries.length]
    const section = ['XVI', 'XV', 'VI', 'XI', 'XVII'][i % 5]
    return [
      `/suppliers?country=${country}&section=${section}&by=chapter`,
      `/hhi?country=${country}&section=${section}&level=hs6`,
      `/single-source?country=${country}&section=${section}&method=proportional`,
      `/cr1?threshold=0.${50 + i}`,
    ][i % 4]!
  })
}

t.test('SIGTERM during a burst of requests', async (t) => {
  const lake = await copyDemoLake('tradedep-sigterm-')
  t.teardown(() => lake.remove())
  const port = await freePort()
  const child = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', LAKE_DIR: lake.lakeDir, AUTO_DEMO_LAKE: 'false', LAKE_WATCH_MS: '0',
      RATE_LIMIT_MAX: '0', CACHE_MAX_MB: '0', DB_CONNECTIONS: '1', LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let logs = ''
  child.stdout.on('data', (chunk) => { logs += chunk })
  child.stderr.on('data', (chunk) => { logs += chunk })
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })

  const deadline = Date.now() + 60_000
  while (await get(port, '/ready', () => {}) !== 200) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not become ready:\n${logs}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  let written = 0
  let answered = 0
  let allWritten!: () => void
  const written$ = new Promise<void>((resolve) => { allWritten = resolve })
  const burst = burstPaths().map((path) => get(port, path, () => { if (++written === BURST) allWritten() })
    .then((status) => { answered++; return status }))
  await written$
  // In flight means the server has read the request: wait for its log line for every request of the burst
  // (on a loaded machine a request written by the client may not have been read yet).
  const received = () => logs.split('\n').filter((l) => l.includes('"msg":"incoming request"') && !l.includes('"url":"/ready"')).length
  const receivedBy = Date.now() + 10_000
  while (received() < BURST && Date.now() < receivedBy) await new Promise((r) => setTimeout(r, 5))
  const inFlightAtSignal = BURST - answered
  child.kill('SIGTERM')

  let refusedWhileDraining = false
  while (answered < BURST) {
    if (!(await canConnect(port))) { refusedWhileDraining = answered < BURST; break }
    await new Promise((r) => setTimeout(r, 10))
  }
  const statuses = await Promise.all(burst)
  const { code, signal } = await exited

  t.ok(inFlightAtSignal > 0, `${inFlightAtSignal} of ${BURST} requests were in flight when SIGTERM was sent`)
  t.same(statuses.filter((s) => s !== 200), [], `all ${BURST} requests completed with 200`)
  t.ok(refusedWhileDraining, 'a new connection was refused while the in-flight requests were still being answered')
  t.equal(await canConnect(port), false, 'and after exit')
  t.equal(signal, null)
  t.equal(code, 0, 'the process exited with code 0')
  t.match(logs, /shutting down: draining in-flight requests/)
  t.notMatch(logs, /"level":(50|60)/, 'no error logged during the shutdown')
})
