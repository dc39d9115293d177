import { gunzipSync } from 'node:zlib'
import t from 'tap'
import { readBuildInfo } from '../../src/dashboard/build.js'
import { demoApp } from '../helpers/lakes.js'

const app = await demoApp()
t.teardown(() => app.close())

t.test('/ serves the dashboard page under the strict CSP, with its assets', async (t) => {
  const res = await app.inject('/')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  const csp = String(res.headers['content-security-policy'])
  t.match(csp, /default-src 'self'/)
  t.match(csp, /script-src 'self'(;|$)/, 'scripts only from the API itself: no inline script, no eval, no CDN')
  t.notMatch(res.body, /<script(?![^>]*\bsrc="\/dashboard\/)/, 'no inline script')
  t.notMatch(res.body, /https?:\/\//, 'nothing loaded from another origin')
  const info = (await readBuildInfo())!
  t.ok(info, 'the bundle was built on first use')
  for (const src of [...res.body.matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)].map((m) => m[1]!)) {
    const asset = await app.inject(src)
    t.equal(asset.statusCode, 200, src)
    t.equal(asset.headers.etag, `"${info.files[src.slice('/dashboard/'.length)]!.sha256.slice(0, 24)}"`, `${src}: ETag of the built file`)
  }
})

t.test('the script bundles vega-embed with the CSP-safe interpreter, gzipped on request', async (t) => {
  const plain = await app.inject('/dashboard/app.js')
  t.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8')
  t.notOk(plain.headers['content-encoding'])
  t.match(plain.body, /vega-embed|vegaEmbed/)
  const gzip = await app.inject({ url: '/dashboard/app.js', headers: { 'accept-encoding': 'gzip, br' } })
  t.equal(gzip.headers['content-encoding'], 'gzip')
  t.equal(gunzipSync(gzip.rawPayload).toString(), plain.body, 'the same script')
  t.ok(gzip.rawPayload.length < plain.rawPayload.length / 2, `${(gzip.rawPayload.length / 1024).toFixed(0)} KiB gzipped`)
  const again = await app.inject({ url: '/dashboard/app.js', headers: { 'if-none-match': String(plain.headers.etag) } })
  t.equal(again.statusCode, 304)
})

t.test('only the built files are served', async (t) => {
  for (const path of ['/dashboard/build.json', '/dashboard/main.ts', '/dashboard/nope.js', '/dashboard/..%2f..%2fpackage.json', '/dashboard/app.js.gz', '/dashboard/.%2e%2fpackage.json']) {
    const res = await app.inject(path)
    t.ok(res.statusCode === 404 || res.statusCode === 400, `${path} → ${res.statusCode}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
})
