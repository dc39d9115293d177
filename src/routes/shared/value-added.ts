// What /fva-peers and /smile-fit share: the section's TiVA activities as the lake holds them, each economy's
// combined FVA share and latest income, the 404 that says which source lacks a country, and their `meta`.
import { Type } from 'typebox'
import type { Db } from '../../db/executor.js'
import { activityShares, economyCoverage, fvaActivitiesInYear, latestIncomes } from '../../db/queries/value-added.js'
import { NotFound, withParameter } from '../../errors.js'
import { INDICATOR_GNI_PPP } from '../../lake/contract.js'
import {
  SECTION_ACTIVITY_TABLE, SECTION_ACTIVITY_TABLE_VERSION, TOTAL_ACTIVITY, activitiesOfSection,
} from '../../metrics/section-activities.js'
import { combineActivityShares, type ActivityShare, type CombinedShare, type Income, type Weighting } from '../../metrics/value-added.js'
import { describeYears } from './resolve.js'

/** The default year of both endpoints: the last year of the OECD TiVA 2023 release. */
export const DEFAULT_YEAR = 2020

export interface ActivityPlan {
  section: string
  /** The activities the section → activity table names. */
  mapped: string[]
  /** The activities the answer is computed over (the mapped ones the lake holds, or the total). */
  used: string[]
  /** Mapped activities the lake has no FVA share for in the year. */
  missing: string[]
  fallbackToTotal: boolean
  rationale: string
}

export interface Economy {
  iso3: string
  name: string
  fva: CombinedShare | null
  income: Income | null
}

export interface ValueAddedPanel {
  plan: ActivityPlan
  economies: Map<string, Economy>
}

/** Which activities to use: the table's, restricted to those the lake has in `year`; the total when none. */
async function planActivities(db: Db, section: string, year: number): Promise<ActivityPlan> {
  const row = activitiesOfSection(section)
  const present = new Set(await fvaActivitiesInYear(db, year))
  const found = row.activities.filter((a) => present.has(a))
  const missing = row.activities.filter((a) => !present.has(a))
  if (found.length > 0) return { section, mapped: row.activities, used: found, missing, fallbackToTotal: false, rationale: row.rationale }
  if (!present.has(TOTAL_ACTIVITY)) {
    throw withParameter(new NotFound(
      `the lake's TiVA table has no foreign value-added share in ${year} for the activities of section ${section} ` +
      `(${row.activities.join(', ')}) nor for the total (${TOTAL_ACTIVITY})`), 'section')
  }
  return { section, mapped: row.activities, used: [TOTAL_ACTIVITY], missing, fallbackToTotal: row.activities[0] !== TOTAL_ACTIVITY, rationale: row.rationale }
}

/** Every economy with an FVA share for the section's activities in `year` or an income up to `year`. */
export async function loadValueAdded(db: Db, section: string, year: number): Promise<ValueAddedPanel> {
  const plan = await planActivities(db, section, year)
  const economies = new Map<string, Economy>()
  const entry = (iso3: string, name: string) => {
    const found = economies.get(iso3) ?? { iso3, name, fva: null, income: null }
    economies.set(iso3, found)
    return found
  }
  const byEconomy = new Map<string, { name: string; rows: ActivityShare[] }>()
  for (const r of await activityShares(db, year, plan.used)) {
    const group = byEconomy.get(r.iso3) ?? { name: r.name, rows: [] }
    group.rows.push({ activity: r.activity, fvaShare: r.fva_share, grossExports: r.gross_exports })
    byEconomy.set(r.iso3, group)
  }
  for (const [iso3, { name, rows }] of byEconomy) entry(iso3, name).fva = combineActivityShares(rows)
  for (const r of await latestIncomes(db, year)) {
    entry(r.iso3, r.name).income = { iso3: r.iso3, income: r.income, year: r.income_year }
  }
  return { plan, economies }
}

