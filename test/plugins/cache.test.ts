import t from 'tap'
import { demoApp } from '../helpers/lakes.js'

t.test('answers carry an ETag; If-None-Match gives 304; the cache serves identical bodies', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const first = await app.inject('/countries?format=json')
  t.equal(first.statusCode, 200)
  t.equal(first.headers['x-cache'], 'miss')
  t.match(first.headers['cache-control'], /max-age=60/)
  const etag = first.headers.etag as string
  t.match(etag, /^"[\w-]+"$/)

  const second = await app.inject('/countries?format=json')
  t.equal(second.headers['x-cache'], 'hit')
  t.equal(second.body, first.body)
  t.equal(second.headers.etag, etag)
  t.equal(second.headers['x-tradedep-synthetic'], 'true')

  const notModified = await app.inject({ url: '/countries?format=json', headers: { 'if-none-match': etag } })
  t.equal(notModified.statusCode, 304)
  t.equal(notModified.body, '')

  const csv = await app.inject({ url: '/countries', headers: { accept: 'text/csv' } })
  t.match(csv.headers['content-type'], /^text\/csv/, 'the Accept header is part of the key')
  t.not(csv.headers.etag, etag)

  const reordered = await app.inject('/countries?explain=false&format=json')
  const plain = await app.inject('/countries?format=json&explain=false')
  t.equal(plain.headers['x-cache'], 'hit', 'parameter order does not matter')
  t.equal(plain.body, reordered.body)
})

t.test('errors are not cached', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  await app.inject('/countries?format=xml')
  const again = await app.inject('/countries?format=xml')
  t.equal(again.statusCode, 400)
  t.equal(again.headers['x-cache'], undefined)
  t.equal(again.headers.etag, undefined)
})

t.test('CACHE_MAX_MB=0 turns the cache off but keeps ETags', async (t) => {
  const app = await demoApp({ CACHE_MAX_MB: '0' })
  t.teardown(() => app.close())
  await app.inject('/countries')
  const second = await app.inject('/countries')
  t.equal(second.headers['x-cache'], 'miss')
  t.ok(second.headers.etag)
})

t.test('a /report with a figure refused under load is not cached', async (t) => {
  // One connection and no wait queue: the report's figures run in parallel, so all but one are refused (503).
  const app = await demoApp({ DB_CONNECTIONS: '1', DB_QUEUE_MAX: '0' })
  t.teardown(() => app.close())
  const url = '/report?country=USA&section=XVI'
  const first = await app.inject(url)
  t.equal(first.statusCode, 200)
  const refused = first.json().data.figures.filter((f: { status: number }) => f.status === 503)
  t.ok(refused.length > 0, `${refused.length} figures refused with 503`)
  t.equal(first.headers['cache-control'], 'no-store')
  t.equal(first.headers.etag, undefined, 'no ETag for an answer that is not kept')
  const second = await app.inject(url)
  t.not(second.headers['x-cache'], 'hit', 'the next request computes the report again')
})
