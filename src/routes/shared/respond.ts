// Shapes every answer as `{ data, meta }` (JSON), CSV, or for figures a Vega-Lite spec, with provenance: sources, lake version, synthetic flag.
import { stringify } from 'csv-stringify/sync'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Manifest } from '../../lake/contract.js'
import type { RecordingDb } from '../../db/executor.js'
import { VEGA_LITE_MEDIA_TYPE, type FigureMeta, type Spec } from '../../figures/spec.js'
import { bibtex } from './citation.js'

export type SourceName = 'BACI' | 'TiVA' | 'WDI' | 'HS' | 'HS-BEC' | 'countries'

export interface MetaInput {
  /** Title of the figure or table, used in the citation. */
  title: string
  query: Record<string, unknown>
  sources: SourceName[]
  method?: string
  thresholds?: Record<string, number>
  units?: Record<string, string>
  page?: { limit: number; offset: number; total: number }
  notes?: string[]
  [extra: string]: unknown
}

export interface ResultInput {
  data: unknown
  meta: MetaInput
  /** Flat rows for `format=csv`; defaults to `data` when it is an array. */
  csv?: Record<string, unknown>[]
  /** Figure endpoints: builds the Vega-Lite spec of `data` for `format=vega-lite` (from src/figures/). */
  figure?: (data: never, meta: FigureMeta) => Spec
}

/** The request a citation names: presentation parameters (format, explain) left out, so JSON, CSV and spec cite alike. */
export function citedUrl(url: string): string {
  const [path, search] = url.split(/\?(.*)/s)
  if (!search || !/(^|&)(format|explain)=/.test(search)) return url
  const params = new URLSearchParams(search)
  params.delete('format')
  params.delete('explain')
  return params.size > 0 ? `${path}?${params.toString()}` : path!
}

export function buildMeta(request: FastifyRequest, manifest: Manifest, input: MetaInput, db?: RecordingDb) {
  const { title, sources: names, ...rest } = input
  const sources = names.flatMap((name) => manifest.sources.filter((s) => s.name === name)).map((s) => ({
    name: s.name, release: s.release, publisher: s.publisher, sha256: s.files.map((f) => f.sha256),
    ...(s.details ? { details: s.details } : {}),
  }))
  const explain = (request.query as { explain?: boolean } | undefined)?.explain === true
  return {
    title,
    ...rest,
    sources,
    synthetic: manifest.synthetic,
    lake_version: manifest.lake_version,
    hs_revision: manifest.hs_revision,
    ...(explain && db ? { sql: db.executed } : {}),
    citation: bibtex({ title, url: citedUrl(request.url), manifest, sources }),
  }
}

export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as { format?: string } | undefined)?.format
  if (format) return format === 'csv'
  return /\btext\/csv\b/.test(request.headers.accept ?? '')
}

function csvCell(value: unknown): unknown {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  // csv-stringify writes true as 1 and false as an empty cell, indistinguishable from a missing value.
  if (typeof value === 'boolean') return String(value)
  return value
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return ''
  const columns = Object.keys(rows[0]!)
  return stringify(rows.map((r) => columns.map((c) => csvCell(r[c]))), { header: true, columns })
}

/** Sends a result in the format the client asked for. */
export function sendResult(request: FastifyRequest, reply: FastifyReply, input: ResultInput) {
  const manifest = request.lake!.manifest
  reply.header('x-tradedep-lake-version', manifest.lake_version)
  reply.header('x-tradedep-synthetic', String(manifest.synthetic))
  if (wantsCsv(request)) {
    const rows = input.csv ?? (Array.isArray(input.data) ? (input.data as Record<string, unknown>[]) : [input.data as Record<string, unknown>])
    return reply.type('text/csv; charset=utf-8').send(toCsv(rows))
  }
  const meta = buildMeta(request, manifest, input.meta, request.db)
  if (input.figure && (request.query as { format?: string } | undefined)?.format === 'vega-lite') {
    return reply.type(`${VEGA_LITE_MEDIA_TYPE}; charset=utf-8`).send(JSON.stringify(input.figure(input.data as never, meta)))
  }
  return reply.send({ data: input.data, meta })
}
