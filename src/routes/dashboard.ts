// The dashboard at `/`: the page and its assets from dist/dashboard, built from src/dashboard on first use when missing
// or out of date (`npm start` and `npm test` build it beforehand). Only the files the build lists are served.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { DASHBOARD_DIST, ensureDashboard } from '../dashboard/build.js'
import { sendProblem } from '../plugins/problems.js'

interface Asset { body: Buffer; gzip: Buffer | null; type: string; etag: string }

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
}

async function loadAssets(): Promise<Map<string, Asset>> {
  const info = await ensureDashboard()
  const assets = new Map<string, Asset>()
  for (const [name, file] of Object.entries(info.files)) {
    const body = await readFile(join(DASHBOARD_DIST, name))
    const gzip = name.endsWith('.js') ? await readFile(join(DASHBOARD_DIST, `${name}.gz`)).catch(() => null) : null
    assets.set(name, { body, gzip, type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream', etag: `"${file.sha256.slice(0, 24)}"` })
  }
  return assets
}

export default async function dashboard(fastify: FastifyInstance) {
  // Built (or checked) on the first request, then held in memory.
  let assets: Promise<Map<string, Asset>> | null = null

  async function serve(request: FastifyRequest, reply: FastifyReply, name: string) {
    assets ??= loadAssets()
    let files: Map<string, Asset>
    try {
      files = await assets
    } catch (error) {
      assets = null
      request.log.error({ err: error }, 'dashboard bundle unavailable')
      return sendProblem(request, reply, {
        status: 503, code: 'TRADEDEP_DASHBOARD_UNAVAILABLE', detail: 'the dashboard is not built; run `npm run build:dashboard`', retryAfter: 30,
      })
    }
    const asset = files.get(name)
    if (!asset) return sendProblem(request, reply, { status: 404, code: 'TRADEDEP_NO_ROUTE', detail: `no dashboard file ${name}` })
    reply.header('etag', asset.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding').type(asset.type)
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send()
    if (asset.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(asset.gzip)
    }
    return reply.send(asset.body)
  }

  const hidden = { schema: { hide: true }, config: { lake: false } }
  fastify.get('/', hidden, (request, reply) => serve(request, reply, 'index.html'))
  fastify.get('/dashboard/:file', {
    ...hidden,
    schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[a-z0-9.-]{1,64}$' }) }) },
  }, (request, reply) => serve(request, reply, (request.params as { file: string }).file))
}
