// The ceiling of the HTTP stack: a bare Fastify server with one route per benchmarked endpoint, each answering
// a fixed JSON body of the same bytes tradedep sent for it. No plugins, no logger, no lake.
// node --import=tsx bench/bare-server.ts <bodies.json> <port>
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'

const [bodiesFile, port] = process.argv.slice(2)
if (!bodiesFile || !port) throw new Error('usage: bare-server.ts <bodies.json> <port>')
/** Endpoint name → the exact JSON text tradedep answered. */
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, string>

const fastify = Fastify({ logger: false })
fastify.get<{ Params: { name: string } }>('/bare/:name', async (request, reply) => {
  const body = bodies[request.params.name]
  if (body === undefined) return reply.code(404).send({ error: 'no such body' })
  return reply.type('application/json; charset=utf-8').send(body)
})
await fastify.listen({ port: Number(port), host: '127.0.0.1' })
process.stdout.write('listening\n')
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void fastify.close().then(() => process.exit(0)) })
