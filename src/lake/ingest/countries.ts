// Country tables: BACI's numeric code lists (both header variants) and ISO 3166 tables, merged into `countries`.
import { basename } from 'node:path'
import { columnIndex, describeInput, normaliseHeader, readCsvFile } from './files.js'
import { IngestError, ReportBuilder } from './report.js'
import { loadRows, releaseOf, type Stage } from './stage.js'

export interface BaciCountryCode { code: number; iso3: string | null; name: string | null; line: number }
export interface IsoCountry { iso3: string; numeric: number | null; name: string; region: string | null }

/** BACI codes outside ISO 3166 (former states, BACI groupings), named as in BACI's own lists. */
const BACI_ONLY_NAMES: Record<string, string> = {
  ANT: 'Netherlands Antilles', CSK: 'Czechoslovakia', DDR: 'Former German Democratic Republic',
  PUS: 'US Miscellaneous Pacific Islands', R20: 'Europe EFTA, not elsewhere specified',
  S19: 'Other Asia, not elsewhere specified', SCG: 'Serbia and Montenegro', SUN: 'Former USSR',
  ZA1: 'Southern African Customs Union',
}

const ISO3 = /^[A-Z][A-Z0-9]{2}$/

export type CountryFileKind = 'baci' | 'iso'

export function countryFileKind(header: string[], file: string): CountryFileKind {
  const h = normaliseHeader(header)
  if (h.includes('country_code') && (h.includes('country_iso3') || h.includes('iso_3digit_alpha'))) return 'baci'
  if (h.includes('iso3166-1-alpha-3')) return 'iso'
  throw new IngestError(file, 1, `not a country table: expected "country_code,country_iso3" (BACI V2024), ` +
    `"country_code,…,iso_3digit_alpha" (BACI V2022) or an ISO 3166 table with "ISO3166-1-Alpha-3"; found "${header.join(',')}"`)
}

/**
 * Reads a BACI country code list, V202401 (`country_code,country_iso3`, optionally with names) or V202201
 * (`country_code,country_name_abbreviation,…,iso_3digit_alpha`). A code whose ISO3 is `N/A` or blank is kept
 * with `iso3: null`: its flows cannot be placed and count as unmapped.
 */
export async function readBaciCountryCodes(path: string): Promise<BaciCountryCode[]> {
  const file = basename(path)
  const [head, ...records] = await readCsvFile(path)
  if (countryFileKind(head!.cells, file) !== 'baci') {
    throw new IngestError(file, 1, `expected a BACI country code list ("country_code,country_iso3"), found "${head!.cells.join(',')}"`)
  }
  const h = normaliseHeader(head!.cells)
  const codeAt = columnIndex(h, ['country_code'])
  const iso3At = columnIndex(h, ['country_iso3', 'iso_3digit_alpha'])
  const nameAt = columnIndex(h, ['country_name', 'country_name_full', 'country_name_abbreviation'])
  const seen = new Map<number, number>()
  return records.map(({ line, cells }) => {
    const raw = (cells[codeAt] ?? '').trim()
    if (!/^\d{1,4}$/.test(raw)) throw new IngestError(file, line, `country_code "${raw}" is not a numeric code`)
    const code = Number(raw)
    if (seen.has(code)) throw new IngestError(file, line, `country_code ${code} is listed twice (also on line ${seen.get(code)})`)
    seen.set(code, line)
    const iso3 = (cells[iso3At] ?? '').trim().toUpperCase()
    const name = nameAt >= 0 ? (cells[nameAt] ?? '').trim() || null : null
    return { code, iso3: ISO3.test(iso3) ? iso3 : null, name, line }
  })
}

/** Reads an ISO 3166 table in the layout of datasets/country-codes (names, numeric codes, M49 regions). */
export async function readIsoCountries(path: string): Promise<IsoCountry[]> {
  const file = basename(path)
  const [head, ...records] = await readCsvFile(path)
  const h = normaliseHeader(head!.cells)
  const iso3At = columnIndex(h, ['iso3166-1-alpha-3'])
  if (iso3At < 0) throw new IngestError(file, 1, `expected an ISO 3166 table with an "ISO3166-1-Alpha-3" column, found "${head!.cells.join(',')}"`)
  const numericAt = columnIndex(h, ['iso3166-1-numeric'])
  const nameAts = ['official_name_en', 'unterm english short', 'cldr display name'].map((n) => columnIndex(h, [n])).filter((i) => i >= 0)
  const regionAt = columnIndex(h, ['region name'])
  const out: IsoCountry[] = []
  for (const { line, cells } of records) {
    const iso3 = (cells[iso3At] ?? '').trim().toUpperCase()
    if (iso3 === '') continue // rows for entities without an alpha-3 code
    if (!ISO3.test(iso3)) throw new IngestError(file, line, `"${iso3}" is not an ISO 3166 alpha-3 code`)
    const numeric = numericAt >= 0 && /^\d+$/.test((cells[numericAt] ?? '').trim()) ? Number(cells[numericAt]) : null
    const name = nameAts.map((i) => (cells[i] ?? '').trim()).find((n) => n !== '') ?? iso3
    const region = regionAt >= 0 ? (cells[regionAt] ?? '').trim() || null : null
    out.push({ iso3, numeric, name, region })
  }
  return out
}

