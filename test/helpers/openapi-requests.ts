// Requests generated from the app's OpenAPI document (fast-check arbitraries), and the hostile corpora
// shared by the fuzz and injection tests. Parameter names and types come from the document, so a new
// endpoint or parameter is covered without touching the tests; valid values come from the lake's catalog.
import fc from 'fast-check'
import type { Catalog } from '../../src/db/lake.js'

export interface ParameterSchema {
  type?: string
  enum?: unknown[]
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  default?: unknown
}

export interface Parameter { name: string; in: string; required?: boolean; schema: ParameterSchema; example?: unknown; examples?: Record<string, { value: unknown }> }

/** One request: query pairs in order (a key may repeat); `raw` pairs are put in the URL without encoding. */
export interface FuzzRequest { query: [key: string, value: string, raw: boolean][]; headers: Record<string, string> }

export interface Operation {
  path: string
  parameters: Parameter[]
  /** The 200 answer is a `{ data, meta }` envelope (every data endpoint; not /health, /ready, /metrics). */
  envelope: boolean
  requests(tokens: CatalogTokens): fc.Arbitrary<FuzzRequest>
}

/** Statuses an answer to a GET may have besides 200 on a healthy lake. */
export const ERROR_STATUSES = new Set([400, 404, 406, 422, 429])

/** Values from the served lake, offered to every parameter whose schema accepts them. */
export interface CatalogTokens { text: string[]; years: number[] }

export function catalogTokens(catalog: Catalog): CatalogTokens {
  // A few of each, so valid requests repeat and the response cache keeps the run fast.
  const iso3 = [...catalog.countries.keys()]
  const someCountries = ['USA', 'CHN', 'DEU', ...iso3.filter((c) => !['USA', 'CHN', 'DEU'].includes(c)).slice(0, 3)].filter((c) => catalog.countries.has(c))
  const sections = catalog.sections.flatMap((s) => [s.section, String(s.number)])
  const chapters = [...catalog.chapters.keys()]
  const years = [...new Set([catalog.tradeYears, catalog.tivaYears, catalog.wdiYears].flatMap((r) => (r ? [r.from, r.to] : [])))]
  return {
    text: [
      ...someCountries, 'usa', 'Chn', `${someCountries[1]},${someCountries[2]}`, someCountries.slice(1).join(','),
      'XVI', 'xvi', '16', 'I', 'XXI', ...sections.filter((_, i) => i % 5 === 0),
      '84', '84,85', '1', '01,2,03', chapters[0]!, chapters.slice(0, 12).join(','),
    ],
    years,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile corpora. Each value is sent percent-encoded (so it reaches the parser verbatim) unless listed as raw.

export const SQL_FRAGMENTS = [
  "' OR '1'='1", "USA' OR 1=1 --", "USA'; DROP TABLE flows; --", "1; DELETE FROM countries", "1 OR 1=1",
  "XVI' UNION SELECT * FROM read_csv('/etc/passwd') --", "'; SELECT * FROM read_text('/etc/passwd'); --",
  "'); COPY (SELECT 1) TO '/tmp/tradedep-pwn.csv'; --", "'; ATTACH '/tmp/tradedep-pwn.db' AS pwn; --",
  "'; INSTALL httpfs; LOAD httpfs; --", "'; SET enable_external_access = true; --", "$1", "?", "'||'", '"; --',
  "read_csv('/etc/passwd')", "read_text('/etc/passwd')", "glob('/*')", "getenv('HOME')", "current_setting('threads')",
  '2020 UNION SELECT 1', '2020; PRAGMA database_list', "%' --", '/* */', 'NULL', '0x41',
]
export const PATH_FRAGMENTS = [
  '../../etc/passwd', '../../../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/passwd', 'file:///etc/passwd',
  '....//....//etc/passwd', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'current/manifest.json',
  '~/.ssh/id_rsa', '/proc/self/environ', '\\\\server\\share', 's3://bucket/key', 'https://example.org/x.parquet',
]
export const TYPE_CONFUSION = [
  '', ' ', 'abc', 'true', 'false', 'null', 'undefined', '[]', '{}', '[1,2]', '{"a":1}', '1.5', '-1', '0', '1e3',
  '1e308', '1e309', '-1e309', '99999999999999999999999999', '-99999999999999999999', '-0', 'NaN', 'Infinity',
  '-Infinity', '0x10', '0b11', '1_000', '2020.0', '2020abc', ' 2020 ', '+2020', '٢٠٢٠', '２０２０', '1,2', 'usa,',
]
export const UNICODE_TEXT = [
  'ÜSA', 'UŞA', 'ＵＳＡ', 'U\u0301SA', 'US\u200bA', 'XⅥ', 'ⅩⅥ', '🇺🇸', '𝐔𝐒𝐀', '\u202eASU', 'USA\u0000', '\u0000',
  'a\u0000b', '\r\nX-Injected: 1', '\ufeffUSA', 'USA\u00a0', 'ß', 'İ', '\u{10ffff}',
]
export const HOSTILE_TEXT = [...SQL_FRAGMENTS, ...PATH_FRAGMENTS, ...TYPE_CONFUSION, ...UNICODE_TEXT]

/** Put in the query string as-is: malformed or unusual percent-encoding, bare separators. */
export const RAW_QUERY_TEXT = [
  '%', '%%', '%zz', '%0', '%00', 'USA%00', '%2500', '%C0%AE%C0%AE%2F', '%E0%A4%A', '%FF%FE', '%ED%A0%80', '%uFFFF',
  'US%41', '%55%53%41', 'XVI%20', '%0d%0aX-Injected:%201', '%26section%3DI', '+', 'U+S+A', ';', '%3B',
]

export const HOSTILE_KEYS = [
  '__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'country[]', 'country[0]', 'a.b', '', '%00', 'SELECT',
  '../x', 'x'.repeat(300),
]

const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  // Very long values, up to a few KB (cheap to generate: a repeated unit).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('A', 'XVI,', '9', "'", 'é', '🙂', '../', '%'), fc.integer({ min: 200, max: 4096 }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length))) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })).map(String) },
)

type Pair = FuzzRequest['query'][number]

/** A hostile setting of one parameter: a bad value, a raw value, or the key repeated. */
function hostilePairs(name: string, valid: fc.Arbitrary<string>): fc.Arbitrary<Pair[]> {
  return fc.oneof(
    { weight: 5, arbitrary: hostileText.map((v): Pair[] => [[name, v, false]]) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_TEXT).map((v): Pair[] => [[name, v, true]]) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.oneof(valid, hostileText)).map(([a, b]): Pair[] => [[name, a, false], [name, b, false]]) },
    { weight: 1, arbitrary: fc.constant<Pair[]>([[name, '', false]]) },
  )
}

