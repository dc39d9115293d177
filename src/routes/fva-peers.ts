// /fva-peers: how import-reliant a country's exports of a section are (TiVA foreign value-added share),
// against its income peers (WDI GNI per capita PPP within ±band).
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { median } from '../metrics/growth.js'
import { incomePeers, peerBand, percentileRank } from '../metrics/value-added.js'
import { fvaPeersSpec } from '../figures/fva-peers.js'
import { resolveCountry, resolveSection, resolveYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { country, envelope, explain, figureFormat, section, withProblems } from './shared/schemas.js'
import {
  ActivitiesOut, DEFAULT_YEAR, WeightingOut, activityMeta, finite, loadValueAdded, nullableNumber, requireCountry, weightingMeta,
} from './shared/value-added.js'

export const DEFAULT_BAND = 0.3

const Query = Type.Object({
  country,
  section,
  year: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, default: DEFAULT_YEAR, examples: [2020],
    description: 'TiVA year of the FVA shares (must be in the lake\'s TiVA coverage); incomes are the latest WDI value up to this year',
  })),
  band: Type.Optional(Type.Number({
    exclusiveMinimum: 0, maximum: 1, default: DEFAULT_BAND, examples: [0.3],
    description: 'income band: peers have a GNI per capita PPP within ±band (a fraction) of the country\'s',
  })),
  format: figureFormat, explain,
}, { additionalProperties: false })

const Peer = Type.Object({
  iso3: Type.String({ examples: ['DEU'] }),
  name: Type.String({ examples: ['Germany'] }),
  income: Type.Number({ description: 'GNI per capita, PPP, current international dollars' }),
  income_year: Type.Integer({ description: 'the WDI year of `income` (latest up to `year`)' }),
  fva_share: nullableNumber('FVA share of the section\'s activities\' gross exports, percent (0–100); null when TiVA lacks this economy'),
  weighting: Type.Union([WeightingOut, Type.Null()]),
})

const Data = Type.Object({
  country: Type.Object({
    iso3: Type.String(), name: Type.String(),
    fva_share: Type.Number({ description: 'percent (0–100) of the section\'s activities\' gross exports that is foreign value added' }),
    weighting: WeightingOut,
    activities: Type.Array(Type.String(), { description: 'the activities combined for this economy' }),
    income: Type.Number({ description: 'GNI per capita, PPP, current international dollars' }),
    income_year: Type.Integer(),
  }),
  section: Type.String(),
  year: Type.Integer(),
  activities: ActivitiesOut,
  band: Type.Object({
    band: Type.Number({ description: 'fraction' }),
    lower: Type.Number({ description: 'lowest peer income, current international dollars' }),
    upper: Type.Number({ description: 'highest peer income, current international dollars' }),
  }),
  peers: Type.Array(Peer, { description: 'every economy in the income band, richest first' }),
  peers_count: Type.Integer(),
  peers_with_fva: Type.Integer({ description: 'peers with an FVA share: the base of the median and percentile' }),
  peer_median: nullableNumber('median FVA share of the peers, percent; null without peers'),
  percentile: nullableNumber('the country\'s percentile rank among the peers\' FVA shares, 0–100 (ties count half)'),
  gap_to_median_pp: nullableNumber('country FVA share − peer median, percentage points'),
})

// From the synthetic demo lake (not real statistics), rounded.
const EXAMPLE = {
  data: {
    country: { iso3: 'USA', name: 'United States', fva_share: 23.37, weighting: 'gross-exports', activities: ['C26', 'C27', 'C28'], income: 64479, income_year: 2020 },
    section: 'XVI', year: 2020,
    activities: { section: 'XVI', mapped: ['C26', 'C27', 'C28'], used: ['C26', 'C27', 'C28'], fallback_to_total: false, rationale: 'electronics (ISIC 26), electrical equipment (27), machinery (28)' },
    band: { band: 0.3, lower: 45135.3, upper: 83822.7 },
    peers: [{ iso3: 'LUX', name: 'Luxembourg', income: 78733.1, income_year: 2020, fva_share: 36.74, weighting: 'gross-exports' }],
    peers_count: 21, peers_with_fva: 21, peer_median: 34.18, percentile: 0, gap_to_median_pp: -10.8,
  },
  meta: { query: { country: 'USA', section: 'XVI', year: 2020, band: 0.3, format: 'json' }, weighting: 'gross-exports' },
}

