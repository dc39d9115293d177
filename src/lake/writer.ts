// Builds a lake version atomically: everything is written into a temporary folder, then renamed into place.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { link, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import {
  BASE_SCHEMAS, BASE_TABLES, CURRENT_LINK, MANIFEST_FILE, PARTITIONED_TABLES, SCHEMA_VERSION, SUMMARY_TABLES,
  VERSIONS_DIR, tableGlob, tableRelativePath,
  type BaseTable, type Manifest, type SourceEntry, type SourceFile, type TableEntry,
} from './contract.js'
import { buildSummaries } from './summaries.js'

export interface LakeBuild {
  /** An unrestricted DuckDB connection; every written table is also registered on it as a view. */
  conn: DuckDBConnection
  /** The temporary version folder being filled. */
  dir: string
  /** The version folder currently served, if any (for carrying unchanged tables over). */
  previousDir: string | null
  /** Stores the result of `selectSql` as the table's parquet (partitioned by year where the contract says so). */
  writeTable(table: string, selectSql: string, params?: unknown[]): Promise<void>
  /** Reuses a table of the previous version unchanged (hard links; the files are immutable). */
  carryOver(table: BaseTable): Promise<boolean>
}

export interface BuildOptions {
  lakeDir: string
  synthetic: boolean
  hsRevision: string
  generator?: Manifest['generator']
  /** Sources of this build; entries of the previous manifest whose tables were carried over are kept. */
  sources: SourceEntry[]
  write(build: LakeBuild): Promise<void>
  /** DuckDB threads for the build; 1 gives byte-identical parquet for identical input. */
  threads?: number
  /** Versions kept besides the new one (older ones are deleted). */
  keepVersions?: number
}

const SOURCE_OF_TABLE: Record<BaseTable, string> = {
  flows: 'BACI', countries: 'countries', sections: 'HS', hs: 'HS', hs_bec: 'HS-BEC', tiva: 'TiVA', wdi: 'WDI',
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** Resolves the served version folder of a lake, or null when the lake has none yet. */
export async function servedVersionDir(lakeDir: string): Promise<string | null> {
  try {
    const target = await readlink(join(lakeDir, CURRENT_LINK))
    const dir = join(lakeDir, target)
    await stat(join(dir, MANIFEST_FILE))
    return dir
  } catch {
    return null
  }
}

export async function readManifest(versionDir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(versionDir, MANIFEST_FILE), 'utf8')) as Manifest
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()
}

async function describeFiles(root: string, paths: string[]): Promise<SourceFile[]> {
  return Promise.all(paths.map(async (p) => ({
    name: relative(root, p), sha256: await sha256File(p), bytes: (await stat(p)).size,
  })))
}

function newVersionId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

function emptyTableSql(table: BaseTable): string {
  const cols = Object.entries(BASE_SCHEMAS[table]).map(([name, type]) => `NULL::${type} AS ${name}`)
  return `SELECT ${cols.join(', ')} WHERE false`
}

/**
 * Builds a complete lake version in `<lakeDir>/.building-<id>`, renames it to `versions/<id>` and
 * atomically repoints `current` at it. On any failure the temporary folder is removed and the
 * served version is untouched.
 */
