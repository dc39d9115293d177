// /smile-fit as a figure: every economy at (income, FVA share), the fitted quadratic in ln income, the turning point,
// and the country highlighted.
import { intlDollars, percentValue } from './numbers.js'
import { COLORS, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

export interface SmileFitData {
  section: string
  year: number
  n: number
  r_squared: number | null
  turning_point: { income: number | null; in_sample_range: boolean } | null
  inverted_u: boolean
  curvature: string
  country?: { iso3: string; fva_share: number; fitted: number | null; residual: number | null; classification: string }
  points: { iso3: string; name: string; income: number; ln_income: number; fva_share: number; fitted: number | null }[]
}

const X_AXIS = 'GNI per capita, PPP (current international $, log scale)'
const Y_AXIS = 'Foreign value added, % of gross exports'

export function smileFitSpec(data: SmileFitData, meta: FigureMeta): Spec {
  const own = data.country?.iso3 ?? null
  const rows = data.points.map((p) => ({ ...p, role: p.iso3 === own ? own : 'economy' }))
  const x = { field: 'income', type: 'quantitative', title: X_AXIS, scale: { type: 'log', nice: false } } as const
  const turning = data.turning_point
  return {
    ...frame(meta, `Income–FVA smile, HS Section ${data.section}, ${data.year}`),
    height: 260,
    layer: [
      {
        data: { values: rows },
        layer: [
          {
            mark: { type: 'line', color: COLORS.median, strokeWidth: 2 },
            encoding: { x, y: { field: 'fitted', type: 'quantitative', title: Y_AXIS }, order: { field: 'ln_income', type: 'quantitative' } },
          },
          {
            mark: { type: 'point', filled: true, size: 40, tooltip: true },
            encoding: {
              x, y: { field: 'fva_share', type: 'quantitative', title: Y_AXIS },
              color: { field: 'role', type: 'nominal', title: null, scale: { domain: [own ?? 'country', 'economy'], range: [COLORS.highlight, COLORS.bar] } },
              size: { condition: { test: { field: 'role', equal: own ?? '' }, value: 140 }, value: 40 },
              tooltip: [
                { field: 'name', type: 'nominal', title: 'economy' },
                { field: 'income', type: 'quantitative', format: ',.0f', title: 'GNI per capita, PPP (int\'l $)' },
                { field: 'fva_share', type: 'quantitative', format: '.1f', title: 'FVA share (%)' },
                { field: 'fitted', type: 'quantitative', format: '.1f', title: 'fitted (%)' },
              ],
            },
          },
          {
            transform: [{ filter: { field: 'role', equal: own ?? '' } }],
            mark: { type: 'text', align: 'left', dx: 7, fontWeight: 'bold', color: COLORS.highlight },
            encoding: { x, y: { field: 'fva_share', type: 'quantitative' }, text: { field: 'iso3', type: 'nominal' } },
          },
        ],
      },
      ...(turning?.income && turning.in_sample_range
        ? ruleLayer('x', turning.income, `turning point ${intlDollars(turning.income)}`, COLORS.reference, X_AXIS)
        : []),
    ],
  } satisfies Spec
}

export function smileFitHeadline(data: SmileFitData): string {
  const shape = data.inverted_u
    ? `the curve peaks at ${intlDollars(data.turning_point!.income!)} per capita (inverted U`
    : `the curve is ${data.curvature} with no peak inside the sample (`
  const fit = `${shape}, R² ${data.r_squared === null ? 'n/a' : data.r_squared.toFixed(2)}, n = ${data.n})`
  const c = data.country
  if (!c || c.fitted === null || c.residual === null) return `Income–FVA smile, HS Section ${data.section}, ${data.year}: ${fit}.`
  const side = c.residual < 0 ? 'below' : 'above'
  return `${c.iso3} is ${c.classification}: its FVA share ${percentValue(c.fva_share)} is ${Math.abs(c.residual).toFixed(1)} pp ${side} the income–FVA curve ` +
    `(${percentValue(c.fitted)}) in ${data.year}; ${fit}.`
}
