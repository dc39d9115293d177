// Reading release zips (BACI ships one CSV per year): list the entries, extract one at a time, check each CRC.
import { createWriteStream } from 'node:fs'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32 } from 'node:zlib'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import type { Progress } from './progress.js'
import { IngestError } from './report.js'

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error) {
        const why = /end of central directory/i.test(error.message) ? 'its end-of-central-directory record is missing' : error.message
        reject(new IngestError(basename(path), null, `truncated or not a zip archive (${why}); download it again`))
      } else resolve(zip)
    })
  })
}

async function readEntries(zip: ZipFile, file: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    zip.on('entry', (entry: Entry) => { entries.push(entry); zip.readEntry() })
    zip.on('end', () => resolve(entries))
    zip.on('error', (error: Error) => reject(new IngestError(file, null, `damaged zip archive (${error.message})`)))
    zip.readEntry()
  })
}

/** The file entries of a zip (folders left out), in archive order. */
export async function listZip(path: string): Promise<{ name: string; bytes: number }[]> {
  const zip = await openZip(path)
  try {
    const entries = await readEntries(zip, basename(path))
    return entries.filter((e) => !e.fileName.endsWith('/')).map((e) => ({ name: e.fileName, bytes: e.uncompressedSize }))
  } finally {
    zip.close()
  }
}

/**
 * Extracts one entry to `dest`, checking its size and CRC-32: a damaged archive is an error naming the
 * archive and the entry, never a silently short CSV.
 */
export async function extractZipEntry(path: string, entryName: string, dest: string, progress?: Progress): Promise<void> {
  const file = basename(path)
  const zip = await openZip(path)
  try {
    const entry = (await readEntries(zip, file)).find((e) => e.fileName === entryName)
    if (!entry) throw new IngestError(file, null, `the archive has no entry ${entryName}`)
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s)))
    })
    const task = progress?.task(`unzip ${basename(entryName)}`, entry.uncompressedSize, 'B')
    let crc = 0
    let bytes = 0
    const check = new Transform({
      transform(chunk: Buffer, _enc, done) {
        crc = crc32(chunk, crc)
        bytes += chunk.length
        task?.update(bytes)
        done(null, chunk)
      },
    })
    try {
      await pipeline(stream, check, createWriteStream(dest))
    } catch (error) {
      throw new IngestError(file, null, `entry ${entryName} is damaged or truncated (${(error as Error).message})`)
    } finally {
      task?.done()
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw new IngestError(file, null, `entry ${entryName} fails its CRC-32 check: the archive is damaged`)
  } finally {
    zip.close()
  }
}
