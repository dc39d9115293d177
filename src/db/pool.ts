// A bounded pool of DuckDB connections on one instance: one statement at a time per connection,
// a bounded wait queue, and a per-query timeout that interrupts the statement.
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api'

export type Row = Record<string, unknown>
export type Params = DuckDBValue[]

export class PoolBusyError extends Error {
  override name = 'PoolBusyError'
  constructor(readonly retryAfterSeconds: number) { super('all database connections are busy and the wait queue is full') }
}
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError'
  constructor(readonly timeoutMs: number) { super(`query exceeded ${timeoutMs} ms and was interrupted`) }
}
export class QueryAbortedError extends Error {
  override name = 'QueryAbortedError'
  constructor() { super('query cancelled: the client went away') }
}
export class PoolClosedError extends Error {
  override name = 'PoolClosedError'
  constructor() { super('the lake is being switched or closed') }
}

interface Waiter { resolve(conn: DuckDBConnection): void; reject(error: Error): void }

export interface PoolOptions {
  size: number
  queueMax: number
  queryTimeoutMs: number
}

export interface QueryOptions {
  timeoutMs?: number
  signal?: AbortSignal
}

/** Converts DuckDB values to JSON-friendly ones: BIGINT → number, DECIMAL → number, dates → ISO text. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(plain)
  if ('toDouble' in value && typeof (value as { toDouble: unknown }).toDouble === 'function') {
    return (value as { toDouble(): number }).toDouble()
  }
  if ('items' in value && Array.isArray((value as { items: unknown }).items)) return (value as { items: unknown[] }).items.map(plain)
  return String(value)
}

/**
 * Rows as plain objects, built column by column: the same values as the reader's getRowObjects(), but that looks up
 * every cell's vector anew, which doubled the cost of large answers (40k rows for an HS6 HHI) in time and garbage.
 */
function rowObjects(names: string[], columns: unknown[][], count: number): Row[] {
  const rows: Row[] = new Array(count)
  for (let i = 0; i < count; i++) {
    const row: Row = {}
    for (let c = 0; c < names.length; c++) row[names[c]!] = plain(columns[c]![i])
    rows[i] = row
  }
  return rows
}

export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = []
  private readonly waiters: Waiter[] = []
  private readonly all: DuckDBConnection[] = []
  private closed = false
  private active = 0

  private constructor(private readonly instance: DuckDBInstance, private readonly options: PoolOptions) {}

  static async create(instance: DuckDBInstance, options: PoolOptions): Promise<ConnectionPool> {
    const pool = new ConnectionPool(instance, options)
    for (let i = 0; i < options.size; i++) {
      const conn = await instance.connect()
      pool.all.push(conn)
      pool.idle.push(conn)
    }
    return pool
  }

  get stats() {
    return { size: this.all.length, idle: this.idle.length, waiting: this.waiters.length, active: this.active }
  }

  private acquire(): Promise<DuckDBConnection> {
    if (this.closed) return Promise.reject(new PoolClosedError())
    const conn = this.idle.pop()
    if (conn) return Promise.resolve(conn)
    if (this.waiters.length >= this.options.queueMax) return Promise.reject(new PoolBusyError(1))
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  private release(conn: DuckDBConnection): void {
    const waiter = this.waiters.shift()
    if (waiter) waiter.resolve(conn)
    else this.idle.push(conn)
  }

  /** Runs one statement with bound values and returns its rows as plain objects. */
  async query(sql: string, params: Params = [], options: QueryOptions = {}): Promise<Row[]> {
    const timeoutMs = options.timeoutMs ?? this.options.queryTimeoutMs
    const started = Date.now()
    const conn = await this.acquireWithin(timeoutMs)
    this.active++
    let reason: Error | null = null
    let repeat: NodeJS.Timeout | undefined
    const interrupt = (why: Error) => {
      reason ??= why
      conn.interrupt()
      // DuckDB drops an interrupt that lands before the statement has started executing: repeat it until the statement ends.
      repeat ??= setInterval(() => conn.interrupt(), 20)
    }
    const remaining = Math.max(1, timeoutMs - (Date.now() - started))
    const timer = setTimeout(() => interrupt(new QueryTimeoutError(timeoutMs)), remaining)
    const onAbort = () => interrupt(new QueryAbortedError())
    options.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      if (options.signal?.aborted) throw new QueryAbortedError()
      const reader = await conn.runAndReadAll(sql, params)
      if (reason) throw reason
      return rowObjects(reader.deduplicatedColumnNames(), reader.getColumns(), reader.currentRowCount)
    } catch (error) {
      throw reason ?? (this.closed ? new PoolClosedError() : error)
    } finally {
      clearTimeout(timer)
      clearInterval(repeat)
      options.signal?.removeEventListener('abort', onAbort)
      this.active--
      this.release(conn)
    }
  }

  /** Waits for a connection at most `timeoutMs`; a full queue or a long wait is a 503, not an unbounded wait. */
  private async acquireWithin(timeoutMs: number): Promise<DuckDBConnection> {
    const pending = this.acquire()
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PoolBusyError(Math.ceil(timeoutMs / 1000))), timeoutMs)
    })
    try {
      return await Promise.race([pending, expired])
    } catch (error) {
      // The waiter may still be handed a connection later: give it straight back.
      void pending.then((conn) => this.release(conn), () => {})
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops accepting queries, waits for running ones (at most `graceMs`), then closes every connection. */
  async close(graceMs = 30000): Promise<void> {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter.reject(new PoolClosedError())
    const deadline = Date.now() + graceMs
    while (this.active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    // Past the grace, interrupt what still runs and let it end: a connection closed under a running statement
    // leaves that statement's promise unsettled, and the process can no longer exit.
    const stopDeadline = Date.now() + 2000
    while (this.active > 0 && Date.now() < stopDeadline) {
      for (const conn of this.all) conn.interrupt()
      await new Promise((r) => setTimeout(r, 20))
    }
    for (const conn of this.all) conn.closeSync()
    this.instance.closeSync()
  }
}
