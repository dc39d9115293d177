// The tradedep API as a Fastify plugin: shared schemas, OpenAPI, error handling, the lake, and every route.
import { randomUUID } from 'node:crypto'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config.js'
import { LakeService } from './db/lake-service.js'
import lakePlugin from './plugins/lake.js'
import cache from './plugins/cache.js'
import hardening from './plugins/hardening.js'
import metrics from './plugins/metrics.js'
import problems, { clientProblem } from './plugins/problems.js'
import { SHARED_SCHEMAS } from './routes/shared/schemas.js'
import { routes } from './routes/index.js'

export const API_VERSION = '0.1.0'

export const OPENAPI_INFO = {
  title: 'tradedep',
  version: API_VERSION,
  description:
    'What does a country import to make what it exports, and who controls those inputs? ' +
    'Supplier shares, concentration (HHI, CR1), single-source exposure, buyer concentration, production stages (BEC), ' +
    'foreign value-added against income peers and the income–FVA smile, from CEPII BACI, OECD TiVA and World Bank WDI. ' +
    'Every answer is `{ data, meta }`; `meta` carries the normalised query, method, thresholds, sources and whether the data is synthetic. ' +
    'Errors are RFC 9457 `application/problem+json`. Values are US dollars unless a unit says otherwise.',
}

export interface AppOptions { config: Config; lakes?: LakeService }

/** Fastify server options: logging with request ids, strict query validation, JSON serialisation. */
export function serverOptions(config: Config): FastifyServerOptions {
  return {
    logger: { level: config.logLevel },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID()
    },
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    bodyLimit: 64 * 1024,
    clientErrorHandler: clientProblem,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  } as FastifyServerOptions
}

async function tradedep(fastify: FastifyInstance, options: AppOptions) {
  for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema)
  // Response schemas document the API; bodies are written with JSON.stringify so no field is ever dropped.
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data))
  fastify.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })

  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      tags: [
        { name: 'suppliers', description: 'Who supplies a country\'s imports, and how concentrated they are' },
        { name: 'world', description: 'World-level concentration and growth' },
        { name: 'value-added', description: 'Foreign value-added and income' },
        { name: 'stages', description: 'Where in the production chain trade sits (BEC rev.4 stages)' },
        { name: 'report', description: 'The whole analysis at a glance: every figure with its headline, and citations' },
        { name: 'reference', description: 'What the lake holds' },
        { name: 'operations', description: 'Health and readiness' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  })
  await fastify.register(hardening, { config: options.config })
  // /docs runs under the app's CSP (hardening.ts): the Swagger UI's own static CSP would block its inline styles.
  await fastify.register(swaggerUi, { routePrefix: '/docs' })
  fastify.get('/openapi.json', { schema: { hide: true }, config: { lake: false } }, async () => fastify.swagger())

  await fastify.register(problems)
  await fastify.register(lakePlugin, {
    lakes: options.lakes ?? new LakeService(options.config.lakeDir, {
      size: options.config.dbConnections,
      queueMax: options.config.dbQueueMax,
      queryTimeoutMs: options.config.queryTimeoutMs,
    }, fastify.log),
  })
  await fastify.register(metrics)
  await fastify.register(cache, { maxBytes: options.config.cacheMaxMb * 1024 * 1024, maxAgeSeconds: options.config.cacheMaxAgeSeconds })
  await fastify.register(routes)
}

export const app = fp(tradedep, { name: 'tradedep' })

/** A ready-to-listen Fastify instance with the app registered (used by the server, tests and scripts). */
export async function buildApp(options: AppOptions, overrides: FastifyServerOptions = {}) {
  const fastify = Fastify({ ...serverOptions(options.config), ...overrides }).withTypeProvider<TypeBoxTypeProvider>()
  await fastify.register(app, options)
  await fastify.ready()
  return fastify
}
