// Load test: starts the real server on 127.0.0.1 on the demo lake, drives a mix of endpoints with autocannon,
// counts every non-2xx apart from the deliberate bad requests, samples the server's resident memory every second,
// and writes test-output/load.json. `npm run test:load -- --duration 10 --connections 16` is the short form.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { cpus, totalmem } from 'node:os'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { loadMix, type MixEntry } from './load-mix.js'

const ROOT = resolve(import.meta.dirname, '..')
const MIN_JUDGED_SECONDS = 30
const FLOOR_WINDOW_S = 5

export interface LoadOptions {
  durationSeconds: number
  connections: number
  /** Lake folder; the demo lake is built there on first start when it holds none. */
  lakeDir: string
  /** Turn the response cache off, so every request reaches DuckDB. */
  cacheOff: boolean
  /** Fail when the floor of resident memory (after collections) rises faster than this after warm-up, MiB per minute. */
  maxRssSlopeMbPerMin: number
  out: string | null
  quiet: boolean
}

export interface LoadResult {
  date: string
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; platform: string }
  options: { duration_s: number; connections: number; response_cache: boolean; lake_dir: string }
  requests: { total: number; ok_2xx: number; deliberate_400: number; unexpected: number; socket_errors: number; timeouts: number }
  unexpected_samples: string[]
  throughput_rps: number
  latency_ms: { p50: number; p90: number; p99: number; max: number; mean: number }
  rss_mb: {
    start: number; end: number; max: number; samples: number[]
    /** Least-squares slope of every sample of the second half (the GC sawtooth included). */
    slope_mb_per_min_after_warmup: number
    /** Least-squares slope of the lowest sample of each 5 s window of the second half: the memory left after collections. */
    floor_slope_mb_per_min_after_warmup: number
  }
  server_exit_code: number | null
  /** RSS trend within the bound; null when the run is too short to judge. */
  rss_stable: boolean | null
  passed: boolean
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
}

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx
}

/** The status of a GET, with the body read: an unread body keeps its connection open, and would delay the server's shutdown. */
async function status(url: string): Promise<number> {
  const res = await fetch(url)
  await res.arrayBuffer()
  return res.status
}

async function startServer(options: LoadOptions, port: number): Promise<{ child: ChildProcess; logs: () => string }> {
  const child = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', LAKE_DIR: options.lakeDir, RATE_LIMIT_MAX: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', LAKE_WATCH_MS: '0', ...(options.cacheOff ? { CACHE_MAX_MB: '0' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let logs = ''
  child.stdout!.on('data', (chunk) => { logs = (logs + chunk).slice(-20000) })
  child.stderr!.on('data', (chunk) => { logs = (logs + chunk).slice(-20000) })
  // The first start on an empty folder builds the demo lake (about half a minute).
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${logs}`)
    if (Date.now() > deadline) throw new Error(`the server was not ready in time:\n${logs}`)
    const ready = await status(`http://127.0.0.1:${port}/ready`).catch(() => 0)
    if (ready === 200) return { child, logs: () => logs }
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** Every request of the mix answers as expected before the load starts: a wrong parameter would skew the count. */
async function preflight(port: number, mix: MixEntry[]): Promise<void> {
  const distinct = [...new Map(mix.map((m) => [m.path, m])).values()]
  const check = async () => {
    for (let entry = distinct.pop(); entry; entry = distinct.pop()) {
      const answered = await status(`http://127.0.0.1:${port}${entry.path}`)
      if (answered !== entry.expect) throw new Error(`preflight: ${entry.path} answered ${answered}, expected ${entry.expect}`)
    }
  }
  await Promise.all(Array.from({ length: 8 }, check))
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const port = await freePort()
  const { child, logs } = await startServer(options, port)
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  try {
    const catalog = await fetch(`http://127.0.0.1:${port}/countries`).then((r) => r.json()) as { data: { iso3: string }[] }
    const mix = loadMix(new Set(catalog.data.map((c) => c.iso3)))
    await preflight(port, mix)

    const counts = { ok: 0, deliberate: 0, unexpected: 0 }
    const unexpected: string[] = []
    const rss: number[] = []
    const sampler = setInterval(() => { rssMb(child.pid!).then((mb) => rss.push(mb), () => {}) }, 1000)
    rss.push(await rssMb(child.pid!))
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: 10,
      requests: mix.map((entry) => ({
        method: 'GET' as const,
        path: entry.path,
        onResponse: (status: number) => {
          if (status === entry.expect && status < 300) counts.ok++
          else if (status === entry.expect) counts.deliberate++
          else {
            counts.unexpected++
            if (unexpected.length < 20) unexpected.push(`${status} ${entry.path}`)
          }
        },
      })),
    })
    clearInterval(sampler)
    rss.push(await rssMb(child.pid!))

    // Warm-up is the first half: caches fill, DuckDB and V8 grow to their working size. The trend is over the second half.
    const secondHalf = rss.map((mb, i) => [i, mb] as [number, number]).slice(Math.floor(rss.length / 2))
    const slopePerMin = slope(secondHalf) * 60
    // The raw samples follow V8's collection sawtooth; a leak shows as a rising floor, so that is what is judged.
    const floors: [number, number][] = []
    for (let i = 0; i < secondHalf.length; i += FLOOR_WINDOW_S) {
      const window = secondHalf.slice(i, i + FLOOR_WINDOW_S)
      floors.push([window[0]![0], Math.min(...window.map(([, mb]) => mb))])
    }
    const floorSlopePerMin = slope(floors) * 60
    // Under half a minute the second half is mostly noise (GC cycles); the trend is reported, not judged.
    const judged = options.durationSeconds >= MIN_JUDGED_SECONDS
    child.kill('SIGTERM')
    const exitCode = await exited
    const round = (x: number) => Math.round(x * 10) / 10
    const outcome: LoadResult = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version, platform: `${process.platform} ${process.arch}`,
      },
      options: { duration_s: options.durationSeconds, connections: options.connections, response_cache: !options.cacheOff, lake_dir: options.lakeDir },
      requests: {
        total: counts.ok + counts.deliberate + counts.unexpected, ok_2xx: counts.ok, deliberate_400: counts.deliberate,
        unexpected: counts.unexpected, socket_errors: result.errors, timeouts: result.timeouts,
      },
      unexpected_samples: unexpected,
      throughput_rps: round(result.requests.average),
      latency_ms: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: round(result.latency.average) },
      rss_mb: {
        start: round(rss[0]!), end: round(rss.at(-1)!), max: round(Math.max(...rss)), samples: rss.map(round),
        slope_mb_per_min_after_warmup: round(slopePerMin), floor_slope_mb_per_min_after_warmup: round(floorSlopePerMin),
      },
      server_exit_code: exitCode,
      rss_stable: judged ? floorSlopePerMin <= options.maxRssSlopeMbPerMin : null,
      passed: counts.unexpected === 0 && result.errors === 0 && result.timeouts === 0 && exitCode === 0 &&
        (!judged || floorSlopePerMin <= options.maxRssSlopeMbPerMin),
    }
    if (outcome.server_exit_code !== 0 && !options.quiet) process.stderr.write(logs())
    return outcome
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}

