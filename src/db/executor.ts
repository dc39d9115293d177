// The query interface the SQL modules use: bound values only, with an optional record of what ran (for `explain`).
import type { ConnectionPool, Params, Row } from './pool.js'

export interface ExecutedSql { sql: string; params: unknown[] }

export interface Db {
  query(sql: string, params?: Params): Promise<Row[]>
}

/** A Db for one request: runs on the request's pinned pool, cancels when `signal` aborts, logs SQL. */
export class RecordingDb implements Db {
  readonly executed: ExecutedSql[] = []

  constructor(private readonly pool: ConnectionPool, private readonly signal?: AbortSignal) {}

  async query(sql: string, params: Params = []): Promise<Row[]> {
    this.executed.push({ sql: sql.replace(/\n\s+/g, '\n  ').trim(), params: params.map((p) => (typeof p === 'bigint' ? Number(p) : p)) })
    return this.pool.query(sql, params, { signal: this.signal })
  }
}
