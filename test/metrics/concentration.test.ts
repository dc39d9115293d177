import t from 'tap'
import {
  aboveThreshold, concentrationRatio, cr1, hhi, marketConcentration, mergerGuidelinesBand, weightedHhi,
} from '../../src/metrics/concentration.js'

t.test('HHI on the 0–10,000 scale', async (t) => {
  t.equal(hhi([60, 30, 10]), 4600, '3,600 + 900 + 100')
  t.equal(hhi([7]), 10000, 'a single supplier is a monopoly')
  t.equal(hhi([1, 1, 1, 1]), 2500, 'four equal suppliers')
  t.equal(hhi([50, 50, 0]), 5000, 'zero values do not count')
  t.equal(hhi([]), null)
  t.equal(hhi([0, 0]), null)
})

t.test('CR1 and CR-k', async (t) => {
  t.equal(cr1([10, 60, 30]), 0.6)
  t.equal(concentrationRatio([10, 60, 30], 2), 0.9)
  t.equal(concentrationRatio([10, 60, 30], 5), 1, 'k beyond the count covers everything')
  t.equal(cr1([]), null)
  t.throws(() => concentrationRatio([1], 0), RangeError)
})

t.test('2023 Merger Guidelines bands at and around their edges', async (t) => {
  t.equal(mergerGuidelinesBand(0), 'unconcentrated')
  t.equal(mergerGuidelinesBand(999.99), 'unconcentrated')
  t.equal(mergerGuidelinesBand(1000), 'moderately concentrated')
  t.equal(mergerGuidelinesBand(1800), 'moderately concentrated')
  t.equal(mergerGuidelinesBand(1800.01), 'highly concentrated')
  t.equal(mergerGuidelinesBand(10000), 'highly concentrated')
  t.equal(mergerGuidelinesBand(null), null)
})

t.test('threshold flags are strict', async (t) => {
  t.equal(aboveThreshold(2500, 2500), false)
  t.equal(aboveThreshold(2500.5, 2500), true)
  t.equal(aboveThreshold(0.4, 0.4), false)
  t.equal(aboveThreshold(0.41, 0.4), true)
  t.equal(aboveThreshold(null, 0.4), null)
})

t.test('weighted HHI of lines: (3 × 1,000 + 1 × 5,000) / 4 = 2,000', async (t) => {
  t.equal(weightedHhi([{ weight: 3, hhi: 1000 }, { weight: 1, hhi: 5000 }, { weight: 0, hhi: 9000 }, { weight: 2, hhi: null }]), 2000)
  t.equal(weightedHhi([{ weight: 0, hhi: 100 }]), null)
})

t.test('market concentration of 60/30/10: top, runner-up, count, HHI', async (t) => {
  const market = marketConcentration([{ key: 'B', value: 30 }, { key: 'A', value: 60 }, { key: 'C', value: 10 }, { key: 'D', value: 0 }])
  t.same(market, { value: 100, count: 3, top: { key: 'A', share: 0.6 }, runner_up: { key: 'B', share: 0.3 }, hhi: 4600 })
  t.same(marketConcentration([]), { value: 0, count: 0, top: null, runner_up: null, hhi: null })
})
