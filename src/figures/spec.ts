// What every figure's Vega-Lite spec shares: schema version, title with provenance, threshold rules, and the
// builder signature (pure: an endpoint's `data` and `meta` in, a complete spec with the data inlined out).
import type { TopLevelSpec } from 'vega-lite'

/** Major version of the `vega-lite` package the specs are written for (and validated with in the tests). */
export const VEGA_LITE_MAJOR = 6
export const VEGA_LITE_SCHEMA = `https://vega.github.io/schema/vega-lite/v${VEGA_LITE_MAJOR}.json`
/** Media type of `format=vega-lite` answers. */
export const VEGA_LITE_MEDIA_TYPE = `application/vnd.vegalite.v${VEGA_LITE_MAJOR}+json`

/** The parts of an answer's `meta` the figures read (the title is the one the citation uses). */
export interface FigureMeta {
  title?: string
  query?: Record<string, unknown>
  thresholds?: Record<string, number>
  synthetic?: boolean
  lake_version?: string
  sources?: { name: string; release: string }[]
  citation?: string
  page?: { limit: number; offset: number; total: number }
  [extra: string]: unknown
}

export type Spec = TopLevelSpec
export type FigureSpecBuilder = (data: never, meta: FigureMeta) => Spec
export type HeadlineBuilder = (data: never, meta: FigureMeta) => string

/** Width of a figure in the API's spec; the dashboard swaps it for the width of its container. */
export const FIGURE_WIDTH = 560

export const COLORS = {
  bar: '#4c78a8',
  highlight: '#e45756',
  muted: '#bab0ac',
  threshold: '#d62728',
  reference: '#7f7f7f',
  median: '#f58518',
}

/** Title, subtitle (sources, lake version, a warning on synthetic data), `usermeta` with the citation, and shared config. */
export function frame(meta: FigureMeta, fallbackTitle: string) {
  const sources = (meta.sources ?? []).map((s) => `${s.name} ${s.release}`).join(', ')
  const subtitle = [
    ...(meta.synthetic ? ['SYNTHETIC DEMO DATA: not real trade statistics'] : []),
    `Source: tradedep${sources ? ` from ${sources}` : ''}${meta.lake_version ? `, lake ${meta.lake_version}` : ''}`,
  ]
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: meta.title ?? fallbackTitle, subtitle, anchor: 'start' as const, subtitleColor: meta.synthetic ? '#b45309' : '#555' },
    width: FIGURE_WIDTH,
    usermeta: {
      tradedep: {
        query: meta.query ?? {}, lake_version: meta.lake_version ?? null, synthetic: meta.synthetic ?? null, citation: meta.citation ?? null,
      },
    },
    config: { view: { stroke: null }, axis: { labelLimit: 220, titleFontWeight: 'normal' as const }, legend: { orient: 'bottom' as const, columns: 3 } },
  }
}

/**
 * A reference line at `value` on the quantitative axis `axis` ('x': a vertical line), with its own inline data so it is
 * drawn once whatever the figure's rows; labelled at its top end, or only in its tooltip when labels would crowd.
 */
export function ruleLayer(axis: 'x' | 'y', value: number, label: string, color: string, title: string, labelled = true) {
  const datum = [{ value, label }]
  const position = { field: 'value', type: 'quantitative' as const, title }
  const rule = {
    data: { values: datum },
    mark: { type: 'rule' as const, color, strokeDash: [6, 4], strokeWidth: 2 },
    encoding: { [axis]: position, tooltip: [{ field: 'label', type: 'nominal' as const, title: 'reference' }] },
  }
  const text = {
    data: { values: datum },
    mark: axis === 'x'
      ? { type: 'text' as const, color, align: 'left' as const, baseline: 'top' as const, dx: 4, y: 0 }
      : { type: 'text' as const, color, align: 'right' as const, baseline: 'bottom' as const, dy: -3, x: 'width' as const },
    encoding: { [axis]: position, text: { field: 'label', type: 'nominal' as const } },
  }
  return labelled ? [rule, text] : [rule]
}

/** A short label for an HS chapter: its code and the start of its nomenclature name. */
export function chapterLabel(chapter: string, name: string | null | undefined, length = 38): string {
  if (!name) return chapter
  return `${chapter} ${name.length > length ? `${name.slice(0, length - 1).trimEnd()}…` : name}`
}