export function printTable(r: LoadResult): void {
  const rows: [string, string | number][] = [
    ['machine', `${r.machine.cpus} × ${r.machine.cpu_model}, ${r.machine.memory_gb} GB, Node ${r.machine.node}`],
    ['run', `${r.options.duration_s} s, ${r.options.connections} connections, response cache ${r.options.response_cache ? 'on' : 'off'}`],
    ['requests', r.requests.total],
    ['throughput (req/s)', r.throughput_rps],
    ['2xx', r.requests.ok_2xx],
    ['deliberate 400', r.requests.deliberate_400],
    ['unexpected status', r.requests.unexpected],
    ['socket errors / timeouts', `${r.requests.socket_errors} / ${r.requests.timeouts}`],
    ['latency p50 / p90 / p99 / max (ms)', `${r.latency_ms.p50} / ${r.latency_ms.p90} / ${r.latency_ms.p99} / ${r.latency_ms.max}`],
    ['RSS start → end, max (MiB)', `${r.rss_mb.start} → ${r.rss_mb.end}, ${r.rss_mb.max}`],
    ['RSS trend after warm-up (MiB/min)', `${r.rss_mb.slope_mb_per_min_after_warmup} all samples, ${r.rss_mb.floor_slope_mb_per_min_after_warmup} floor ` +
      `(${r.rss_stable === null ? `not judged under ${MIN_JUDGED_SECONDS} s` : r.rss_stable ? 'stable' : 'GROWING'})`],
    ['server exit code after SIGTERM', String(r.server_exit_code)],
    ['passed', r.passed ? 'yes' : 'NO'],
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)
  for (const sample of r.unexpected_samples) console.log(`  unexpected: ${sample}`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' }, connections: { type: 'string' }, 'lake-dir': { type: 'string' },
      'cache-off': { type: 'boolean' }, 'max-rss-slope': { type: 'string' }, out: { type: 'string' },
    },
  })
  const options: LoadOptions = {
    durationSeconds: Number(values.duration ?? process.env.LOAD_DURATION ?? 60),
    connections: Number(values.connections ?? process.env.LOAD_CONNECTIONS ?? 64),
    lakeDir: resolve(values['lake-dir'] ?? process.env.LOAD_LAKE_DIR ?? '.tmp/load-lake'),
    cacheOff: values['cache-off'] ?? false,
    maxRssSlopeMbPerMin: Number(values['max-rss-slope'] ?? 30),
    out: resolve(values.out ?? 'test-output/load.json'),
    quiet: false,
  }
  console.log(`load test: ${options.durationSeconds} s at ${options.connections} connections on ${options.lakeDir}`)
  const result = await runLoad(options)
  await mkdir(dirname(options.out!), { recursive: true })
  await writeFile(options.out!, JSON.stringify(result, null, 2) + '\n')
  printTable(result)
  console.log(`wrote ${options.out}`)
  process.exitCode = result.passed ? 0 : 1
}
