// Checks request parameters against what the lake holds (countries, sections, chapters, years).
import type { Catalog, Section, YearRange } from '../../db/lake.js'
import {
  BadParameter, NotFound, UnknownChapter, UnknownCountry, UnknownSection, YearOutOfRange, withParameter,
} from '../../errors.js'

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 }

function romanToNumber(roman: string): number | null {
  let total = 0
  for (let i = 0; i < roman.length; i++) {
    const value = ROMAN[roman[i]!]
    const next = ROMAN[roman[i + 1] ?? ''] ?? 0
    if (value === undefined) return null
    total += value < next ? -value : value
  }
  return total
}

export function resolveCountry(catalog: Catalog, raw: string, parameter = 'country'): string {
  const iso3 = raw.trim().toUpperCase()
  if (!catalog.countries.has(iso3)) throw withParameter(new UnknownCountry(iso3), parameter)
  return iso3
}

export function resolveCountries(catalog: Catalog, raw: string, parameter: string): string[] {
  const codes = raw.split(',').map((c) => c.trim()).filter(Boolean)
  if (codes.length === 0) throw withParameter(new BadParameter(parameter, 'expected comma-separated ISO3 codes'), parameter)
  return [...new Set(codes.map((c) => resolveCountry(catalog, c, parameter)))]
}

export function resolveSection(catalog: Catalog, raw: string, parameter = 'section'): Section {
  const text = raw.trim().toUpperCase()
  const number = /^\d+$/.test(text) ? Number(text) : romanToNumber(text)
  const found = catalog.sections.find((s) => s.number === number && (/^\d+$/.test(text) || s.section === text))
  if (!found) throw withParameter(new UnknownSection(raw), parameter)
  return found
}

export interface Scope {
  /** The section, when the scope was given as one. */
  section: Section | null
  chapters: string[]
  /** Human label: "HS Section XVI" or "HS chapters 84, 85". */
  label: string
}

/** A section or a chapter list (exactly one of them), as the chapters it covers. */
export function resolveScope(catalog: Catalog, query: { section?: string; chapters?: string }, required = true): Scope | null {
  if (query.section !== undefined && query.chapters !== undefined) {
    throw withParameter(new BadParameter('chapters', 'give either section or chapters, not both'), 'chapters')
  }
  if (query.section !== undefined) {
    const section = resolveSection(catalog, query.section)
    return { section, chapters: section.chapters.map((c) => c.chapter), label: `HS Section ${section.section}` }
  }
  if (query.chapters !== undefined) {
    const chapters = [...new Set(query.chapters.split(',').map((c) => c.padStart(2, '0')))].sort()
    for (const chapter of chapters) {
      if (!catalog.chapters.has(chapter)) throw withParameter(new UnknownChapter(chapter), 'chapters')
    }
    return { section: null, chapters, label: `HS chapters ${chapters.join(', ')}` }
  }
  if (required) throw withParameter(new BadParameter('section', 'section or chapters is required'), 'section')
  return null
}

/** A year inside `range`; `undefined` means the latest. */
export function resolveYear(range: YearRange | null, raw: number | undefined, parameter = 'year', dataset = 'trade'): number {
  if (!range) throw withParameter(new NotFound(`the lake holds no ${dataset} data`), parameter)
  if (raw === undefined) return range.to
  if (!range.years.includes(raw)) {
    const covered = describeYears(range)
    throw withParameter(new YearOutOfRange(parameter, raw, `${dataset} years available: ${covered}`), parameter)
  }
  return raw
}

/** "2000, 2015–2024" for a set of years with gaps. */
export function describeYears(range: YearRange): string {
  const runs: string[] = []
  let start = range.years[0]!
  let prev = start
  for (const y of [...range.years.slice(1), Number.NaN]) {
    if (y === prev + 1) { prev = y; continue }
    runs.push(start === prev ? `${start}` : `${start}–${prev}`)
    start = y
    prev = y
  }
  return runs.join(', ')
}

/** The country, scope and trade year shared by the endpoints about one country's imports. */
export function resolveCountryScopeYear(catalog: Catalog, query: { country: string; section?: string; chapters?: string; year?: number }) {
  return {
    iso3: resolveCountry(catalog, query.country),
    scope: resolveScope(catalog, query)!,
    year: resolveYear(catalog.tradeYears, query.year),
  }
}
