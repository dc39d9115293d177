// The lake contract: table names, file layout and manifest shape, shared by every writer and the reader.
import { join } from 'node:path'

export const SCHEMA_VERSION = 1

/** Base tables: what the sources hold, normalised (ISO3 codes, US dollars, six-character HS6 text). */
export const BASE_TABLES = {
  flows: 'flows', // Hive-partitioned by year: flows/year=YYYY/*.parquet
  countries: 'countries',
  sections: 'sections',
  hs: 'hs',
  hs_bec: 'hs_bec',
  tiva: 'tiva',
  wdi: 'wdi',
} as const

/** Summary tables, rebuilt from `flows` and `hs` with every lake version, so no request scans `flows`. */
export const SUMMARY_TABLES = {
  imports_chapter: 'imports_chapter',
  trade_chapter: 'trade_chapter',
  trade_hs6: 'trade_hs6',
  bec_stage: 'bec_stage',
  imports_hs6: 'imports_hs6',
} as const

export type BaseTable = keyof typeof BASE_TABLES
export type SummaryTable = keyof typeof SUMMARY_TABLES
export type LakeTable = BaseTable | SummaryTable

/** Tables stored as a Hive-partitioned folder (`<table>/year=YYYY/*.parquet`); all others are one file. */
export const PARTITIONED_TABLES: ReadonlySet<string> = new Set(['flows'])

/** Relative path (inside a lake version) of a table's parquet file or folder. */
export function tableRelativePath(table: string): string {
  const folder = table in SUMMARY_TABLES ? 'summary/' : ''
  return PARTITIONED_TABLES.has(table) ? `${folder}${table}` : `${folder}${table}.parquet`
}

/** The read_parquet glob for a table inside a lake version folder. */
export function tableGlob(versionDir: string, table: string): string {
  const rel = tableRelativePath(table)
  return PARTITIONED_TABLES.has(table) ? join(versionDir, rel, '*', '*.parquet') : join(versionDir, rel)
}

export const INDICATOR_GNI_PPP = 'NY.GNP.PCAP.PP.CD'

export interface SourceFile {
  name: string
  sha256: string
  bytes: number
}

export interface SourceEntry {
  /** `BACI`, `TiVA`, `WDI`, `HS`, `HS-BEC`, `countries`. */
  name: string
  release: string
  /** Who publishes it and where it came from, in words a citation can use. */
  publisher: string
  files: SourceFile[]
  /** Extra facts about this source (HS revision, dataflow id, …). */
  details?: Record<string, string | number>
}

export interface TableEntry {
  name: string
  path: string
  rows: number
  files: SourceFile[]
}

export interface Manifest {
  schema_version: number
  lake_version: string
  built_at: string
  synthetic: boolean
  /** HS revision of the flows and nomenclature (e.g. `HS92`, `HS2022`). */
  hs_revision: string
  generator?: { name: string; seed: number; scale: string }
  sources: SourceEntry[]
  tables: TableEntry[]
}

export const MANIFEST_FILE = 'manifest.json'
export const VERSIONS_DIR = 'versions'
export const CURRENT_LINK = 'current'

/** The folder of the served lake version: `<lakeDir>/current` (a symlink swapped atomically). */
export function currentVersionDir(lakeDir: string): string {
  return join(lakeDir, CURRENT_LINK)
}

/** Column name → DuckDB type of each base table (partition column `year` included for `flows`). */
export const BASE_SCHEMAS: Record<BaseTable, Record<string, string>> = {
  flows: { year: 'INTEGER', exporter: 'VARCHAR', importer: 'VARCHAR', hs6: 'VARCHAR', value: 'DOUBLE', quantity: 'DOUBLE' },
  countries: { iso3: 'VARCHAR', name: 'VARCHAR', numeric_code: 'INTEGER', region: 'VARCHAR' },
  sections: { section: 'VARCHAR', number: 'INTEGER', name: 'VARCHAR' },
  hs: { code: 'VARCHAR', level: 'INTEGER', parent: 'VARCHAR', chapter: 'VARCHAR', section: 'VARCHAR', description: 'VARCHAR' },
  hs_bec: { hs6: 'VARCHAR', bec: 'VARCHAR', relationship: 'VARCHAR', weight: 'DOUBLE' },
  tiva: { iso3: 'VARCHAR', activity: 'VARCHAR', year: 'INTEGER', measure: 'VARCHAR', unit: 'VARCHAR', value: 'DOUBLE' },
  wdi: { iso3: 'VARCHAR', indicator: 'VARCHAR', year: 'INTEGER', value: 'DOUBLE' },
}
