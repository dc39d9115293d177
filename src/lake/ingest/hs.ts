// The HS nomenclature (`section,hscode,description,parent,level`), the sections list, and BACI's HS6 product lists.
import { basename } from 'node:path'
import type { LakeBuild } from '../writer.js'
import { columnIndex, describeInput, normaliseHeader, readCsvFile } from './files.js'
import { IngestError, ReportBuilder } from './report.js'
import { currentTableSql, loadRows, queryRows, type Stage } from './stage.js'

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI']

/** `hs2022.csv` → `HS2022`; null when the name does not say. */
export function revisionOfNomenclature(fileName: string): string | null {
  const match = /hs[ _-]?(\d{4}|\d{2})(?!\d)/i.exec(fileName)
  return match ? `HS${match[1]}` : null
}

function expectHeader(file: string, cells: string[], expected: string[]): string[] {
  const h = normaliseHeader(cells)
  const missing = expected.filter((name) => !h.includes(name))
  if (missing.length > 0) throw new IngestError(file, 1, `wrong header: expected columns ${expected.join(',')}, found "${cells.join(',')}"`)
  return h
}

/** Reads `section,name` (21 rows, Roman numerals) into the `sections` rows. */
export async function readSections(path: string): Promise<[string, number, string][]> {
  const file = basename(path)
  const [head, ...records] = await readCsvFile(path)
  const h = expectHeader(file, head!.cells, ['section', 'name'])
  const [sectionAt, nameAt] = [columnIndex(h, ['section']), columnIndex(h, ['name'])]
  const seen = new Set<string>()
  return records.map(({ line, cells }) => {
    const section = (cells[sectionAt] ?? '').trim().toUpperCase()
    const number = ROMAN.indexOf(section) + 1
    if (number === 0) throw new IngestError(file, line, `section "${section}" is not a Roman numeral I…XXI`)
    if (seen.has(section)) throw new IngestError(file, line, `section ${section} is listed twice`)
    seen.add(section)
    return [section, number, (cells[nameAt] ?? '').trim()]
  })
}

type HsRow = [code: string, level: number, parent: string, chapter: string, section: string | null, description: string]

/**
 * Reads the nomenclature. Levels 2, 4 and 6 are kept; the grand-total row (level 5, `TOTAL`) is skipped.
 * Chapter 99 ("not specified according to kind") belongs to no section: its section is NULL.
 */
export async function readNomenclature(path: string, sections: Set<string>): Promise<{ rows: HsRow[]; skipped: number }> {
  const file = basename(path)
  const [head, ...records] = await readCsvFile(path)
  const h = expectHeader(file, head!.cells, ['section', 'hscode', 'description', 'parent', 'level'])
  const at = (name: string) => columnIndex(h, [name])
  const rows: HsRow[] = []
  const lineOf = new Map<string, number>()
  let skipped = 0
  for (const { line, cells } of records) {
    const cell = (name: string) => (cells[at(name)] ?? '').trim()
    const [code, level, section] = [cell('hscode'), Number(cell('level')), cell('section').toUpperCase()]
    if (code === 'TOTAL') { skipped++; continue }
    if (![2, 4, 6].includes(level)) throw new IngestError(file, line, `level "${cell('level')}" is not 2, 4 or 6`)
    if (!new RegExp(`^\\d{${level}}$`).test(code)) throw new IngestError(file, line, `hscode "${code}" is not ${level} digits for level ${level}`)
    if (lineOf.has(code)) throw new IngestError(file, line, `hscode ${code} is listed twice (also on line ${lineOf.get(code)})`)
    lineOf.set(code, line)
    const ownSection = section === 'TOTAL' ? null : section
    if (ownSection !== null && !sections.has(ownSection)) throw new IngestError(file, line, `section "${section}" is not in the sections list`)
    rows.push([code, level, level === 2 ? 'TOTAL' : cell('parent'), code.slice(0, 2), ownSection, cell('description')])
  }
  const chapters = new Map(rows.filter((r) => r[1] === 2).map((r) => [r[0], r[4]]))
  for (const row of rows) {
    if (!chapters.has(row[3])) throw new IngestError(file, lineOf.get(row[0])!, `code ${row[0]} belongs to chapter ${row[3]}, which the file does not list`)
    if (chapters.get(row[3]) !== row[4]) {
      throw new IngestError(file, lineOf.get(row[0])!, `code ${row[0]} is in section ${row[4]} but its chapter ${row[3]} is in ${chapters.get(row[3])}`)
    }
  }
  return { rows, skipped }
}

/** Reads a BACI product list (`code,description`); five-digit codes get their leading zero back. */
export async function readProducts(path: string): Promise<[string, string][]> {
  const file = basename(path)
  const [head, ...records] = await readCsvFile(path)
  const h = expectHeader(file, head!.cells, ['code', 'description'])
  const [codeAt, descriptionAt] = [columnIndex(h, ['code']), columnIndex(h, ['description'])]
  const seen = new Map<string, number>()
  return records.map(({ line, cells }) => {
    const raw = (cells[codeAt] ?? '').trim()
    // Six digits (five when a spreadsheet dropped the leading zero); BACI also lists legacy codes such as 9999AA.
    if (!/^(\d{5}|\d{4}[0-9A-Z]{2})$/.test(raw)) throw new IngestError(file, line, `code "${raw}" is not an HS6 code`)
    const code = raw.padStart(6, '0')
    if (seen.has(code)) throw new IngestError(file, line, `code ${code} is listed twice (also on line ${seen.get(code)})`)
    seen.set(code, line)
    return [code, (cells[descriptionAt] ?? '').trim()]
  })
}

