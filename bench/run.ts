// `npm run bench`: every endpoint against a real tradedep server on 127.0.0.1 (cold, uncached and cached, at
// concurrency 1 and 32), the seed report's raw SQL on the flow table, a bare Fastify route with the same bodies,
// the BACI ingest against a plain DuckDB COPY, and the server's RSS under load. Writes bench/results.json.
//   npm run bench -- [--lake DIR] [--quick] [--seconds N] [--no-ingest] [--out FILE]
import { cpus, loadavg, totalmem } from 'node:os'
import { execFileSync } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Command } from 'commander'
import { DuckDBInstance } from '@duckdb/node-api'
import { readManifest, servedVersionDir } from '../src/lake/writer.js'
import { generateSyntheticLake } from '../src/lake/demo/generate.js'
import { compareIngest, writeBaciCsv, type IngestTiming } from './ingest.js'
import { ROOT, freePort, load, memoryOf, sampleRss, settle, startServer, timedGet, type LoadResult, type Server } from './load.js'
import { seedQueries, timeRawQueries, type RawTiming } from './raw-sql.js'
import { checkTargets, printReport, type BenchOutput } from './report.js'

const options = new Command('bench')
  .option('--lake <dir>', 'lake folder (default: build or reuse a full-scale synthetic lake in .tmp/bench-lake)')
  .option('--quick', 'short run: 1 s per load, one server for every cold request, a 1,000,000-row ingest')
  .option('--seconds <n>', 'seconds per load run (default 5, quick 1)', Number)
  .option('--no-ingest', 'skip the ingest comparison')
  .option('--country <iso3>', 'economy of the country endpoints', 'USA')
  .option('--section <roman>', 'HS section of the section endpoints', 'XVI')
  .option('--out <file>', 'results file', 'bench/results.json')
  .parse().opts<{ lake?: string; quick?: boolean; seconds?: number; ingest: boolean; country: string; section: string; out: string }>()

const quick = options.quick === true
const seconds = options.seconds ?? (quick ? 1 : 5)
const log = (line: string) => process.stderr.write(`${line}\n`)
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)

async function lakeDir(): Promise<string> {
  if (options.lake) return resolve(options.lake)
  const dir = join(ROOT, '.tmp/bench-lake')
  if (await servedVersionDir(dir)) return dir
  const years = quick ? [2000, 2024] : [2000, ...range(2018, 2024)]
  log(`building a full-scale synthetic lake in ${dir} (years ${years.join(', ')}) …`)
  await generateSyntheticLake({ lakeDir: dir, scale: 'full', years, onProgress: (step, done, total) => log(`  [${done}/${total}] ${step}`) })
  return dir
}

async function lakeFacts(versionDir: string) {
  const years = (await readdir(join(versionDir, 'flows'))).map((d) => Number(/^year=(\d+)$/.exec(d)?.[1])).filter(Boolean).sort()
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  const reader = await conn.runAndReadAll(`SELECT max(year) AS y FROM read_parquet('${join(versionDir, 'tiva.parquet')}')
    WHERE measure = 'EXGR_FVA' AND year <= ${years.at(-1)}`)
  const tivaYear = Number(reader.getRowObjects()[0]!.y)
  conn.closeSync()
  instance.closeSync()
  return { years, tivaYear }
}

interface Endpoint { id: string; path: string }

function endpoints(c: string, s: string, year: number, from: number, tivaYear: number, paths: Set<string>): Endpoint[] {
  const all: Endpoint[] = [
    { id: 'suppliers', path: `/suppliers?country=${c}&section=${s}&year=${year}` },
    { id: 'hhi', path: `/hhi?country=${c}&section=${s}&year=${year}` },
    { id: 'hhi-hs6', path: `/hhi?country=${c}&section=${s}&year=${year}&level=hs6` },
    { id: 'hhi-world', path: `/hhi?country=${c}&section=${s}&year=${year}&basis=world` },
    { id: 'single-source', path: `/single-source?country=${c}&section=${s}&year=${year}` },
    { id: 'single-source-prop', path: `/single-source?country=${c}&section=${s}&year=${year}&method=proportional` },
    { id: 'cr1', path: `/cr1?year=${year}` },
    { id: 'buyer-concentration', path: `/buyer-concentration?year=${year}` },
    { id: 'growth', path: `/growth?section=${s}&from=${from}&to=${year}` },
    { id: 'bec-stages', path: `/bec-stages?country=${c}&section=${s}&from=${from}&to=${year}` },
    { id: 'bec-stages-world', path: `/bec-stages?from=${from}&to=${year}` },
    { id: 'fva-peers', path: `/fva-peers?country=${c}&section=${s}&year=${tivaYear}` },
    { id: 'smile-fit', path: `/smile-fit?section=${s}&year=${tivaYear}&country=${c}` },
    { id: 'datasets', path: '/datasets' },
    { id: 'countries', path: '/countries' },
    { id: 'sections', path: '/sections' },
    { id: 'report', path: `/report?country=${c}&section=${s}&year=${year}` },
    { id: 'cite', path: `/cite?figure=hhi&country=${c}&section=${s}&year=${year}` },
  ]
  return all.filter((e) => paths.has(e.path.split('?')[0]!))
}

