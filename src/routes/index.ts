// Registers every endpoint of the API.
import type { FastifyInstance } from 'fastify'
import becStages from './bec-stages.js'
import fvaPeers from './fva-peers.js'
import buyerConcentration from './buyer-concentration.js'
import cr1 from './cr1.js'
import growth from './growth.js'
import hhi from './hhi.js'
import reference from './reference.js'
import report from './report.js'
import cite from './cite.js'
import dashboard from './dashboard.js'
import smileFit from './smile-fit.js'
import singleSource from './single-source.js'
import suppliers from './suppliers.js'

export async function routes(fastify: FastifyInstance) {
  await fastify.register(reference)
  await fastify.register(suppliers)
  await fastify.register(hhi)
  await fastify.register(singleSource)
  await fastify.register(cr1)
  await fastify.register(buyerConcentration)
  await fastify.register(growth)
  await fastify.register(becStages)
  await fastify.register(fvaPeers)
  await fastify.register(smileFit)
  await fastify.register(report)
  await fastify.register(cite)
  await fastify.register(dashboard)
}
