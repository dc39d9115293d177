// Holds the served lake version and swaps in a new one without failing requests in flight:
// each request pins the version it started on, and an old version closes when its last request ends.
import type { Logger } from 'pino'
import { openLake, LakeMissingError, type Lake } from './lake.js'
import type { PoolOptions } from './pool.js'

interface Pinned { lake: Lake; refs: number; retired: boolean }

export class LakeService {
  private pinned: Pinned | null = null
  private opening: Promise<Lake> | null = null
  /** Why the lake is not served, for /ready. */
  lastError: string | null = null

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

  async close(): Promise<void> {
    const entry = this.pinned
    this.pinned = null
    if (entry) await entry.lake.pool.close()
  }
}
