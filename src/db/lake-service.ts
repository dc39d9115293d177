// Holds the served lake version and swaps in a new one without failing requests in flight:
// each request pins the version it started on, and an old version closes when its last request ends.
import { access, realpath } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { CURRENT_LINK, MANIFEST_FILE } from '../lake/contract.js'
import { openLake, LakeMissingError, type Lake } from './lake.js'
import { unreadableTable, type UnreadableTable } from './lake-health.js'
import type { PoolOptions } from './pool.js'

interface Pinned { lake: Lake; refs: number; retired: boolean }

export class LakeService {
  private pinned: Pinned | null = null
  private opening: Promise<Lake> | null = null
  /** Why the lake is not served, for /ready. */
  lastError: string | null = null
  private watchTimer: NodeJS.Timeout | null = null
  /** Tables of the served version that failed to read, by name (for /ready); a new version starts clean. */
  private readonly unreadable = new Map<string, UnreadableTable>()

  constructor(
    readonly lakeDir: string,
    private readonly poolOptions: PoolOptions,
    private readonly log: Pick<Logger, 'info' | 'warn' | 'error'>,
  ) {}

  get current(): Lake | null {
    return this.pinned?.lake ?? null
  }

  /** Opens the served version if it differs from the current one; keeps the current one on failure. */
  async reload(): Promise<Lake> {
    this.opening ??= this.openNext().finally(() => { this.opening = null })
    return this.opening
  }

  private async openNext(): Promise<Lake> {
    try {
      const lake = await openLake(this.lakeDir, this.poolOptions)
      if (this.pinned && this.pinned.lake.dir === lake.dir) {
        await lake.pool.close(0)
        return this.pinned.lake
      }
      const previous = this.pinned
      this.pinned = { lake, refs: 0, retired: false }
      this.lastError = null
      this.unreadable.clear()
      this.log.info({ lake_version: lake.manifest.lake_version, synthetic: lake.manifest.synthetic }, 'lake opened')
      if (previous) this.retire(previous)
      return lake
    } catch (error) {
      this.lastError = error instanceof LakeMissingError ? error.message : `lake could not be opened: ${(error as Error).message}`
      this.log.error({ err: error }, 'lake open failed')
      throw error
    }
  }

  private retire(entry: Pinned): void {
    entry.retired = true
    if (entry.refs === 0) void entry.lake.pool.close()
  }

  /** Pins the current version for one request; call the returned function when the request ends. */
  pin(): { lake: Lake; unpin: () => void } | null {
    const entry = this.pinned
    if (!entry) return null
    entry.refs++
    let done = false
    return {
      lake: entry.lake,
      unpin: () => {
        if (done) return
        done = true
        entry.refs--
        if (entry.retired && entry.refs === 0) void entry.lake.pool.close()
      },
    }
  }

  /**
   * Polls where `current` points every `intervalMs` and opens a new version as soon as an ingest has
   * switched it (no signal needed). Polling the link survives what file watches miss (rename over a
   * symlink, network file systems). A version that failed to open is not retried until `current` moves again.
   */
  watch(intervalMs: number): void {
    if (intervalMs <= 0 || this.watchTimer) return
    let failed: string | null = null
    let checking = false
    this.watchTimer = setInterval(() => {
      if (checking) return
      checking = true
      realpath(join(this.lakeDir, CURRENT_LINK))
        .then(async (target) => {
          if (target === this.current?.dir || target === failed) return
          this.log.info({ target }, 'lake version changed: switching')
          await this.reload().then(() => { failed = null }, () => { failed = target })
        })
        .catch(() => { /* no lake yet */ })
        .finally(() => { checking = false })
    }, intervalMs)
    this.watchTimer.unref()
  }

  /** Notes a request's error if it says a file of the served version could not be read. */
  recordReadFailure(lake: Lake, error: Error): void {
    if (lake !== this.current) return
    const found = unreadableTable(error.message, lake.dir)
    if (!found || found.table === 'lake' || this.unreadable.has(found.table)) return
    this.unreadable.set(found.table, found)
    this.log.error({ lake_version: lake.manifest.lake_version, table: found.table, file: found.file, reason: found.reason }, 'lake table unreadable')
  }

  /**
   * What stops the served version from answering every request: its folder gone, or tables that failed to read.
   * Recorded tables are probed again, so one that reads again (a passing I/O fault, a restored file) is cleared.
   */
  async health(): Promise<UnreadableTable[]> {
    const lake = this.current
    if (!lake) return []
    const gone = await access(join(lake.dir, MANIFEST_FILE)).then(() => false, () => true)
    if (gone) {
      return [{ table: 'lake', file: MANIFEST_FILE, reason: `the served version folder (${lake.manifest.lake_version}) is gone`, since: new Date().toISOString() }]
    }
    for (const table of this.unreadable.keys()) {
      // `table` comes from the lake contract's table names, never from a request.
      const readable = await lake.pool.query(`SELECT count(*) AS n FROM ${table}`, [], { timeoutMs: 2000 }).then(() => true, () => false)
      if (readable && lake === this.current) this.unreadable.delete(table)
    }
    return [...this.unreadable.values()]
  }

  async close(): Promise<void> {
    if (this.watchTimer) clearInterval(this.watchTimer)
    this.watchTimer = null
    const entry = this.pinned
    this.pinned = null
    if (entry) await entry.lake.pool.close()
  }
}
