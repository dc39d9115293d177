// Reading input files: text decoding (UTF-8, else Latin-1), CSV records with their line numbers, and checksums.
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import type { SourceFile } from '../contract.js'
import { sha256File } from '../writer.js'
import { IngestError } from './report.js'

export interface CsvRecord { line: number; cells: string[] }

/**
 * A file's text without its byte-order mark. Older BACI lists are Latin-1 (`C\xf4te d'Ivoire`), newer ones
 * UTF-8: invalid UTF-8 is read as Latin-1 rather than turned into replacement characters.
 */
export async function readText(path: string): Promise<string> {
  const bytes = await readFile(path)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('latin1').decode(bytes)
  }
  return text.replace(/^\uFEFF/, '')
}

/** Parses CSV text into records with the (1-based) line each starts on; the header is the first record. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  try {
    const parsed = parseSync(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as
      { record: string[]; info: { lines: number; raw?: string } }[]
    // `info.lines` is the line a record ends on; records here never span lines except inside quotes.
    return parsed
      .filter(({ record }) => record.some((cell) => cell.trim() !== '')) // padding rows such as `,,,,` ending a file
      .map(({ record, info }) => ({ line: info.lines, cells: record }))
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new IngestError(file, lines ?? null, `not a valid CSV file: ${(error as Error).message}`)
  }
}

/** Reads a small CSV file whole (nomenclatures, code lists, concordances). */
export async function readCsvFile(path: string): Promise<CsvRecord[]> {
  const records = parseCsv(await readText(path), basename(path))
  if (records.length === 0) throw new IngestError(basename(path), 1, 'the file is empty')
  return records
}

/** Lower-cased, trimmed header cells, for matching column names whatever their case or padding. */
export function normaliseHeader(cells: string[]): string[] {
  return cells.map((c) => c.replace(/^\uFEFF/, '').trim().toLowerCase())
}

/** Index of the first column whose name is one of `names` (lower case), or -1. */
export function columnIndex(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(h))
}

/** The first line of a (possibly huge) text file, without BOM or line ending. */
export async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '')
    return text.split(/\r?\n/)[0] ?? ''
  } finally {
    await handle.close()
  }
}

/**
 * The line number of the first data record matching `predicate`, streaming the file (only used to point
 * at the offending line once a bulk check has found a problem). Null when no record matches.
 */
export async function findLine(path: string, predicate: (cells: string[]) => boolean): Promise<number | null> {
  const parser = createReadStream(path).pipe(parse({ info: true, relax_column_count: true, bom: true, skip_empty_lines: true }))
  let header = true
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header) { header = false; continue }
      if (predicate(record)) return info.lines
    }
  } catch {
    return null
  } finally {
    parser.destroy()
  }
  return null
}

/** Name, sha256 and size of an input file, for the manifest. */
export async function describeInput(path: string, name = basename(path)): Promise<SourceFile> {
  return { name, sha256: await sha256File(path), bytes: (await stat(path)).size }
}
