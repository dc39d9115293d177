// /fva-peers as a figure: the country's foreign value-added share against each income peer's and the peer median.
import { percentValue, pp } from './numbers.js'
import { COLORS, frame, ruleLayer, type FigureMeta, type Spec } from './spec.js'

export interface FvaPeersData {
  country: { iso3: string; name: string; fva_share: number; income: number }
  section: string
  year: number
  band: { band: number }
  peers: { iso3: string; name: string; income: number; fva_share: number | null }[]
  peers_with_fva: number
  peer_median: number | null
  percentile: number | null
  gap_to_median_pp: number | null
}

const AXIS = 'Foreign value added, % of gross exports'

export function fvaPeersSpec(data: FvaPeersData, meta: FigureMeta): Spec {
  const rows = [
    { ...data.country, role: data.country.iso3 },
    ...data.peers.filter((p) => p.fva_share !== null).map((p) => ({ ...p, role: 'income peer' })),
  ].sort((a, b) => b.fva_share! - a.fva_share! || a.iso3.localeCompare(b.iso3))
    .map((e, i) => ({ order: i, label: `${e.name} (${e.iso3})`, iso3: e.iso3, role: e.role, fva_share: e.fva_share, income: e.income }))
  return {
    ...frame(meta, `Foreign value-added share of ${data.country.iso3} exports against income peers, HS Section ${data.section}, ${data.year}`),
    height: { step: 15 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: {
            field: 'label', type: 'nominal', sort: { field: 'order', op: 'min', order: 'ascending' },
            title: `Economy (income within ±${Math.round(data.band.band * 100)}%)`,
          },
          x: { field: 'fva_share', type: 'quantitative', title: AXIS },
          color: {
            field: 'role', type: 'nominal', title: null,
            scale: { domain: [data.country.iso3, 'income peer'], range: [COLORS.highlight, COLORS.muted] },
          },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'economy' },
            { field: 'fva_share', type: 'quantitative', format: '.1f', title: 'FVA share (%)' },
            { field: 'income', type: 'quantitative', format: ',.0f', title: 'GNI per capita, PPP (int\'l $)' },
          ],
        },
      },
      ...(data.peer_median === null ? [] : ruleLayer('x', data.peer_median, `peer median ${percentValue(data.peer_median)}`, COLORS.median, AXIS)),
    ],
  } satisfies Spec
}

export function fvaPeersHeadline(data: FvaPeersData): string {
  const own = `Foreign value added is ${percentValue(data.country.fva_share)} of ${data.country.iso3}'s exports in HS Section ${data.section} (${data.year})`
  if (data.peer_median === null || data.gap_to_median_pp === null) return `${own}; it has no income peer with a TiVA FVA share.`
  return `${own}, ${pp(data.gap_to_median_pp)} against the median of its ${data.peers_with_fva} income peers ` +
    `(${percentValue(data.peer_median)}; percentile ${Math.round(data.percentile ?? 0)}).`
}