export default async function fvaPeers(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/fva-peers', {
    schema: {
      tags: ['value-added'],
      summary: 'Foreign value-added share of a country\'s exports in a section, against its income peers',
      description: 'TiVA EXGR_FVA (percent of gross exports) of the TiVA activities linked to the HS section (table in ' +
        '`meta.section_activity_table`), combined weighted by the activities\' gross exports (EXGR) or, where EXGR is missing, ' +
        'as a plain mean (`meta.weighting`). Income peers are the economies whose WDI GNI per capita PPP, in the latest year ' +
        'available up to `year`, lies within ±`band` of the country\'s. Returns each peer, the peer median, the country\'s ' +
        'percentile among the peers and its gap to the median in percentage points. A country lacking TiVA or WDI data gets a 404 naming which.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const db = request.db!
    const iso3 = resolveCountry(catalog, q.country)
    const sectionCode = resolveSection(catalog, q.section).section
    const year = resolveYear(catalog.tivaYears, q.year ?? DEFAULT_YEAR, 'year', 'TiVA')
    const band = q.band ?? DEFAULT_BAND

    const panel = await loadValueAdded(db, sectionCode, year)
    const self = await requireCountry(db, panel, iso3, year)
    const incomes = [...panel.economies.values()].flatMap((e) => (e.income ? [e.income] : []))
    const peers = incomePeers(self.income, incomes, band)
      .map((p) => panel.economies.get(p.iso3)!)
      .sort((a, b) => b.income!.income - a.income!.income || a.iso3.localeCompare(b.iso3))
    const peerShares = peers.flatMap((p) => (p.fva ? [p.fva.fvaShare] : []))
    const peerMedian = median(peerShares)
    const { lower, upper } = peerBand(self.income.income, band)

    const peerRows = peers.map((p) => ({
      iso3: p.iso3, name: p.name, income: p.income!.income, income_year: p.income!.year,
      fva_share: p.fva?.fvaShare ?? null, weighting: p.fva?.weighting ?? null,
    }))
    const countryRow = {
      iso3, name: self.name, fva_share: self.fva.fvaShare, weighting: self.fva.weighting, activities: self.fva.activities,
      income: self.income.income, income_year: self.income.year,
    }
    const { activities, notes, ...tableMeta } = activityMeta(panel.plan, [self, ...peers])
    const withoutFva = peers.filter((p) => !p.fva).map((p) => p.iso3)
    if (withoutFva.length > 0) notes.push(`Peers without a TiVA FVA share in ${year} (listed, left out of the median and percentile): ${withoutFva.join(', ')}.`)
    const stale = [self, ...peers].filter((e) => e.income!.year < year).map((e) => `${e.iso3} ${e.income!.year}`)
    if (stale.length > 0) notes.push(`Incomes from before ${year} (the latest WDI year available): ${stale.join(', ')}.`)
    const summary = {
      peers_count: peers.length, peers_with_fva: peerShares.length, peer_median: finite(peerMedian),
      percentile: finite(percentileRank(self.fva.fvaShare, peerShares)),
      gap_to_median_pp: peerMedian === null ? null : finite(self.fva.fvaShare - peerMedian),
    }

    return sendResult(request, reply, {
      figure: fvaPeersSpec,
      data: { country: countryRow, section: sectionCode, year, activities, band: { band, lower, upper }, peers: peerRows, ...summary },
      csv: [
        { role: 'country', ...countryRow, activities: countryRow.activities.join(' '), ...summary },
        ...peerRows.map((p) => ({ role: 'peer', ...p, activities: panel.economies.get(p.iso3)!.fva?.activities.join(' ') ?? '' })),
      ],
      meta: {
        title: `Foreign value-added share of ${iso3} exports against income peers, HS Section ${sectionCode}, ${year}`,
        query: { country: iso3, section: sectionCode, year, band, format: q.format ?? 'json' },
        method: 'fva_share = Σ_a EXGR_FVA_a·EXGR_a / Σ_a EXGR_a over the section\'s TiVA activities a (the FVA share of their combined ' +
          'gross exports); a plain mean of EXGR_FVA_a when EXGR is missing for any of them. Peers: economies (of the lake\'s country list) ' +
          'other than the country with income_country·(1 − band) ≤ income ≤ income_country·(1 + band), income being GNI per capita PPP ' +
          'in the latest WDI year up to `year`. percentile = 100·(peers below + ½·peers equal) / peers with an FVA share; ' +
          'gap_to_median_pp = fva_share − peer_median.',
        thresholds: { band },
        units: {
          fva_share: 'percent of gross exports (0–100)', peer_median: 'percent of gross exports (0–100)',
          gap_to_median_pp: 'percentage points', percentile: 'percentile rank (0–100)',
          income: 'current international dollars (PPP), per capita', lower: 'current international dollars (PPP)', upper: 'current international dollars (PPP)',
        },
        ...weightingMeta([self, ...peers].flatMap((e) => (e.fva ? [{ iso3: e.iso3, weighting: e.fva.weighting }] : []))),
        activities,
        ...tableMeta,
        sources: ['TiVA', 'WDI', 'countries'],
        notes,
      },
    })
  })
}
