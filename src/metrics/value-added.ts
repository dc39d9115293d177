// Foreign value-added of a section's activities, and income peers: who is comparable, and where a country stands.

export type Weighting = 'gross-exports' | 'plain-mean'

export interface ActivityShare {
  activity: string
  /** TiVA EXGR_FVA, percent of the activity's gross exports (0–100). */
  fvaShare: number
  /** TiVA EXGR, gross exports of the activity, US dollars; null when missing. */
  grossExports: number | null
}

export interface CombinedShare {
  /** Foreign value-added share of the activities' gross exports, percent (0–100). */
  fvaShare: number
  weighting: Weighting
  activities: string[]
}

/**
 * Combines an economy's activity FVA shares into one share: weighted by the activities' gross exports
 * when every activity has a positive one (Σ fva·EXGR / Σ EXGR, the FVA share of their combined exports),
 * otherwise a plain mean. Null for no activities.
 */
export function combineActivityShares(rows: readonly ActivityShare[]): CombinedShare | null {
  const usable = rows.filter((r) => Number.isFinite(r.fvaShare))
  if (usable.length === 0) return null
  const activities = usable.map((r) => r.activity)
  const weighted = usable.every((r) => r.grossExports !== null && Number.isFinite(r.grossExports) && r.grossExports > 0)
  if (weighted) {
    const total = usable.reduce((s, r) => s + r.grossExports!, 0)
    return { fvaShare: usable.reduce((s, r) => s + r.fvaShare * r.grossExports!, 0) / total, weighting: 'gross-exports', activities }
  }
  return { fvaShare: usable.reduce((s, r) => s + r.fvaShare, 0) / usable.length, weighting: 'plain-mean', activities }
}

export interface Income {
  iso3: string
  /** GNI per capita, PPP, current international dollars. */
  income: number
  /** The year the income is from (the latest available up to the requested year). */
  year: number
}

/** Lower and upper income bounds of the peer band: the country's income × (1 ∓ band). */
export function peerBand(countryIncome: number, band: number): { lower: number; upper: number } {
  return { lower: countryIncome * (1 - band), upper: countryIncome * (1 + band) }
}

/** Economies other than `country` whose income lies within ±band of the country's (bounds included). */
export function incomePeers(country: Income, incomes: readonly Income[], band: number): Income[] {
  const { lower, upper } = peerBand(country.income, band)
  return incomes.filter((e) => e.iso3 !== country.iso3 && e.income >= lower && e.income <= upper)
}

/**
 * Percentile rank of `value` among `others`, 0–100: the share of them below it, ties counted half
 * (so a value equal to all of them sits at 50). Null when there are none.
 */
export function percentileRank(value: number, others: readonly number[]): number | null {
  if (others.length === 0) return null
  const below = others.filter((v) => v < value).length
  const equal = others.filter((v) => v === value).length
  return (100 * (below + equal / 2)) / others.length
}
