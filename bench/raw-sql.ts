// The seed report's own SQL (../shared/reference/seed-report.txt), adapted to the lake's column names and run
// straight on the lake's parquet (the flow table, and the TiVA table for the FVA query) with a separate DuckDB.
// The seed read `country_year_product` (product_code, country_code, export_value): here that is `flows`
// (hs6, exporter, value) — one exporter's world exports of a line are its flows summed over importers.
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'

export interface RawQuery {
  id: string
  /** The tradedep request that answers the same question. */
  endpoint: string
  /** Whether it reads the flow table (the 20× target is about those; the FVA query reads the small TiVA table). */
  onFlows: boolean
  sql: string
}

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`

/** The three queries of the seed report, for `section` chapters 84 and 85, `year` and `from` → `year`. */
export function seedQueries(versionDir: string, o: { year: number; from: number; tivaYear: number }): RawQuery[] {
  const flowsYear = quote(join(versionDir, 'flows', `year=${o.year}`, '*.parquet'))
  const flowsAll = quote(join(versionDir, 'flows', '*', '*.parquet'))
  const tiva = quote(join(versionDir, 'tiva.parquet'))
  return [
    {
      id: 'seed HHI by chapter (world exporters)',
      endpoint: 'hhi-world',
      onFlows: true,
      sql: `
        WITH base AS (
          SELECT SUBSTR(hs6,1,2) AS hs2, exporter AS country_code, SUM(value) AS v
          FROM read_parquet(${flowsYear})
          WHERE SUBSTR(hs6,1,2) IN ('84','85') AND value > 0
          GROUP BY hs2, country_code
        ),
        tot AS (SELECT hs2, SUM(v) AS t FROM base GROUP BY hs2),
        shares AS (SELECT b.hs2, b.v/t.t AS s FROM base b JOIN tot t ON t.hs2 = b.hs2)
        SELECT hs2, SUM(s*s)*10000 AS hhi FROM shares GROUP BY hs2 ORDER BY hhi DESC`,
    },
    {
      id: `seed growth ${o.from} → ${o.year}`,
      endpoint: 'growth',
      onFlows: true,
      sql: `
        WITH base AS (
          SELECT SUBSTR(hs6,1,2) AS hs2, CAST(year AS INTEGER) AS year, SUM(value) AS v
          FROM read_parquet(${flowsAll}, hive_partitioning = true)
          WHERE SUBSTR(hs6,1,2) IN ('84','85') AND year IN (${o.from}, ${o.year}) AND value > 0
          GROUP BY hs2, year
        )
        SELECT hs2, MAX(CASE WHEN year=${o.year} THEN v END)/MAX(CASE WHEN year=${o.from} THEN v END) AS growth
        FROM base GROUP BY hs2 ORDER BY growth DESC`,
    },
    {
      // The lake's TiVA table has no `dataset` column (it holds the MAINSH release only) and its unit is the measure's.
      id: 'seed FVA AVG (TiVA)',
      endpoint: 'fva-peers',
      onFlows: false,
      sql: `
        SELECT iso3, AVG(value) AS fva_share
        FROM read_parquet(${tiva})
        WHERE measure = 'EXGR_FVA' AND year = ${o.tivaYear} AND activity IN ('C26','C27','C28')
        GROUP BY iso3`,
    },
  ]
}

export interface RawTiming { id: string; endpoint: string; onFlows: boolean; firstMs: number; medianMs: number; runs: number; rows: Record<string, unknown>[] }

/**
 * Times each query on a fresh DuckDB instance (the first run pays for reading parquet footers) and then
 * `runs` more times on the same instance; the median of those is the figure compared.
 */
export async function timeRawQueries(queries: RawQuery[], runs: number, threads: number): Promise<RawTiming[]> {
  const out: RawTiming[] = []
  for (const q of queries) {
    const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) })
    const conn = await instance.connect()
    try {
      const once = async () => {
        const started = performance.now()
        const reader = await conn.runAndReadAll(q.sql)
        return { ms: performance.now() - started, rows: reader.getRowObjectsJson() as Record<string, unknown>[] }
      }
      const first = await once()
      const times: number[] = []
      for (let i = 0; i < runs; i++) times.push((await once()).ms)
      times.sort((a, b) => a - b)
      out.push({ id: q.id, endpoint: q.endpoint, onFlows: q.onFlows, firstMs: first.ms, medianMs: times[Math.floor(times.length / 2)]!, runs, rows: first.rows })
    } finally {
      conn.closeSync()
      instance.closeSync()
    }
  }
  return out
}