export interface EndpointResult {
  id: string
  path: string
  bytes: number
  /** First request of this endpoint after the server started (uncached). */
  coldMs: number
  uncached: { c1: LoadResult; c32: LoadResult }
  warm: { c1: LoadResult; c32: LoadResult; notModifiedMs: number; notModifiedStatus: number }
  bare: { c1: LoadResult; c32: LoadResult }
}

/** Per seed query that tradedep answers with the same figure (HHI by chapter, growth multiple): max relative difference. */
function agreement(raw: RawTiming[], bodies: Record<string, string>): Record<string, number> {
  const compare: Record<string, { field: string; rawField: string }> = {
    'hhi-world': { field: 'hhi', rawField: 'hhi' }, growth: { field: 'multiple', rawField: 'growth' },
  }
  const out: Record<string, number> = {}
  for (const r of raw) {
    const spec = compare[r.endpoint]
    if (!spec || !bodies[r.endpoint]) continue
    const chapters = (JSON.parse(bodies[r.endpoint]!) as { data: { chapters: Record<string, unknown>[] } }).data.chapters
    out[r.id] = Math.max(...r.rows.map((row) => {
      const ours = Number(chapters.find((c) => c.chapter === row.hs2)?.[spec.field])
      return Math.abs(ours - Number(row[spec.rawField])) / Math.abs(Number(row[spec.rawField]))
    }))
  }
  return out
}

function serverEnv(lake: string, port: number, cacheMb: number): Record<string, string> {
  return {
    LAKE_DIR: lake, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_MAX: '0', CACHE_MAX_MB: String(cacheMb),
    AUTO_DEMO_LAKE: 'false', LAKE_WATCH_MS: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  }
}

async function tradedep(lake: string, cacheMb: number): Promise<Server> {
  const port = await freePort()
  return startServer('src/server.ts', [], serverEnv(lake, port, cacheMb), port, '/ready')
}

function must200(id: string, status: number, body: string) {
  if (status !== 200) throw new Error(`${id} answered ${status}: ${body.slice(0, 400)}`)
}

