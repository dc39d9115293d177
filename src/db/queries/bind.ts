// Placeholders for binding a list of values: the SQL gets `$k, $k+1, …`, never the values themselves.

/** `$first, $first+1, …` for `count` bound values (count ≥ 1: an empty IN list is a caller bug). */
export function placeholders(count: number, first: number): string {
  if (count < 1) throw new RangeError('an IN list needs at least one value')
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ')
}

/**
 * The HS6 range spanning `chapters` — from the lowest chapter to just past the highest ('~' sorts after every digit and
 * letter) — as two bound values. Implied by the chapter filter it goes with, but unlike substr() a plain range on `hs6`
 * lets DuckDB skip the row groups of a table sorted by hs6: a section's lines are read, not a whole year.
 */
export function chapterSpan(chapters: string[]): [string, string] {
  if (chapters.length < 1) throw new RangeError('a chapter span needs at least one chapter')
  const sorted = [...chapters].sort()
  return [sorted[0]!, `${sorted.at(-1)!}~`]
}
