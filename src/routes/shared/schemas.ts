// Request and response schemas shared by every endpoint, written once with TypeBox.
import { Type, type TSchema } from 'typebox'

export const Problem = Type.Object({
  type: Type.String({ description: 'URI naming the kind of problem', examples: ['urn:tradedep:problem:unknown-country'] }),
  title: Type.String({ examples: ['Bad Request'] }),
  status: Type.Integer({ examples: [400] }),
  detail: Type.String({ examples: ['unknown country code "XYZ"'] }),
  instance: Type.Optional(Type.String({ description: 'the request path' })),
  code: Type.Optional(Type.String({ examples: ['TRADEDEP_UNKNOWN_COUNTRY'] })),
  parameter: Type.Optional(Type.String({ description: 'the request parameter at fault', examples: ['country'] })),
  request_id: Type.Optional(Type.String()),
}, { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' })

export const Source = Type.Object({
  name: Type.String({ examples: ['BACI'] }),
  release: Type.String({ examples: ['V202401'] }),
  publisher: Type.String(),
  sha256: Type.Array(Type.String(), { description: 'checksums of the release files this lake was built from' }),
}, { $id: 'Source', additionalProperties: true })

export const Meta = Type.Object({
  title: Type.Optional(Type.String({ description: 'what the answer shows, as its citation and figure title name it' })),
  query: Type.Record(Type.String(), Type.Unknown(), { description: 'the request, normalised (codes upper-case, defaults filled in)' }),
  method: Type.Optional(Type.String()),
  thresholds: Type.Optional(Type.Record(Type.String(), Type.Number())),
  units: Type.Optional(Type.Record(Type.String(), Type.String())),
  sources: Type.Array(Type.Ref('Source')),
  synthetic: Type.Boolean({ description: 'true when the lake holds generated demo data, not real releases' }),
  lake_version: Type.String(),
  hs_revision: Type.String(),
  page: Type.Optional(Type.Object({ limit: Type.Integer(), offset: Type.Integer(), total: Type.Integer() })),
  notes: Type.Optional(Type.Array(Type.String())),
  sql: Type.Optional(Type.Array(Type.Object({ sql: Type.String(), params: Type.Array(Type.Unknown()) }), {
    description: 'the SQL that produced the answer, with its bound values (explain=true)',
  })),
  citation: Type.String({ description: 'BibTeX entry for this result' }),
}, { $id: 'Meta', additionalProperties: true })

/** A `{ data, meta }` envelope around `data`. */
export function envelope<T extends TSchema>(data: T, options: { description?: string; examples?: unknown[] } = {}) {
  return Type.Object({ data, meta: Type.Ref('Meta') }, { additionalProperties: false, ...options })
}

const problemResponse = (description: string) => ({
  description, content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
})

/** Standard error responses (problem+json), added to every route's response map. */
export function withProblems<T extends Record<number, unknown>>(responses: T) {
  return {
    ...responses,
    400: problemResponse('a parameter is invalid or names something the lake does not hold'),
    404: problemResponse('the data needed for this answer is not in the lake'),
    422: problemResponse('the data cannot support this computation (e.g. too few points)'),
    503: problemResponse('the lake is not open yet, is being switched, or the service is busy (see Retry-After)'),
    504: problemResponse('the query ran past QUERY_TIMEOUT_MS and was stopped'),
  }
}

export const SHARED_SCHEMAS = [Problem, Source, Meta]

// Query parameters shared by endpoints.
export const country = Type.String({
  pattern: '^[A-Za-z]{3}$', description: 'ISO 3166 alpha-3 economy code, case-insensitive', examples: ['USA'],
})
export const section = Type.String({
  pattern: '^([IVXivx]{1,5}|[0-9]{1,2})$',
  description: 'HS section as a Roman (XVI) or Arabic (16) numeral', examples: ['XVI'],
})
export const chapters = Type.String({
  pattern: '^[0-9]{1,2}(,[0-9]{1,2}){0,98}$',
  description: 'comma-separated HS2 chapters, instead of `section`', examples: ['84,85'],
})
export const year = Type.Integer({ minimum: 1900, maximum: 2100, description: 'year; must lie in the lake\'s coverage' })
// Parameters with a default are optional: validation fills the default in.
// No schema default for `format`: when it is absent the Accept header decides (JSON unless it asks for text/csv).
export const format = Type.Optional(Type.Enum(['json', 'csv'], {
  description: 'response format: `json` (the default) or `csv`; without it, `Accept: text/csv` selects CSV',
}))
// Figure endpoints also answer with a Vega-Lite spec of their figure (see src/figures/).
export const figureFormat = Type.Optional(Type.Enum(['json', 'csv', 'vega-lite'], {
  description: 'response format: `json` (the default), `csv`, or `vega-lite`: a complete Vega-Lite v6 spec of the figure with the data ' +
    'inlined (media type `application/vnd.vegalite.v6+json`); without it, `Accept: text/csv` selects CSV',
}))
export const explain = Type.Optional(Type.Boolean({ default: false, description: 'add the SQL that produced the answer to `meta.sql`' }))
export const limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'page size' }))
export const offset = Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000, default: 0, description: 'rows to skip' }))
