// Prometheus metrics at /metrics: request latency by route and status, the connection pool, the served lake.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

async function metrics(fastify: FastifyInstance) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'tradedep_' })
  const duration = new Histogram({
    name: 'tradedep_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  })
  const problems = new Counter({
    name: 'tradedep_http_problems_total', help: 'Problem responses by status and code',
    labelNames: ['status', 'code'], registers: [registry],
  })
  new Gauge({
    name: 'tradedep_db_pool_connections', help: 'DuckDB pool connections by state', labelNames: ['state'], registers: [registry],
    collect() {
      const stats = fastify.lakes.current?.pool.stats
      for (const state of ['size', 'idle', 'active', 'waiting'] as const) this.set({ state }, stats?.[state] ?? 0)
    },
  })
  new Gauge({
    name: 'tradedep_lake_info', help: 'The served lake version (value 1)', labelNames: ['lake_version', 'synthetic'], registers: [registry],
    collect() {
      this.reset()
      const manifest = fastify.lakes.current?.manifest
      if (manifest) this.set({ lake_version: manifest.lake_version, synthetic: String(manifest.synthetic) }, 1)
    },
  })

  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    duration.observe({ route, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    if (reply.statusCode >= 400) {
      const code = String(reply.getHeader('x-tradedep-problem-code') ?? 'unknown')
      problems.inc({ status: String(reply.statusCode), code })
    }
  })

  fastify.get('/metrics', {
    config: { lake: false },
    schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)', hide: false },
  }, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()))
}

export default fp(metrics, { name: 'tradedep-metrics', dependencies: ['tradedep-lake'] })
