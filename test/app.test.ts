import t from 'tap'
import Fastify from 'fastify'
import { request } from 'undici'
import { app as tradedep, buildApp, serverOptions } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { DEMO_LAKE, demoApp } from './helpers/lakes.js'

const SLOW = 'SELECT count(*) AS n FROM range(10000000000) a WHERE a.range % 7 = 3'

t.test('over a real listening server (undici): envelope, provenance headers, problem+json', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  const ok = await request(`${address}/datasets`, { headers: { 'x-request-id': 'test-123' } })
  t.equal(ok.statusCode, 200)
  t.match(ok.headers['content-type'], /^application\/json/)
  t.equal(ok.headers['x-request-id'], 'test-123', 'the caller\'s request id is echoed')
  t.equal(ok.headers['x-tradedep-synthetic'], 'true')
  const body = await ok.body.json() as { data: { name: string; synthetic: boolean }[]; meta: Record<string, unknown> }
  t.ok(body.data.length > 0)
  t.ok(body.data.every((d) => d.synthetic === true), 'every dataset of the demo lake says synthetic')
  t.equal(body.meta.synthetic, true)
  t.match(body.meta.citation, /^@misc\{tradedep_/)

  const bad = await request(`${address}/countries?format=xml`)
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^application\/problem\+json/)
  const problem = await bad.body.json() as Record<string, unknown>
  t.match(problem, { status: 400, title: 'Bad Request', parameter: 'format', code: 'TRADEDEP_BAD_PARAMETER' })
  t.match(problem.detail, /format/)
  t.notMatch(JSON.stringify(problem), /at .*\.ts:\d+/, 'no stack trace')

  const csv = await request(`${address}/countries`, { headers: { accept: 'text/csv' } })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  t.match(await csv.body.text(), /^iso3,name,numeric_code,region\n/)
})

t.test('bad and unknown parameters get a 400 naming the parameter', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const cases: [string, string, RegExp][] = [
    ['/countries?limit=5', 'limit', /unknown parameter "limit"/],
    ['/countries?explain=perhaps', 'explain', /parameter explain: must be boolean/],
    ['/sections?format=json&format=csv', 'format', /parameter format/],
  ]
  for (const [url, parameter, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url)
    t.equal(res.json().parameter, parameter, url)
    t.match(res.json().detail, detail, url)
  }
  const missing = await app.inject('/no-such-endpoint')
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { status: 404, code: 'TRADEDEP_NO_ROUTE' })
})

t.test('/ready is 503 problem+json until the lake is open, then 200', async (t) => {
  const app = await buildApp({ config: loadConfig({ LAKE_DIR: DEMO_LAKE, LOG_LEVEL: 'silent' }) })
  t.teardown(() => app.close())
  const before = await app.inject('/ready')
  t.equal(before.statusCode, 503)
  t.equal(before.headers['retry-after'], '5')
  t.match(before.json(), { status: 503, code: 'TRADEDEP_LAKE_NOT_READY' })
  const data = await app.inject('/countries')
  t.equal(data.statusCode, 503, 'data endpoints also answer 503 before the lake is open')
  t.equal((await app.inject('/health')).statusCode, 200, 'liveness does not need the lake')
  await app.lakes.reload()
  const after = await app.inject('/ready')
  t.equal(after.statusCode, 200)
  t.match(after.json(), { status: 'ready', synthetic: true })
})

t.test('a query past QUERY_TIMEOUT_MS becomes a 504 problem and the pool stays healthy', async (t) => {
  const config = loadConfig({ LAKE_DIR: DEMO_LAKE, LOG_LEVEL: 'silent', QUERY_TIMEOUT_MS: '200', DB_CONNECTIONS: '1' })
  const app = Fastify(serverOptions(config))
  await app.register(tradedep, { config })
  app.get('/test-slow', async (request) => request.db!.query(SLOW))
  await app.ready()
  await app.lakes.reload()
  t.teardown(() => app.close())
  const slow = await app.inject('/test-slow')
  t.equal(slow.statusCode, 504)
  t.match(slow.json(), { status: 504, code: 'TRADEDEP_QUERY_TIMEOUT' })
  t.notMatch(slow.body, /range\(/, 'no SQL in the 5xx body')
  t.match((await app.inject('/ready')).json().pool, { size: 1, idle: 1, active: 0 })
  t.equal((await app.inject('/countries')).statusCode, 200, 'the next request on the same connection works')
})
