// Concentration of a market among its suppliers (or buyers): HHI, concentration ratios, the 2023 Merger Guidelines bands.
import { rankedShares, totalValue, type Contribution } from './shares.js'

/** HHI on the 0–10,000 scale: 10,000 × Σ sᵢ², sᵢ each value's share of the total. Null when the total is not positive. */
export function hhi(values: Iterable<number>): number | null {
  const positive = [...values].filter((v) => v > 0)
  const total = positive.reduce((sum, v) => sum + v, 0)
  if (!(total > 0)) return null
  return 10000 * positive.reduce((sum, v) => sum + (v / total) ** 2, 0)
}

/** CR-k: the combined share (0–1) of the k largest values. Null when the total is not positive. */
export function concentrationRatio(values: Iterable<number>, k: number): number | null {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`)
  const sorted = [...values].filter((v) => v > 0).sort((a, b) => b - a)
  const total = sorted.reduce((sum, v) => sum + v, 0)
  if (!(total > 0)) return null
  return sorted.slice(0, k).reduce((sum, v) => sum + v, 0) / total
}

/** CR1: the largest value's share of the total, 0–1. */
export function cr1(values: Iterable<number>): number | null {
  return concentrationRatio(values, 1)
}

export type MergerGuidelinesBand = 'unconcentrated' | 'moderately concentrated' | 'highly concentrated'

/** The HHI bands of the US DOJ/FTC 2023 Merger Guidelines. */
export const MERGER_GUIDELINES_2023 = { unconcentratedBelow: 1000, highlyAbove: 1800 } as const

/**
 * The 2023 Merger Guidelines band of an HHI: unconcentrated below 1,000, moderately concentrated
 * from 1,000 to 1,800 inclusive, highly concentrated above 1,800.
 */
export function mergerGuidelinesBand(index: number | null): MergerGuidelinesBand | null {
  if (index === null || Number.isNaN(index)) return null
  if (index < MERGER_GUIDELINES_2023.unconcentratedBelow) return 'unconcentrated'
  if (index <= MERGER_GUIDELINES_2023.highlyAbove) return 'moderately concentrated'
  return 'highly concentrated'
}

/** The threshold flag every endpoint uses: strictly above the threshold. Null when there is no value. */
export function aboveThreshold(value: number | null, threshold: number): boolean | null {
  if (value === null || Number.isNaN(value)) return null
  return value > threshold
}

/**
 * Weighted mean of HHIs (e.g. a chapter's HS6 lines weighted by the country's imports of each).
 * Lines without an HHI or with no weight are left out; null when no weight remains.
 */
export function weightedHhi(lines: Iterable<{ weight: number; hhi: number | null }>): number | null {
  let weights = 0
  let sum = 0
  for (const line of lines) {
    if (line.hhi === null || !(line.weight > 0)) continue
    weights += line.weight
    sum += line.weight * line.hhi
  }
  return weights > 0 ? sum / weights : null
}

export interface MarketConcentration {
  /** Total of the market, in the contributions' unit (US dollars). */
  value: number
  /** Contributors with a value above zero. */
  count: number
  /** The largest contributor and its share (0–1); ties go to the first key in order. */
  top: { key: string; share: number } | null
  /** The second largest and its share (0–1). */
  runner_up: { key: string; share: number } | null
  hhi: number | null
}

/** The concentration facts every endpoint reports about one market (a chapter, an HS6 line). */
export function marketConcentration(items: Iterable<Contribution>): MarketConcentration {
  const ranked = rankedShares(items)
  const at = (i: number) => (ranked[i] ? { key: ranked[i].key, share: ranked[i].share } : null)
  return {
    value: totalValue(ranked),
    count: ranked.length,
    top: at(0),
    runner_up: at(1),
    hhi: hhi(ranked.map((r) => r.value)),
  }
}