export interface CountryRow { iso3: string; name: string; numeric_code: number | null; region: string | null }

/**
 * The `countries` table. With a BACI list, the economies are BACI's (those flows can name), each with
 * its BACI code (the ISO numeric code where BACI has several for one ISO3, as for BEL 56/58); names and
 * regions come from the ISO table when given. With ISO tables only, every ISO 3166 economy.
 */
export function mergeCountries(baci: BaciCountryCode[], iso: IsoCountry[]): CountryRow[] {
  const isoBy = new Map(iso.map((c) => [c.iso3, c]))
  if (baci.length === 0) return iso.map((c) => ({ iso3: c.iso3, name: c.name, numeric_code: c.numeric, region: c.region }))
  const byIso3 = new Map<string, BaciCountryCode[]>()
  for (const entry of baci) if (entry.iso3) byIso3.set(entry.iso3, [...(byIso3.get(entry.iso3) ?? []), entry])
  return [...byIso3.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([iso3, entries]) => {
    const isoRow = isoBy.get(iso3)
    const code = entries.find((e) => e.code === isoRow?.numeric) ?? entries.reduce((a, b) => (a.code <= b.code ? a : b))
    const name = isoRow?.name ?? BACI_ONLY_NAMES[iso3] ?? entries.find((e) => e.name)?.name ?? iso3
    return { iso3, name, numeric_code: code.code, region: isoRow?.region ?? null }
  })
}

/** `ingest countries <file…>`: BACI lists and/or ISO 3166 tables, told apart by their header. */
export function countriesStage(paths: string[]): Stage {
  return {
    source: 'countries',
    tables: ['countries'],
    async run({ build }) {
      const report = new ReportBuilder('countries')
      const baci: BaciCountryCode[] = []
      const iso: IsoCountry[] = []
      const releases: string[] = []
      for (const path of paths) {
        const [head] = await readCsvFile(path)
        if (countryFileKind(head!.cells, basename(path)) === 'baci') {
          const codes = await readBaciCountryCodes(path)
          baci.push(...codes)
          report.report.rowsRead += codes.length
          releases.push(`BACI ${releaseOf(basename(path)) ?? basename(path)}`)
          const unmapped = codes.filter((c) => !c.iso3)
          report.reject('BACI code without an ISO3 code (N/A)', unmapped.length, unmapped.map((c) => `${c.code} ${c.name ?? ''}`.trim()))
        } else {
          const rows = await readIsoCountries(path)
          iso.push(...rows)
          report.report.rowsRead += rows.length
          releases.push(`ISO 3166 ${basename(path)}`)
        }
        report.report.files.push(basename(path))
      }
      const rows = mergeCountries(baci, iso)
      if (baci.length > 0 && iso.length > 0) {
        const named = rows.filter((r) => !iso.some((c) => c.iso3 === r.iso3)).map((r) => r.iso3)
        if (named.length > 0) report.note(`${named.length} BACI economies outside ISO 3166, named from BACI: ${named.join(', ')}`)
      }
      await loadRows(build.conn, 'staged_countries', { iso3: 'VARCHAR', name: 'VARCHAR', numeric_code: 'INTEGER', region: 'VARCHAR' },
        rows.map((r) => [r.iso3, r.name, r.numeric_code, r.region]))
      await build.writeTable('countries', 'SELECT iso3, name, numeric_code, region FROM staged_countries ORDER BY iso3')
      report.report.rowsWritten = rows.length
      return {
        source: {
          name: 'countries', release: releases.join(' + '),
          publisher: 'CEPII BACI country codes; ISO 3166 and UN M49 regions (datasets/country-codes)',
          files: await Promise.all(paths.map((p) => describeInput(p))),
        },
        report: report.finish(),
      }
    },
  }
}
