import t from 'tap'
import { demoApp } from '../helpers/lakes.js'

t.test('security headers and CORS', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  const res = await app.inject({ url: '/countries', headers: { origin: 'https://dash.example.org' } })
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.match(res.headers['access-control-expose-headers'], /x-tradedep-synthetic/)
})

t.test('CORS_ORIGINS restricts origins', async (t) => {
  const app = await demoApp({ CORS_ORIGINS: 'https://dash.example.org' })
  t.teardown(() => app.close())
  const allowed = await app.inject({ url: '/countries', headers: { origin: 'https://dash.example.org' } })
  t.equal(allowed.headers['access-control-allow-origin'], 'https://dash.example.org')
  const other = await app.inject({ url: '/countries', headers: { origin: 'https://evil.example.com' } })
  t.equal(other.headers['access-control-allow-origin'], undefined)
})

t.test('rate limiting answers 429 problem+json with Retry-After', async (t) => {
  const app = await demoApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' })
  t.teardown(() => app.close())
  for (let i = 0; i < 3; i++) t.equal((await app.inject('/health')).statusCode, 200)
  const limited = await app.inject('/health')
  t.equal(limited.statusCode, 429)
  t.match(limited.headers['content-type'], /^application\/problem\+json/)
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.match(limited.json(), { status: 429, code: 'TRADEDEP_RATE_LIMITED', title: 'Too Many Requests' })
})

t.test('/metrics exposes request latency, the pool and the lake version', async (t) => {
  const app = await demoApp()
  t.teardown(() => app.close())
  await app.inject('/countries')
  await app.inject('/countries?format=bad')
  const res = await app.inject('/metrics')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain/)
  t.match(res.body, /tradedep_http_request_duration_seconds_count\{route="\/countries",status="200"\} 1/)
  t.match(res.body, /tradedep_http_problems_total\{status="400",code="TRADEDEP_BAD_PARAMETER"\} 1/)
  t.match(res.body, /tradedep_db_pool_connections\{state="size"\} 4/)
  t.match(res.body, /tradedep_lake_info\{lake_version="[^"]+",synthetic="true"\} 1/)
})
