// /suppliers as a figure: the ranked origins of the country's imports, by share (and the exclusion scenario's colours).
import { percent, usd } from './numbers.js'
import { COLORS, frame, type FigureMeta, type Spec } from './spec.js'

export interface SuppliersData {
  country: { iso3: string; name: string | null }
  year: number
  by: string
  scope: { label: string }
  imports: number
  suppliers_count: number
  suppliers: {
    chapter?: string
    rank: number
    iso3: string
    name: string | null
    value: number
    share: number
    cumulative_share: number
    excluded?: boolean
  }[]
  exclusion?: { excluded: string[]; share_to_reallocate: number | null }
}

const AXIS = 'Share of imports (%)'

export function suppliersSpec(data: SuppliersData, meta: FigureMeta): Spec {
  const rows = data.suppliers.map((s, i) => ({
    order: i,
    label: `${s.chapter ? `${s.chapter} · ` : ''}${s.rank}. ${s.name ?? s.iso3}`,
    iso3: s.iso3,
    chapter: s.chapter ?? null,
    share_pct: s.share * 100,
    cumulative_pct: s.cumulative_share * 100,
    value: s.value,
    scenario: s.excluded === undefined ? 'supplier' : s.excluded ? 'excluded' : 'remaining',
  }))
  const y = { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' }, title: 'Supplier (rank)' } as const
  const color = data.by === 'chapter'
    ? { field: 'chapter', type: 'nominal', title: 'HS chapter' }
    : data.exclusion
      ? { field: 'scenario', type: 'nominal', title: 'exclusion scenario', scale: { domain: ['excluded', 'remaining'], range: [COLORS.highlight, COLORS.bar] } }
      : { value: COLORS.bar }
  return {
    ...frame(meta, `Suppliers of ${data.country.iso3} imports, ${data.scope.label}, ${data.year}`),
    height: { step: 18 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y, x: { field: 'share_pct', type: 'quantitative', title: data.by === 'chapter' ? 'Share of the chapter\'s imports (%)' : AXIS },
          color,
          tooltip: [
            { field: 'iso3', type: 'nominal', title: 'origin' },
            { field: 'value', type: 'quantitative', format: '$,.0f', title: 'imports (US$)' },
            { field: 'share_pct', type: 'quantitative', format: '.1f', title: 'share (%)' },
            { field: 'cumulative_pct', type: 'quantitative', format: '.1f', title: 'cumulative share (%)' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: { y, x: { field: 'share_pct', type: 'quantitative' }, text: { field: 'share_pct', type: 'quantitative', format: '.1f' } },
      },
    ],
  } satisfies Spec
}

export function suppliersHeadline(data: SuppliersData): string {
  const first = data.suppliers.find((s) => s.rank === 1)
  if (!first || data.imports === 0) return `${data.country.iso3} recorded no imports in ${data.scope.label} in ${data.year}.`
  if (data.by === 'chapter') {
    return `${first.chapter}: ${percent(first.share)} of ${data.country.iso3}'s imports come from ${first.iso3}, ${data.year} ` +
      `(${data.suppliers_count} origins across ${data.scope.label}).`
  }
  const third = data.suppliers.find((s) => s.rank === 3)
  return `${first.iso3} supplies ${percent(first.share)} of ${data.country.iso3}'s imports in ${data.scope.label} ` +
    `(${usd(first.value)} of ${usd(data.imports)}, ${data.year})` +
    `${third ? `; the top 3 of ${data.suppliers_count} origins supply ${percent(third.cumulative_share)}` : ''}.`
}
