// What a served lake keeps in DuckDB's memory from the moment it opens, instead of reading parquet per request.
// Only what is small: the large summaries grow with years × economies × lines (imports_chapter and trade_hs6 alone
// would take 1.3 GB for 8 years of BACI) and stay on disk, where their sort order lets a request read a few row groups.

/**
 * Summary tables copied into memory at open. trade_chapter (years × economies × chapters: 175,000 rows and about
 * 10 MB for 8 years) is read by /growth, /hhi?basis=world, /single-source?method=proportional and every chapter's
 * import total; from memory a query on it takes 1.2–2 ms through the pool instead of 2.4–3.4 ms from parquet.
 */
export const RESIDENT_SUMMARIES: ReadonlySet<string> = new Set(['trade_chapter'])

/**
 * Per year and HS6 line: world exports and imports and the largest single economy's value of each (US dollars),
 * from trade_hs6 — so /cr1 and /buyer-concentration rank every line of a year from ~5,400 rows instead of grouping
 * a million. World totals sum only values above zero, as the line-by-line queries do; a side with no trade is NULL.
 * 43,000 rows and 4.5 MB for 8 years of BACI, built in ~0.3 s when the lake opens.
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
