// SQL for /fva-peers and /smile-fit: TiVA foreign value-added by economy and activity, and WDI income.
// Both keep to the economies in the lake's country list, so TiVA and WDI aggregates (OECD, WLD, …) never enter.
import { INDICATOR_GNI_PPP } from '../../lake/contract.js'
import type { Db } from '../executor.js'
import { placeholders } from './bind.js'

export interface ActivityShareRow {
  iso3: string
  name: string
  activity: string
  /** EXGR_FVA, percent of gross exports. */
  fva_share: number
  /** EXGR, US dollars; null when the lake has no gross exports for that economy, activity and year. */
  gross_exports: number | null
}

export interface IncomeRow {
  iso3: string
  name: string
  /** GNI per capita, PPP, current international dollars. */
  income: number
  income_year: number
}

/** The activities with an FVA share in `year`, over all economies. */
export async function fvaActivitiesInYear(db: Db, year: number): Promise<string[]> {
  const rows = await db.query(
    `SELECT DISTINCT activity FROM tiva WHERE measure = 'EXGR_FVA' AND year = $1 AND value IS NOT NULL ORDER BY activity`,
    [year])
  return rows.map((r) => String(r.activity))
}

/** Each economy's FVA share and gross exports for the given activities in `year`. */
export async function activityShares(db: Db, year: number, activities: readonly string[]): Promise<ActivityShareRow[]> {
  const rows = await db.query(`
    SELECT f.iso3, c.name, f.activity, f.value AS fva_share, g.value AS gross_exports
    FROM tiva f
    JOIN countries c ON c.iso3 = f.iso3
    LEFT JOIN tiva g ON g.iso3 = f.iso3 AND g.activity = f.activity AND g.year = f.year AND g.measure = 'EXGR'
    WHERE f.measure = 'EXGR_FVA' AND f.year = $1 AND f.value IS NOT NULL AND isfinite(f.value)
      AND f.activity IN (${placeholders(activities.length, 2)})
    ORDER BY f.iso3, f.activity`, [year, ...activities])
  return rows.map((r) => ({
    iso3: String(r.iso3), name: String(r.name), activity: String(r.activity),
    fva_share: Number(r.fva_share), gross_exports: r.gross_exports === null ? null : Number(r.gross_exports),
  }))
}

/** Each economy's GNI per capita PPP in the latest year up to `year` that has a positive value. */
export async function latestIncomes(db: Db, year: number): Promise<IncomeRow[]> {
  const rows = await db.query(`
    SELECT w.iso3, c.name, arg_max(w.value, w.year) AS income, max(w.year) AS income_year
    FROM wdi w
    JOIN countries c ON c.iso3 = w.iso3
    WHERE w.indicator = $1 AND w.year <= $2 AND w.value > 0 AND isfinite(w.value)
    GROUP BY w.iso3, c.name
    ORDER BY w.iso3`, [INDICATOR_GNI_PPP, year])
  return rows.map((r) => ({ iso3: String(r.iso3), name: String(r.name), income: Number(r.income), income_year: Number(r.income_year) }))
}

/** The years in which an economy has any TiVA FVA share and any WDI income: for saying what is missing. */
export async function economyCoverage(db: Db, iso3: string): Promise<{ tivaYears: number[]; wdiYears: number[] }> {
  const rows = await db.query(`
    SELECT 'tiva' AS source, year FROM tiva WHERE iso3 = $1 AND measure = 'EXGR_FVA' AND value IS NOT NULL
    UNION
    SELECT 'wdi' AS source, year FROM wdi WHERE iso3 = $1 AND indicator = $2 AND value > 0
    ORDER BY source, year`, [iso3, INDICATOR_GNI_PPP])
  const years = (source: string) => rows.filter((r) => r.source === source).map((r) => Number(r.year))
  return { tivaYears: years('tiva'), wdiYears: years('wdi') }
}
