import t from 'tap'
import { solveByNormalEquations, solveByQr } from '../../src/metrics/linear-algebra.js'
import { DegenerateRegressionError, ols, quadraticFit } from '../../src/metrics/regression.js'

/** A small deterministic generator (LCG) so the noisy cases are the same on every run. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Standard normal draws by Box–Muller. */
function normal(rand: () => number) {
  return () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
}

const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b))

/** 60 economies with ln incomes between ln 1,000 and ln 120,000, as the smile fit sees them. */
function lnIncomes(seed: number, n = 60): number[] {
  const rand = random(seed)
  return Array.from({ length: n }, () => Math.log(1000) + rand() * (Math.log(120000) - Math.log(1000)))
}

t.test('noiseless quadratic data: the coefficients are recovered exactly', async (t) => {
  const truth = [-275.3, 63.02, -3.1446]
  const x = lnIncomes(1)
  const y = x.map((v) => truth[0]! + truth[1]! * v + truth[2]! * v * v)
  for (const solver of ['qr', 'normal-equations'] as const) {
    const fit = quadraticFit(x, y, solver)
    truth.forEach((b, i) => t.ok(close(fit.coefficients[i]!, b, 1e-9), `${solver}: b${i} = ${fit.coefficients[i]} ≈ ${b}`))
    t.ok(fit.rSquared! > 1 - 1e-12, `${solver}: R² = 1`)
    t.ok(fit.residualStandardError < 1e-9, `${solver}: no residual`)
    const turning = -truth[1]! / (2 * truth[2]!)
    t.ok(close(fit.turningPoint!, turning, 1e-9), 'turning point −b1/(2·b2)')
    t.equal(fit.invertedU, true, `b2 < 0 and ${turning.toFixed(2)} lies within [${Math.min(...x).toFixed(2)}, ${Math.max(...x).toFixed(2)}]`)
  }
})

t.test('noisy data: Householder QR and the normal equations agree to 1e-9', async (t) => {
  const x = lnIncomes(7)
  const noise = normal(random(11))
  const y = x.map((v) => -250 + 58 * v - 2.9 * v * v + 5 * noise())
  const qr = quadraticFit(x, y, 'qr')
  const ne = quadraticFit(x, y, 'normal-equations')
  for (const field of ['coefficients', 'standardErrors', 'robustStandardErrors', 'fitted', 'residuals', 'leverage'] as const) {
    const worst = Math.max(...qr[field].map((v, i) => Math.abs(v - ne[field][i]!) / Math.max(1, Math.abs(v))))
    t.ok(worst <= 1e-9, `${field}: largest relative difference ${worst.toExponential(2)}`)
  }
  t.ok(close(qr.rSquared!, ne.rSquared!, 1e-9), 'R²')
  t.ok(close(qr.residualStandardError, ne.residualStandardError, 1e-9), 'residual standard error')

  // On the raw (uncentred) design too, and raw QR gives the same coefficients as the centred fit.
  const raw = x.map((v) => [1, v, v * v])
  const a = solveByQr(raw, y).coefficients
  const b = solveByNormalEquations(raw, y).coefficients
  a.forEach((v, i) => t.ok(close(v, b[i]!, 1e-9), `raw design b${i}: ${v} vs ${b[i]}`))
  a.forEach((v, i) => t.ok(close(v, qr.coefficients[i]!, 1e-8), `raw QR b${i} equals the centred fit`))
})

t.test('simple regression: OLS and both standard errors equal their closed forms', async (t) => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8]
  const y = [2.1, 3.9, 6.2, 7.8, 10.3, 11.7, 14.4, 15.6]
  const n = x.length
  const mx = x.reduce((s, v) => s + v, 0) / n
  const my = y.reduce((s, v) => s + v, 0) / n
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0)
  const slope = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) / sxx
  const intercept = my - slope * mx
  const e = x.map((v, i) => y[i]! - intercept - slope * v)
  const s2 = e.reduce((s, v) => s + v * v, 0) / (n - 2)
  const seSlope = Math.sqrt(s2 / sxx)
  const seIntercept = Math.sqrt(s2 * (1 / n + mx * mx / sxx))
  // HC1 for the slope: n/(n−2) · Σ (x−x̄)² e² / Sxx².
  const hc1Slope = Math.sqrt((n / (n - 2)) * x.reduce((s, v, i) => s + (v - mx) ** 2 * e[i]! ** 2, 0) / sxx ** 2)
  const tss = y.reduce((s, v) => s + (v - my) ** 2, 0)

  for (const solver of ['qr', 'normal-equations'] as const) {
    const fit = ols(x.map((v) => [1, v]), y, solver)
    t.ok(close(fit.coefficients[0]!, intercept, 1e-12) && close(fit.coefficients[1]!, slope, 1e-12), `${solver}: coefficients`)
    t.ok(close(fit.standardErrors[1]!, seSlope, 1e-12), `${solver}: classical se(slope) = s/√Sxx`)
    t.ok(close(fit.standardErrors[0]!, seIntercept, 1e-12), `${solver}: classical se(intercept)`)
    t.ok(close(fit.robustStandardErrors[1]!, hc1Slope, 1e-12), `${solver}: HC1 se(slope)`)
    t.ok(close(fit.rSquared!, 1 - e.reduce((s, v) => s + v * v, 0) / tss, 1e-12), `${solver}: R²`)
    t.ok(close(fit.residualStandardError, Math.sqrt(s2), 1e-12), `${solver}: residual standard error`)
    t.ok(close(fit.leverage.reduce((s, h) => s + h, 0), 2, 1e-12), `${solver}: the leverages sum to k`)
  }
})

