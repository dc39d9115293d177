import t from 'tap'
import { combineActivityShares, incomePeers, peerBand, percentileRank } from '../../src/metrics/value-added.js'

t.test('activities are weighted by their gross exports when every one has them', async (t) => {
  // C26 20 % of 300, C27 10 % of 100, C28 40 % of 600: foreign value added 60 + 10 + 240 = 310 of 1,000 → 31 %.
  const combined = combineActivityShares([
    { activity: 'C26', fvaShare: 20, grossExports: 300 },
    { activity: 'C27', fvaShare: 10, grossExports: 100 },
    { activity: 'C28', fvaShare: 40, grossExports: 600 },
  ])
  t.equal(combined!.weighting, 'gross-exports')
  t.ok(Math.abs(combined!.fvaShare - 31) < 1e-12, `31 %, got ${combined!.fvaShare}`)
  t.same(combined!.activities, ['C26', 'C27', 'C28'])
})

t.test('a plain mean when any activity lacks gross exports', async (t) => {
  const missing = combineActivityShares([
    { activity: 'C26', fvaShare: 20, grossExports: 300 },
    { activity: 'C27', fvaShare: 10, grossExports: null },
    { activity: 'C28', fvaShare: 40, grossExports: 600 },
  ])
  t.equal(missing!.weighting, 'plain-mean')
  t.ok(Math.abs(missing!.fvaShare - 70 / 3) < 1e-12, '(20 + 10 + 40) / 3')
  const zero = combineActivityShares([{ activity: 'C26', fvaShare: 20, grossExports: 0 }, { activity: 'C27', fvaShare: 10, grossExports: 5 }])
  t.equal(zero!.weighting, 'plain-mean', 'a zero weight is not a usable weight')
  t.equal(zero!.fvaShare, 15)
  t.equal(combineActivityShares([]), null)
})

t.test('income peers: within ±band of the country, bounds included, the country left out', async (t) => {
  const country = { iso3: 'AAA', income: 50000, year: 2024 }
  const incomes = [
    country,
    { iso3: 'LOW', income: 35000, year: 2024 }, // exactly 50,000 × 0.7
    { iso3: 'HIGH', income: 65000, year: 2023 }, // exactly 50,000 × 1.3
    { iso3: 'OUT', income: 65000.01, year: 2024 },
    { iso3: 'POOR', income: 34999.99, year: 2024 },
    { iso3: 'MID', income: 48000, year: 2020 },
  ]
  t.same(incomePeers(country, incomes, 0.3).map((p) => p.iso3), ['LOW', 'HIGH', 'MID'])
  t.same(peerBand(50000, 0.3), { lower: 35000, upper: 65000 })
  t.same(incomePeers(country, incomes, 0.01).map((p) => p.iso3), [], 'a narrow band can be empty')
})

t.test('percentile rank among peers, ties counted half', async (t) => {
  t.equal(percentileRank(30, [10, 20, 40, 50]), 50, 'two of four below')
  t.equal(percentileRank(5, [10, 20]), 0, 'below all')
  t.equal(percentileRank(60, [10, 20]), 100, 'above all')
  t.equal(percentileRank(20, [10, 20, 30, 40]), 37.5, '(1 + ½) / 4')
  t.equal(percentileRank(20, []), null, 'no peers, no percentile')
})