export async function buildLakeVersion(options: BuildOptions): Promise<Manifest> {
  const { lakeDir } = options
  await mkdir(join(lakeDir, VERSIONS_DIR), { recursive: true })
  const id = newVersionId()
  const tmp = join(lakeDir, `.building-${id}`)
  await mkdir(tmp)
  const previousDir = await servedVersionDir(lakeDir)
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 1) })
  const conn = await instance.connect()
  const written = new Set<string>()
  const carried = new Set<BaseTable>()

  const registerView = async (table: string) => {
    const glob = tableGlob(tmp, table)
    const hive = PARTITIONED_TABLES.has(table) ? ', hive_partitioning = true, hive_types = {\'year\': INTEGER}' : ''
    await conn.run(`CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${sqlString(glob)}${hive})`)
  }

  const build: LakeBuild = {
    conn,
    dir: tmp,
    previousDir,
    async writeTable(table, selectSql, params) {
      if (!(table in BASE_TABLES) && !(table in SUMMARY_TABLES)) throw new Error(`unknown lake table ${table}`)
      const target = join(tmp, tableRelativePath(table))
      await mkdir(join(target, PARTITIONED_TABLES.has(table) ? '' : '..'), { recursive: true })
      const partition = PARTITIONED_TABLES.has(table) ? ', PARTITION_BY (year), OVERWRITE_OR_IGNORE' : ''
      const sql = `COPY (${selectSql}) TO ${sqlString(target)} (FORMAT parquet, COMPRESSION zstd${partition})`
      await conn.run(sql, params as never)
      written.add(table)
      await registerView(table)
    },
    async carryOver(table) {
      if (!previousDir) return false
      const from = join(previousDir, tableRelativePath(table))
      try { await stat(from) } catch { return false }
      const files = PARTITIONED_TABLES.has(table) ? await listFiles(from) : [from]
      for (const file of files) {
        const to = join(tmp, relative(previousDir, file))
        await mkdir(join(to, '..'), { recursive: true })
        await link(file, to)
      }
      written.add(table)
      carried.add(table)
      await registerView(table)
      return true
    },
  }

  try {
    await options.write(build)
    for (const table of Object.keys(BASE_TABLES) as BaseTable[]) {
      if (!written.has(table) && !(await build.carryOver(table))) {
        // A source nobody supplied yet: an empty table with the contract's columns.
        if (PARTITIONED_TABLES.has(table)) {
          await conn.run(`CREATE OR REPLACE VIEW ${table} AS ${emptyTableSql(table)}`)
        } else {
          await build.writeTable(table, emptyTableSql(table))
        }
      }
    }
    await buildSummaries(conn, (table, sql) => build.writeTable(table, sql))

    const tables: TableEntry[] = []
    for (const table of [...Object.keys(BASE_TABLES), ...Object.keys(SUMMARY_TABLES)]) {
      if (!written.has(table)) continue
      const rel = tableRelativePath(table)
      const files = PARTITIONED_TABLES.has(table) ? await listFiles(join(tmp, rel)) : [join(tmp, rel)]
      const reader = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}`)
      tables.push({ name: table, path: rel, rows: Number(reader.getRowObjects()[0]!.n), files: await describeFiles(tmp, files) })
    }

    const previous = previousDir ? await readManifest(previousDir) : null
    const carriedSources = new Set([...carried].map((t) => SOURCE_OF_TABLE[t]))
    const newNames = new Set(options.sources.map((s) => s.name))
    const kept = (previous?.sources ?? []).filter((s) => carriedSources.has(s.name) && !newNames.has(s.name))
    const manifest: Manifest = {
      schema_version: SCHEMA_VERSION,
      lake_version: id,
      built_at: new Date().toISOString(),
      synthetic: options.synthetic || carriesSyntheticTable(previous, carried),
      hs_revision: options.hsRevision,
      ...(options.generator ? { generator: options.generator } : {}),
      sources: [...options.sources, ...kept],
      tables,
    }
    await writeFile(join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
    conn.closeSync()
    instance.closeSync()

    const versionRel = join(VERSIONS_DIR, id)
    await rename(tmp, join(lakeDir, versionRel))
    const linkTmp = join(lakeDir, `.current-${id}`)
    await symlink(versionRel, linkTmp)
    await rename(linkTmp, join(lakeDir, CURRENT_LINK))
    await pruneVersions(lakeDir, options.keepVersions ?? 2)
    return manifest
  } catch (error) {
    try { conn.closeSync(); instance.closeSync() } catch { /* already closed */ }
    await rm(tmp, { recursive: true, force: true })
    throw error
  }
}

/**
 * Whether a carried-over table is generated data: it comes from a synthetic version and its source there
 * has no input files (generated sources list none), so a real table carried from a mixed lake stays real.
 */
function carriesSyntheticTable(previous: Manifest | null, carried: Set<BaseTable>): boolean {
  if (!previous?.synthetic) return false
  return [...carried].some((table) => {
    const source = previous.sources.find((s) => s.name === SOURCE_OF_TABLE[table])
    return !source || source.files.length === 0
  })
}

/** Deletes all but the newest `keep` versions; the served one is always kept. */
export async function pruneVersions(lakeDir: string, keep: number): Promise<void> {
  const served = await servedVersionDir(lakeDir)
  const versions = (await readdir(join(lakeDir, VERSIONS_DIR))).sort().reverse()
  for (const version of versions.slice(keep)) {
    const dir = join(lakeDir, VERSIONS_DIR, version)
    if (dir !== served) await rm(dir, { recursive: true, force: true })
  }
}
