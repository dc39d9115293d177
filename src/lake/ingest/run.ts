// Runs ingest steps into one new lake version, atomically, under a lock that stops two ingests racing.
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { BASE_TABLES, type BaseTable, type Manifest, type SourceEntry } from '../contract.js'
import { buildLakeVersion, readManifest, servedVersionDir } from '../writer.js'
import { silentProgress, type Progress } from './progress.js'
import type { IngestReport } from './report.js'
import { queryRows, type Stage } from './stage.js'

export interface IngestOptions {
  lakeDir: string
  stages: Stage[]
  progress?: Progress
  /** DuckDB threads for validation and writing (default: all cores, at most 8). */
  threads?: number
  keepVersions?: number
}

export interface IngestResult {
  manifest: Manifest
  reports: IngestReport[]
  seconds: number
}

/** Sources in the order they are staged: later steps read what earlier ones wrote (countries, the nomenclature). */
const STAGE_ORDER = ['countries', 'HS', 'BACI', 'HS-BEC', 'WDI', 'TiVA']

const LOCK_FILE = '.ingest.lock'

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM' }
}

/**
 * Takes the lake's ingest lock. A lock left by a dead process (kill -9) is taken over, and the
 * half-built `.building-*` and `.ingest-*` folders it left are removed; the served version is never touched.
 */
async function lock(lakeDir: string): Promise<() => Promise<void>> {
  const path = join(lakeDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (pid && alive(pid)) throw new Error(`another ingest (pid ${pid}) is writing to ${lakeDir}; wait for it to finish`)
      for (const entry of await readdir(lakeDir)) {
        if (entry.startsWith('.building-') || entry.startsWith('.ingest-') || entry.startsWith('.current-')) {
          await rm(join(lakeDir, entry), { recursive: true, force: true })
        }
      }
      await rm(path, { force: true })
    }
  }
  throw new Error(`could not take the ingest lock ${path}`)
}

/** Builds a new lake version from the given steps; every table not replaced is carried over. */
export async function runIngest(options: IngestOptions): Promise<IngestResult> {
  const started = Date.now()
  const progress = options.progress ?? silentProgress
  const stages = [...options.stages].sort((a, b) => STAGE_ORDER.indexOf(a.source) - STAGE_ORDER.indexOf(b.source))
  const names = stages.map((s) => s.source)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice) throw new Error(`the source ${twice} is given twice in one ingest`)

  await mkdir(options.lakeDir, { recursive: true })
  const unlock = await lock(options.lakeDir)
  const scratchDir = join(options.lakeDir, `.ingest-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(scratchDir)
    const previousDir = await servedVersionDir(options.lakeDir)
    const previous = previousDir ? await readManifest(previousDir) : null
    const sources: SourceEntry[] = []
    const reports: IngestReport[] = []
    let flowsHsRevision: string | null = null
    let nomenclatureRevision: string | null = null
    const manifest = await buildLakeVersion({
      lakeDir: options.lakeDir,
      // Real inputs only; the writer keeps `synthetic` true when it carries generated tables over.
      synthetic: false,
      // Read by the writer once the steps have run: the flows' revision, else the one the lake had.
      get hsRevision() { return flowsHsRevision ?? previous?.hs_revision ?? nomenclatureRevision ?? 'unknown' },
      sources,
      threads: options.threads ?? Math.min(8, availableParallelism()),
      keepVersions: options.keepVersions,
      async write(build) {
        await build.conn.run('SET enable_progress_bar = true')
        await build.conn.run('SET enable_progress_bar_print = false')
        for (const stage of stages) {
          progress.log(`ingesting ${stage.source}`)
          const staged = await stage.run({ build, previous, progress, scratchDir, flowsHsRevision: flowsHsRevision ?? previous?.hs_revision ?? null })
          sources.push(staged.source)
          reports.push(staged.report)
          if (staged.flowsHsRevision) flowsHsRevision = staged.flowsHsRevision
          const revision = staged.source.name === 'HS' ? staged.source.details?.hs_revision : undefined
          if (typeof revision === 'string') nomenclatureRevision = revision
        }
        const staged = await queryRows(build.conn, 'SELECT view_name FROM duckdb_views() WHERE NOT internal')
        const replaced = new Set(staged.map((r) => String(r.view_name)))
        const carried = (Object.keys(BASE_TABLES) as BaseTable[]).filter((t) => !replaced.has(t))
        if (carried.length > 0 && previous) progress.log(`carried over from ${previous.lake_version}: ${carried.join(', ')}`)
        progress.log('rebuilding the summary tables')
      },
    })
    return { manifest, reports, seconds: (Date.now() - started) / 1000 }
  } finally {
    await rm(scratchDir, { recursive: true, force: true })
    await unlock()
  }
}
