// SQL for /cr1 and its mirror /buyer-concentration: HS6 lines where one economy holds most of world exports
// (or imports), from the summary trade_hs6 and its per-line totals.
import type { Db } from '../executor.js'
import { LINE_TOTALS_TABLE } from '../resident.js'
import { placeholders } from './bind.js'

/** Which side of world trade is concentrated: exporters (/cr1) or importers (/buyer-concentration). */
export type TradeSide = 'exports' | 'imports'
// The side names a column; only these two identifiers ever reach the SQL.
const SIDE_COLUMN: Record<TradeSide, string> = { exports: 'exports', imports: 'imports' }
const LINE_TOTAL_COLUMNS: Record<TradeSide, { world: string; top: string }> = {
  exports: { world: 'world_exports', top: 'top_exports' },
  imports: { world: 'world_imports', top: 'top_imports' },
}

export interface DominatedLine { hs6: string; world_value: number }

/**
 * Lines with world trade above `minValue` (US dollars) whose largest economy holds more than
 * `threshold` of it, largest world value first. Optionally only lines of `chapters`.
 */
export async function dominatedLines(db: Db, q: {
  side: TradeSide; year: number; threshold: number; minValue: number; chapters: string[] | null
}): Promise<DominatedLine[]> {
  const { world, top } = LINE_TOTAL_COLUMNS[q.side]
  const inChapters = q.chapters ? `AND substr(hs6, 1, 2) IN (${placeholders(q.chapters.length, 4)})` : ''
  // Per-line totals held in memory since the lake opened (src/db/resident.ts): world trade and the largest economy's value.
  const rows = await db.query(`
    SELECT hs6, ${world} AS world_value
    FROM ${LINE_TOTALS_TABLE}
    WHERE year = $1 ${inChapters} AND ${world} > $2 AND ${top} / ${world} > $3
    ORDER BY world_value DESC, hs6`, [q.year, q.minValue, q.threshold, ...(q.chapters ?? [])])
  return rows.map((r) => ({ hs6: String(r.hs6), world_value: Number(r.world_value) }))
}

export interface LineEconomyRow { hs6: string; iso3: string; value: number }

/** Every economy's exports (or imports) of the given lines, US dollars. */
export async function lineTradeByEconomy(db: Db, q: { side: TradeSide; year: number; lines: string[] }): Promise<LineEconomyRow[]> {
  if (q.lines.length === 0) return []
  const column = SIDE_COLUMN[q.side]
  const rows = await db.query(`
    SELECT hs6, iso3, ${column} AS value
    FROM trade_hs6
    WHERE year = $1 AND ${column} > 0 AND hs6 IN (${placeholders(q.lines.length, 2)})
    ORDER BY hs6, iso3`, [q.year, ...q.lines])
  return rows.map((r) => ({ hs6: String(r.hs6), iso3: String(r.iso3), value: Number(r.value) }))
}
