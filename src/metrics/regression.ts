// Ordinary least squares with classical and heteroskedasticity-robust (HC1) standard errors, and the
// quadratic fit y = b0 + b1·x + b2·x² behind the income–FVA "smile", with its turning point.
import {
  RankDeficientError, multiply, solveByNormalEquations, solveByQr, transpose, type LeastSquaresSolution, type Matrix,
} from './linear-algebra.js'

export type Solver = 'qr' | 'normal-equations'

export type DegenerateReason = 'too-few-points' | 'equal-x' | 'singular' | 'constant-y'

/** A regression that cannot be estimated from the data given; the message says why in the data's terms. */
export class DegenerateRegressionError extends Error {
  constructor(readonly reason: DegenerateReason, message: string) { super(message) }
}

export interface OlsResult {
  coefficients: number[]
  /** Classical covariance s²(XᵀX)⁻¹. */
  covariance: Matrix
  /** HC1 covariance: n/(n−k)·(XᵀX)⁻¹ Xᵀ diag(e²) X (XᵀX)⁻¹ (White 1980, with the small-sample factor). */
  robustCovariance: Matrix
  standardErrors: number[]
  robustStandardErrors: number[]
  fitted: number[]
  residuals: number[]
  /** Diagonal of the hat matrix X(XᵀX)⁻¹Xᵀ. */
  leverage: number[]
  n: number
  k: number
  sse: number
  tss: number
  /** 1 − SSE/TSS; null when y does not vary (TSS = 0). */
  rSquared: number | null
  /** √(SSE/(n−k)), the regression standard error, in y's unit. */
  residualStandardError: number
}

const SOLVERS: Record<Solver, (x: Matrix, y: number[]) => LeastSquaresSolution> = {
  qr: solveByQr,
  'normal-equations': solveByNormalEquations,
}

function dot(a: number[], b: number[]): number {
  return a.reduce((s, v, i) => s + v * b[i]!, 0)
}

/** OLS of y on the columns of x (include a column of ones for an intercept). Needs n > k and full column rank. */
export function ols(x: Matrix, y: number[], solver: Solver = 'qr'): OlsResult {
  const n = x.length
  const k = x[0]?.length ?? 0
  if (n !== y.length) throw new RangeError(`x has ${n} rows but y has ${y.length} values`)
  if (n <= k) throw new DegenerateRegressionError('too-few-points', `${n} observations cannot estimate ${k} coefficients with any residual degrees of freedom`)
  let solution: LeastSquaresSolution
  try {
    solution = SOLVERS[solver](x, y)
  } catch (error) {
    if (error instanceof RankDeficientError) throw new DegenerateRegressionError('singular', 'the regressors are collinear: a coefficient is not identified')
    throw error
  }
  const { coefficients: b, xtxInverse } = solution
  const fitted = x.map((row) => dot(row, b))
  const residuals = y.map((v, i) => v - fitted[i]!)
  const sse = residuals.reduce((s, e) => s + e * e, 0)
  const mean = y.reduce((s, v) => s + v, 0) / n
  const tss = y.reduce((s, v) => s + (v - mean) ** 2, 0)
  const sigma2 = sse / (n - k)
  const covariance = xtxInverse.map((row) => row.map((v) => v * sigma2))
  // Meat of the sandwich: Σ e_i² x_i x_iᵀ.
  const meat: Matrix = Array.from({ length: k }, (_, p) => Array.from({ length: k }, (_, q) =>
    x.reduce((s, row, i) => s + residuals[i]! ** 2 * row[p]! * row[q]!, 0)))
  const hc1 = n / (n - k)
  const robustCovariance = multiply(multiply(xtxInverse, meat), xtxInverse).map((row) => row.map((v) => v * hc1))
  const leverage = x.map((row) => dot(row, xtxInverse.map((r) => dot(r, row))))
  return {
    coefficients: b,
    covariance,
    robustCovariance,
    standardErrors: covariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!))),
    robustStandardErrors: robustCovariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!))),
    fitted,
    residuals,
    leverage,
    n,
    k,
    sse,
    tss,
    rSquared: tss > 0 ? 1 - sse / tss : null,
    residualStandardError: Math.sqrt(sigma2),
  }
}

export interface QuadraticFit extends OlsResult {
  /** The turning point −b1/(2·b2) in x's unit; null when b2 = 0 (a straight line has none). */
  turningPoint: number | null
  /** Whether the turning point lies within [min x, max x]. */
  turningPointInRange: boolean
  /** b2 < 0 with the turning point inside the sample's x range: the curve rises then falls over the data. */
  invertedU: boolean
  xRange: { min: number; max: number }
}

export const MIN_QUADRATIC_POINTS = 4

/**
 * Fits y = b0 + b1·x + b2·x² by OLS. x is centred and scaled before solving (ln incomes of 7–12 make
 * [1, x, x²] ill-conditioned) and the coefficients and both covariances are mapped back exactly.
 */
export function quadraticFit(x: number[], y: number[], solver: Solver = 'qr'): QuadraticFit {
  const n = x.length
  if (n !== y.length) throw new RangeError(`x has ${n} values but y has ${y.length}`)
  if (!x.every(Number.isFinite) || !y.every(Number.isFinite)) throw new RangeError('x and y must be finite numbers')
  if (n < MIN_QUADRATIC_POINTS) {
    throw new DegenerateRegressionError('too-few-points', `a quadratic fit needs at least ${MIN_QUADRATIC_POINTS} observations; there are ${n}`)
  }
  const distinctX = new Set(x).size
  if (distinctX === 1) throw new DegenerateRegressionError('equal-x', 'all observations have the same x: no slope or curvature can be estimated')
  if (distinctX < 3) throw new DegenerateRegressionError('singular', `a quadratic needs at least 3 distinct x values; there are ${distinctX}`)
  if (new Set(y).size === 1) throw new DegenerateRegressionError('constant-y', 'all observations have the same y: there is no variation to explain')

  const m = x.reduce((s, v) => s + v, 0) / n
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / n)
  const design = x.map((v) => { const z = (v - m) / sd; return [1, z, z * z] })
  const fit = ols(design, y, solver)
  // b = T c maps the coefficients on (1, z, z²) to those on (1, x, x²); covariances map as T V Tᵀ.
  const t: Matrix = [
    [1, -m / sd, (m * m) / (sd * sd)],
    [0, 1 / sd, (-2 * m) / (sd * sd)],
    [0, 0, 1 / (sd * sd)],
  ]
  const toX = (v: Matrix) => multiply(multiply(t, v), transpose(t))
  const coefficients = t.map((row) => dot(row, fit.coefficients))
  const covariance = toX(fit.covariance)
  const robustCovariance = toX(fit.robustCovariance)
  const [, b1, b2] = coefficients as [number, number, number]
  const min = Math.min(...x)
  const max = Math.max(...x)
  const turningPoint = b2 !== 0 && Number.isFinite(-b1 / (2 * b2)) ? -b1 / (2 * b2) : null
  const turningPointInRange = turningPoint !== null && turningPoint >= min && turningPoint <= max
  return {
    ...fit,
    coefficients,
    covariance,
    robustCovariance,
    standardErrors: covariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!))),
    robustStandardErrors: robustCovariance.map((row, i) => Math.sqrt(Math.max(0, row[i]!))),
    turningPoint,
    turningPointInRange,
    invertedU: b2 < 0 && turningPointInRange,
    xRange: { min, max },
  }
}
