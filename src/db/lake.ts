// Opens a lake version read-only: one DuckDB instance, views over its parquet, external access locked,
// and a catalog of what it holds (countries, sections, years) for validating requests.
import { realpath } from 'node:fs/promises'
import { DuckDBInstance } from '@duckdb/node-api'
import {
  BASE_SCHEMAS, BASE_TABLES, PARTITIONED_TABLES, SUMMARY_TABLES, tableGlob, type BaseTable, type Manifest,
} from '../lake/contract.js'
import { readManifest, servedVersionDir, sqlString } from '../lake/writer.js'
import { ConnectionPool, type PoolOptions } from './pool.js'
import { LINE_TOTALS_SQL, RESIDENT_SUMMARIES } from './resident.js'

export interface Chapter { chapter: string; name: string }
export interface Section { section: string; number: number; name: string; chapters: Chapter[] }
export interface Country { iso3: string; name: string; numeric_code: number | null; region: string | null }
export interface YearRange { from: number; to: number; years: number[] }

export interface Catalog {
  countries: Map<string, Country>
  sections: Section[]
  /** Chapter code ('84') → its section and name. */
  chapters: Map<string, Chapter & { section: string }>
  tradeYears: YearRange | null
  tivaYears: YearRange | null
  wdiYears: YearRange | null
}

export interface Lake {
  dir: string
  manifest: Manifest
  pool: ConnectionPool
  catalog: Catalog
}

export class LakeMissingError extends Error {
  constructor(readonly lakeDir: string) { super(`no lake found in ${lakeDir}`) }
}

function range(years: number[]): YearRange | null {
  if (years.length === 0) return null
  return { from: years[0]!, to: years[years.length - 1]!, years }
}

async function loadCatalog(pool: ConnectionPool): Promise<Catalog> {
  const countryRows = await pool.query('SELECT iso3, name, numeric_code, region FROM countries ORDER BY iso3')
  const countries = new Map(countryRows.map((r) => [String(r.iso3), r as unknown as Country]))
  const sectionRows = await pool.query('SELECT section, number, name FROM sections ORDER BY number')
  const chapterRows = await pool.query(
    "SELECT code AS chapter, description AS name, section FROM hs WHERE level = 2 ORDER BY code")
  const chapters = new Map(chapterRows.map((r) => [String(r.chapter), {
    chapter: String(r.chapter), name: String(r.name), section: String(r.section),
  }]))
  const sections: Section[] = sectionRows.map((r) => ({
    section: String(r.section), number: Number(r.number), name: String(r.name),
    chapters: [...chapters.values()].filter((c) => c.section === r.section).map(({ chapter, name }) => ({ chapter, name })),
  }))
  const years = async (sql: string) => range((await pool.query(sql)).map((r) => Number(r.year)))
  return {
    countries,
    sections,
    chapters,
    tradeYears: await years('SELECT DISTINCT year FROM trade_chapter ORDER BY year'),
    tivaYears: await years("SELECT DISTINCT year FROM tiva WHERE measure = 'EXGR_FVA' ORDER BY year"),
    wdiYears: await years('SELECT DISTINCT year FROM wdi ORDER BY year'),
  }
}

function emptyView(table: BaseTable): string {
  const cols = Object.entries(BASE_SCHEMAS[table]).map(([name, type]) => `NULL::${type} AS ${name}`)
  return `SELECT ${cols.join(', ')} WHERE false`
}

/** Opens the served version of `lakeDir`; throws LakeMissingError when there is none. */
export async function openLake(lakeDir: string, options: PoolOptions & { threads?: number }): Promise<Lake> {
  const served = await servedVersionDir(lakeDir)
  if (!served) throw new LakeMissingError(lakeDir)
  const dir = await realpath(served)
  const manifest = await readManifest(dir)
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    access_mode: 'READ_WRITE', // in-memory catalogue for views; the lake files themselves are only read
    // No spill folder: DuckDB adds its temp directory (default `<cwd>/.tmp`) to allowed_directories, which
    // would leave that folder readable and writable by SQL; the served queries run on small summary tables.
    temp_directory: '',
  })
  const setup = await instance.connect()
  try {
    const present = new Set(manifest.tables.map((t) => t.name))
    for (const table of [...Object.keys(BASE_TABLES), ...Object.keys(SUMMARY_TABLES)]) {
      if (present.has(table)) {
        const hive = PARTITIONED_TABLES.has(table) ? ", hive_partitioning = true, hive_types = {'year': INTEGER}" : ''
        // Small summaries are copied into memory once (src/db/resident.ts); the rest is read from parquet per query.
        const kind = RESIDENT_SUMMARIES.has(table) ? 'TABLE' : 'VIEW'
        await setup.run(`CREATE ${kind} ${table} AS SELECT * FROM read_parquet(${sqlString(tableGlob(dir, table))}${hive})`)
      } else if (table in BASE_SCHEMAS) {
        await setup.run(`CREATE VIEW ${table} AS ${emptyView(table as BaseTable)}`)
      } else {
        throw new Error(`lake version ${manifest.lake_version} lacks the summary table ${table}`)
      }
    }
    // Per-line world totals in memory (src/db/resident.ts): /cr1 and /buyer-concentration rank lines without grouping a year.
    await setup.run(LINE_TOTALS_SQL)
    // Parquet footers are parsed once per file, not on every query (the large summaries have hundreds of row groups).
    await setup.run('SET parquet_metadata_cache = true')
    // From here on DuckDB reads nothing outside this lake version and its settings cannot change.
    await setup.run(`SET allowed_directories = [${sqlString(dir + '/')}]`)
    await setup.run('SET enable_external_access = false')
    await setup.run('SET lock_configuration = true')
  } finally {
    setup.closeSync()
  }
  const pool = await ConnectionPool.create(instance, options)
  try {
    return { dir, manifest, pool, catalog: await loadCatalog(pool) }
  } catch (error) {
    await pool.close(0)
    throw error
  }
}
