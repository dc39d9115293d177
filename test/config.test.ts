import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults', async (t) => {
  const config = loadConfig({})
  t.equal(config.port, 3000)
  t.equal(config.host, '0.0.0.0')
  t.match(config.lakeDir, /\/lake$/)
  t.equal(config.logLevel, 'info')
  t.equal(config.dbConnections, 4)
  t.equal(config.queryTimeoutMs, 10000)
})

t.test('bad values are refused with a message naming the variable', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), new ConfigError('PORT must be an integer between 0 and 65535, got "eighty"'))
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT must be between 0 and 65535, got 70000/)
  t.throws(() => loadConfig({ DB_CONNECTIONS: '0' }), /DB_CONNECTIONS must be between 1 and 64/)
  t.throws(() => loadConfig({ QUERY_TIMEOUT_MS: '-5' }), /QUERY_TIMEOUT_MS must be an integer/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/)
  t.throws(() => loadConfig({ AUTO_DEMO_LAKE: 'maybe' }), /AUTO_DEMO_LAKE must be true or false/)
})

t.test('explicit values', async (t) => {
  const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1', LAKE_DIR: '/srv/lake', DB_CONNECTIONS: '8', QUERY_TIMEOUT_MS: '500', LOG_LEVEL: 'warn' })
  t.same(
    { port: config.port, host: config.host, lakeDir: config.lakeDir, db: config.dbConnections, timeout: config.queryTimeoutMs, level: config.logLevel },
    { port: 8080, host: '127.0.0.1', lakeDir: '/srv/lake', db: 8, timeout: 500, level: 'warn' })
})
