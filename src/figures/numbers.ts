// Numbers as the headline sentences write them: US dollars with a scale word, percentages, HHI points.

/** "US$562.3 bn", "US$1.25 tn", "US$48.0 m". */
export function usd(value: number): string {
  const abs = Math.abs(value)
  const scaled = (divisor: number, unit: string, digits: number) => `US$${(value / divisor).toFixed(digits)} ${unit}`
  if (abs >= 1e12) return scaled(1e12, 'tn', 2)
  if (abs >= 1e9) return scaled(1e9, 'bn', 1)
  if (abs >= 1e6) return scaled(1e6, 'm', 1)
  return `US$${Math.round(value).toLocaleString('en-US')}`
}

/** A 0–1 fraction as a whole percentage ("67%"); one decimal below 10% so small shares do not read as 0. */
export function percent(fraction: number): string {
  const p = fraction * 100
  return `${Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : Math.round(p)}%`
}

/** A value already in percent (0–100), one decimal: "23.4%". */
export function percentValue(value: number): string {
  return `${value.toFixed(1)}%`
}

/** Percentage points with sign: "+2.1 pp", "−10.8 pp". */
export function pp(value: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(1)} pp`
}

/** An HHI, rounded to whole points with a thousands separator: "2,411". */
export function hhiPoints(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** An amount of international dollars per capita: "int'l $23,448". */
export function intlDollars(value: number): string {
  return `int'l $${Math.round(value).toLocaleString('en-US')}`
}
