// Reads the UN HS → BEC rev.4 correlation tables and picks the one that maps a lake's HS revision.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Manifest } from './contract.js'

export type BecRelationship = 'n:1' | 'n:n'

export interface BecRow {
  hs6: string
  bec: string
  relationship: BecRelationship
  /** Share of the HS6 line's value given to this BEC code: 1/k for a line listed with k BEC codes. */
  weight: number
}

export interface BecSkipped { line: number; hs6: string; reason: string }

export interface BecTable {
  /** Canonical HS revision of the table's HS codes, from its header (`HS 2017` → `HS2017`). */
  hsRevision: string
  rows: BecRow[]
  /** Lines kept out of `rows`, so nothing is dropped silently: no BEC code (`n/a`, blank) or a repeated pair. */
  skipped: BecSkipped[]
}

export class BecTableError extends Error {
  constructor(readonly file: string, readonly line: number, problem: string) {
    super(`${file}, line ${line}: ${problem}`)
    this.name = 'BecTableError'
  }
}

/** Two-digit HS years as BACI names them (HS92, HS96, HS02 …). */
const TWO_DIGIT_YEARS: Record<string, number> = { '92': 1992, '96': 1996, '02': 2002, '07': 2007, '12': 2012, '17': 2017, '22': 2022 }

/**
 * `HS 2017`, `HS2017`, `HS17`, `hs92` → `HS2017`, `HS1992`: one spelling, so a lake's `hs_revision`
 * (BACI writes `HS92`) and a UN table's header (`HS 2017`) compare equal. Null when no HS edition is named.
 */
export function normaliseHsRevision(text: string): string | null {
  const match = /^\s*HS\s*(\d{2}|\d{4})\s*$/i.exec(text)
  if (!match) return null
  const digits = match[1]!
  const year = digits.length === 4 ? Number(digits) : TWO_DIGIT_YEARS[digits]
  return year && Object.values(TWO_DIGIT_YEARS).includes(year) ? `HS${year}` : null
}

/** The HS edition's year (`HS92` → 1992), for ordering revisions. */
export function hsRevisionYear(revision: string): number {
  const canonical = normaliseHsRevision(revision)
  if (!canonical) throw new Error(`not an HS revision: "${revision}"`)
  return Number(canonical.slice(2))
}

/** UN spellings of the relationship column; `1:1` and `1:n` also occur in some UN releases. */
const RELATIONSHIPS: Record<string, BecRelationship> = {
  'n:1': 'n:1', 'n to 1': 'n:1', '1:1': 'n:1', '1 to 1': 'n:1',
  'n:n': 'n:n', 'n to n': 'n:n', '1:n': 'n:n', '1 to n': 'n:n',
}

/** BEC rev.4 codes are one to three digits (`7`, `41`, `111`). */
const BEC_CODE = /^\d{1,3}$/
/** Cells meaning "no BEC code for this line" in the UN files. */
const NO_CODE = new Set(['', 'n/a', 'na', 'nan', '-'])

function checkHeader(file: string, header: string[]): string {
  const [hs, bec, relationship] = header.map((h) => h.trim())
  const hsRevision = normaliseHsRevision(hs ?? '')
  if (header.length < 3 || !hsRevision || !/^BEC(\s*(4|rev\.?\s*4))?$/i.test(bec ?? '') || !/^relationship$/i.test(relationship ?? '')) {
    throw new BecTableError(file, 1, `expected a header like "HS 2017,BEC,Relationship" or "HS 2022,BEC 4,Relationship", found "${header.join(',')}"`)
  }
  return hsRevision
}

/**
 * Parses one UN HS → BEC rev.4 table from its text. Accepts both header variants, a byte-order mark,
 * CRLF, trailing blank rows (`,,`), and the relationship spellings `n:1`, `n to 1`, `n:n`, `n to n`.
 * The weight of each row is 1/k for an HS6 line listed with k distinct BEC codes, whatever its label says.
 */
export function parseBecCsv(text: string, file = 'BEC table'): BecTable {
  const records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][]
  if (records.length === 0) throw new BecTableError(file, 1, 'the file is empty')
  const hsRevision = checkHeader(file, records[0]!)
  const kept: (Omit<BecRow, 'weight'> & { line: number })[] = []
  const skipped: BecSkipped[] = []
  const seen = new Set<string>()
  records.slice(1).forEach((record, i) => {
    const line = i + 2
    const [hsCell = '', becCell = '', relCell = ''] = record.map((c) => c.trim())
    if (!hsCell && !becCell && !relCell) return // padding rows such as the `,,` lines ending the HS2022 table
    if (!/^\d{6}$/.test(hsCell)) throw new BecTableError(file, line, `HS code "${hsCell}" is not six digits`)
    if (NO_CODE.has(becCell.toLowerCase())) {
      skipped.push({ line, hs6: hsCell, reason: `no BEC code ("${becCell}")` })
      return
    }
    if (!BEC_CODE.test(becCell)) throw new BecTableError(file, line, `BEC code "${becCell}" is not a BEC rev.4 code`)
    const relationship = RELATIONSHIPS[relCell.toLowerCase().replace(/\s+/g, ' ')]
    if (!relationship) throw new BecTableError(file, line, `relationship "${relCell}" is not one of n:1, n to 1, n:n, n to n`)
    const key = `${hsCell}|${becCell}`
    if (seen.has(key)) {
      skipped.push({ line, hs6: hsCell, reason: `repeats the pair ${hsCell} → ${becCell}` })
      return
    }
    seen.add(key)
    kept.push({ line, hs6: hsCell, bec: becCell, relationship })
  })
  const codesPerLine = new Map<string, number>()
  for (const row of kept) codesPerLine.set(row.hs6, (codesPerLine.get(row.hs6) ?? 0) + 1)
  const rows = kept.map(({ hs6, bec, relationship }) => ({ hs6, bec, relationship, weight: 1 / codesPerLine.get(hs6)! }))
  return { hsRevision, rows, skipped }
}

