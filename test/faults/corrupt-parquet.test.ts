// A corrupt parquet file in the served lake: the endpoints that read it answer a clear 503 problem+json,
// the others keep answering, /ready names the unreadable table, and it recovers once the file is repaired.
import { readFile, truncate, utimes, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { copyDemoLake } from '../helpers/lake-copy.js'
import { appOn } from '../helpers/lakes.js'

const lake = await copyDemoLake('tradedep-corrupt-')
const app = await appOn(lake.lakeDir, { CACHE_MAX_MB: '0' })
t.teardown(async () => { await app.close(); await lake.remove() })

const READS_TRADE_HS6 = ['/cr1', '/buyer-concentration']
const READS_IMPORTS_CHAPTER = ['/suppliers?country=USA&section=XVI']
const UNAFFECTED = ['/growth?section=XVI', '/bec-stages?country=USA&section=XVI', '/fva-peers?country=USA&section=XVI', '/countries', '/datasets']

async function expectUnreadable(t: Test, url: string) {
  const res = await app.inject(url)
  t.equal(res.statusCode, 503, `${url} → 503`)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.ok(Number(res.headers['retry-after']) > 0, 'with Retry-After')
  t.match(res.json(), { status: 503, code: 'TRADEDEP_LAKE_UNREADABLE', detail: /could not be read/ })
  t.notMatch(res.body, /SELECT|read_parquet|LINE \d|\.parquet/, 'no SQL or file path in the 5xx body')
}

// DuckDB caches file blocks and checks a file's modification time before reusing them; a write within the same second
// as the last read could go unseen. Each change here gets a later time, as a real one (minutes apart) would have.
let changes = 0
async function touch(file: string) {
  const later = new Date(Date.now() + 10_000 * ++changes)
  await utimes(file, later, later)
}

/** Puts the original bytes back, as an operator would. */
async function restore(file: string, bytes: Buffer) {
  await writeFile(file, bytes)
  await touch(file)
}

t.test('a summary parquet overwritten with garbage', async (t) => {
  const file = join(lake.versionDir, 'summary/trade_hs6.parquet')
  const original = await readFile(file)
  for (const url of [...READS_TRADE_HS6, ...UNAFFECTED]) t.equal((await app.inject(url)).statusCode, 200, `before: ${url}`)
  t.equal((await app.inject('/ready')).statusCode, 200)

  await writeFile(file, randomBytes(original.length))
  await touch(file)
  for (const url of READS_TRADE_HS6) await expectUnreadable(t, url)
  for (const url of UNAFFECTED) t.equal((await app.inject(url)).statusCode, 200, `others keep answering: ${url}`)
  t.equal((await app.inject('/health')).statusCode, 200, '/health is 200: the process is alive')

  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 503, '/ready is 503 while a table cannot be read')
  t.match(ready.headers['content-type'], /^application\/problem\+json/)
  const problem = ready.json()
  t.match(problem, { status: 503, code: 'TRADEDEP_LAKE_UNREADABLE', detail: /trade_hs6 \(summary\/trade_hs6\.parquet\)/ })
  t.match(problem.unreadable, [{ table: 'trade_hs6', file: 'summary/trade_hs6.parquet', reason: /magic bytes|parquet/i }])
  t.notOk(ready.body.includes(lake.lakeDir), '/ready names the file inside the lake, not the server\'s folders')

  await restore(file, original)
  t.equal((await app.inject('/ready')).statusCode, 200, 'the file repaired: /ready is 200 again')
  for (const url of READS_TRADE_HS6) t.equal((await app.inject(url)).statusCode, 200, `repaired: ${url}`)
})

t.test('a summary parquet truncated to half its size', async (t) => {
  const file = join(lake.versionDir, 'summary/imports_chapter.parquet')
  const original = await readFile(file)
  await truncate(file, Math.floor(original.length / 2))
  await touch(file)
  for (const url of READS_IMPORTS_CHAPTER) await expectUnreadable(t, url)
  for (const url of [...READS_TRADE_HS6, ...UNAFFECTED]) t.equal((await app.inject(url)).statusCode, 200, `others keep answering: ${url}`)
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json().unreadable, [{ table: 'imports_chapter', file: 'summary/imports_chapter.parquet' }])
  await restore(file, original)
  t.equal((await app.inject('/ready')).statusCode, 200, 'repaired')
})
