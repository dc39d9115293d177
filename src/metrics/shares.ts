// Shares of a total: ranked supplier (or buyer) shares, cumulative shares, and the mix left after excluding origins.

/** One economy's contribution to a total, in US dollars. */
export interface Contribution {
  key: string
  value: number
}

export interface RankedShare extends Contribution {
  /** value / total, 0–1. */
  share: number
  /** 1 = largest; ties broken by key so the order is reproducible. */
  rank: number
  /** Sum of the shares of this rank and all larger ones, 0–1 (the last is exactly 1). */
  cumulative_share: number
}

/** Largest first; equal values in key order, so every caller ranks ties the same way. */
export function byValueDescending(a: Contribution, b: Contribution): number {
  return b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

/**
 * Ranks contributions by value with their shares of the total. Non-positive values are not
 * contributions (a zero flow is no supplier) and are dropped. Empty input gives an empty list.
 */
export function rankedShares(items: Iterable<Contribution>): RankedShare[] {
  const sorted = [...items].filter((c) => c.value > 0).sort(byValueDescending)
  // Summed in the same order as the running sum, so the last cumulative share is exactly 1.
  const total = sorted.reduce((sum, c) => sum + c.value, 0)
  let running = 0
  return sorted.map((c, i) => {
    running += c.value
    return { key: c.key, value: c.value, share: c.value / total, rank: i + 1, cumulative_share: running / total }
  })
}

/** Sum of the values of contributions (US dollars). */
export function totalValue(items: Iterable<Contribution>): number {
  let total = 0
  for (const c of items) total += c.value
  return total
}

export interface ExclusionScenario {
  /** Value supplied by the excluded origins, US dollars. */
  excluded_value: number
  /** excluded_value / total: the share of imports that would need to be reallocated, 0–1 (null for no imports). */
  share_to_reallocate: number | null
  /** The remaining origins, re-ranked with shares of what is left (they sum to 1). */
  remaining: RankedShare[]
}

/** The named-origin exclusion scenario: drop `excluded` origins and renormalise the rest. */
export function excludeOrigins(items: Iterable<Contribution>, excluded: ReadonlySet<string>): ExclusionScenario {
  const all = [...items].filter((c) => c.value > 0)
  const total = totalValue(all)
  const excludedValue = totalValue(all.filter((c) => excluded.has(c.key)))
  return {
    excluded_value: excludedValue,
    share_to_reallocate: total > 0 ? excludedValue / total : null,
    remaining: rankedShares(all.filter((c) => !excluded.has(c.key))),
  }
}

/** Rows of one value per chapter and exporter, grouped as each chapter's contributions by exporter. */
export function contributionsByChapter(rows: Iterable<{ chapter: string; exporter: string; value: number }>): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>()
  for (const r of rows) {
    const list = out.get(r.chapter) ?? []
    list.push({ key: r.exporter, value: r.value })
    out.set(r.chapter, list)
  }
  return out
}