/** Reads and parses a UN HS → BEC rev.4 table file (see `parseBecCsv`). */
export async function parseBecTable(path: string): Promise<BecTable> {
  return parseBecCsv(await readFile(path, 'utf8'), basename(path))
}

export interface BecMapping {
  /** The lake's HS revision (of its flows), canonical. */
  lakeRevision: string
  /** The revision of the UN table used. */
  tableRevision: string
  /** `exact`: the table is in the lake's revision; `identical-codes`: another revision, matched on equal 6-digit codes. */
  method: 'exact' | 'identical-codes'
  /** One sentence for `meta` and the manifest. */
  description: string
}

/**
 * Which UN table maps a lake's HS revision. The UN publishes HS → BEC rev.4 tables for recent HS editions
 * only (HS2012, HS2017, HS2022 here), while BACI releases are often in HS92 or HS96. An exact table is used
 * when there is one; otherwise the table of the nearest later edition (the nearest earlier one for a lake
 * newer than every table), matched on identical 6-digit codes. Codes created or deleted between the two
 * editions stay unmapped and count as `unassigned`; the share of trade value mapped is reported with every
 * /bec-stages answer.
 */
export function chooseBecTable(lakeRevision: string, tableRevisions: string[]): BecMapping {
  const lake = normaliseHsRevision(lakeRevision)
  if (!lake) throw new Error(`not an HS revision: "${lakeRevision}"`)
  const tables = [...new Set(tableRevisions.map((r) => {
    const canonical = normaliseHsRevision(r)
    if (!canonical) throw new Error(`not an HS revision: "${r}"`)
    return canonical
  }))].sort((a, b) => hsRevisionYear(a) - hsRevisionYear(b))
  if (tables.length === 0) throw new Error('no HS → BEC table given')
  if (tables.includes(lake)) {
    return { lakeRevision: lake, tableRevision: lake, method: 'exact', description: `UN ${lake} → BEC rev.4 table, in the lake's own HS revision` }
  }
  const year = hsRevisionYear(lake)
  const table = tables.find((t) => hsRevisionYear(t) > year) ?? tables[tables.length - 1]!
  return {
    lakeRevision: lake, tableRevision: table, method: 'identical-codes',
    description: `no UN ${lake} → BEC rev.4 table was given: ${lake} lines are mapped through the UN ${table} → BEC rev.4 table ` +
      `where the 6-digit code is identical in both editions (an approximation: a code kept across editions may have ` +
      `changed scope); lines whose code does not occur in ${table} count as unassigned`,
  }
}

/** Parses the given UN tables and returns the rows that map `lakeRevision`, with how they were chosen. */
export async function loadBecForRevision(lakeRevision: string, paths: string[]): Promise<BecTable & { mapping: BecMapping; file: string }> {
  const tables = await Promise.all(paths.map(async (path) => ({ path, table: await parseBecTable(path) })))
  const mapping = chooseBecTable(lakeRevision, tables.map((t) => t.table.hsRevision))
  const chosen = tables.find((t) => t.table.hsRevision === mapping.tableRevision)!
  return { ...chosen.table, mapping, file: chosen.path }
}

/**
 * How the served lake's `hs_bec` maps its flows, from its manifest: the lake's `hs_revision` against the
 * revision of the UN table recorded by the `HS-BEC` source (`details.hs_revision`, or the HS edition that
 * `details.concordance` starts with). When it records none, the table is taken to be in the lake's own
 * revision, and the description says so.
 */
export function becMappingOfManifest(manifest: Pick<Manifest, 'hs_revision' | 'sources'>): BecMapping & { recorded: boolean } {
  const details = manifest.sources.find((s) => s.name === 'HS-BEC')?.details ?? {}
  // `hs_revision` is the documented key; the demo generator writes `concordance: 'HS2022 to BEC rev.4'`.
  const recorded = [details.hs_revision, details.revision, String(details.concordance ?? '').split(/\s+to\s+/i)[0]]
  const table = recorded.map((r) => (typeof r === 'string' ? normaliseHsRevision(r) : null)).find((r) => r) ?? null
  const lake = normaliseHsRevision(manifest.hs_revision)
  if (!table) {
    const revision = lake ?? manifest.hs_revision
    return {
      lakeRevision: revision, tableRevision: revision, method: 'exact', recorded: false,
      description: `the HS-BEC source of this lake records no HS revision; its HS6 codes are taken to be in the lake's ${revision}`,
    }
  }
  if (!lake) {
    return {
      lakeRevision: manifest.hs_revision, tableRevision: table, method: 'identical-codes', recorded: true,
      description: `the lake's HS revision "${manifest.hs_revision}" is not a known HS edition; its lines are matched on identical 6-digit codes of the UN ${table} → BEC rev.4 table`,
    }
  }
  return { ...chooseBecTable(lake, [table]), recorded: true }
}