/** Values a parameter's schema accepts, biased toward what the lake holds. */
export function validValue(parameter: Parameter, tokens: CatalogTokens): fc.Arbitrary<string> {
  const s = parameter.schema
  const examples = [parameter.example, ...Object.values(parameter.examples ?? {}).map((e) => e.value), s.default]
    .filter((v) => v !== undefined && v !== null).map(String)
  const fixed = (values: string[]) => fc.constantFrom(...new Set(values))
  if (s.enum) return fixed(s.enum.map(String))
  if (s.type === 'boolean') return fixed(['true', 'false'])
  if (s.type === 'integer' || s.type === 'number') {
    const min = s.minimum ?? s.exclusiveMinimum ?? 0
    const max = s.maximum ?? 1e6
    const inDomain = (v: number) => v <= max && (s.exclusiveMinimum === undefined ? v >= min : v > min)
    const known = [...tokens.years, ...examples.map(Number), min, max, Math.round((min + max) / 2)].filter(inDomain)
    const any = s.type === 'integer'
      ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter(inDomain)
    return fc.oneof({ weight: 9, arbitrary: fixed(known.map(String)) }, { weight: 1, arbitrary: any.map(String) })
  }
  if (s.pattern) {
    const pattern = new RegExp(s.pattern)
    const known = [...tokens.text, ...examples].filter((v) => pattern.test(v))
    const any = fc.stringMatching(pattern, { size: 'xsmall' })
    return known.length > 0 ? fc.oneof({ weight: 9, arbitrary: fixed(known) }, { weight: 1, arbitrary: any }) : any
  }
  return examples.length > 0 ? fixed(examples) : fc.string({ maxLength: 8 })
}

const ACCEPT = [
  'application/json', 'text/csv', '*/*', 'application/xml', 'text/html,application/xhtml+xml;q=0.9', 'application/problem+json',
  'text/csv;q=0.1, application/json', 'garbage/!!', '',
]

/** A request for one operation: all valid (absent optionals allowed), or valid with one to three parameters made hostile. */
function requestsFor(path: string, parameters: Parameter[]) {
  return (tokens: CatalogTokens): fc.Arbitrary<FuzzRequest> => {
    const valid = new Map(parameters.map((p) => [p.name, validValue(p, tokens)]))
    const validPairs = fc.tuple(...parameters.map((p) => {
      const value = valid.get(p.name)!.map((v): Pair[] => [[p.name, v, false]])
      return p.required ? value : fc.oneof({ weight: 3, arbitrary: fc.constant<Pair[]>([]) }, { weight: 2, arbitrary: value })
    })).map((lists) => lists.flat())
    const headers = fc.oneof(
      { weight: 6, arbitrary: fc.constant<Record<string, string>>({}) },
      { weight: 1, arbitrary: fc.constantFrom(...ACCEPT).map((accept) => ({ accept })) },
    )
    const names = parameters.map((p) => p.name)
    const hostile = fc.tuple(
      validPairs,
      names.length > 0 ? fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: Math.min(3, names.length) }) : fc.constant<string[]>([]),
      fc.option(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileText), { freq: 4 }),
      fc.boolean(),
    ).chain(([base, targets, unknown, dropRequired]) => fc.tuple(...targets.map((n) => hostilePairs(n, valid.get(n)!))).map((bad) => {
      const kept = base.filter(([k]) => !targets.includes(k) && !(dropRequired && parameters.find((p) => p.name === k)?.required))
      return [...kept, ...bad.flat(), ...(unknown ? [[unknown[0], unknown[1], false] as Pair] : [])]
    }))
    return fc.record({
      query: fc.oneof({ weight: 2, arbitrary: validPairs }, { weight: 3, arbitrary: hostile }),
      headers,
    })
  }
}

interface OpenApiDocument {
  paths: Record<string, Record<string, {
    parameters?: Parameter[]
    responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }>
  }>>
}

/** Every GET operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const get = item.get
    if (!get) return []
    const parameters = (get.parameters ?? []).filter((p) => p.in === 'query')
    const schema = get.responses?.['200']?.content?.['application/json']?.schema
    const envelope = Boolean(schema?.properties?.data && schema.properties.meta)
    return [{ path, parameters, envelope, requests: requestsFor(path, parameters) }]
  })
}

export function urlOf(path: string, request: FuzzRequest): string {
  if (request.query.length === 0) return path
  return `${path}?${request.query.map(([k, v, raw]) => `${encodeURIComponent(k)}=${raw ? v : encodeURIComponent(v)}`).join('&')}`
}
