// Growth between two years: multiples, compound annual growth rates and medians.

/** value_to / value_from; null when the base is not positive (growth from nothing has no multiple). */
export function growthMultiple(valueFrom: number, valueTo: number): number | null {
  if (!(valueFrom > 0) || !Number.isFinite(valueTo) || valueTo < 0) return null
  return valueTo / valueFrom
}

/** Compound annual growth rate over `years` years from a multiple: multiple^(1/years) − 1 (0.05 = 5 % a year). */
export function cagr(multiple: number | null, years: number): number | null {
  if (multiple === null || !(years > 0) || multiple < 0) return null
  return multiple ** (1 / years) - 1
}

/** The median of the finite values (mean of the middle two for an even count); null for none. */
export function median(values: Iterable<number | null>): number | null {
  const sorted = [...values].filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return null
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
