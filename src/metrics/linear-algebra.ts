// Small dense linear algebra for least squares: two independent solvers (Householder QR and the normal
// equations by Cholesky), each giving the coefficients and (XᵀX)⁻¹, so one can check the other.

export type Matrix = number[][]

/** Raised when the design matrix does not have full column rank (a coefficient is not identified). */
export class RankDeficientError extends Error {
  constructor(readonly column: number) { super(`the design matrix is rank-deficient at column ${column}`) }
}

export interface LeastSquaresSolution {
  coefficients: number[]
  /** (XᵀX)⁻¹, the unscaled covariance of the coefficients. */
  xtxInverse: Matrix
}

// Relative size below which a pivot counts as zero: well above rounding noise (~1e-16), far below any real signal.
const RANK_TOLERANCE = 1e-10

export function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!))
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[k]![j]!, 0)))
}

/** Solves R b = c for an upper-triangular R. */
function backSubstitute(r: Matrix, c: number[]): number[] {
  const k = r.length
  const b = new Array<number>(k)
  for (let i = k - 1; i >= 0; i--) {
    let sum = c[i]!
    for (let j = i + 1; j < k; j++) sum -= r[i]![j]! * b[j]!
    b[i] = sum / r[i]![i]!
  }
  return b
}

/** R⁻¹ of an upper-triangular R, by back substitution column by column. */
function invertUpperTriangular(r: Matrix): Matrix {
  const k = r.length
  const inv: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let col = 0; col < k; col++) {
    for (let i = col; i >= 0; i--) {
      let sum = i === col ? 1 : 0
      for (let j = i + 1; j <= col; j++) sum -= r[i]![j]! * inv[j]![col]!
      inv[i]![col] = sum / r[i]![i]!
    }
  }
  return inv
}

/** Least squares by Householder QR of X: solves R b = Qᵀy; (XᵀX)⁻¹ = R⁻¹R⁻ᵀ. */
export function solveByQr(x: Matrix, y: number[]): LeastSquaresSolution {
  const k = x[0]!.length
  const a = x.map((row) => [...row])
  const qty = [...y]
  const scale = Math.max(...a[0]!.map((_, j) => Math.hypot(...a.map((row) => row[j]!))))
  for (let j = 0; j < k; j++) {
    const norm = Math.hypot(...a.slice(j).map((row) => row[j]!))
    if (norm <= RANK_TOLERANCE * scale) throw new RankDeficientError(j)
    // Reflect onto −sign(a_jj)·norm·e_j to avoid cancellation.
    const alpha = a[j]![j]! > 0 ? -norm : norm
    const v = a.slice(j).map((row) => row[j]!)
    v[0] = v[0]! - alpha
    const vv = v.reduce((s, vi) => s + vi * vi, 0)
    for (let c = j; c < k; c++) {
      const dot = v.reduce((s, vi, i) => s + vi * a[j + i]![c]!, 0)
      for (let i = 0; i < v.length; i++) a[j + i]![c] = a[j + i]![c]! - (2 * dot / vv) * v[i]!
    }
    const dotY = v.reduce((s, vi, i) => s + vi * qty[j + i]!, 0)
    for (let i = 0; i < v.length; i++) qty[j + i] = qty[j + i]! - (2 * dotY / vv) * v[i]!
  }
  const r = a.slice(0, k).map((row) => row.slice(0, k))
  const rInv = invertUpperTriangular(r)
  const coefficients = backSubstitute(r, qty.slice(0, k))
  return { coefficients, xtxInverse: multiply(rInv, transpose(rInv)) }
}

/** Least squares by the normal equations XᵀX b = Xᵀy, factored by Cholesky (XᵀX = LLᵀ). */
export function solveByNormalEquations(x: Matrix, y: number[]): LeastSquaresSolution {
  const xt = transpose(x)
  const xtx = multiply(xt, x)
  const xty = xt.map((row) => row.reduce((s, v, i) => s + v * y[i]!, 0))
  const k = xtx.length
  const l: Matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = xtx[i]![j]!
      for (let p = 0; p < j; p++) sum -= l[i]![p]! * l[j]![p]!
      if (i === j) {
        // Pivots scale with the squared column norm, hence the squared tolerance.
        if (sum <= RANK_TOLERANCE ** 2 * xtx[i]![i]! || sum <= 0) throw new RankDeficientError(i)
        l[i]![i] = Math.sqrt(sum)
      } else {
        l[i]![j] = sum / l[j]![j]!
      }
    }
  }
  // (XᵀX)⁻¹ = L⁻ᵀL⁻¹, and L⁻ᵀ is the inverse of the upper-triangular Lᵀ.
  const ltInv = invertUpperTriangular(transpose(l))
  const xtxInverse = multiply(ltInv, transpose(ltInv))
  const z = new Array<number>(k)
  for (let i = 0; i < k; i++) {
    let sum = xty[i]!
    for (let p = 0; p < i; p++) sum -= l[i]![p]! * z[p]!
    z[i] = sum / l[i]![i]!
  }
  return { coefficients: backSubstitute(transpose(l), z), xtxInverse }
}
