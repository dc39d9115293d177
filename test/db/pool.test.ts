import t from 'tap'
import { DuckDBInstance } from '@duckdb/node-api'
import { ConnectionPool, PoolBusyError, PoolClosedError, QueryAbortedError, QueryTimeoutError } from '../../src/db/pool.js'

// A statement that runs for many seconds unless interrupted.
const SLOW = 'SELECT count(*) AS n FROM range(10000000000) a WHERE a.range % 7 = 3'

async function pool(size = 1, queueMax = 4, queryTimeoutMs = 200) {
  return ConnectionPool.create(await DuckDBInstance.create(':memory:'), { size, queueMax, queryTimeoutMs })
}

t.test('binds values and returns plain numbers', async (t) => {
  const p = await pool()
  t.teardown(() => p.close(0))
  const rows = await p.query('SELECT $1::BIGINT * 2 AS doubled, $2::VARCHAR AS echoed', [21, "O'Brien; DROP TABLE x"])
  t.same(rows, [{ doubled: 42, echoed: "O'Brien; DROP TABLE x" }])
})

t.test('a query past the timeout is interrupted and its connection stays usable', async (t) => {
  const p = await pool(1, 4, 200)
  t.teardown(() => p.close(0))
  const started = Date.now()
  await t.rejects(p.query(SLOW), QueryTimeoutError)
  t.ok(Date.now() - started < 5000, 'interrupted well before the statement would finish')
  t.same(p.stats, { size: 1, idle: 1, waiting: 0, active: 0 }, 'connection returned to the pool')
  t.same(await p.query('SELECT 1 AS one'), [{ one: 1 }], 'the next query on the same connection works')
})

t.test('an aborted request interrupts its query', async (t) => {
  const p = await pool(1, 4, 60000)
  t.teardown(() => p.close(0))
  const controller = new AbortController()
  const running = p.query(SLOW, [], { signal: controller.signal })
  setTimeout(() => controller.abort(), 100)
  await t.rejects(running, QueryAbortedError)
  t.same(await p.query('SELECT 2 AS two'), [{ two: 2 }])
})

t.test('the wait queue is bounded: beyond it callers get PoolBusyError at once', async (t) => {
  const p = await pool(1, 1, 5000)
  t.teardown(() => p.close(0))
  const running = p.query(SLOW, [], { timeoutMs: 300 }).catch((e) => e)
  const queued = p.query('SELECT 1 AS one').catch((e) => e)
  const rejected = await p.query('SELECT 1 AS one').catch((e) => e)
  t.type(rejected, PoolBusyError)
  t.ok((rejected as PoolBusyError).retryAfterSeconds >= 1)
  t.type(await running, QueryTimeoutError)
  t.same(await queued, [{ one: 1 }], 'the queued query ran once the connection was free')
})

t.test('a caller waiting longer than the timeout for a connection gets PoolBusyError', async (t) => {
  const p = await pool(1, 10, 300)
  t.teardown(() => p.close(0))
  const running = p.query(SLOW, [], { timeoutMs: 2000 }).catch((e) => e)
  const waited = await p.query('SELECT 1 AS one', [], { timeoutMs: 100 }).catch((e) => e)
  t.type(waited, PoolBusyError)
  t.type(await running, QueryTimeoutError)
  t.same(await p.query('SELECT 1 AS one'), [{ one: 1 }])
})

t.test('an abort that lands before the statement starts executing still interrupts it', async (t) => {
  // DuckDB drops an interrupt sent before execution begins; the pool repeats it until the statement ends.
  const p = await pool(1, 4, 60000)
  t.teardown(() => p.close(0))
  for (const delay of [0, 0, 1, 2, 5]) {
    const controller = new AbortController()
    const started = Date.now()
    const running = p.query(SLOW, [], { signal: controller.signal })
    setTimeout(() => controller.abort(), delay)
    await t.rejects(running, QueryAbortedError)
    t.ok(Date.now() - started < 2000, `abort after ${delay} ms: interrupted in ${Date.now() - started} ms`)
  }
  t.same(p.stats, { size: 1, idle: 1, waiting: 0, active: 0 })
})

t.test('close() past its grace interrupts what still runs, settles it, and returns', async (t) => {
  const p = await pool(2, 4, 60000)
  const running = [p.query(SLOW).catch((e) => e), p.query(SLOW).catch((e) => e)]
  await new Promise((r) => setTimeout(r, 50))
  const started = Date.now()
  await p.close(100)
  t.ok(Date.now() - started < 3000, `closed in ${Date.now() - started} ms`)
  for (const outcome of await Promise.all(running)) t.type(outcome, PoolClosedError, 'the running statement ends as "pool closed" (503), not hung')
})
