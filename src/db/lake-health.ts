// Recognises DuckDB errors that mean a file of the lake could not be read, and names the table it belongs to,
// so a damaged lake answers a clear 503 and /ready can say which table is unreadable.
import { relative } from 'node:path'
import { BASE_TABLES, SUMMARY_TABLES, tableRelativePath } from '../lake/contract.js'

const LAKE_READ_ERROR = /^(IO|Invalid Input) Error: .*(parquet|No files found|No such file)/is

/** A DuckDB error raised while reading the lake's parquet (corrupt, truncated or missing file). */
export function isLakeReadError(error: { message?: string } | null | undefined): boolean {
  return typeof error?.message === 'string' && LAKE_READ_ERROR.test(error.message)
}

export interface UnreadableTable {
  /** The lake table (`trade_hs6`), or `lake` when the file is not one of a table's. */
  table: string
  /** The file or glob DuckDB could not read, relative to the lake version folder. */
  file: string
  /** DuckDB's reason, first line only (no SQL), with the version folder's path removed. */
  reason: string
  since: string
}

/** What failed to read, from a DuckDB error message naming the file; null if it is not a lake read error. */
export function unreadableTable(message: string, versionDir: string): UnreadableTable | null {
  if (!LAKE_READ_ERROR.test(message)) return null
  const firstLine = message.split('\n')[0]!
  const path = /["']([^"']+)["']/.exec(firstLine)?.[1] ?? ''
  const file = path.startsWith(versionDir) ? relative(versionDir, path) : ''
  const table = [...Object.keys(BASE_TABLES), ...Object.keys(SUMMARY_TABLES)]
    .find((name) => file === tableRelativePath(name) || file.startsWith(`${tableRelativePath(name)}/`)) ?? 'lake'
  return {
    table,
    file: file || '(unknown file)',
    reason: firstLine.split(versionDir + '/').join('').split(versionDir).join('.'),
    since: new Date().toISOString(),
  }
}
