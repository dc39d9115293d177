// SQL for /bec-stages: trade by production stage and year, read from the `bec_stage` summary (never `flows`).
import type { Db } from '../executor.js'

export type TradeFlow = 'imports' | 'exports'

export interface StageScope {
  from: number
  to: number
  /** ISO3 of one economy, or null for the world. */
  country: string | null
  flow: TradeFlow
  /** HS2 chapters to keep, or null for all trade. */
  chapters: string[] | null
}

export interface StageValueRow { year: number; stage: string; mapped: boolean; value: number }

/**
 * Value (US dollars) per year × stage × mapped within the scope. The world is the sum of every economy's
 * exports (each flow has an exporter and an importer, so world exports = world imports and counting one
 * side counts every flow once).
 */
export async function stageValuesByYear(db: Db, scope: StageScope): Promise<StageValueRow[]> {
  const params: (string | number)[] = [scope.from, scope.to, scope.country ? scope.flow : 'exports']
  let where = 'year BETWEEN $1 AND $2 AND flow = $3'
  if (scope.country) {
    params.push(scope.country)
    where += ` AND iso3 = $${params.length}`
  }
  if (scope.chapters) {
    // One placeholder per chapter: only their count shapes the SQL, never their text.
    const first = params.length + 1
    params.push(...scope.chapters)
    where += ` AND chapter IN (${scope.chapters.map((_, i) => `$${first + i}`).join(', ')})`
  }
  const rows = await db.query(`
    SELECT year, stage, mapped, sum(value) AS value
    FROM bec_stage
    WHERE ${where}
    GROUP BY year, stage, mapped
    ORDER BY year, stage, mapped`, params)
  return rows.map((r) => ({ year: Number(r.year), stage: String(r.stage), mapped: r.mapped === true, value: Number(r.value) }))
}
