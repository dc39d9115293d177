// The project's errors, made once with @fastify/error, and their RFC 9457 problem+json form.
import createError from '@fastify/error'

export const PROBLEM_TYPE_BASE = 'urn:tradedep:problem:'

/** A client error about one request parameter. */
export const BadParameter = createError<[string, string]>('TRADEDEP_BAD_PARAMETER', 'parameter %s: %s', 400)
export const UnknownCountry = createError<[string]>('TRADEDEP_UNKNOWN_COUNTRY', 'unknown country code "%s"', 400)
export const UnknownSection = createError<[string]>('TRADEDEP_UNKNOWN_SECTION', 'unknown HS section "%s"', 400)
export const UnknownChapter = createError<[string]>('TRADEDEP_UNKNOWN_CHAPTER', 'unknown HS chapter "%s"', 400)
export const YearOutOfRange = createError<[string, number | string, string]>(
  'TRADEDEP_YEAR_OUT_OF_RANGE', 'parameter %s: %s is outside the lake\'s coverage (%s)', 400)
export const NotFound = createError<[string]>('TRADEDEP_NOT_FOUND', '%s', 404)
export const Unprocessable = createError<[string]>('TRADEDEP_UNPROCESSABLE', '%s', 422)
export const LakeNotReady = createError<[string]>('TRADEDEP_LAKE_NOT_READY', 'the lake is not available: %s', 503)
export const Overloaded = createError('TRADEDEP_OVERLOADED', 'the service is busy; retry shortly', 503)
export const QueryTimeout = createError<[number]>('TRADEDEP_QUERY_TIMEOUT', 'the query ran longer than %d ms and was stopped', 504)
export const NotAcceptable = createError<[string]>('TRADEDEP_NOT_ACCEPTABLE', '%s', 406)

/** The parameter a BadParameter-like error is about, carried into the problem body. */
export function withParameter<E extends Error>(error: E, parameter: string): E {
  return Object.assign(error, { parameter })
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  code?: string
  parameter?: string
  request_id?: string
  [extra: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
}

export function problemTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
}

export function problemType(code: string | undefined): string {
  if (!code) return 'about:blank'
  return PROBLEM_TYPE_BASE + code.replace(/^(TRADEDEP_|FST_ERR_)/, '').toLowerCase().replaceAll('_', '-')
}
