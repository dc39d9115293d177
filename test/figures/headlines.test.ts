// Headline sentences and their number formats, from hand-made answers (pure functions, no lake).
import t from 'tap'
import { becStagesHeadline } from '../../src/figures/bec-stages.js'
import { cr1Headline } from '../../src/figures/cr1.js'
import { fvaPeersHeadline, type FvaPeersData } from '../../src/figures/fva-peers.js'
import { growthHeadline, type GrowthData } from '../../src/figures/growth.js'
import { hhiHeadline, type HhiData } from '../../src/figures/hhi.js'
import { hhiPoints, intlDollars, percent, pp, usd } from '../../src/figures/numbers.js'
import { singleSourceHeadline, type SingleSourceData } from '../../src/figures/single-source.js'
import { smileFitHeadline, type SmileFitData } from '../../src/figures/smile-fit.js'
import { suppliersHeadline, type SuppliersData } from '../../src/figures/suppliers.js'

t.test('number formats', async (t) => {
  t.equal(usd(1_253_955_731_205), 'US$1.25 tn')
  t.equal(usd(562_331_494_779), 'US$562.3 bn')
  t.equal(usd(50_000_000), 'US$50.0 m')
  t.equal(usd(1234.4), 'US$1,234')
  t.equal(percent(0.6712), '67%')
  t.equal(percent(0.0912), '9.1%', 'one decimal below 10%')
  t.equal(percent(0), '0%')
  t.equal(pp(-10.81), '−10.8 pp')
  t.equal(pp(2.06), '+2.1 pp')
  t.equal(hhiPoints(2411.27), '2,411')
  t.equal(intlDollars(23447.6), 'int\'l $23,448')
})

const scope = { label: 'HS Section XVI' }
const country = { iso3: 'USA', name: 'United States' }

t.test('single-source: the seed report\'s sentence', async (t) => {
  const data: SingleSourceData = {
    country, year: 2024, method: 'bilateral', scope,
    chapters: [
      { chapter: '85', name: 'Electrical', imports: 9e11, top_supplier: 'CHN', top_supplier_name: 'China', top_share: 0.6712, above_threshold: true },
      { chapter: '84', name: 'Machinery', imports: 3e11, top_supplier: 'MEX', top_supplier_name: 'Mexico', top_share: 0.22, above_threshold: false },
    ],
  }
  t.equal(singleSourceHeadline(data, { thresholds: { top_share: 0.4 } }),
    '85: 67% of USA\'s imports come from CHN, 2024; 1 of 2 chapters of HS Section XVI above the 40% single-source line.')
  t.match(singleSourceHeadline({ ...data, method: 'proportional' }, {}), /from CHN \(proportional estimate\)/)
  t.equal(singleSourceHeadline({ ...data, chapters: [] }, {}), 'USA recorded no imports in HS Section XVI in 2024.')
})

