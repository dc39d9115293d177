// The connection pool exhausted, over a real listening server (DB_CONNECTIONS=1, DB_QUEUE_MAX=1): a request beyond
// the queue is refused at once with 503 + Retry-After, not left waiting; the service recovers when the load goes.
import t from 'tap'
import { request } from 'undici'
import { slowApp } from '../helpers/slow-app.js'

const QUERY_TIMEOUT_MS = 1500

t.test('beyond the bounded queue: 503 problem+json with Retry-After, at once', async (t) => {
  const app = await slowApp({ DB_CONNECTIONS: '1', DB_QUEUE_MAX: '1', QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS) })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const pool = app.lakes.current!.pool
  const settle = async (url: string) => {
    const started = Date.now()
    const res = await request(`${address}${url}`)
    return { status: res.statusCode, headers: res.headers, body: await res.body.text(), ms: Date.now() - started }
  }

  const running = settle('/test-slow') // holds the only connection until the query timeout
  while (pool.stats.active < 1) await new Promise((r) => setTimeout(r, 5))
  const queued = settle('/suppliers?country=USA&section=XVI') // takes the only place in the queue
  while (pool.stats.waiting < 1) await new Promise((r) => setTimeout(r, 5))

  const refused = await Promise.all(['/suppliers?country=CHN&section=XVI', '/hhi?country=USA&section=XVI', '/cr1'].map(settle))
  for (const res of refused) {
    t.equal(res.status, 503, 'refused while the pool and its queue are full')
    t.ok(res.ms < 500, `answered in ${res.ms} ms, not after a wait`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.ok(Number(res.headers['retry-after']) >= 1, `Retry-After: ${String(res.headers['retry-after'])}`)
    t.match(JSON.parse(res.body), { status: 503, code: 'TRADEDEP_OVERLOADED', detail: /busy/ })
  }
  t.equal((await settle('/health')).status, 200, '/health does not need a connection')

  const slow = await running
  t.equal(slow.status, 504, 'the query holding the connection is stopped at QUERY_TIMEOUT_MS')
  t.notMatch(slow.body, /range\(|SELECT/, 'no SQL in the 504 body')
  const waited = await queued
  // It either gets the connection in time (200), gives up waiting (503), or runs out of its time budget once served (504).
  t.ok([200, 503, 504].includes(waited.status), `the queued request ends (${waited.status}) within its own bound, ${waited.ms} ms`)
  t.ok(waited.ms < QUERY_TIMEOUT_MS + 1000, 'no unbounded wait in the queue')

  t.same(pool.stats, { size: 1, idle: 1, waiting: 0, active: 0 }, 'the pool is idle again')
  t.equal((await settle('/suppliers?country=USA&section=XVI')).status, 200, 'and serves the next request')
})
