// One error handler for the whole API: every failure becomes an RFC 9457 problem+json; 5xx details are masked.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isLakeReadError } from '../db/lake-health.js'
import { PoolBusyError, PoolClosedError, QueryAbortedError, QueryTimeoutError } from '../db/pool.js'
import { problemTitle, problemType, type Problem } from '../errors.js'

interface Classified { status: number; code: string; detail: string; parameter?: string; retryAfter?: number }

function validationProblem(error: FastifyError): Classified {
  const first = error.validation![0]!
  const params = first.params as Record<string, unknown>
  const parameter = (params.missingProperty ?? params.additionalProperty ?? first.instancePath.replace(/^\//, '').split('/')[0]) as string
  let detail: string
  // `?=1` is an unknown parameter with an empty name: still say what is wrong.
  if (params.additionalProperty === '') detail = 'unknown parameter with an empty name'
  else if (params.additionalProperty) detail = `unknown parameter "${parameter}"`
  else if (params.missingProperty) detail = `parameter ${parameter} is required`
  else {
    const allowed = Array.isArray(params.allowedValues) ? ` (one of ${params.allowedValues.join(', ')})` : ''
    detail = `parameter ${parameter}: ${first.message ?? 'is invalid'}${allowed}`
  }
  return { status: 400, code: 'TRADEDEP_BAD_PARAMETER', detail, parameter: parameter || undefined }
}

function classify(error: FastifyError): Classified {
  if (error.validation) return validationProblem(error)
  if (error instanceof PoolBusyError) {
    return { status: 503, code: 'TRADEDEP_OVERLOADED', detail: 'all database connections are busy; retry shortly', retryAfter: error.retryAfterSeconds }
  }
  if (error instanceof PoolClosedError) {
    return { status: 503, code: 'TRADEDEP_LAKE_SWITCHING', detail: 'the lake is being switched; retry shortly', retryAfter: 1 }
  }
  if (error instanceof QueryTimeoutError) {
    return { status: 504, code: 'TRADEDEP_QUERY_TIMEOUT', detail: `the query ran longer than ${error.timeoutMs} ms and was stopped` }
  }
  if (error instanceof QueryAbortedError) return { status: 499, code: 'TRADEDEP_CLIENT_GONE', detail: error.message }
  if (isLakeReadError(error)) {
    return { status: 503, code: 'TRADEDEP_LAKE_UNREADABLE', detail: 'a file of the lake could not be read; the operators have been told', retryAfter: 30 }
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
  if (status >= 500) {
    return { status, code: error.code?.startsWith('TRADEDEP_') ? error.code : 'TRADEDEP_INTERNAL', detail: error.code?.startsWith('TRADEDEP_') ? error.message : 'internal error' }
  }
  return { status, code: error.code ?? 'TRADEDEP_BAD_REQUEST', detail: error.message, parameter: (error as { parameter?: string }).parameter }
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, c: Classified, extra: Record<string, unknown> = {}) {
  const problem: Problem = {
    type: problemType(c.code),
    title: problemTitle(c.status),
    status: c.status,
    detail: c.detail,
    instance: request.url.split('?')[0],
    code: c.code,
    ...(c.parameter ? { parameter: c.parameter } : {}),
    request_id: request.id,
    ...extra,
  }
  if (c.retryAfter) reply.header('retry-after', String(c.retryAfter))
  reply.header('x-tradedep-problem-code', c.code)
  return reply.status(c.status).type('application/problem+json').send(problem)
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'TRADEDEP_REQUEST_TIMEOUT', 'the request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'TRADEDEP_REQUEST_TOO_LARGE', 'the request line and headers exceed 16 KB; shorten the query string'],
}

/**
 * Fastify's clientErrorHandler: what the HTTP parser refuses before a request exists (a URL or headers over the size limit,
 * a malformed request) is answered as problem+json too, then the connection is closed, as Node does.
 */
export function clientProblem(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, code, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'TRADEDEP_BAD_HTTP_REQUEST', 'the HTTP request is malformed']
  const body = JSON.stringify({ type: problemType(code), title: STATUS_CODES[status], status, detail, code })
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Content-Type: application/problem+json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`)
  }
  socket.destroy(error)
}

async function problems(fastify: FastifyInstance) {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const classified = classify(error)
    if (classified.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: classified.code, detail: classified.detail }, 'request rejected')
    return sendProblem(request, reply, classified)
  })
  fastify.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, code: 'TRADEDEP_NO_ROUTE', detail: `no endpoint ${request.method} ${request.url.split('?')[0]}; see /docs` }))
}

export default fp(problems, { name: 'tradedep-problems' })
