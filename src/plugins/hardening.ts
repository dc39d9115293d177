// Security headers, CORS and per-client rate limiting; a refused request is a problem+json like any other error.
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'

class RateLimited extends Error {
  readonly statusCode = 429
  readonly code = 'TRADEDEP_RATE_LIMITED'
}

async function hardening(fastify: FastifyInstance, { config }: { config: Config }) {
  await fastify.register(helmet, {
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
