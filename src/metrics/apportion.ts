// The seed report's proportional proxy for bilateral imports, and its error against observed bilateral flows.
import { rankedShares, type Contribution } from './shares.js'

/**
 * Apportions country c's imports of a product group across partners by their share of world
 * exports of it, leaving c itself out:  M̂(c←p,h) = M(c,h) · X(p,h) / Σ_{q≠c} X(q,h).
 * Partners with no exports get nothing; an empty list when nobody else exports.
 */
export function apportionProportional(country: string, imports: number, worldExports: Iterable<Contribution>): Contribution[] {
  const partners = [...worldExports].filter((x) => x.key !== country && x.value > 0)
  const others = partners.reduce((sum, x) => sum + x.value, 0)
  if (!(others > 0) || !(imports > 0)) return []
  return partners.map((x) => ({ key: x.key, value: imports * (x.value / others) }))
}

export interface ProxyError {
  /** Top supplier and its share (0–1) according to the proxy. */
  estimated_top: { key: string; share: number } | null
  /** Top supplier and its share (0–1) in the observed bilateral flows. */
  observed_top: { key: string; share: number } | null
  /** |estimated top share − observed top share| × 100, percentage points. */
  top_share_error_pp: number | null
  /** Whether the proxy names the same top supplier as the observed flows. */
  same_top_supplier: boolean | null
  /** Mean over partners (union of both lists) of |ŝ_p − s_p| × 100, percentage points. */
  mean_abs_error_pp: number | null
  /** Partners in the union the mean runs over. */
  partners: number
}

/**
 * How far the proxy's partner shares are from the observed ones. Shares are each list's own
 * (both total M(c,h) when the data agree); a partner missing from one list has share 0 there.
 */
export function proxyError(estimated: Iterable<Contribution>, observed: Iterable<Contribution>): ProxyError {
  const est = rankedShares(estimated)
  const obs = rankedShares(observed)
  const estShare = new Map(est.map((s) => [s.key, s.share]))
  const obsShare = new Map(obs.map((s) => [s.key, s.share]))
  const partners = new Set([...estShare.keys(), ...obsShare.keys()])
  const estTop = est[0] ? { key: est[0].key, share: est[0].share } : null
  const obsTop = obs[0] ? { key: obs[0].key, share: obs[0].share } : null
  const both = estTop !== null && obsTop !== null
  let absSum = 0
  for (const p of partners) absSum += Math.abs((estShare.get(p) ?? 0) - (obsShare.get(p) ?? 0))
  return {
    estimated_top: estTop,
    observed_top: obsTop,
    top_share_error_pp: both ? Math.abs(estTop.share - obsTop.share) * 100 : null,
    same_top_supplier: both ? estTop.key === obsTop.key : null,
    mean_abs_error_pp: both && partners.size > 0 ? (absSum / partners.size) * 100 : null,
    partners: partners.size,
  }
}
