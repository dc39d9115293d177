// What a served lake keeps in DuckDB's memory from the moment it opens. Summary tables stay on disk: they grow
// with years × economies × lines (trade_chapter and bec_stage alone would take ~60 MB for 8 years of BACI, ~4× that
// for 30), their sort order lets a request read a few row groups, and a request that reads the lake's files fails
// clearly when they are damaged or gone. What is held is small and derived: totals that save grouping a year per request.

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
