// What one source's ingest step is, and the DuckDB helpers the steps share.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import { tableRelativePath, type BaseTable, type Manifest, type SourceEntry } from '../contract.js'
import { sqlString, type LakeBuild } from '../writer.js'
import type { Progress } from './progress.js'
import type { IngestReport } from './report.js'

export interface StageContext {
  build: LakeBuild
  /** Manifest of the version served before this build, if any. */
  previous: Manifest | null
  progress: Progress
  /** A private folder for extracted files, removed after the build. */
  scratchDir: string
  /** HS revision of the lake's flows: staged earlier in this build, else the previous version's. */
  flowsHsRevision: string | null
}

export interface StagedSource {
  source: SourceEntry
  report: IngestReport
  /** HS revision of the flows, when this step wrote them (the manifest's `hs_revision`). */
  flowsHsRevision?: string
}

/** One source's ingest: validates its inputs and writes its tables through `build.writeTable`. */
export interface Stage {
  /** The manifest source name (`BACI`, `HS`, …). */
  source: string
  /** Base tables this step writes. */
  tables: BaseTable[]
  run(context: StageContext): Promise<StagedSource>
}

export type SqlRow = Record<string, unknown>

export async function queryRows(conn: DuckDBConnection, sql: string, params: unknown[] = []): Promise<SqlRow[]> {
  const reader = await conn.runAndReadAll(sql, params as never)
  return reader.getRowObjectsJson() as SqlRow[]
}

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE'

/** Creates a temporary table and fills it from JS rows with an appender (small tables parsed in Node). */
export async function loadRows(
  conn: DuckDBConnection, table: string, columns: Record<string, ColumnType>, rows: readonly (readonly unknown[])[],
): Promise<void> {
  const names = Object.keys(columns)
  const types = Object.values(columns)
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (${names.map((n, i) => `${n} ${types[i]}`).join(', ')})`)
  const appender = await conn.createAppender(table, 'main', 'temp')
  try {
    for (const row of rows) {
      types.forEach((type, i) => {
        const value = row[i]
        if (value === null || value === undefined) appender.appendNull()
        else if (type === 'VARCHAR') appender.appendVarchar(String(value))
        else if (type === 'INTEGER') appender.appendInteger(Number(value))
        else appender.appendDouble(Number(value))
      })
      appender.endRow()
    }
    appender.flushSync()
  } finally {
    appender.closeSync()
  }
}

/**
 * A FROM expression for a base table as this build sees it: the table staged earlier in this build
 * (its view), else the previous version's parquet, else null. Read-only: never carries the table over,
 * so a step can still replace it without touching the previous version's hard-linked files.
 */
export async function currentTableSql(build: LakeBuild, table: BaseTable): Promise<string | null> {
  const staged = await queryRows(build.conn, 'SELECT 1 FROM duckdb_views() WHERE view_name = $1 AND NOT internal', [table])
  if (staged.length > 0) return table
  if (!build.previousDir) return null
  const path = join(build.previousDir, tableRelativePath(table))
  try { await stat(path) } catch { return null }
  return table === 'flows'
    ? `read_parquet(${sqlString(join(path, '*', '*.parquet'))}, hive_partitioning = true, hive_types = {'year': INTEGER})`
    : `read_parquet(${sqlString(path)})`
}

/** The economies the lake knows (its `countries` table as this build sees it); empty when it has none. */
export async function knownEconomies(build: LakeBuild): Promise<Set<string>> {
  const from = await currentTableSql(build, 'countries')
  if (!from) return new Set()
  const rows = await queryRows(build.conn, `SELECT iso3 FROM ${from}`)
  return new Set(rows.map((r) => String(r.iso3)))
}

/** `V202401` from a BACI-style file name, or null. */
export function releaseOf(fileName: string): string | null {
  return /_(V\d{6}[a-z]?)(?:[_.]|$)/i.exec(fileName)?.[1]?.toUpperCase() ?? null
}