t.test('the centred quadratic fit maps coefficients and both covariances back to x exactly', async (t) => {
  // Small x keeps the raw design well-conditioned, so plain OLS on [1, x, x²] is a trustworthy reference.
  const x = [-2, -1.5, -1, -0.2, 0.4, 1, 1.3, 2, 2.6, 3]
  const y = [4.2, 2.1, 1.4, 0.3, 0.9, 1.2, 2.8, 4.1, 7.3, 9.2]
  const reference = ols(x.map((v) => [1, v, v * v]), y)
  const fit = quadraticFit(x, y)
  for (const field of ['coefficients', 'standardErrors', 'robustStandardErrors'] as const) {
    reference[field].forEach((v, i) => t.ok(close(fit[field][i]!, v, 1e-10), `${field}[${i}]: ${fit[field][i]} ≈ ${v}`))
  }
  t.equal(fit.invertedU, false, 'a convex curve is no inverted U')
})

t.test('turning point outside the sample: concave but no inverted U', async (t) => {
  const x = [11, 11.5, 12, 12.5, 13]
  const y = x.map((v, i) => 5 - (v - 10) ** 2 + (i % 2 ? 0.01 : -0.01))
  const fit = quadraticFit(x, y)
  t.ok(fit.coefficients[2]! < 0, 'concave')
  t.ok(Math.abs(fit.turningPoint! - 10) < 0.05, `turning point ${fit.turningPoint} near 10`)
  t.equal(fit.turningPointInRange, false)
  t.equal(fit.invertedU, false)
})

t.test('degenerate data is a DegenerateRegressionError, never NaN', async (t) => {
  const reason = (fn: () => unknown) => {
    try { fn() } catch (error) { return error instanceof DegenerateRegressionError ? error.reason : `other: ${String(error)}` }
    return 'no error'
  }
  t.equal(reason(() => quadraticFit([8, 9, 10], [1, 2, 3])), 'too-few-points', '3 points')
  t.equal(reason(() => quadraticFit([], [])), 'too-few-points', 'no points')
  t.equal(reason(() => quadraticFit([9, 9, 9, 9, 9], [1, 2, 3, 4, 5])), 'equal-x', 'all incomes equal')
  t.equal(reason(() => quadraticFit([9, 10, 9, 10, 9], [1, 2, 3, 4, 5])), 'singular', 'two distinct incomes cannot identify a curvature')
  t.equal(reason(() => quadraticFit([8, 9, 10, 11], [3, 3, 3, 3])), 'constant-y', 'all shares equal')
  for (const solver of ['qr', 'normal-equations'] as const) {
    t.equal(reason(() => ols([[1, 1, 2], [1, 2, 4], [1, 3, 6], [1, 4, 8], [1, 5, 10]], [1, 2, 3, 4, 6], solver)), 'singular', `${solver}: collinear columns`)
  }
  t.throws(() => quadraticFit([1, 2, 3, Number.NaN], [1, 2, 3, 4]), RangeError, 'non-finite input is a caller bug')
  // Exactly 4 points leave one degree of freedom: every number is finite.
  const fit = quadraticFit([8, 9, 10, 11], [20, 30, 31, 25])
  const numbers = [...fit.coefficients, ...fit.standardErrors, ...fit.robustStandardErrors, fit.rSquared!, fit.residualStandardError]
  t.ok(numbers.every(Number.isFinite), 'n = 4 gives finite estimates and standard errors')
})
