// /single-source as a figure: each chapter's largest supplier share against the single-source line (default 40%).
import { percent } from './numbers.js'
import { COLORS, chapterLabel, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

export interface SingleSourceData {
  country: { iso3: string; name: string | null }
  year: number
  method: string
  scope: { label: string }
  chapters: {
    chapter: string
    name: string
    imports: number
    top_supplier: string | null
    top_supplier_name: string | null
    top_share: number | null
    above_threshold: boolean | null
  }[]
}

const AXIS = 'Largest supplier\'s share of imports (%)'

export function singleSourceSpec(data: SingleSourceData, meta: FigureMeta): Spec {
  const threshold = meta.thresholds?.top_share ?? 0.4
  const rows = data.chapters.filter((c) => c.top_share !== null).map((c, i) => ({
    order: i,
    label: chapterLabel(c.chapter, c.name),
    top_supplier: c.top_supplier,
    top_supplier_name: c.top_supplier_name,
    top_share_pct: c.top_share! * 100,
    imports: c.imports,
    flag: c.above_threshold ? `above ${percent(threshold)}` : `at or below ${percent(threshold)}`,
  }))
  const y = { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: 'HS chapter' } as const
  const spec: Spec = {
    ...frame(meta, `Single-supplier exposure of ${data.country.iso3}, ${data.scope.label}, ${data.year}`),
    height: { step: 24 },
    layer: [
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              y, x: { field: 'top_share_pct', type: 'quantitative', title: AXIS, scale: { domain: [0, 100] } },
              color: {
                field: 'flag', type: 'nominal', title: `single-source line (${data.method})`,
                scale: { domain: [`above ${percent(threshold)}`, `at or below ${percent(threshold)}`], range: [COLORS.highlight, COLORS.bar] },
              },
              tooltip: [
                { field: 'label', type: 'nominal', title: 'chapter' },
                { field: 'top_supplier_name', type: 'nominal', title: 'largest supplier' },
                { field: 'top_share_pct', type: 'quantitative', format: '.1f', title: 'its share (%)' },
                { field: 'imports', type: 'quantitative', format: '$,.0f', title: 'imports of the chapter (US$)' },
              ],
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4 },
            encoding: { y, x: { field: 'top_share_pct', type: 'quantitative' }, text: { field: 'top_supplier', type: 'nominal' } },
          },
        ],
      },
      ...ruleLayer('x', threshold * 100, `single-source line ${percent(threshold)}`, COLORS.threshold, AXIS),
    ],
  } satisfies Spec
  return spec
}

export function singleSourceHeadline(data: SingleSourceData, meta: FigureMeta): string {
  const threshold = meta.thresholds?.top_share ?? 0.4
  const top = data.chapters.find((c) => c.top_share !== null)
  if (!top) return `${data.country.iso3} recorded no imports in ${data.scope.label} in ${data.year}.`
  const above = data.chapters.filter((c) => c.above_threshold === true).length
  const estimated = data.method === 'proportional' ? ' (proportional estimate)' : ''
  return `${top.chapter}: ${percent(top.top_share!)} of ${data.country.iso3}'s imports come from ${top.top_supplier}${estimated}, ${data.year}; ` +
    `${above} of ${data.chapters.length} chapters of ${data.scope.label} above the ${percent(threshold)} single-source line.`
}
