// Prints the benchmark as Markdown tables (pasteable into the README) and checks the issue's targets.
import type { IngestTiming } from './ingest.js'
import type { RawTiming } from './raw-sql.js'
import type { EndpointResult } from './run.js'

export interface BenchOutput {
  command: string
  machine: { cores: number; cpu: string; memory_gib: number; node: string; load_average: { start: number; end: number } }
  lake: { dir: string; version: string; scale: string | null; flows: number; years: number[] }
  settings: { seconds_per_load: number; quick: boolean; log_level: string; db_connections: string }
  server_start_ms: number[]
  rss_mb: { uncached_max: number; cached_max: number; cached_peak_hwm: number }
  endpoints: EndpointResult[]
  raw_sql: RawTiming[]
  raw_sql_agreement: Record<string, number>
  ingest: IngestTiming | null
}

export const TARGETS = { coldMs: 250, warmMedianMs: 5, bareRatio: 0.5, rawSpeedup: 20, ingestRatio: 0.7, rssMb: 1536 }

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(0)) : '–')
const rps = (v: number) => Math.round(v).toLocaleString('en-US')
const flag = (ok: boolean) => (ok ? 'met' : 'MISSED')
const us = (v: number | null) => (v === null ? '–' : v.toFixed(0))

export interface TargetCheck { target: string; worst: string; met: boolean }

/** Each target with its worst case over the endpoints. */
export function checkTargets(out: BenchOutput): TargetCheck[] {
  const eps = out.endpoints
  const worst = <T>(items: T[], value: (t: T) => number, higherIsWorse: boolean) =>
    items.reduce((a, b) => ((higherIsWorse ? value(b) > value(a) : value(b) < value(a)) ? b : a))
  const cold = worst(eps, (e) => e.coldMs, true)
  const warm = worst(eps, (e) => e.warm.c1.medianMs, true)
  const ratio = (e: EndpointResult) => e.warm.c32.rps / e.bare.c32.rps
  const bare = worst(eps, ratio, false)
  const speedups = out.raw_sql.filter((r) => r.onFlows).flatMap((r) => {
    const e = eps.find((x) => x.id === r.endpoint)
    return e ? [{ r, e, uncached: r.medianMs / e.uncached.c1.medianMs, warm: r.medianMs / e.warm.c1.medianMs }] : []
  })
  const slowest = speedups.length ? worst(speedups, (s) => s.uncached, false) : null
  const rss = Math.max(out.rss_mb.uncached_max, out.rss_mb.cached_max)
  const checks: TargetCheck[] = [
    { target: `cold (first request) ≤ ${TARGETS.coldMs} ms`, worst: `${cold.id} ${ms(cold.coldMs)} ms`, met: cold.coldMs <= TARGETS.coldMs },
    { target: `warm median (c=1) ≤ ${TARGETS.warmMedianMs} ms`, worst: `${warm.id} ${ms(warm.warm.c1.medianMs)} ms`, met: warm.warm.c1.medianMs <= TARGETS.warmMedianMs },
    { target: `cached req/s ≥ ${TARGETS.bareRatio * 100}% of the bare route (c=32)`, worst: `${bare.id} ${(ratio(bare) * 100).toFixed(0)}%`, met: ratio(bare) >= TARGETS.bareRatio },
    ...(slowest ? [{
      target: `≥ ${TARGETS.rawSpeedup}× faster than the seed's raw SQL on the flow table (uncached, c=1 median)`,
      worst: `${slowest.e.id} ${slowest.uncached.toFixed(1)}× (cached: ${slowest.warm.toFixed(0)}×)`, met: slowest.uncached >= TARGETS.rawSpeedup,
    }] : []),
    ...(out.ingest ? [{
      target: `ingest ≥ ${TARGETS.ingestRatio}× plain DuckDB COPY`, worst: `${out.ingest.ratio.toFixed(2)}×`, met: out.ingest.ratio >= TARGETS.ingestRatio,
    }] : []),
    { target: `RSS under load ≤ ${TARGETS.rssMb} MiB`, worst: `${rss.toFixed(0)} MiB`, met: rss <= TARGETS.rssMb },
  ]
  return checks
}

