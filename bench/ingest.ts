// The ingest benchmark: one year of the lake's flows written as a BACI-format CSV, then `tradedep ingest baci`
// on it against a plain DuckDB COPY of the same file to parquet, in the same run.
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { ROOT } from './load.js'

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`

export interface IngestInput { csv: string; countries: string; rows: number; bytes: number }

/**
 * Writes `flows` of `year` as BACI's yearly CSV (`t,i,j,k,v,q`: numeric country codes, HS6 code, v in thousand
 * US dollars, q in tonnes or NA) and the country code list beside it. Reused when already written for this version.
 */
export async function writeBaciCsv(versionDir: string, lakeVersion: string, year: number, dir: string, limit: number | null): Promise<IngestInput> {
  await mkdir(dir, { recursive: true })
  const csv = join(dir, `BACI_HS22_Y${year}_V202401.csv`)
  const countries = join(dir, 'country_codes_V202401.csv')
  const marker = join(dir, 'written-from.json')
  const previous = JSON.parse(await readFile(marker, 'utf8').catch(() => '{}')) as { lakeVersion?: string; year?: number; limit?: number | null; rows?: number }
  if (previous.lakeVersion === lakeVersion && previous.year === year && previous.limit === limit && previous.rows) {
    return { csv, countries, rows: previous.rows, bytes: (await stat(csv)).size }
  }
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' })
  const conn = await instance.connect()
  try {
    await conn.run(`CREATE VIEW countries AS SELECT * FROM read_parquet(${quote(join(versionDir, 'countries.parquet'))})`)
    await conn.run(`COPY (SELECT numeric_code AS country_code, iso3 AS country_iso3, name AS country_name FROM countries
      WHERE numeric_code IS NOT NULL ORDER BY numeric_code) TO ${quote(countries)} (HEADER, DELIMITER ',')`)
    await conn.run(`COPY (
      SELECT f.year AS t, ce.numeric_code AS i, ci.numeric_code AS j, f.hs6 AS k,
             round(f.value / 1000, 3) AS v, coalesce(CAST(round(f.quantity, 3) AS VARCHAR), 'NA') AS q
      FROM read_parquet(${quote(join(versionDir, 'flows', `year=${year}`, '*.parquet'))}) f
      JOIN countries ce ON ce.iso3 = f.exporter
      JOIN countries ci ON ci.iso3 = f.importer
      ORDER BY i, j, k ${limit ? `LIMIT ${limit}` : ''}
    ) TO ${quote(csv)} (HEADER, DELIMITER ',', QUOTE '"')`)
    const reader = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM read_csv(${quote(csv)})`)
    const rows = Number(reader.getRowObjects()[0]!.n)
    await writeFile(marker, JSON.stringify({ lakeVersion, year, limit, rows }))
    return { csv, countries, rows, bytes: (await stat(csv)).size }
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

export interface IngestTiming {
  rows: number
  csvBytes: number
  /** Plain DuckDB: COPY (SELECT * FROM read_csv(file)) TO parquet, same thread count. */
  copySeconds: number
  copyRowsPerSecond: number
  /** `tradedep ingest baci` end to end (process start to exit): validate, write flows, rebuild every summary table. */
  ingestSeconds: number
  ingestRowsPerSecond: number
  /** ingest speed / plain COPY speed. */
  ratio: number
  threads: number
  ingestOutput: string
}

async function plainCopy(input: IngestInput, out: string, threads: number): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) })
  const conn = await instance.connect()
  try {
    const started = performance.now()
    await conn.run(`COPY (SELECT * FROM read_csv(${quote(input.csv)})) TO ${quote(out)} (FORMAT parquet)`)
    return (performance.now() - started) / 1000
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

async function runIngest(input: IngestInput, lakeDir: string, threads: number): Promise<{ seconds: number; output: string }> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(ROOT, 'bin/tradedep.js'), '--lake-dir', lakeDir, '--threads', String(threads), '--quiet',
    'ingest', 'baci', input.csv, '--countries', input.countries], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (c: Buffer) => { output += c.toString() })
  child.stderr.on('data', (c: Buffer) => { output += c.toString() })
  const code = await new Promise<number | null>((r) => child.once('exit', r))
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`tradedep ingest baci failed (${code}):\n${output}`)
  return { seconds, output }
}

/** Times the plain COPY and the ingest of the same CSV into a fresh lake folder under `workDir`. */
export async function compareIngest(input: IngestInput, workDir: string, threads: number): Promise<IngestTiming> {
  const parquet = join(workDir, 'plain-copy.parquet')
  const lakeDir = join(workDir, 'ingest-lake')
  await rm(parquet, { force: true })
  await rm(lakeDir, { recursive: true, force: true })
  const copySeconds = await plainCopy(input, parquet, threads)
  const ingest = await runIngest(input, lakeDir, threads)
  await rm(parquet, { force: true })
  await rm(lakeDir, { recursive: true, force: true })
  const copyRowsPerSecond = input.rows / copySeconds
  const ingestRowsPerSecond = input.rows / ingest.seconds
  return {
    rows: input.rows, csvBytes: input.bytes, copySeconds, copyRowsPerSecond, ingestSeconds: ingest.seconds, ingestRowsPerSecond,
    ratio: ingestRowsPerSecond / copyRowsPerSecond, threads, ingestOutput: ingest.output.trim(),
  }
}
