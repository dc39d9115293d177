// The app on the demo lake with one extra, test-only route whose query runs for seconds unless interrupted.
import Fastify from 'fastify'
import { app as tradedep, serverOptions } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { DEMO_LAKE } from './lakes.js'

/** A statement that runs for many seconds unless interrupted. */
export const SLOW_SQL = 'SELECT count(*) AS n FROM range(10000000000) a WHERE a.range % 7 = 3'

export async function slowApp(env: Record<string, string>) {
  const config = loadConfig({ LAKE_DIR: DEMO_LAKE, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', CACHE_MAX_MB: '0', ...env })
  const app = Fastify(serverOptions(config))
  await app.register(tradedep, { config })
  app.get('/test-slow', async (request) => request.db!.query(SLOW_SQL))
  await app.ready()
  await app.lakes.reload()
  return app
}
