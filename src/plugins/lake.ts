// Gives each request the lake version it runs on (pinned until the response ends) and a query executor.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { RecordingDb } from '../db/executor.js'
import type { Lake } from '../db/lake.js'
import { LakeService } from '../db/lake-service.js'
import { LakeNotReady } from '../errors.js'

declare module 'fastify' {
  interface FastifyInstance { lakes: LakeService }
  interface FastifyRequest { lake: Lake | null; db: RecordingDb | undefined }
  interface FastifyContextConfig { lake?: boolean }
}

export interface LakePluginOptions { lakes: LakeService }

async function lakePlugin(fastify: FastifyInstance, options: LakePluginOptions) {
  fastify.decorate('lakes', options.lakes)
  fastify.decorateRequest('lake', null)
  fastify.decorateRequest('db', undefined)

  fastify.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.lake === false || !request.routeOptions.url) return
    const pinned = options.lakes.pin()
    if (!pinned) {
      reply.header('retry-after', '5')
      throw new LakeNotReady(options.lakes.lastError ?? 'it is still being opened')
    }
    request.lake = pinned.lake
    // Cancel the query when the client goes away before the answer is written.
    const controller = new AbortController()
    reply.raw.once('close', () => {
      pinned.unpin()
      if (!reply.raw.writableFinished) controller.abort()
    })
    request.db = new RecordingDb(pinned.lake.pool, controller.signal)
  })

  // A file of the lake that cannot be read is remembered, so /ready can say which table is damaged.
  fastify.addHook('onError', async (request, _reply, error) => {
    if (request.lake) options.lakes.recordReadFailure(request.lake, error)
  })

  fastify.addHook('onClose', async () => { await options.lakes.close() })
}

export default fp(lakePlugin, { name: 'tradedep-lake' })
