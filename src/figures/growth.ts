// /growth as a figure: each chapter's world-export multiple between two years against the section median.
import { percent } from './numbers.js'
import { COLORS, chapterLabel, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

export interface GrowthData {
  scope: { label: string }
  from: number
  to: number
  median_multiple: number | null
  chapters: {
    chapter: string
    name: string
    value_from: number
    value_to: number
    multiple: number | null
    cagr: number | null
    above_median: boolean | null
  }[]
}

const times = (m: number) => `×${m.toFixed(2)}`

export function growthSpec(data: GrowthData, meta: FigureMeta): Spec {
  const axis = `World exports ${data.to} / ${data.from} (multiple, ×)`
  const rows = data.chapters.filter((c) => c.multiple !== null).map((c, i) => ({
    order: i,
    label: chapterLabel(c.chapter, c.name),
    multiple: c.multiple,
    cagr_pct: c.cagr === null ? null : c.cagr * 100,
    value_from: c.value_from,
    value_to: c.value_to,
    position: c.above_median ? 'above the median' : 'at or below the median',
  }))
  return {
    ...frame(meta, `World-export growth by HS2 chapter, ${data.scope.label}, ${data.from}–${data.to}`),
    height: { step: 22 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: 'HS chapter' },
          x: { field: 'multiple', type: 'quantitative', title: axis },
          color: {
            field: 'position', type: 'nominal', title: 'against the section median',
            scale: { domain: ['above the median', 'at or below the median'], range: [COLORS.median, COLORS.bar] },
          },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'chapter' },
            { field: 'multiple', type: 'quantitative', format: '.2f', title: 'multiple (×)' },
            { field: 'cagr_pct', type: 'quantitative', format: '.2f', title: 'CAGR (% a year)' },
            { field: 'value_from', type: 'quantitative', format: '$,.0f', title: `world exports ${data.from} (US$)` },
            { field: 'value_to', type: 'quantitative', format: '$,.0f', title: `world exports ${data.to} (US$)` },
          ],
        },
      },
      ...(data.median_multiple === null ? [] : ruleLayer('x', data.median_multiple, `median ${times(data.median_multiple)}`, COLORS.reference, axis)),
    ],
  } satisfies Spec
}

export function growthHeadline(data: GrowthData): string {
  const top = data.chapters.find((c) => c.multiple !== null)
  if (!top) return `No chapter of ${data.scope.label} had world exports in ${data.from} to measure growth to ${data.to}.`
  const median = data.median_multiple === null ? '' : ` against a section median of ${times(data.median_multiple)}`
  return `${top.chapter} grew fastest in ${data.scope.label}: world exports ${times(top.multiple!)} from ${data.from} to ${data.to} ` +
    `(${top.cagr === null ? 'n/a' : percent(top.cagr)} a year)${median}.`
}
