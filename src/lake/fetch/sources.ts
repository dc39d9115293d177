// Where the official releases are published, and fetching them into a download folder (base URLs configurable).
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { INDICATOR_GNI_PPP } from '../contract.js'
import type { Progress } from '../ingest/progress.js'
import { download, DownloadError } from './download.js'

/** Official locations; each can be overridden by an option or an environment variable (mirrors, tests). */
export const DEFAULT_BASE_URLS = {
  baci: process.env.TRADEDEP_BACI_BASE_URL ?? 'https://www.cepii.fr/DATA_DOWNLOAD/baci/data',
  wdi: process.env.TRADEDEP_WDI_BASE_URL ?? 'https://api.worldbank.org/v2',
  tiva: process.env.TRADEDEP_TIVA_BASE_URL ?? 'https://sdmx.oecd.org/public/rest',
}

export const TIVA_DATAFLOW = 'OECD.STI.PIE,DSD_TIVA_MAINSH@DF_MAINSH,'

export interface FetchCommon { downloadDir: string; progress?: Progress; retries?: number; retryDelayMs?: number }

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** `BACI_HS92_V202501.zip` from `<base>/BACI_HS92_V202501.zip`, as CEPII publishes it. */
export async function fetchBaci(options: FetchCommon & { revision: string; release: string; baseUrl?: string }): Promise<string> {
  const revision = options.revision.toUpperCase()
  const release = options.release.toUpperCase()
  if (!/^HS\d{2}$/.test(revision)) throw new Error(`--revision must look like HS92, HS17 or HS22, got "${options.revision}"`)
  if (!/^V\d{6}[A-Z]?$/.test(release)) throw new Error(`--release must look like V202501, got "${options.release}"`)
  const name = `BACI_${revision}_${release}.zip`
  await mkdir(options.downloadDir, { recursive: true })
  const dest = join(options.downloadDir, name)
  await download({ ...options, url: `${trimSlash(options.baseUrl ?? DEFAULT_BASE_URLS.baci)}/${name}`, dest, label: name })
  return dest
}

/**
 * One indicator from the World Bank API v2 (`/country/all/indicator/<id>?format=json`), all pages merged
 * into one API-shaped JSON file.
 */
export async function fetchWdi(options: FetchCommon & { indicator?: string; baseUrl?: string }): Promise<string> {
  const indicator = options.indicator ?? INDICATOR_GNI_PPP
  if (!/^[A-Z0-9.]+$/i.test(indicator)) throw new Error(`--indicator must be a WDI code such as ${INDICATOR_GNI_PPP}, got "${indicator}"`)
  await mkdir(options.downloadDir, { recursive: true })
  const pageUrl = (page: number) => `${trimSlash(options.baseUrl ?? DEFAULT_BASE_URLS.wdi)}/country/all/indicator/${indicator}?format=json&per_page=20000&page=${page}`
  const rows: unknown[] = []
  let meta: Record<string, unknown> = {}
  for (let page = 1, pages = 1; page <= pages; page++) {
    const dest = join(options.downloadDir, `${indicator}.page${page}.json`)
    await download({ ...options, url: pageUrl(page), dest, label: `WDI ${indicator} page ${page}` })
    const body = JSON.parse(await readFile(dest, 'utf8')) as unknown
    if (!Array.isArray(body) || !Array.isArray(body[1])) throw new DownloadError(pageUrl(page), `not a World Bank API v2 answer: ${JSON.stringify(body).slice(0, 200)}`)
    meta = body[0] as Record<string, unknown>
    pages = Number(meta.pages ?? 1)
    rows.push(...(body[1] as unknown[]))
  }
  const dest = join(options.downloadDir, `${indicator}.json`)
  await writeFile(dest, JSON.stringify([{ ...meta, page: 1, pages: 1, per_page: rows.length, total: rows.length }, rows]))
  return dest
}

/** The TiVA principal indicators as SDMX-CSV from the OECD Data Explorer API (or any `url` given). */
export async function fetchTiva(options: FetchCommon & { baseUrl?: string; url?: string; key?: string }): Promise<string> {
  await mkdir(options.downloadDir, { recursive: true })
  const url = options.url ??
    `${trimSlash(options.baseUrl ?? DEFAULT_BASE_URLS.tiva)}/data/${TIVA_DATAFLOW}/${options.key ?? 'all'}?dimensionAtObservation=AllDimensions&format=csvfilewithlabels`
  const dest = join(options.downloadDir, 'TIVA_DF_MAINSH.csv')
  await download({ ...options, url, dest, label: 'TiVA DF_MAINSH' })
  return dest
}
