// Load-generation helpers: spawn a server process, wait for it, time single requests, run autocannon, sample RSS.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { request } from 'undici'

export const ROOT = resolve(import.meta.dirname, '..')

export interface Server {
  url: string
  process: ChildProcess
  /** Milliseconds from spawn to the first 200 of the readiness probe. */
  startMs: number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Spawns `node --import=tsx <script> …args` with `env` and waits until `readyPath` answers 200.
 * The child's pid is the server itself (no npm or shell in between), so its RSS can be read from /proc.
 */
export async function startServer(script: string, args: string[], env: Record<string, string>, port: number, readyPath: string): Promise<Server> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import=tsx', script, ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000) }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output}`)
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`${script} not ready after 120 s:\n${output}`) }
    const status = await request(`${url}${readyPath}`).then(async (r) => { await r.body.dump(); return r.statusCode }, () => 0)
    if (status === 200) break
    await sleep(50)
  }
  const startMs = performance.now() - started
  return {
    url, process: child, startMs,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await Promise.race([exited, sleep(15_000)])
      if (child.exitCode === null) child.kill('SIGKILL')
    },
  }
}

/**
 * Waits until the server's connection pool is idle (per /ready): requests a load run left in flight (autocannon
 * stops without waiting for them) would otherwise slow the next measurement.
 */
export async function settle(url: string, maxMs = 60_000): Promise<void> {
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    const ready = await timedGet(`${url}/ready`).catch(() => null)
    const pool = ready?.status === 200 ? (JSON.parse(ready.body) as { pool?: { active: number; waiting: number } }).pool : null
    if (pool && pool.active === 0 && pool.waiting === 0) return
    await sleep(50)
  }
}

/** Resident set size (VmRSS) and its peak (VmHWM) of a process, in MiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest VmRSS seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let max = 0
  const read = () => { try { max = Math.max(max, memoryOf(pid).rssMb) } catch { /* exited */ } }
  read()
  const timer = setInterval(read, everyMs)
  return { stop() { clearInterval(timer); read(); return max } }
}

export interface Timed { ms: number; status: number; bytes: number; body: string; headers: Record<string, string | string[] | undefined> }

/** One GET, timed from send to the last byte of the body. */
export async function timedGet(url: string, headers: Record<string, string> = {}): Promise<Timed> {
  const started = performance.now()
  const response = await request(url, { headers })
  const body = await response.body.text()
  return { ms: performance.now() - started, status: response.statusCode, bytes: Buffer.byteLength(body), body, headers: response.headers }
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export interface LoadResult {
  connections: number
  seconds: number
  requests: number
  /** Completed requests per second over the run. */
  rps: number
  /** Latencies of 2xx/3xx answers, milliseconds, from autocannon's per-response times (sub-millisecond precision). */
  medianMs: number
  p99Ms: number
  non2xx: number
  errors: number
  timeouts: number
  /** Server CPU time per completed request, microseconds (when the server's pid is given): steadier than req/s on a busy machine. */
  serverCpuUs: number | null
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/**
 * Runs autocannon for `seconds` at `connections` (no pipelining). Its own latency histogram has 1 ms
 * resolution, so the per-response times it emits are collected for the median and p99.
 */
export async function load(url: string, connections: number, seconds: number, serverPid?: number): Promise<LoadResult> {
  const times: number[] = []
  const cpuBefore = serverPid ? cpuMsOf(serverPid) : 0
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 30 },
      (error, finished) => (error ? fail(error) : done(finished)))
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 400) times.push(responseTime)
    })
  })
  times.sort((a, b) => a - b)
  const elapsed = result.duration || seconds
  return {
    connections, seconds: elapsed, requests: result.requests.total,
    rps: result.requests.total / elapsed,
    medianMs: percentile(times, 50), p99Ms: percentile(times, 99),
    non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
    serverCpuUs: serverPid && result.requests.total > 0 ? ((cpuMsOf(serverPid) - cpuBefore) * 1000) / result.requests.total : null,
  }
}
