// An endpoint's answer requested in-process (Fastify inject): /report and /cite reuse the figure endpoints whole —
// validation, SQL, metrics, meta and citation — so their numbers are the endpoints' own.
import type { FastifyRequest } from 'fastify'

export interface InnerAnswer {
  status: number
  body: Record<string, unknown>
  headers: Record<string, unknown>
}

/**
 * GET `url` on this app as the caller: same client address (so the rate limit counts the work against the caller, not a
 * shared loopback address) and a request id derived from the caller's, so the logs tie the two together.
 */
export async function innerGet(request: FastifyRequest, url: string, tag: string): Promise<InnerAnswer> {
  const res = await request.server.inject({
    method: 'GET',
    url,
    remoteAddress: request.ip,
    headers: { 'x-request-id': `${request.id}.${tag}`.slice(0, 64) },
  })
  let body: Record<string, unknown>
  try {
    body = JSON.parse(res.body) as Record<string, unknown>
  } catch {
    body = { status: res.statusCode, detail: res.body.slice(0, 500) }
  }
  return { status: res.statusCode, body, headers: res.headers }
}
