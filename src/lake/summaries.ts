// SQL that derives the summary tables from the base tables of a lake version being built.
import type { DuckDBConnection } from '@duckdb/node-api'
import { SUMMARY_TABLES } from './contract.js'
import { BEC_STAGE_SQL } from './bec-stage-summary.js'

/**
 * Each summary as a SELECT over the staged base tables (`flows`, `hs`, … registered as views
 * on the version folder). Ordered so the written parquet is deterministic and row groups are
 * clustered on the columns requests filter by.
 */
export const SUMMARY_SQL: Record<keyof typeof SUMMARY_TABLES, string> = {
  // Trade by economy × flow × chapter × BEC production stage (flows ⋈ hs_bec; see bec-stage-summary.ts).
  bec_stage: BEC_STAGE_SQL,
  // Bilateral imports by HS2 chapter: who supplies each importer, per chapter and year.
  imports_chapter: `
    SELECT year, importer, exporter, substr(hs6, 1, 2) AS chapter, sum(value) AS value
    FROM flows
    GROUP BY ALL
    ORDER BY year, importer, chapter, exporter`,
  // World exports and imports by economy × HS2 chapter × year.
  trade_chapter: `
    WITH x AS (SELECT year, exporter AS iso3, substr(hs6, 1, 2) AS chapter, sum(value) AS exports, 0.0 AS imports
               FROM flows GROUP BY ALL),
         m AS (SELECT year, importer AS iso3, substr(hs6, 1, 2) AS chapter, 0.0 AS exports, sum(value) AS imports
               FROM flows GROUP BY ALL)
    SELECT year, chapter, iso3, sum(exports) AS exports, sum(imports) AS imports
    FROM (SELECT * FROM x UNION ALL SELECT * FROM m)
    GROUP BY ALL
    ORDER BY year, chapter, iso3`,
  // World exports and imports by economy × HS6 × year.
  trade_hs6: `
    WITH x AS (SELECT year, exporter AS iso3, hs6, sum(value) AS exports, 0.0 AS imports FROM flows GROUP BY ALL),
         m AS (SELECT year, importer AS iso3, hs6, 0.0 AS exports, sum(value) AS imports FROM flows GROUP BY ALL)
    SELECT year, hs6, iso3, sum(exports) AS exports, sum(imports) AS imports
    FROM (SELECT * FROM x UNION ALL SELECT * FROM m)
    GROUP BY ALL
    ORDER BY year, hs6, iso3`,
  // Bilateral imports by HS6, clustered by importer: one country's suppliers line by line (/hhi level=hs6)
  // read from a few row groups instead of a year of flows. `flows` already has one row per year × exporter ×
  // importer × line (ingest and generator both group by it), so this is flows re-sorted, not re-aggregated:
  // grouping 11 million rows again took as long as the sort and the write together. Its reader sums by key anyway.
  imports_hs6: `
    SELECT year, importer, hs6, exporter, value
    FROM flows
    ORDER BY year, importer, hs6, exporter`,
}

export type SummaryWriter = (table: string, selectSql: string, conn: DuckDBConnection) => Promise<void>

/** Writes every summary table through `writeTable`, which stores a SELECT as the table's parquet. */
export async function buildSummaries(conn: DuckDBConnection, writeTable: SummaryWriter): Promise<void> {
  for (const [table, sql] of Object.entries(SUMMARY_SQL)) {
    await writeTable(table, sql, conn)
  }
}
