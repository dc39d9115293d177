// What the HTTP layer refuses before a route runs (a query string over the header limit, a malformed request,
// an oversize body, a method no route takes) is problem+json too, over a real listening server.
import { connect } from 'node:net'
import t from 'tap'
import { request } from 'undici'
import { demoApp } from '../helpers/lakes.js'

const app = await demoApp()
t.teardown(() => app.close())
const address = await app.listen({ port: 0, host: '127.0.0.1' })
const port = Number(new URL(address).port)

/** Sends raw bytes and returns everything the server writes before it closes the connection. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let answer = ''
    socket.on('data', (chunk) => { answer += chunk })
    socket.on('close', () => resolve(answer))
    socket.on('error', () => {})
  })
}

t.test('a query string over the 16 KB header limit: 431 problem+json', async (t) => {
  const res = await request(`${address}/suppliers?country=USA&section=XVI&exclude=${'CHN,'.repeat(6000)}RUS`)
  t.equal(res.statusCode, 431)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(await res.body.json(), { status: 431, code: 'TRADEDEP_REQUEST_TOO_LARGE', title: 'Request Header Fields Too Large' })
})

t.test('a malformed request: 400 problem+json, connection closed', async (t) => {
  for (const bytes of [
    'GET /countries HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'GET /countries HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
    'GET /coun\u0000tries HTTP/1.1\r\nHost: x\r\n\r\n',
    'NOT-HTTP\r\n\r\n',
  ]) {
    const answer = await raw(bytes)
    t.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/, JSON.stringify(bytes))
    t.match(answer, /Content-Type: application\/problem\+json/)
    t.match(JSON.parse(answer.split('\r\n\r\n')[1]!), { status: 400, code: 'TRADEDEP_BAD_HTTP_REQUEST' })
  }
})

t.test('bodies and methods the API does not take', async (t) => {
  const post = await request(`${address}/countries`, { method: 'POST', body: 'x'.repeat(1024 * 1024), headers: { 'content-type': 'application/json' } })
  t.ok([404, 413].includes(post.statusCode), `POST with 1 MB body → ${post.statusCode}`)
  t.match(post.headers['content-type'], /^application\/problem\+json/)
  await post.body.dump()
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    const res = await request(`${address}/countries`, { method })
    t.equal(res.statusCode, 404, `${method} → 404`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    await res.body.dump()
  }
  t.equal((await request(`${address}/countries`)).statusCode, 200, 'the server still answers')
})
