// SQL for /growth: world exports of each chapter in two years, from the summary trade_chapter.
import type { Db } from '../executor.js'
import { placeholders } from './bind.js'

export interface ChapterYearExports { chapter: string; year: number; value: number }

/** World exports (US dollars) of each of `chapters` in the years `from` and `to`. */
export async function worldExportsInYears(
  db: Db, q: { chapters: string[]; from: number; to: number },
): Promise<ChapterYearExports[]> {
  const rows = await db.query(`
    SELECT chapter, year, sum(exports) AS value
    FROM trade_chapter
    WHERE year IN ($1, $2) AND chapter IN (${placeholders(q.chapters.length, 3)})
    GROUP BY chapter, year
    ORDER BY chapter, year`, [q.from, q.to, ...q.chapters])
  return rows.map((r) => ({ chapter: String(r.chapter), year: Number(r.year), value: Number(r.value) }))
}