async function main() {
  const loadBefore = loadavg()[0]!
  const lake = await lakeDir()
  const versionDir = (await servedVersionDir(lake))!
  const manifest = await readManifest(versionDir)
  const { years, tivaYear } = await lakeFacts(versionDir)
  const year = years.at(-1)!
  const from = years[0]!
  const flowRows = manifest.tables.find((t) => t.name === 'flows')?.rows ?? 0
  log(`lake ${lake}: version ${manifest.lake_version}, ${flowRows.toLocaleString('en-US')} flows, years ${years.join(', ')}; ${seconds} s per load run`)

  // Phase 1 — uncached (CACHE_MAX_MB=0): the first request after start, then load at 1 and 32 connections.
  const probe = await tradedep(lake, 0)
  const spec = JSON.parse((await timedGet(`${probe.url}/openapi.json`)).body) as { paths: Record<string, unknown> }
  const paths = new Set(Object.keys(spec.paths))
  const list = endpoints(options.country, options.section, year, from, tivaYear, paths)
  const startMs = [probe.startMs]
  let uncachedRss = 0
  const results = new Map<string, Partial<EndpointResult>>()
  let server: Server | null = probe
  for (const e of list) {
    if (!server) { server = await tradedep(lake, 0); startMs.push(server.startMs) }
    const rss = sampleRss(server.process.pid!)
    const first = await timedGet(server.url + e.path)
    must200(e.id, first.status, first.body)
    const c1 = await load(server.url + e.path, 1, seconds)
    await settle(server.url)
    const c32 = await load(server.url + e.path, 32, seconds)
    await settle(server.url)
    uncachedRss = Math.max(uncachedRss, rss.stop())
    results.set(e.id, { id: e.id, path: e.path, coldMs: first.ms, uncached: { c1, c32 } })
    log(`uncached ${e.id}: cold ${first.ms.toFixed(1)} ms, c1 median ${c1.medianMs.toFixed(2)} ms, c32 ${c32.rps.toFixed(0)} req/s`)
    // Full run: a fresh server per endpoint, so every cold figure is a first request after start.
    if (!quick) { await server.stop(); server = null }
  }
  if (server) await server.stop()

  // Phase 2 — cached (the default cache) against the bare route, endpoint by endpoint so both are measured under the
  // same conditions: prime each answer and check the hit and the 304, start the bare server with those exact bodies,
  // then load tradedep and the bare route in turn.
  const cached = await tradedep(lake, 256)
  startMs.push(cached.startMs)
  const cachedRss = sampleRss(cached.process.pid!)
  const bodies: Record<string, string> = {}
  for (const e of list) {
    const miss = await timedGet(cached.url + e.path)
    must200(e.id, miss.status, miss.body)
    const hit = await timedGet(cached.url + e.path)
    if (hit.headers['x-cache'] !== 'hit') throw new Error(`${e.id}: second request not served from the cache (x-cache ${String(hit.headers['x-cache'])})`)
    const notModified = await timedGet(cached.url + e.path, { 'if-none-match': String(hit.headers.etag) })
    bodies[e.id] = hit.body
    Object.assign(results.get(e.id)!, { bytes: hit.bytes, warm: { notModifiedMs: notModified.ms, notModifiedStatus: notModified.status } })
  }
  const work = join(ROOT, '.tmp/bench')
  await mkdir(work, { recursive: true })
  const bodiesFile = join(work, 'bodies.json')
  await writeFile(bodiesFile, JSON.stringify(bodies))
  const barePort = await freePort()
  const bare = await startServer('bench/bare-server.ts', [bodiesFile, String(barePort)], {}, barePort, '/bare/sections')
  for (const e of list) {
    const result = results.get(e.id)!
    const c1 = await load(cached.url + e.path, 1, seconds)
    const c32 = await load(cached.url + e.path, 32, seconds, cached.process.pid)
    Object.assign(result.warm!, { c1, c32 })
    const bare1 = await load(`${bare.url}/bare/${e.id}`, 1, seconds)
    const bare32 = await load(`${bare.url}/bare/${e.id}`, 32, seconds, bare.process.pid)
    result.bare = { c1: bare1, c32: bare32 }
    log(`cached ${e.id}: c1 median ${c1.medianMs.toFixed(2)} ms, c32 ${c32.rps.toFixed(0)} req/s; bare c32 ${bare32.rps.toFixed(0)} req/s`)
  }
  const cachedMaxRss = cachedRss.stop()
  const cachedPeak = memoryOf(cached.process.pid!).peakMb
  await cached.stop()
  await bare.stop()

  // Phase 3 — the seed report's SQL straight on the parquet.
  const raw: RawTiming[] = await timeRawQueries(seedQueries(versionDir, { year, from, tivaYear }), quick ? 2 : 5, 2)
  for (const r of raw) log(`raw ${r.id}: first ${r.firstMs.toFixed(0)} ms, median ${r.medianMs.toFixed(0)} ms`)
  const figureAgreement = agreement(raw, bodies)

  // Phase 4 — ingest of one year as BACI CSV against a plain COPY.
  let ingest: IngestTiming | null = null
  if (options.ingest) {
    log('writing the BACI-format CSV …')
    const input = await writeBaciCsv(versionDir, manifest.lake_version, year, join(work, 'ingest'), quick ? 1_000_000 : null)
    log(`ingest: ${input.rows.toLocaleString('en-US')} rows, ${(input.bytes / 2 ** 20).toFixed(0)} MiB of CSV`)
    ingest = await compareIngest(input, work, 2)
    log(`ingest ${ingest.ingestSeconds.toFixed(1)} s, plain COPY ${ingest.copySeconds.toFixed(1)} s`)
  }

  const output: BenchOutput & Record<string, unknown> = {
    generated_at: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: {
      cores: Number(execFileSync('nproc').toString().trim()), cpu: cpus()[0]?.model ?? 'unknown',
      memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version,
      // Other work on the machine shifts every figure: the 1-minute load average when the run started and ended.
      load_average: { start: loadBefore, end: loadavg()[0]! },
    },
    lake: { dir: lake, version: manifest.lake_version, scale: manifest.generator?.scale ?? null, flows: flowRows, years },
    settings: { seconds_per_load: seconds, quick, log_level: serverEnv('', 0, 0).LOG_LEVEL!, db_connections: 'default (4)' },
    server_start_ms: startMs,
    rss_mb: { uncached_max: uncachedRss, cached_max: cachedMaxRss, cached_peak_hwm: cachedPeak },
    endpoints: list.map((e) => results.get(e.id) as EndpointResult),
    raw_sql: raw,
    // The largest relative difference between the seed SQL's figures and tradedep's answers for the same question.
    raw_sql_agreement: figureAgreement,
    ingest,
  }
  output.targets = checkTargets(output)
  await writeFile(resolve(ROOT, options.out), JSON.stringify(output, null, 2) + '\n')
  printReport(output)
  log(`wrote ${options.out}`)
}

await main()
