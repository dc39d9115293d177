// SQL for /single-source: the country's chapter imports and world exporters by chapter, from the summary trade_chapter.
// (The observed bilateral flows come from bilateralImportsByChapter in ./suppliers.ts.)
import type { Db } from '../executor.js'
import { placeholders } from './bind.js'

/** M(c,h): the country's total imports (US dollars) of each chapter in `year`. */
export async function chapterImports(
  db: Db, q: { country: string; chapters: string[]; year: number },
): Promise<Map<string, number>> {
  const rows = await db.query(`
    SELECT chapter, sum(imports) AS imports
    FROM trade_chapter
    WHERE year = $1 AND iso3 = $2 AND chapter IN (${placeholders(q.chapters.length, 3)})
    GROUP BY chapter`, [q.year, q.country, ...q.chapters])
  return new Map(rows.map((r) => [String(r.chapter), Number(r.imports)]))
}

export interface ChapterExporterRow { chapter: string; exporter: string; value: number }

/** X(p,h): every economy's world exports (US dollars) of each chapter in `year`. */
export async function worldExportsByChapter(
  db: Db, q: { chapters: string[]; year: number },
): Promise<ChapterExporterRow[]> {
  const rows = await db.query(`
    SELECT chapter, iso3 AS exporter, sum(exports) AS value
    FROM trade_chapter
    WHERE year = $1 AND chapter IN (${placeholders(q.chapters.length, 2)}) AND exports > 0
    GROUP BY chapter, iso3
    ORDER BY chapter, iso3`, [q.year, ...q.chapters])
  return rows.map((r) => ({ chapter: String(r.chapter), exporter: String(r.exporter), value: Number(r.value) }))
}
