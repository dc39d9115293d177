// Security headers, CORS and per-client rate limiting; a refused request is a problem+json like any other error.
import cors from '@fastify/cors'
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'

class RateLimited extends Error {
  readonly statusCode = 429
  readonly code = 'TRADEDEP_RATE_LIMITED'
}

/** The headers helmet's middleware sets for `options`, captured once: none depends on the request. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = { setHeader(name: string, value: unknown) { headers[name.toLowerCase()] = String(value) }, removeHeader() {} }
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => { if (error) throw error })
  return headers
}

async function hardening(fastify: FastifyInstance, { config }: { config: Config }) {
  // Set on every reply from a table built once: @fastify/helmet rebuilt helmet's middleware (CSP parsing included)
  // on every request, a third of the CPU time of an answer served from the cache.
  const securityHeaders = helmetHeaders({
    // The API serves JSON; the pages it serves (/docs, /) load only their own scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Served over plain HTTP on localhost too: do not force https for its own assets.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  fastify.addHook('onRequest', async (_request, reply) => { reply.headers(securityHeaders) })
  await fastify.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: ['x-request-id', 'x-tradedep-lake-version', 'x-tradedep-synthetic', 'retry-after', 'etag'],
  })
  if (config.rateLimitMax > 0) {
    await fastify.register(rateLimit, {
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowMs,
      errorResponseBuilder: (_request, context) =>
        new RateLimited(`rate limit exceeded: at most ${context.max} requests per ${context.after}; retry after the Retry-After delay`),
    })
  }
}

export default fp(hardening, { name: 'tradedep-hardening' })
