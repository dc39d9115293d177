// A local HTTP server on 127.0.0.1 serving release files in the official layout, with Range support and injectable faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Served {
  /** The body, or a function of the request's URL (for paged APIs). */
  body: Buffer | ((url: URL) => Buffer | null)
  /** Cut the connection after this many bytes on the first `cuts` requests. */
  cutAfter?: number
  cuts?: number
}

export interface ReleaseServer {
  baseUrl: string
  /** Every request seen: path (with query) and its Range header. */
  requests: { path: string; range: string | undefined }[]
  close(): Promise<void>
}

export async function startReleaseServer(routes: Record<string, Served>): Promise<ReleaseServer> {
  const requests: ReleaseServer['requests'] = []
  const cutsDone = new Map<string, number>()
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push({ path: `${url.pathname}${url.search}`, range: req.headers.range })
    const route = routes[url.pathname]
    const body = route ? (typeof route.body === 'function' ? route.body(url) : route.body) : null
    if (!route || !body) { res.writeHead(404).end('not found'); return }
    let start = 0
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
    if (range) {
      start = Number(range[1])
      if (start >= body.length) { res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end(); return }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'accept-ranges': 'bytes' })
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' })
    }
    const done = cutsDone.get(url.pathname) ?? 0
    if (route.cutAfter !== undefined && done < (route.cuts ?? 1)) {
      cutsDone.set(url.pathname, done + 1)
      res.write(body.subarray(start, start + route.cutAfter), () => res.socket?.destroy())
      return
    }
    res.end(body.subarray(start))
  }
  const server = createServer(handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
