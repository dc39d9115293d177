// Response cache keyed by lake version and normalised request, with ETag / If-None-Match → 304.
// Answers depend only on the lake version and the query, so a new version simply misses the cache.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { LRUCache } from 'lru-cache'

interface Entry { body: string; contentType: string; etag: string; synthetic: string; lakeVersion: string }

declare module 'fastify' {
  interface FastifyRequest { cacheKey: string | null }
}

export interface CacheOptions {
  /** Upper bound of cached bodies, in bytes; 0 turns the cache off (ETags are still sent). */
  maxBytes: number
  /** Cache-Control max-age, in seconds. */
  maxAgeSeconds: number
}

/** Query parameters sorted, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
function normalise(url: string): string {
  const [path, search = ''] = url.split('?')
  const params = new URLSearchParams(search)
  params.sort()
  return `${path}?${params.toString()}`
}

// Parsing and sorting the query string was a tenth of the work of a cache hit: each distinct URL is normalised once.
const NORMALISED_MAX = 10_000
const normalisedUrls = new Map<string, string>()
function normalisedUrl(request: FastifyRequest): string {
  let found = normalisedUrls.get(request.url)
  if (found === undefined) {
    if (normalisedUrls.size >= NORMALISED_MAX) normalisedUrls.clear()
    found = normalise(request.url)
    normalisedUrls.set(request.url, found)
  }
  return found
}

/** The UTC day (days since 1970-01-01), the same day as the access date the citation prints. */
const utcDay = () => Math.floor(Date.now() / 86_400_000)

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*')
}

async function cache(fastify: FastifyInstance, options: CacheOptions) {
  const entries = options.maxBytes > 0
    ? new LRUCache<string, Entry>({ maxSize: options.maxBytes, sizeCalculation: (e) => e.body.length + 200 })
    : null
  const cacheControl = `public, max-age=${options.maxAgeSeconds}`
  fastify.decorateRequest('cacheKey', null)

  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.lake || request.method !== 'GET') return
    // The citation carries the access date, so the day is part of the key.
    const day = utcDay()
    const accept = /\btext\/csv\b/.test(request.headers.accept ?? '') ? 'csv' : 'json'
    request.cacheKey = `${request.lake.manifest.lake_version}|${day}|${accept}|${normalisedUrl(request)}`
    const hit = entries?.get(request.cacheKey)
    if (!hit) return
    reply.header('etag', hit.etag).header('cache-control', cacheControl).header('x-cache', 'hit')
    reply.header('x-tradedep-lake-version', hit.lakeVersion).header('x-tradedep-synthetic', hit.synthetic)
    if (matches(request.headers['if-none-match'], hit.etag)) return reply.code(304).send()
    return reply.type(hit.contentType).send(hit.body)
  })

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.cacheKey || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit') return payload
    if (typeof payload !== 'string') return payload
    // An answer marked no-store (a /report with a figure refused under load) is neither cached nor given an ETag.
    if (/\bno-store\b/.test(String(reply.getHeader('cache-control') ?? ''))) return payload
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`
    reply.header('etag', etag).header('cache-control', cacheControl).header('x-cache', 'miss')
    entries?.set(request.cacheKey, {
      body: payload,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      etag,
      lakeVersion: String(reply.getHeader('x-tradedep-lake-version') ?? ''),
      synthetic: String(reply.getHeader('x-tradedep-synthetic') ?? ''),
    })
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304)
      return ''
    }
    return payload
  })
}

export default fp(cache, { name: 'tradedep-cache', dependencies: ['tradedep-lake'] })
