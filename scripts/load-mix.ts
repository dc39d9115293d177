// The request mix of the load test: the real endpoints with real parameters, in a fixed shuffled order,
// plus a few deliberate bad requests (expected 400) counted apart.

export interface MixEntry { path: string; expect: number }

const COUNTRIES = ['USA', 'CHN', 'DEU', 'JPN', 'FRA', 'GBR', 'KOR', 'ITA', 'MEX', 'CAN', 'IND', 'BRA']
const SECTIONS = ['XVI', 'XV', 'VI', 'XI', 'XVII', 'V', 'XVIII', 'VII']

/** What dashboards ask, per country and section (weights: how often each appears in the mix). */
function perCountrySection(c: string, s: string): [string, number][] {
  return [
    [`/suppliers?country=${c}&section=${s}`, 4],
    [`/suppliers?country=${c}&section=${s}&by=chapter${c === 'CHN' ? '' : '&exclude=CHN'}`, 1],
    [`/hhi?country=${c}&section=${s}`, 3],
    [`/hhi?country=${c}&section=${s}&basis=world&level=hs6`, 1],
    [`/single-source?country=${c}&section=${s}`, 2],
    [`/single-source?country=${c}&section=${s}&method=proportional`, 1],
    [`/bec-stages?country=${c}&section=${s}`, 1],
    [`/fva-peers?country=${c}&section=${s}`, 2],
    [`/smile-fit?section=${s}&country=${c}`, 1],
  ]
}

function perSection(s: string): [string, number][] {
  return [[`/cr1?section=${s}`, 2], [`/buyer-concentration?section=${s}`, 1], [`/growth?section=${s}`, 2], [`/bec-stages?section=${s}`, 1]]
}

const GLOBAL: [string, number][] = [
  ['/cr1', 3], ['/buyer-concentration', 2], ['/bec-stages', 2], ['/countries', 2], ['/sections', 2], ['/datasets', 2], ['/health', 1],
]

/** Requests that must be refused with 400 (unknown codes, out-of-domain thresholds, missing or unknown parameters). */
const DELIBERATE_BAD = [
  '/suppliers?country=ZZZ&section=XVI', '/hhi?country=USA&section=XXV', '/cr1?threshold=7', '/growth?section=XVI&from=1850',
  '/suppliers?country=USA', '/single-source?country=USA&section=XVI&method=guess', '/fva-peers?country=USA&section=XVI&band=0',
  '/countries?limit=5',
]

/** A deterministic shuffle (xorshift), so every run sends the same sequence. */
function shuffle<T>(items: T[], seed = 2026): T[] {
  let state = seed
  const next = () => { state ^= state << 13; state ^= state >>> 17; state ^= state << 5; return (state >>> 0) / 2 ** 32 }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** The mix for a lake holding `countries` (countries it lacks are left out, so every good request can answer 200). */
export function loadMix(countries: ReadonlySet<string>): MixEntry[] {
  const good: [string, number][] = [
    ...COUNTRIES.filter((c) => countries.has(c)).flatMap((c) => SECTIONS.flatMap((s) => perCountrySection(c, s))),
    ...SECTIONS.flatMap(perSection),
    ...GLOBAL,
  ]
  const entries: MixEntry[] = good.flatMap(([path, weight]) => Array.from({ length: weight }, () => ({ path, expect: 200 })))
  // About 2 % of the requests are deliberately bad.
  const badCopies = Math.max(1, Math.round(entries.length * 0.02 / DELIBERATE_BAD.length))
  for (const path of DELIBERATE_BAD) for (let i = 0; i < badCopies; i++) entries.push({ path, expect: 400 })
  return shuffle(entries)
}
