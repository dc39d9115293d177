import t from 'tap'
import { apportionProportional, proxyError } from '../../src/metrics/apportion.js'

// Country C imports 100; world exports: C 50 (left out), P 30, Q 10 → P gets 100·30/40 = 75, Q 25.
const WORLD = [{ key: 'C', value: 50 }, { key: 'P', value: 30 }, { key: 'Q', value: 10 }, { key: 'Z', value: 0 }]

t.test('proportional apportionment leaves the country itself out', async (t) => {
  const estimate = apportionProportional('C', 100, WORLD)
  t.same(estimate, [{ key: 'P', value: 75 }, { key: 'Q', value: 25 }])
})

t.test('nothing to apportion without imports or other exporters', async (t) => {
  t.same(apportionProportional('C', 0, WORLD), [])
  t.same(apportionProportional('C', 100, [{ key: 'C', value: 5 }]), [])
})

t.test('proxy error against observed P 60, Q 30, R 10', async (t) => {
  const error = proxyError(apportionProportional('C', 100, WORLD), [
    { key: 'P', value: 60 }, { key: 'Q', value: 30 }, { key: 'R', value: 10 },
  ])
  t.same(error.estimated_top, { key: 'P', share: 0.75 })
  t.same(error.observed_top, { key: 'P', share: 0.6 })
  t.equal(error.same_top_supplier, true)
  t.ok(Math.abs(error.top_share_error_pp! - 15) < 1e-9, '|75 % − 60 %| = 15 pp')
  // |0.75−0.6| + |0.25−0.3| + |0−0.1| = 0.30 over 3 partners = 10 pp
  t.ok(Math.abs(error.mean_abs_error_pp! - 10) < 1e-9, 'mean absolute error 10 pp')
  t.equal(error.partners, 3)
})

t.test('a different top supplier is reported, and no observed flows give no error', async (t) => {
  const error = proxyError([{ key: 'P', value: 70 }, { key: 'Q', value: 30 }], [{ key: 'Q', value: 80 }, { key: 'P', value: 20 }])
  t.equal(error.same_top_supplier, false)
  t.ok(Math.abs(error.top_share_error_pp! - 10) < 1e-9, '|70 % − 80 %|')
  t.ok(Math.abs(error.mean_abs_error_pp! - 50) < 1e-9, '(50 + 50) / 2')
  const none = proxyError([{ key: 'P', value: 1 }], [])
  t.equal(none.top_share_error_pp, null)
  t.equal(none.mean_abs_error_pp, null)
})
