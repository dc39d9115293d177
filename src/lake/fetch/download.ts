// Downloads one file to disk: streamed, resumed with HTTP Range after a cut, retried, and checked against its stated size.
import { open, rename, rm, stat } from 'node:fs/promises'
import { Agent, fetch } from 'undici'
import type { Progress } from '../ingest/progress.js'

export interface DownloadOptions {
  url: string
  dest: string
  /** Attempts after the first one, for network errors, 5xx/429 answers and short bodies. */
  retries?: number
  /** Wait before the first retry; doubled for each further one. */
  retryDelayMs?: number
  progress?: Progress
  label?: string
}

export interface Downloaded { path: string; bytes: number; attempts: number; resumed: boolean }

export class DownloadError extends Error {
  constructor(readonly url: string, problem: string) {
    super(`${url}: ${problem}`)
    this.name = 'DownloadError'
  }
}

/** A client error (404 …) is final; anything else may pass on a later attempt. */
class FinalError extends DownloadError {}

const agent = new Agent({ headersTimeout: 60_000, bodyTimeout: 60_000 })

async function sizeOf(path: string): Promise<number> {
  try { return (await stat(path)).size } catch { return 0 }
}

/** One attempt: resumes from the bytes of `part` already on disk when the server honours Range. */
async function attempt(options: DownloadOptions, part: string): Promise<{ total: number | null; resumed: boolean }> {
  const have = await sizeOf(part)
  // identity: the stated Content-Length must be the size of the bytes written, not of a compressed body.
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...(have > 0 ? { range: `bytes=${have}-` } : {}) }
  const response = await fetch(options.url, { dispatcher: agent, headers })
  if (response.status === 416 && have > 0) {
    // Nothing left to send: the part is complete if its size is the one the server states.
    const total = Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1] ?? NaN)
    await response.body?.cancel()
    if (total === have) return { total, resumed: true }
    await rm(part, { force: true })
    throw new DownloadError(options.url, `the server refused the range from byte ${have}; restarting`)
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    await response.body?.cancel()
    throw new FinalError(options.url, `HTTP ${response.status} ${response.statusText}`)
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new DownloadError(options.url, `HTTP ${response.status} ${response.statusText}`)
  }
  const resumed = response.status === 206
  if (resumed) {
    const start = Number(/bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1] ?? NaN)
    if (start !== have) {
      await response.body.cancel()
      await rm(part, { force: true })
      throw new DownloadError(options.url, `the server resumed at byte ${start}, not ${have}; restarting`)
    }
  }
  const length = response.headers.get('content-length')
  const rangeTotal = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]
  const total = rangeTotal ? Number(rangeTotal) : length !== null ? Number(length) + (resumed ? have : 0) : null
  const task = options.progress?.task(options.label ?? options.url, total ?? 0, 'B')
  // Each chunk is written before the next is read, so a cut keeps every byte received for the resume.
  const file = await open(part, resumed ? 'a' : 'w')
  let done = resumed ? have : 0
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      await file.write(chunk)
      done += chunk.length
      task?.update(done)
    }
  } finally {
    await file.close()
    task?.done()
  }
  return { total, resumed }
}

/**
 * Downloads `url` to `dest` through `dest.part`: a cut transfer is resumed where it stopped (HTTP Range),
 * and the file is renamed into place only once its size equals the size the server stated.
 */
export async function download(options: DownloadOptions): Promise<Downloaded> {
  const part = `${options.dest}.part`
  const retries = options.retries ?? 5
  let delay = options.retryDelayMs ?? 1000
  let resumedAny = false
  let lastError: Error | null = null
  for (let n = 0; n <= retries; n++) {
    try {
      const { total, resumed } = await attempt(options, part)
      resumedAny ||= resumed
      const bytes = await sizeOf(part)
      if (total !== null && bytes !== total) throw new DownloadError(options.url, `received ${bytes} of ${total} bytes`)
      await rename(part, options.dest)
      return { path: options.dest, bytes, attempts: n + 1, resumed: resumedAny }
    } catch (error) {
      if (error instanceof FinalError) throw error
      lastError = error as Error
      options.progress?.log(`download of ${options.url} interrupted (${lastError.message}); ${n < retries ? `retrying in ${delay} ms` : 'giving up'}`)
      if (n < retries) {
        await new Promise((r) => setTimeout(r, delay))
        delay *= 2
      }
    }
  }
  throw new DownloadError(options.url, `failed after ${retries + 1} attempts: ${lastError?.message}`)
}