t.test('suppliers, hhi, growth, fva-peers, smile-fit, cr1, bec-stages', async (t) => {
  const suppliers: SuppliersData = {
    country, year: 2024, by: 'total', scope, imports: 1e12, suppliers_count: 40,
    suppliers: [
      { rank: 1, iso3: 'CHN', name: 'China', value: 4e11, share: 0.4, cumulative_share: 0.4 },
      { rank: 2, iso3: 'MEX', name: 'Mexico', value: 1e11, share: 0.1, cumulative_share: 0.5 },
      { rank: 3, iso3: 'DEU', name: 'Germany', value: 5e10, share: 0.05, cumulative_share: 0.55 },
    ],
  }
  t.equal(suppliersHeadline(suppliers),
    'CHN supplies 40% of USA\'s imports in HS Section XVI (US$400.0 bn of US$1.00 tn, 2024); the top 3 of 40 origins supply 55%.')

  const concentration = { value: 1, top_supplier: 'CHN', top_share: 0.5, imports: 1 }
  const hhi: HhiData = {
    country, year: 2024, basis: 'importer', level: 'hs2', scope,
    chapters: [
      { chapter: '85', name: 'E', hhi: 3366.2, band: 'highly concentrated', above_threshold: true, ...concentration },
      { chapter: '84', name: 'M', hhi: 900, band: 'unconcentrated', above_threshold: false, ...concentration },
    ],
  }
  t.equal(hhiHeadline(hhi, { thresholds: { hhi: 2500 } }),
    '85: HHI 3,366 (highly concentrated), the most concentrated market of USA\'s suppliers in HS Section XVI, 2024; 1 of 2 chapters above the 2,500 threshold.')

  const growth: GrowthData = {
    scope, from: 2000, to: 2024, median_multiple: 4.33,
    chapters: [{ chapter: '85', name: 'E', value_from: 1, value_to: 5.6, multiple: 5.6, cagr: 0.0744, above_median: true }],
  }
  t.equal(growthHeadline(growth), '85 grew fastest in HS Section XVI: world exports ×5.60 from 2000 to 2024 (7.4% a year) against a section median of ×4.33.')

  const fva: FvaPeersData = {
    country: { iso3: 'USA', name: 'United States', fva_share: 23.37, income: 64479 }, section: 'XVI', year: 2020, band: { band: 0.3 },
    peers: [], peers_with_fva: 21, peer_median: 34.18, percentile: 0, gap_to_median_pp: -10.81,
  }
  t.equal(fvaPeersHeadline(fva),
    'Foreign value added is 23.4% of USA\'s exports in HS Section XVI (2020), −10.8 pp against the median of its 21 income peers (34.2%; percentile 0).')
  t.match(fvaPeersHeadline({ ...fva, peer_median: null, gap_to_median_pp: null }), /no income peer with a TiVA FVA share/)

  const smile: SmileFitData = {
    section: 'XVI', year: 2020, n: 72, r_squared: 0.534, turning_point: { income: 23447.6, in_sample_range: true }, inverted_u: true, curvature: 'concave',
    country: { iso3: 'USA', fva_share: 23.37, fitted: 33.56, residual: -10.18, classification: 'under-trend' }, points: [],
  }
  t.equal(smileFitHeadline(smile),
    'USA is under-trend: its FVA share 23.4% is 10.2 pp below the income–FVA curve (33.6%) in 2020; the curve peaks at int\'l $23,448 per capita (inverted U, R² 0.53, n = 72).')

  const line = { rank: 1, hs6: '841590', description: null, world_value: 3.5e11, top_exporter: 'CHN', top_exporter_share: 0.994, runner_up: 'JPN', runner_up_share: 0.001, hhi: 9881 }
  t.equal(cr1Headline([line], { thresholds: { top_exporter_share: 0.7, min_value: 5e7 }, query: { year: 2024, section: 'XVI' }, page: { limit: 20, offset: 0, total: 31 } }),
    '31 HS6 lines of HS Section XVI (above US$50.0 m) where one exporter holds more than 70% of world exports, 2024; the largest, 841590, is 99% CHN of US$350.0 bn.')
  t.match(cr1Headline([], { thresholds: { top_exporter_share: 0.7, min_value: 5e7 }, query: { year: 2024 } }), /^No HS6 line above US\$50\.0 m/)

  const stage = (year: number, s: string, label: string, value: number, share: number) => ({ year, stage: s, label, value, share })
  t.equal(becStagesHeadline([
    stage(2000, 'parts', 'Parts & components', 30, 0.3), stage(2000, 'unassigned', 'Unassigned', 70, 0.7),
    stage(2024, 'parts', 'Parts & components', 4e11, 0.4), stage(2024, 'unassigned', 'Unassigned', 6e11, 0.6),
  ], { query: { country: 'USA', flow: 'imports', section: 'XVI' } }),
  'Parts & components is the largest stage of USA\'s imports in HS Section XVI in 2024: 40%, US$400.0 bn (30% in 2000).',
  'the largest assigned stage, not "unassigned"')
})
