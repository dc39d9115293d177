// Starts the API: validates the configuration, listens, opens the lake (building the demo lake on first
// start), reloads it on SIGHUP and drains in-flight requests on SIGTERM/SIGINT.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { servedVersionDir } from './lake/writer.js'
import type { FastifyInstance } from 'fastify'

async function openLake(fastify: FastifyInstance, config: Config): Promise<void> {
  if (!(await servedVersionDir(config.lakeDir))) {
    if (!config.autoDemo) {
      fastify.log.error({ lake_dir: config.lakeDir }, 'no lake found and AUTO_DEMO_LAKE=false; /ready stays 503')
      fastify.lakes.lastError = `no lake in ${config.lakeDir}; build one with "npm run lake:demo" or "tradedep ingest"`
      return
    }
    fastify.log.info({ lake_dir: config.lakeDir }, 'no lake found: building the synthetic demo lake')
    fastify.lakes.lastError = 'the synthetic demo lake is being built'
    const { generateSyntheticLake } = await import('./lake/demo/generate.js')
    const started = Date.now()
    await generateSyntheticLake({ lakeDir: config.lakeDir })
    fastify.log.info({ seconds: (Date.now() - started) / 1000 }, 'synthetic demo lake built')
  }
  await fastify.lakes.reload()
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tradedep: configuration error: ${error.message}\n`)
      process.exit(2)
    }
    throw error
  }

  const fastify = await buildApp({ config })
  closeWithGrace({ delay: 30000 }, async ({ signal, err }) => {
    if (err) fastify.log.error({ err }, 'shutting down after an error')
    else fastify.log.info({ signal }, 'shutting down: draining in-flight requests')
    await fastify.close()
  })
  process.on('SIGHUP', () => {
    fastify.log.info('SIGHUP: reloading the lake')
    fastify.lakes.reload().catch(() => { /* logged by the service; the current version stays served */ })
  })

  await fastify.listen({ port: config.port, host: config.host })
  // A new version written by `tradedep ingest` is picked up without a signal.
  fastify.lakes.watch(config.lakeWatchMs)
  openLake(fastify, config).catch((err) => {
    fastify.lakes.lastError = `lake could not be opened: ${(err as Error).message}`
    fastify.log.error({ err }, 'lake could not be opened; /ready stays 503')
  })
}

await main()
