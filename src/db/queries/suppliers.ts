// SQL for /suppliers: a country's imports by source economy and HS2 chapter, from the summary imports_chapter.
import type { Db } from '../executor.js'
import { placeholders } from './bind.js'

export interface ChapterSupplierRow { chapter: string; exporter: string; value: number }

/** The importer's imports (US dollars) from each exporter in each of `chapters`, in `year`. */
export async function bilateralImportsByChapter(
  db: Db, q: { importer: string; chapters: string[]; year: number },
): Promise<ChapterSupplierRow[]> {
  const rows = await db.query(`
    SELECT chapter, exporter, sum(value) AS value
    FROM imports_chapter
    WHERE year = $1 AND importer = $2 AND chapter IN (${placeholders(q.chapters.length, 3)}) AND value > 0
    GROUP BY chapter, exporter
    ORDER BY chapter, exporter`, [q.year, q.importer, ...q.chapters])
  return rows.map((r) => ({ chapter: String(r.chapter), exporter: String(r.exporter), value: Number(r.value) }))
}
