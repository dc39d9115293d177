// /bec-stages as a figure: each year's trade split by production stage (shares stacked to 100%).
import { percent, usd } from './numbers.js'
import { frame, type FigureMeta, type Spec } from './spec.js'

export interface StageRow { year: number; stage: string; label: string; value: number; share: number | null }

const STAGE_ORDER = ['primary', 'processed', 'parts', 'capital', 'consumption', 'unassigned']
const STAGE_COLORS = ['#9c755f', '#edc948', '#4e79a7', '#59a14f', '#f28e2b', '#bab0ac']

function whose(meta: FigureMeta): string {
  const q = meta.query ?? {}
  const scope = q.section ? ` in HS Section ${String(q.section)}` : q.chapters ? ` in HS chapters ${String(q.chapters)}` : ''
  return `${q.country ? `${String(q.country)}'s ${String(q.flow ?? 'imports')}` : 'world trade'}${scope}`
}

export function becStagesSpec(data: StageRow[], meta: FigureMeta): Spec {
  const rows = data.filter((r) => r.share !== null).map((r) => ({
    year: String(r.year), stage: r.label, stage_order: STAGE_ORDER.indexOf(r.stage), share_pct: r.share! * 100, value: r.value,
  }))
  const labels = STAGE_ORDER.map((s) => data.find((r) => r.stage === s)?.label ?? s)
  return {
    ...frame(meta, `Trade by production stage (BEC rev.4), ${whose(meta)}`),
    height: 220,
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year' },
      y: { field: 'share_pct', type: 'quantitative', stack: 'zero', title: 'Share of the year\'s trade value (%)', scale: { domain: [0, 100] } },
      color: { field: 'stage', type: 'nominal', title: 'Production stage', scale: { domain: labels, range: STAGE_COLORS } },
      order: { field: 'stage_order', type: 'quantitative' },
      tooltip: [
        { field: 'year', type: 'ordinal' },
        { field: 'stage', type: 'nominal' },
        { field: 'share_pct', type: 'quantitative', format: '.1f', title: 'share (%)' },
        { field: 'value', type: 'quantitative', format: '$,.0f', title: 'value (US$)' },
      ],
    },
  } satisfies Spec
}

export function becStagesHeadline(data: StageRow[], meta: FigureMeta): string {
  const years = [...new Set(data.filter((r) => r.share !== null).map((r) => r.year))].sort((a, b) => a - b)
  const last = years.at(-1)
  if (last === undefined) return `No trade to split by production stage for ${whose(meta)}.`
  const assigned = data.filter((r) => r.year === last && r.stage !== 'unassigned').sort((a, b) => b.value - a.value)
  const top = assigned[0]!
  const first = years[0]!
  const then = data.find((r) => r.year === first && r.stage === top.stage)
  const trend = first !== last && then?.share != null ? ` (${percent(then.share)} in ${first})` : ''
  return `${top.label} is the largest stage of ${whose(meta)} in ${last}: ${percent(top.share!)}, ${usd(top.value)}${trend}.`
}
