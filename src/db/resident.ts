// What a served lake keeps in DuckDB's memory from the moment it opens, instead of reading parquet per request.
// Only small tables: the large summaries (imports_chapter, trade_hs6, imports_hs6) grow with years × economies ×
// lines and stay on disk, where their sort order lets a request read a few row groups.

/** Summary tables copied into memory at open (rows ≈ years × economies × chapters; a few MB per year). */
export const RESIDENT_SUMMARIES: ReadonlySet<string> = new Set(['trade_chapter', 'bec_stage'])

/**
 * Per year and HS6 line: world exports and imports and the largest single economy's value of each (US dollars),
 * from trade_hs6 — so /cr1 and /buyer-concentration rank every line of a year from ~5,400 rows instead of grouping
 * a million. World totals sum only values above zero, as the line-by-line queries do; a side with no trade is NULL.
 */
export const LINE_TOTALS_TABLE = 'trade_hs6_lines'
export const LINE_TOTALS_SQL = `
  CREATE TABLE ${LINE_TOTALS_TABLE} AS
  SELECT year, hs6,
         sum(exports) FILTER (WHERE exports > 0) AS world_exports, max(exports) FILTER (WHERE exports > 0) AS top_exports,
         sum(imports) FILTER (WHERE imports > 0) AS world_imports, max(imports) FILTER (WHERE imports > 0) AS top_imports
  FROM trade_hs6
  GROUP BY year, hs6
  ORDER BY year, hs6`
