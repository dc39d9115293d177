// The knobs of the synthetic world: sizes per scale, world totals, chapter weights, specialisations, BEC profiles.

export type Scale = 'demo' | 'full'

export interface ScaleProfile {
  /** Target number of HS6 lines (spread over chapters in proportion to their real subheading counts). */
  lines: number
  /** Most HS6 lines per heading (headings per chapter are capped at 90, so big chapters get more). */
  linesPerHeading: number
  /** Scales the chance that an exporter exports a line at all (the exporter × line "active" set). */
  activity: number
  /** Scales the chance that an active exporter ships a line to a given importer in a year. */
  intensity: number
  /** How many of the largest economies TiVA covers (TiVA has 76 economies). */
  tivaEconomies: number
  defaultYears: number[]
}

export const SCALES: Record<Scale, ScaleProfile> = {
  demo: {
    lines: 1300, linesPerHeading: 3, activity: 1.5, intensity: 0.4, tivaEconomies: 76,
    defaultYears: [2000, ...range(2015, 2024)],
  },
  full: {
    lines: 5400, linesPerHeading: 5, activity: 2.5, intensity: 3.5, tivaEconomies: 76,
    defaultYears: range(2018, 2024),
  },
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** TiVA years generated whatever the flow years are (the OECD 2023 release ends in 2020). */
export const TIVA_YEARS = range(2015, 2020)

/** WDI years always cover at least this span (extended to the flow years). */
export const WDI_YEARS = range(2000, 2024)

// World merchandise exports, trillion US dollars (rounded, after WTO statistics).
const WORLD_EXPORTS: Record<number, number> = {
  1995: 5.2, 1996: 5.4, 1997: 5.6, 1998: 5.5, 1999: 5.7, 2000: 6.4, 2001: 6.2, 2002: 6.5, 2003: 7.6,
  2004: 9.2, 2005: 10.5, 2006: 12.1, 2007: 14.0, 2008: 16.1, 2009: 12.5, 2010: 15.3, 2011: 18.3,
  2012: 18.5, 2013: 18.9, 2014: 19.0, 2015: 16.5, 2016: 16.0, 2017: 17.7, 2018: 19.5, 2019: 19.0,
  2020: 17.6, 2021: 22.3, 2022: 24.9, 2023: 23.8, 2024: 24.4,
}

/** World merchandise exports of a year in US dollars; outside 1995–2024, 3% a year from the nearest known year. */
export function worldExportsUsd(year: number): number {
  const known = Math.min(2024, Math.max(1995, year))
  return WORLD_EXPORTS[known]! * 1e12 * 1.03 ** (year - known)
}

// Common path of GNI per capita PPP (current international $), 2020 = 1: about 3.2% a year before,
// the 2020 dip, the 2021–2022 price surge.
const GNI_INDEX_AFTER_2020: Record<number, number> = { 2020: 1, 2021: 1.08, 2022: 1.177, 2023: 1.236, 2024: 1.286 }

export function gniIndex(year: number): number {
  if (year <= 2019) return (1 / 0.97) / 1.032 ** (2019 - year)
  if (year <= 2024) return GNI_INDEX_AFTER_2020[year]!
  return GNI_INDEX_AFTER_2020[2024]! * 1.035 ** (year - 2024)
}

/** Real income growth per year relative to the common path, where convergence alone would be wrong. */
export const INCOME_GROWTH: Record<string, number> = {
  CHN: 0.06, IND: 0.03, VNM: 0.045, BGD: 0.035, ETH: 0.045, IRL: 0.025, POL: 0.025, TUR: 0.02,
  VEN: -0.03, LBY: -0.02, YEM: -0.03, SYR: -0.03, ZWE: -0.01, LBN: -0.02, ITA: -0.005, GRC: -0.005,
  JPN: -0.003, RUS: 0.01, KOR: 0.015, TWN: 0.02, SGP: 0.015,
}

/** Exports relative to what size alone gives (hubs and manufacturing exporters above 1, large inward economies below). */
export const EXPORT_PROPENSITY: Record<string, number> = {
  DEU: 1.8, NLD: 2.2, BEL: 1.8, ITA: 1.2, USA: 1.2, JPN: 0.7, IND: 0.6, BRA: 0.7, GBR: 0.8, SGP: 1.8,
  HKG: 1.8, VNM: 1.6, MYS: 1.4, MEX: 1.3, KOR: 1.1, CHE: 1.2, IRL: 1.3, TWN: 1.5, POL: 1.3, CZE: 1.5,
  ARE: 1.4, THA: 1.2, ESP: 1.1, AUT: 1.1, CAN: 1.1,
}

/** Approximate share (percent) of world trade by chapter; chapters not listed get 0.25. */
export const CHAPTER_TRADE_WEIGHT: Record<string, number> = {
  '85': 15, '84': 12, '27': 12, '87': 7, '71': 4, '30': 3.5, '90': 3, '39': 2.7, '29': 2, '72': 2,
  '73': 1.5, '26': 1.5, '88': 1.2, '94': 1.3, '38': 1, '40': 0.9, '76': 0.9, '74': 0.8, '48': 0.8,
  '33': 0.8, '02': 0.8, '03': 0.8, '12': 0.8, '10': 0.7, '61': 1.2, '62': 1.2, '64': 0.7, '08': 0.6,
  '22': 0.6, '95': 0.6, '89': 0.6, '44': 0.5, '28': 0.6, '15': 0.5, '23': 0.4, '04': 0.5, '63': 0.4,
  '70': 0.4, '82': 0.4, '83': 0.4, '31': 0.4, '96': 0.3, '20': 0.3, '21': 0.3, '19': 0.3,
}

/**
 * Elasticity of a chapter's world exports to world trade growth (2000 → 2024 world trade grew about
 * 3.8×, so 0.5 gives about 2× and 1.35 about 6×). Chapters not listed draw one from the seed.
 */
export const CHAPTER_GROWTH_ELASTICITY: Record<string, number> = {
  '85': 1.3, '84': 0.85, '27': 1.15, '30': 1.35, '71': 1.3, '26': 1.3, '61': 0.55, '62': 0.5,
  '37': 0.45, '49': 0.45, '87': 0.9,
}

export interface AnchoredShare {
  exporter: string
  importer: string
  chapter: string
  /** The exporter's share of the importer's imports in the chapter at some years; linear in between, flat outside. */
  path: Record<number, number>
}

/**
 * Bilateral shares pinned to a path whatever the seed, so the seed report's story always shows up:
 * China's share of US imports in chapters 84 and 85, rising to 2017 and falling after the 2018–2019
 * tariffs, with chapter 85 still above the 40% single-source threshold in 2024.
 */
export const ANCHORED_SHARES: AnchoredShare[] = [
  { exporter: 'CHN', importer: 'USA', chapter: '84', path: { 2000: 0.1, 2017: 0.42, 2024: 0.36 } },
  { exporter: 'CHN', importer: 'USA', chapter: '85', path: { 2000: 0.15, 2017: 0.55, 2024: 0.47 } },
]

export function anchoredShare(path: Record<number, number>, year: number): number {
  const points = Object.entries(path).map(([y, share]) => [Number(y), share] as const).sort((a, b) => a[0] - b[0])
  const after = points.findIndex(([y]) => y >= year)
  if (after === 0) return points[0]![1]
  if (after === -1) return points.at(-1)![1]
  const [y0, s0] = points[after - 1]!
  const [y1, s1] = points[after]!
  return s0 + (s1 - s0) * (year - y0) / (y1 - y0)
}

/** Comparative advantage: an exporter's capability in a chapter is multiplied by these factors. */
export const SPECIALISATIONS: Record<string, string> = {
  CHN: '84:2.5 85:3 94:3 95:4 61:2.5 62:2.5 63:3 64:3 73:2 39:1.5 28:2 81:3 29:1.5 42:3 96:3',
  TWN: '85:5 84:1.5 90:1.5', KOR: '85:3 87:2 89:5 39:1.5', JPN: '87:2 84:1.5 85:1.2 90:1.5',
  DEU: '87:3 84:3 30:2.5 90:2 85:1.6 39:1.6 29:1.5 73:1.5 38:1.5', USA: '88:5 27:1.5 30:1.5 90:2 84:1.5 12:2.5 10:2 02:2',
  MEX: '87:3 85:2 84:1.5 07:3', VNM: '85:3 64:4 61:3 62:3 94:2', MYS: '85:3 15:5 40:3', SGP: '85:2 27:2 29:2',
  CHE: '30:3 71:3 91:6 90:1.5', IRL: '30:6 29:3', BEL: '30:2 29:2 71:2', NLD: '27:1.5 85:1.3 06:6 04:2',
  SAU: '27:6 29:3 39:2', RUS: '27:5 72:3 10:3 44:3 71:2', ARE: '27:4 71:4', QAT: '27:6', KWT: '27:6',
  IRQ: '27:6', NOR: '27:5 03:8 76:2', NGA: '27:6', AGO: '27:6', KAZ: '27:5 26:3 72:2', CAN: '27:3 44:4 87:1.5 71:2 10:2',
  DZA: '27:6', OMN: '27:5', AUS: '26:8 27:3 10:2 71:2 02:3', BRA: '26:4 12:5 09:5 02:4 17:5 47:4',
  CHL: '26:6 74:8 08:3 03:3', PER: '26:6 71:3 08:2', ZAF: '71:5 26:4 87:1.5', IND: '30:1.5 71:2 29:1.5 10:2 52:2',
  BGD: '61:8 62:8 63:4', FRA: '88:4 22:3 33:3 30:1.5', GBR: '71:2 88:2 30:1.5 22:2', ITA: '84:1.5 42:3 64:2 94:2 30:1.5',
  ESP: '87:1.5 08:3 02:2', HKG: '71:3 85:1.5', IDN: '15:6 27:3 26:2 40:2', THA: '85:1.5 40:4 87:1.5 10:2',
  TUR: '61:2 62:2 87:1.5 72:1.5', POL: '87:2 94:3 85:1.5', CZE: '87:2.5 85:1.5 84:1.5', HUN: '87:2 85:2',
  SVK: '87:4', ARG: '12:4 23:6 10:3 15:3', NZL: '04:8 02:4 44:2', PHL: '85:3', ISR: '71:3 85:1.5 30:1.5',
  COD: '26:10 81:8', GIN: '26:10', MNG: '26:8 27:3', ZMB: '74:10 26:4', CIV: '18:12', GHA: '18:8 71:5',
}

/** HS6 → BEC rev.4: each chapter's BEC codes with weights (percent) for the synthetic concordance. */
export const BEC_PROFILES: [chapters: string, profile: string][] = [
  ['01', '111:50 112:50'], ['02', '122:60 121:40'], ['03', '112:40 122:40 121:20'], ['04', '122:70 121:30'],
  ['05', '21:100'], ['06', '112:60 21:40'], ['07', '112:70 111:30'], ['08', '112:90 111:10'],
  ['09', '112:60 122:40'], ['10', '111:80 112:20'], ['11', '121:60 122:40'], ['12', '111:60 21:40'],
  ['13', '21:60 22:40'], ['14', '21:100'], ['15', '121:50 122:30 22:20'], ['16-22', '122:75 121:25'],
  ['23', '121:100'], ['24', '122:70 21:30'], ['25-26', '21:100'], ['27', '31:55 322:30 321:15'],
  ['28-29', '22:100'], ['30', '63:60 22:40'], ['31-32', '22:100'], ['33-34', '63:60 22:40'],
  ['35-38', '22:100'], ['39', '22:85 62:15'], ['40', '22:60 53:25 62:15'], ['41', '21:40 22:60'],
  ['42', '62:100'], ['43', '21:40 62:60'], ['44', '21:40 22:50 61:10'], ['45', '22:100'], ['46', '62:100'],
  ['47', '22:100'], ['48', '22:80 62:20'], ['49', '62:100'], ['50-60', '22:80 21:20'], ['61-62', '62:100'],
  ['63', '62:70 61:30'], ['64-67', '62:100'], ['68', '22:100'], ['69-70', '22:70 61:30'],
  ['71', '22:60 62:25 7:15'], ['72', '22:100'], ['73', '22:70 41:30'], ['74-81', '22:100'],
  ['82', '41:50 62:50'], ['83', '22:60 62:40'], ['84', '41:45 42:30 61:12 53:5 62:5 521:3'],
  ['85', '42:35 41:25 61:20 62:10 53:5 22:5'], ['86', '521:40 53:40 41:20'], ['87', '51:30 521:20 522:10 53:40'],
  ['88', '41:50 53:40 521:10'], ['89', '521:60 41:25 522:15'], ['90', '41:50 42:30 61:20'],
  ['91', '61:60 62:40'], ['92', '61:100'], ['93', '7:100'], ['94', '61:70 41:30'], ['95', '61:50 62:50'],
  ['96', '62:70 63:30'], ['97', '61:70 7:30'],
]

/** Chapter codes covered by a `BEC_PROFILES` key such as `16-22` or `84`. */
export function expandChapters(key: string): string[] {
  const [from, to = from] = key.split('-').map(Number) as [number, number?]
  return range(from, to!).map((c) => String(c).padStart(2, '0'))
}

/** Parses `'84:2.5 85:3'` into pairs. */
export function parsePairs(text: string): [string, number][] {
  return text.split(/\s+/).map((pair) => {
    const [key, value] = pair.split(':') as [string, string]
    return [key, Number(value)]
  })
}
