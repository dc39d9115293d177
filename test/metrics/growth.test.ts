import t from 'tap'
import { cagr, growthMultiple, median } from '../../src/metrics/growth.js'

t.test('multiples', async (t) => {
  t.equal(growthMultiple(100, 400), 4)
  t.equal(growthMultiple(200, 100), 0.5)
  t.equal(growthMultiple(0, 100), null, 'no multiple from nothing')
})

t.test('CAGR: ×4 over 2 years is 100 % a year; ×2 over 24 years is 2^(1/24) − 1', async (t) => {
  t.equal(cagr(4, 2), 1)
  t.ok(Math.abs(cagr(2, 24)! - 0.029302236643492) < 1e-12)
  t.equal(cagr(1, 10), 0)
  t.equal(cagr(null, 10), null)
  t.equal(cagr(2, 0), null, 'no rate over zero years')
})

t.test('medians', async (t) => {
  t.equal(median([3, 1, 2]), 2)
  t.equal(median([4, 1, 3, 2]), 2.5)
  t.equal(median([5, null, 1]), 3, 'nulls are left out')
  t.equal(median([]), null)
})
