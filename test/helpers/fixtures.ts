// Input files made from the real samples for ingest and fetch tests: small BACI CSVs, broken variants, release zips.
import { createWriteStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { once } from 'node:events'
import yazl from 'yazl'
import { REAL_FILES } from './real-lake.js'

/** The sample's header and first `rows` data lines, as text lines (CRLF endings as in the sample). */
export async function sampleLines(rows: number): Promise<string[]> {
  const text = await readFile(REAL_FILES.baci, 'utf8')
  return text.split('\r\n').slice(0, rows + 1)
}

/** Writes lines as a CSV (CRLF) and returns its path. */
export async function writeLines(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, lines.join('\r\n') + '\r\n')
  return path
}

/** A zip with the given files (path → entry name), as CEPII ships a release. */
export async function writeZip(dest: string, entries: Record<string, string>): Promise<string> {
  const zip = new yazl.ZipFile()
  for (const [path, name] of Object.entries(entries)) zip.addFile(path, name)
  zip.end()
  const out = createWriteStream(dest)
  zip.outputStream.pipe(out)
  await once(out, 'close')
  return dest
}

/** A BACI release zip in the official layout: one CSV per year plus the country and product lists. */
export async function baciReleaseZip(dir: string, release = 'V202301'): Promise<string> {
  return writeZip(join(dir, `BACI_HS92_${release}.zip`), {
    [REAL_FILES.baci]: `BACI_HS92_Y2021_${release}.csv`,
    [REAL_FILES.baciCountries]: `country_codes_${release}.csv`,
    [REAL_FILES.products]: `product_codes_HS92_${release}.csv`,
  })
}
