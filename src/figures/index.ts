// The figure catalogue: every figure endpoint with its Vega-Lite spec builder and headline sentence builder.
// Pure (no Node APIs), so the dashboard bundles the same code the API runs.
import { becStagesHeadline, becStagesSpec } from './bec-stages.js'
import { buyerConcentrationHeadline, buyerConcentrationSpec, cr1Headline, cr1Spec } from './cr1.js'
import { fvaPeersHeadline, fvaPeersSpec } from './fva-peers.js'
import { growthHeadline, growthSpec } from './growth.js'
import { hhiHeadline, hhiSpec } from './hhi.js'
import { singleSourceHeadline, singleSourceSpec } from './single-source.js'
import { smileFitHeadline, smileFitSpec } from './smile-fit.js'
import type { FigureMeta, Spec } from './spec.js'
import { suppliersHeadline, suppliersSpec } from './suppliers.js'

export interface Figure {
  /** Also the endpoint's path without the slash. */
  id: FigureId
  path: string
  /** What the figure shows, in a few words (the dashboard's card heading). */
  label: string
  spec(data: unknown, meta: FigureMeta): Spec
  headline(data: unknown, meta: FigureMeta): string
}

export const FIGURE_IDS = [
  'fva-peers', 'suppliers', 'hhi', 'single-source', 'cr1', 'buyer-concentration', 'bec-stages', 'growth', 'smile-fit',
] as const
export type FigureId = (typeof FIGURE_IDS)[number]

type Builders = { label: string; spec: (data: never, meta: FigureMeta) => Spec; headline: (data: never, meta: FigureMeta) => string }

const BUILDERS: Record<FigureId, Builders> = {
  'fva-peers': { label: 'Foreign value added against income peers', spec: fvaPeersSpec, headline: fvaPeersHeadline },
  suppliers: { label: 'Top suppliers', spec: suppliersSpec, headline: suppliersHeadline },
  hhi: { label: 'Supplier concentration (HHI) by chapter', spec: hhiSpec, headline: hhiHeadline },
  'single-source': { label: 'Single-source exposure', spec: singleSourceSpec, headline: singleSourceHeadline },
  cr1: { label: 'Lines dominated by one exporter (CR1)', spec: cr1Spec, headline: cr1Headline },
  'buyer-concentration': { label: 'Lines dominated by one buyer', spec: buyerConcentrationSpec, headline: buyerConcentrationHeadline },
  'bec-stages': { label: 'Imports by production stage (BEC)', spec: becStagesSpec, headline: becStagesHeadline },
  growth: { label: 'Chapter growth of world exports', spec: growthSpec, headline: growthHeadline },
  'smile-fit': { label: 'The income–FVA smile', spec: smileFitSpec, headline: smileFitHeadline },
}

export const FIGURES: Record<FigureId, Figure> = Object.fromEntries(FIGURE_IDS.map((id) => {
  const b = BUILDERS[id]
  const figure: Figure = {
    id, path: `/${id}`, label: b.label,
    spec: (data, meta) => b.spec(data as never, meta),
    headline: (data, meta) => b.headline(data as never, meta),
  }
  return [id, figure]
})) as Record<FigureId, Figure>

export function isFigureId(value: string): value is FigureId {
  return (FIGURE_IDS as readonly string[]).includes(value)
}
