// Placeholders for binding a list of values: the SQL gets `$k, $k+1, …`, never the values themselves.

/** `$first, $first+1, …` for `count` bound values (count ≥ 1: an empty IN list is a caller bug). */
export function placeholders(count: number, first: number): string {
  if (count < 1) throw new RangeError('an IN list needs at least one value')
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ')
}
