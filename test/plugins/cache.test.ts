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
