// Registers every endpoint of the API.
import type { FastifyInstance } from 'fastify'
import reference from './reference.js'

export async function routes(fastify: FastifyInstance) {
  await fastify.register(reference)
}
