// A client that disconnects mid-query, over a real listening server: the query is interrupted at once
// (its connection is back in the pool long before the query timeout), and the next request is served.
import { request as httpRequest } from 'node:http'
import t from 'tap'
import { request } from 'undici'
import { slowApp } from '../helpers/slow-app.js'

const QUERY_TIMEOUT_MS = 60_000

async function until(condition: () => boolean, withinMs: number): Promise<number> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > withinMs) throw new Error(`condition not met within ${withinMs} ms`)
    await new Promise((r) => setTimeout(r, 5))
  }
  return Date.now() - started
}

t.test('the query of a client that went away is interrupted and its connection returned', async (t) => {
  const app = await slowApp({ QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), DB_CONNECTIONS: '1' })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const pool = app.lakes.current!.pool

  for (let round = 1; round <= 3; round++) {
    const client = httpRequest(`${address}/test-slow`)
    client.on('error', () => { /* the socket is destroyed on purpose */ })
    client.end()
    await until(() => pool.stats.active === 1, 5000)
    client.destroy()
    const ms = await until(() => pool.stats.active === 0, 2000)
    t.ok(ms < 2000, `round ${round}: query interrupted ${ms} ms after the disconnect (timeout is ${QUERY_TIMEOUT_MS} ms)`)
    t.same(pool.stats, { size: 1, idle: 1, waiting: 0, active: 0 }, 'the connection is back in the pool')
  }

  const next = await request(`${address}/suppliers?country=USA&section=XVI`)
  t.equal(next.statusCode, 200, 'the next request on the same single connection is answered')
  await next.body.dump()
})

t.test('a client that gives up while waiting in the queue leaves no waiter behind', async (t) => {
  const app = await slowApp({ QUERY_TIMEOUT_MS: '3000', DB_CONNECTIONS: '1', DB_QUEUE_MAX: '4' })
  t.teardown(() => app.close())
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const pool = app.lakes.current!.pool

  const running = httpRequest(`${address}/test-slow`)
  running.on('error', () => {})
  running.end()
  await until(() => pool.stats.active === 1, 5000)
  const queued = httpRequest(`${address}/suppliers?country=USA&section=XVI`)
  queued.on('error', () => {})
  queued.end()
  await until(() => pool.stats.waiting === 1, 5000)
  queued.destroy()
  running.destroy()
  const ms = await until(() => pool.stats.active === 0 && pool.stats.waiting === 0 && pool.stats.idle === 1, 3500)
  t.pass(`pool idle again ${ms} ms after both clients left`)
  const next = await request(`${address}/countries`)
  t.equal(next.statusCode, 200)
  await next.body.dump()
})
