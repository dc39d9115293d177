// The lake folder removed while the service answers requests: clear 503s, no crash, /health still 200,
// /ready says the version folder is gone; a new version put back is served again.
import { cp, rm } from 'node:fs/promises'
import t from 'tap'
import { copyDemoLake } from '../helpers/lake-copy.js'
import { DEMO_LAKE, appOn } from '../helpers/lakes.js'

const lake = await copyDemoLake('tradedep-removed-')
const app = await appOn(lake.lakeDir, { CACHE_MAX_MB: '0' })
t.teardown(async () => { await app.close(); await lake.remove() })

// Endpoints that read parquet on every request (the reference lists, and /growth from trade_chapter, are answered
// from memory: src/db/resident.ts).
const READ_PARQUET = [
  '/suppliers?country=USA&section=XVI', '/hhi?country=USA&section=XVI', '/single-source?country=USA&section=XVI', '/cr1',
  '/buyer-concentration', '/bec-stages', '/fva-peers?country=USA&section=XVI', '/smile-fit?section=XVI',
]
const FROM_MEMORY = ['/countries', '/sections', '/datasets', '/growth?section=XVI']

t.test('removed in the middle of a burst of requests', async (t) => {
  for (const url of READ_PARQUET) t.equal((await app.inject(url)).statusCode, 200, `before: ${url}`)
  // A burst in flight while the folder goes: each request either completes or gets a clear 503, never a 500.
  const burst = Promise.all(Array.from({ length: 60 }, (_, i) => app.inject(READ_PARQUET[i % READ_PARQUET.length]!)))
  await new Promise((r) => setTimeout(r, 5))
  await rm(lake.lakeDir, { recursive: true, force: true })
  const answers = await burst
  const statuses = answers.map((r) => r.statusCode)
  t.same([...new Set(statuses)].filter((s) => s !== 200 && s !== 503), [], `only 200 or 503 during the removal (${statuses.filter((s) => s === 503).length} × 503)`)

  for (const url of READ_PARQUET) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 503, `${url} → 503`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.ok(Number(res.headers['retry-after']) > 0, 'with Retry-After')
    t.match(res.json(), { status: 503, code: 'TRADEDEP_LAKE_UNREADABLE' })
    t.notMatch(res.body, /SELECT|No files found|\/tmp\//, 'no SQL or path in the body')
  }
  for (const url of FROM_MEMORY) t.equal((await app.inject(url)).statusCode, 200, `${url} is answered from memory`)
  t.equal((await app.inject('/health')).statusCode, 200, '/health is 200: the process is alive')
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { code: 'TRADEDEP_LAKE_UNREADABLE', detail: /served version folder .* is gone/ })
})

t.test('a lake put back is opened and served again', async (t) => {
  await cp(DEMO_LAKE, lake.lakeDir, { recursive: true, verbatimSymlinks: true })
  await app.lakes.reload()
  t.equal((await app.inject('/ready')).statusCode, 200)
  for (const url of READ_PARQUET) t.equal((await app.inject(url)).statusCode, 200, `after: ${url}`)
})
