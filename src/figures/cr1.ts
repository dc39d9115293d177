// /cr1 and /buyer-concentration as figures: the dominated HS6 lines, each one's largest exporter's (or importer's)
// share of world trade against the CR1 threshold.
import { percent, usd } from './numbers.js'
import { COLORS, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

export type DominantLine = Record<string, unknown> & {
  rank: number
  hs6: string
  description: string | null
  world_value: number
  runner_up: string | null
  runner_up_share: number | null
  hhi: number
}

interface Side { role: 'exporter' | 'importer'; flow: string; verb: string }
const SIDES = {
  exports: { role: 'exporter', flow: 'world exports', verb: 'holds' },
  imports: { role: 'importer', flow: 'world imports', verb: 'takes' },
} satisfies Record<string, Side>

function lineSpec(side: Side, data: DominantLine[], meta: FigureMeta): Spec {
  const r = side.role
  const threshold = meta.thresholds?.[`top_${r}_share`] ?? 0
  const axis = `Largest ${r}'s share of ${side.flow} (%)`
  const rows = data.map((l) => ({
    rank: l.rank,
    label: `${l.rank}. ${l.hs6}`,
    description: l.description,
    top: l[`top_${r}`],
    top_share_pct: Number(l[`top_${r}_share`]) * 100,
    runner_up: l.runner_up,
    runner_up_pct: l.runner_up_share === null ? null : l.runner_up_share * 100,
    world_value: l.world_value,
    hhi: l.hhi,
  }))
  const y = { field: 'label', type: 'nominal', sort: { field: 'rank', op: 'min', order: 'ascending' }, title: `HS6 line (ranked by ${side.flow})` } as const
  return {
    ...frame(meta, `HS6 lines where one ${r} ${side.verb} most of ${side.flow}`),
    height: { step: 16 },
    layer: [
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'bar', tooltip: true, color: COLORS.bar },
            encoding: {
              y, x: { field: 'top_share_pct', type: 'quantitative', title: axis, scale: { domain: [0, 100] } },
              tooltip: [
                { field: 'label', type: 'nominal', title: 'line' },
                { field: 'description', type: 'nominal' },
                { field: 'top', type: 'nominal', title: `top ${r}` },
                { field: 'top_share_pct', type: 'quantitative', format: '.1f', title: 'its share (%)' },
                { field: 'runner_up', type: 'nominal', title: 'runner-up' },
                { field: 'runner_up_pct', type: 'quantitative', format: '.1f', title: 'runner-up share (%)' },
                { field: 'world_value', type: 'quantitative', format: '$,.0f', title: `${side.flow} (US$)` },
                { field: 'hhi', type: 'quantitative', format: ',.0f', title: 'HHI (points)' },
              ],
            },
          },
          {
            mark: { type: 'text', align: 'right', dx: -3, color: 'white', fontSize: 10 },
            encoding: { y, x: { field: 'top_share_pct', type: 'quantitative' }, text: { field: 'top', type: 'nominal' } },
          },
        ],
      },
      ...ruleLayer('x', threshold * 100, `CR1 threshold ${percent(threshold)}`, COLORS.threshold, axis),
    ],
  } satisfies Spec
}

function lineHeadline(side: Side, data: DominantLine[], meta: FigureMeta): string {
  const r = side.role
  const threshold = meta.thresholds?.[`top_${r}_share`] ?? 0
  const minValue = meta.thresholds?.min_value ?? 0
  const total = meta.page?.total ?? data.length
  const year = meta.query?.year
  const where = meta.query?.section ? ` of HS Section ${String(meta.query.section)}` : ''
  const rule = `one ${r} ${side.verb} more than ${percent(threshold)} of ${side.flow}`
  const first = data[0]
  if (!first) return `No HS6 line${where} above ${usd(minValue)} of ${side.flow} where ${rule} in ${String(year)}.`
  return `${total} HS6 line${total === 1 ? '' : 's'}${where} (above ${usd(minValue)}) where ${rule}, ${String(year)}; ` +
    `the largest, ${first.hs6}, is ${percent(Number(first[`top_${r}_share`]))} ${String(first[`top_${r}`])} of ${usd(first.world_value)}.`
}

export const cr1Spec = (data: DominantLine[], meta: FigureMeta) => lineSpec(SIDES.exports, data, meta)
export const cr1Headline = (data: DominantLine[], meta: FigureMeta) => lineHeadline(SIDES.exports, data, meta)
export const buyerConcentrationSpec = (data: DominantLine[], meta: FigureMeta) => lineSpec(SIDES.imports, data, meta)
export const buyerConcentrationHeadline = (data: DominantLine[], meta: FigureMeta) => lineHeadline(SIDES.imports, data, meta)
