// /hhi as a figure: HHI per chapter (or HHI6 line) against the flag threshold and the 2023 Guidelines' band cuts.
import { hhiPoints } from './numbers.js'
import { COLORS, chapterLabel, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

interface Concentration {
  chapter: string
  hhi: number | null
  band: string | null
  top_supplier: string | null
  top_share: number | null
  value: number
  above_threshold: boolean | null
}
interface ChapterRow extends Concentration { name: string; imports: number }
interface LineRow extends Concentration { hs6: string; description: string | null; imports: number }

export interface HhiData {
  country: { iso3: string; name: string | null }
  year: number
  basis: string
  level: string
  scope: { label: string }
  chapters: ChapterRow[]
  lines?: LineRow[]
}

const BANDS = ['unconcentrated', 'moderately concentrated', 'highly concentrated']

export function hhiSpec(data: HhiData, meta: FigureMeta): Spec {
  const threshold = meta.thresholds?.hhi ?? 2500
  // The 2023 Merger Guidelines' band cuts: grey lines, named in their tooltips (the colour legend names the bands).
  const lower = meta.thresholds?.band_unconcentrated_below ?? 1000
  const upper = meta.thresholds?.band_highly_above ?? 1800
  const rows = (data.lines ?? data.chapters).filter((r) => r.hhi !== null).map((r, i) => ({
    order: i,
    label: 'hs6' in r ? r.hs6 : chapterLabel(r.chapter, r.name),
    hhi: r.hhi,
    band: r.band,
    top_supplier: r.top_supplier,
    top_share_pct: r.top_share === null ? null : r.top_share * 100,
    value: r.value,
  }))
  const who = data.basis === 'importer' ? `${data.country.iso3}'s suppliers` : 'world exporters'
  return {
    ...frame(meta, `Concentration of ${who}, ${data.scope.label}, ${data.year}`),
    height: { step: 22 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: data.level === 'hs6' ? 'HS6 line' : 'HS chapter' },
          x: { field: 'hhi', type: 'quantitative', title: 'HHI (index points, 0–10,000)', scale: { domain: [0, 10000] } },
          color: { field: 'band', type: 'nominal', title: '2023 Merger Guidelines band', scale: { domain: BANDS, range: ['#54a24b', '#eeca3b', '#e45756'] } },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'market' },
            { field: 'hhi', type: 'quantitative', format: ',.0f', title: 'HHI (points)' },
            { field: 'band', type: 'nominal' },
            { field: 'top_supplier', type: 'nominal', title: 'top supplier' },
            { field: 'top_share_pct', type: 'quantitative', format: '.1f', title: 'top supplier share (%)' },
            { field: 'value', type: 'quantitative', format: '$,.0f', title: 'value (US$)' },
          ],
        },
      },
      ...ruleLayer('x', threshold, `threshold ${hhiPoints(threshold)}`, COLORS.threshold, 'HHI (index points, 0–10,000)'),
      ...ruleLayer('x', lower, `2023 Guidelines: unconcentrated below ${hhiPoints(lower)}`, COLORS.reference, 'HHI (index points, 0–10,000)', false),
      ...ruleLayer('x', upper, `2023 Guidelines: highly concentrated above ${hhiPoints(upper)}`, COLORS.reference, 'HHI (index points, 0–10,000)', false),
    ],
  } satisfies Spec
}

export function hhiHeadline(data: HhiData, meta: FigureMeta): string {
  const threshold = meta.thresholds?.hhi ?? 2500
  const rows = data.lines ?? data.chapters
  const top = rows.find((r) => r.hhi !== null)
  const who = data.basis === 'importer' ? `${data.country.iso3}'s suppliers` : 'world exporters'
  if (!top) return `No ${data.basis === 'importer' ? 'imports' : 'exports'} to measure the concentration of ${who} in ${data.scope.label} in ${data.year}.`
  const code = 'hs6' in top ? (top as LineRow).hs6 : top.chapter
  const above = rows.filter((r) => r.above_threshold === true).length
  const measured = rows.filter((r) => r.hhi !== null).length
  const unit = data.level === 'hs6' ? 'lines' : 'chapters'
  return `${code}: HHI ${hhiPoints(top.hhi!)} (${top.band}), the most concentrated market of ${who} in ${data.scope.label}, ` +
    `${data.year}; ${above} of ${measured} ${unit} above the ${hhiPoints(threshold)} threshold.`
}