/**
 * Writes `hs`: chapters and headings from `nomenclatureSql` (an hs-shaped table), HS6 lines from the BACI
 * product list `staged_products` when given (so HS6 descriptions follow the flows' revision, e.g. HS92,
 * while chapter names and sections come from the nomenclature: HS chapters are the same in every revision).
 */
export async function writeHs(build: LakeBuild, nomenclatureSql: string, withProducts: boolean, productsFile = 'product list'): Promise<number> {
  const six = withProducts
    ? "SELECT code, substr(code, 1, 4) AS parent, substr(code, 1, 2) AS chapter, description FROM staged_products"
    : `SELECT code, parent, chapter, description FROM ${nomenclatureSql} WHERE level = 6`
  await build.conn.run(`
    CREATE OR REPLACE TEMP TABLE staged_hs AS
    WITH upper AS (SELECT code, level, parent, chapter, section, description FROM ${nomenclatureSql} WHERE level IN (2, 4)),
         six AS (${six})
    SELECT code, level, parent, chapter, section, description FROM upper
    UNION ALL
    SELECT s.code, 6, s.parent, s.chapter, c.section, s.description
    FROM six s LEFT JOIN upper c ON c.level = 2 AND c.code = s.chapter`)
  const orphans = await queryRows(build.conn, `
    SELECT h.code FROM staged_hs h WHERE h.level = 6 AND h.chapter NOT IN (SELECT code FROM staged_hs WHERE level = 2) ORDER BY code LIMIT 5`)
  if (orphans.length > 0) {
    throw new IngestError(productsFile, null, `HS6 codes in chapters the nomenclature does not list: ${orphans.map((r) => r.code).join(', ')}`)
  }
  await build.writeTable('hs', 'SELECT code, level, parent, chapter, section, description FROM staged_hs ORDER BY code')
  return Number((await queryRows(build.conn, 'SELECT count(*) AS n FROM staged_hs'))[0]!.n)
}

export interface HsOptions { nomenclature: string; sections: string; products?: string; revision?: string }

/** `ingest hs`: the nomenclature and sections, and the HS6 descriptions of the flows when the lake has them. */
export function hsStage(options: HsOptions): Stage {
  return {
    source: 'HS',
    tables: ['hs', 'sections'],
    async run({ build, previous }) {
      const report = new ReportBuilder('HS')
      const file = basename(options.nomenclature)
      const revision = options.revision ?? revisionOfNomenclature(file)
      if (!revision) throw new IngestError(file, null, 'the HS revision is not in the file name: give it with --revision HS2022')
      const sections = await readSections(options.sections)
      const { rows, skipped } = await readNomenclature(options.nomenclature, new Set(sections.map((s) => s[0])))
      report.report.files.push(file, basename(options.sections))
      report.report.rowsRead = rows.length + skipped + sections.length
      if (skipped > 0) report.note(`${skipped} grand-total row (TOTAL) skipped`)
      await loadRows(build.conn, 'staged_sections', { section: 'VARCHAR', number: 'INTEGER', name: 'VARCHAR' }, sections)
      await build.writeTable('sections', 'SELECT section, number, name FROM staged_sections ORDER BY number')
      await loadRows(build.conn, 'staged_nomenclature',
        { code: 'VARCHAR', level: 'INTEGER', parent: 'VARCHAR', chapter: 'VARCHAR', section: 'VARCHAR', description: 'VARCHAR' }, rows)

      // HS6 descriptions follow the flows: a BACI product list given here, or the one already in the lake.
      let productsFrom: string | null = null
      if (options.products) {
        await loadRows(build.conn, 'staged_products', { code: 'VARCHAR', description: 'VARCHAR' }, await readProducts(options.products))
        productsFrom = basename(options.products)
      } else {
        const kept = previous?.sources.find((s) => s.name === 'BACI')?.details?.hs6_descriptions
        const previousHs = await currentTableSql(build, 'hs')
        if (typeof kept === 'string' && previousHs) {
          await build.conn.run(`CREATE OR REPLACE TEMP TABLE staged_products AS SELECT code, description FROM ${previousHs} WHERE level = 6`)
          productsFrom = kept
          report.note(`HS6 lines and descriptions kept from the lake's BACI product list ${kept}`)
        }
      }
      report.report.rowsWritten = await writeHs(build, 'staged_nomenclature', productsFrom !== null, productsFrom ?? file) + sections.length
      const chapters = rows.filter((r) => r[1] === 2).length
      report.note(`${revision}: ${chapters} chapters, ${sections.length} sections`)
      const files = [await describeInput(options.nomenclature), await describeInput(options.sections)]
      if (options.products) files.push(await describeInput(options.products))
      return {
        source: {
          name: 'HS', release: revision, publisher: 'World Customs Organization, Harmonized System (datasets/harmonized-system)',
          files,
          details: { hs_revision: revision, chapters, ...(productsFrom ? { hs6_descriptions: productsFrom } : {}) },
        },
        report: report.finish(),
      }
    },
  }
}