export function printReport(out: BenchOutput): void {
  const lines: string[] = []
  lines.push(`Lake: ${out.lake.flows.toLocaleString('en-US')} flows, years ${out.lake.years.join(', ')} (version ${out.lake.version}); ` +
    `${out.machine.cores} cores (${out.machine.cpu}), ${out.machine.memory_gib} GiB, Node ${out.machine.node}, ` +
    `load average ${out.machine.load_average.start.toFixed(1)} → ${out.machine.load_average.end.toFixed(1)}; ` +
    `${out.settings.seconds_per_load} s per load run, server LOG_LEVEL=${out.settings.log_level}.`)
  lines.push('')
  lines.push('| endpoint | body | cold | uncached c=1 median / p99 | uncached c=32 req/s | cached c=1 median / p99 | cached c=1 req/s | cached c=32 median / p99 | cached c=32 req/s | bare c=32 req/s | cached / bare | server CPU per request, cached / bare |')
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|')
  for (const e of out.endpoints) {
    const bad = e.uncached.c32.non2xx + e.uncached.c32.errors
    lines.push(`| ${e.id} | ${(e.bytes / 1024).toFixed(1)} KiB | ${ms(e.coldMs)} ms | ${ms(e.uncached.c1.medianMs)} / ${ms(e.uncached.c1.p99Ms)} ms | ` +
      `${rps(e.uncached.c32.rps)}${bad ? ` (${bad} failed)` : ''} | ${ms(e.warm.c1.medianMs)} / ${ms(e.warm.c1.p99Ms)} ms | ${rps(e.warm.c1.rps)} | ` +
      `${ms(e.warm.c32.medianMs)} / ${ms(e.warm.c32.p99Ms)} ms | ${rps(e.warm.c32.rps)} | ${rps(e.bare.c32.rps)} | ${(100 * e.warm.c32.rps / e.bare.c32.rps).toFixed(0)}% | ` +
      `${us(e.warm.c32.serverCpuUs)} / ${us(e.bare.c32.serverCpuUs)} µs |`)
  }
  lines.push('')
  if (out.raw_sql.length) {
    lines.push('| seed report SQL on the parquet | raw first / median | tradedep endpoint | uncached c=1 median | cached c=1 median | raw / uncached | raw / cached |')
    lines.push('|---|--:|---|--:|--:|--:|--:|')
    for (const r of out.raw_sql) {
      const e = out.endpoints.find((x) => x.id === r.endpoint)
      if (!e) continue
      lines.push(`| ${r.id} | ${ms(r.firstMs)} / ${ms(r.medianMs)} ms | ${e.id} | ${ms(e.uncached.c1.medianMs)} ms | ${ms(e.warm.c1.medianMs)} ms | ` +
        `${(r.medianMs / e.uncached.c1.medianMs).toFixed(1)}× | ${(r.medianMs / e.warm.c1.medianMs).toFixed(0)}× |`)
    }
    const agree = Object.entries(out.raw_sql_agreement).map(([id, d]) => `${id}: ${d.toExponential(1)}`).join('; ')
    if (agree) lines.push('', `Same figures as the seed SQL (largest relative difference): ${agree}.`)
    lines.push('')
  }
  if (out.ingest) {
    const i = out.ingest
    lines.push(`Ingest of ${i.rows.toLocaleString('en-US')} BACI rows (${(i.csvBytes / 2 ** 20).toFixed(0)} MiB CSV, ${i.threads} threads): ` +
      `tradedep ingest baci ${i.ingestSeconds.toFixed(1)} s (${rps(i.ingestRowsPerSecond)} rows/s) vs plain DuckDB COPY to parquet ` +
      `${i.copySeconds.toFixed(1)} s (${rps(i.copyRowsPerSecond)} rows/s): ${i.ratio.toFixed(2)}×.`)
  }
  lines.push(`Server RSS under load: max ${out.rss_mb.uncached_max.toFixed(0)} MiB uncached, ${out.rss_mb.cached_max.toFixed(0)} MiB cached ` +
    `(peak VmHWM ${out.rss_mb.cached_peak_hwm.toFixed(0)} MiB). Server start to ready: ${out.server_start_ms.map((v) => (v / 1000).toFixed(1)).join(', ')} s.`)
  lines.push('')
  lines.push('| target | worst case | |')
  lines.push('|---|---|---|')
  for (const c of checkTargets(out)) lines.push(`| ${c.target} | ${c.worst} | ${flag(c.met)} |`)
  process.stdout.write(lines.join('\n') + '\n')
}
