// SQL for /hhi at HS6 level: suppliers of each HS6 line, to the country (imports_hs6) or to the world (trade_hs6).
// (At chapter level /hhi reads bilateralImportsByChapter and worldExportsByChapter.)
import type { Db } from '../executor.js'
import { chapterSpan, placeholders } from './bind.js'

export interface LineSupplierRow { hs6: string; exporter: string; value: number }

/** The importer's imports (US dollars) of each HS6 line of `chapters`, by exporter. */
export async function bilateralImportsByLine(
  db: Db, q: { importer: string; chapters: string[]; year: number },
): Promise<LineSupplierRow[]> {
  const rows = await db.query(`
    SELECT hs6, exporter, sum(value) AS value
    FROM imports_hs6
    WHERE year = $1 AND importer = $2 AND hs6 >= $3 AND hs6 < $4 AND substr(hs6, 1, 2) IN (${placeholders(q.chapters.length, 5)})
      AND value > 0
    GROUP BY hs6, exporter
    ORDER BY hs6, exporter`, [q.year, q.importer, ...chapterSpan(q.chapters), ...q.chapters])
  return rows.map((r) => ({ hs6: String(r.hs6), exporter: String(r.exporter), value: Number(r.value) }))
}

/** World exports (US dollars) of each HS6 line of `chapters`, by exporter. */
export async function worldExportsByLine(db: Db, q: { chapters: string[]; year: number }): Promise<LineSupplierRow[]> {
  const rows = await db.query(`
    SELECT hs6, iso3 AS exporter, sum(exports) AS value
    FROM trade_hs6
    WHERE year = $1 AND hs6 >= $2 AND hs6 < $3 AND substr(hs6, 1, 2) IN (${placeholders(q.chapters.length, 4)}) AND exports > 0
    GROUP BY hs6, iso3
    ORDER BY hs6, iso3`, [q.year, ...chapterSpan(q.chapters), ...q.chapters])
  return rows.map((r) => ({ hs6: String(r.hs6), exporter: String(r.exporter), value: Number(r.value) }))
}

/** The country's total imports (US dollars) of each HS6 line of `chapters`: the weights of the chapter summary. */
export async function lineImports(db: Db, q: { country: string; chapters: string[]; year: number }): Promise<Map<string, number>> {
  const rows = await db.query(`
    SELECT hs6, sum(imports) AS imports
    FROM trade_hs6
    WHERE year = $1 AND iso3 = $2 AND hs6 >= $3 AND hs6 < $4 AND substr(hs6, 1, 2) IN (${placeholders(q.chapters.length, 5)})
      AND imports > 0
    GROUP BY hs6`, [q.year, q.country, ...chapterSpan(q.chapters), ...q.chapters])
  return new Map(rows.map((r) => [String(r.hs6), Number(r.imports)]))
}

/** Official descriptions of HS6 codes (nomenclature level 6). */
export async function lineDescriptions(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map()
  const rows = await db.query(`
    SELECT code, description FROM hs WHERE level = 6 AND code IN (${placeholders(codes.length, 1)})`, codes)
  return new Map(rows.map((r) => [String(r.code), String(r.description)]))
}