/** The country's entry with both values, or a 404 that names the source (TiVA, WDI or both) lacking it. */
export async function requireCountry(db: Db, panel: ValueAddedPanel, iso3: string, year: number) {
  const found = panel.economies.get(iso3)
  if (found?.fva && found.income) return { ...found, fva: found.fva, income: found.income }
  const coverage = await economyCoverage(db, iso3)
  const held = (years: number[]) => (years.length ? describeYears({ from: years[0]!, to: years.at(-1)!, years }) : 'none')
  const missing: string[] = []
  if (!found?.fva) {
    missing.push(`no TiVA foreign value-added share (EXGR_FVA) for ${iso3} in ${year} for activities ` +
      `${panel.plan.used.join(', ')} (TiVA years held for ${iso3}: ${held(coverage.tivaYears)})`)
  }
  if (!found?.income) {
    missing.push(`no WDI GNI per capita PPP (${INDICATOR_GNI_PPP}) for ${iso3} in ${year} or earlier ` +
      `(WDI years held for ${iso3}: ${held(coverage.wdiYears)})`)
  }
  throw withParameter(new NotFound(`the lake has ${missing.join('; and ')}`), 'country')
}

/** How the activities were combined across the economies of an answer: one method, or `mixed` with the exceptions. */
export function weightingMeta(values: { iso3: string; weighting: Weighting }[]) {
  const plain = values.filter((v) => v.weighting === 'plain-mean').map((v) => v.iso3)
  const weighting = plain.length === 0 ? 'gross-exports' : plain.length === values.length ? 'plain-mean' : 'mixed'
  return { weighting, ...(weighting === 'mixed' ? { plain_mean_economies: plain } : {}) }
}

/** `meta` fields naming the activity table, the section's row and what was used. */
export function activityMeta(plan: ActivityPlan, economies: Economy[]) {
  const notes: string[] = []
  if (plan.fallbackToTotal) {
    notes.push(`The lake's TiVA table holds none of section ${plan.section}'s activities (${plan.mapped.join(', ')}) ` +
      `in this year: the total of all activities (${TOTAL_ACTIVITY}) is used instead.`)
  } else if (plan.missing.length > 0) {
    notes.push(`Activities ${plan.missing.join(', ')} of section ${plan.section} are not in the lake's TiVA table in this year; ` +
      `the answer uses ${plan.used.join(', ')}.`)
  }
  const partial = economies.filter((e) => e.fva && e.fva.activities.length < plan.used.length)
  if (partial.length > 0) {
    notes.push(`Some economies lack some activities and are combined over those they have: ` +
      partial.map((e) => `${e.iso3} (${e.fva!.activities.join(', ')})`).join(', ') + '.')
  }
  return {
    activities: {
      section: plan.section, mapped: plan.mapped, used: plan.used, fallback_to_total: plan.fallbackToTotal, rationale: plan.rationale,
    },
    section_activity_table: {
      version: SECTION_ACTIVITY_TABLE_VERSION,
      rows: Object.fromEntries(SECTION_ACTIVITY_TABLE.map((r) => [r.section, r.activities])),
    },
    notes,
  }
}

/** A JSON-safe number: NaN and ±Infinity become null (JSON has neither). */
export function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null
}

export const ActivitiesOut = Type.Object({
  section: Type.String({ examples: ['XVI'] }),
  mapped: Type.Array(Type.String(), { description: 'TiVA activities the section → activity table names', examples: [['C26', 'C27', 'C28']] }),
  used: Type.Array(Type.String(), { description: 'activities the answer is computed over', examples: [['C26', 'C27', 'C28']] }),
  fallback_to_total: Type.Boolean({ description: 'true when none of the mapped activities is in the lake and the total (_T) is used' }),
  rationale: Type.String(),
}, { description: 'the section\'s TiVA activities (ISIC rev.4)' })

export const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

export const WeightingOut = Type.Enum(['gross-exports', 'plain-mean'], {
  description: '`gross-exports`: activities weighted by their gross exports (EXGR); `plain-mean`: EXGR missing for some activity, unweighted mean',
})
