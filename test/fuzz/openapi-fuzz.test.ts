// Property-based fuzzing of every GET endpoint, with requests generated from the app's own OpenAPI document:
// valid values (from each parameter's schema and the lake's catalog) and hostile ones (wrong types, huge numbers,
// unicode, long strings, repeated keys, SQL and path fragments, null bytes, raw percent-encoding).
// Properties: no 5xx; every error is problem+json with an expected status; every 2xx envelope is `{data, meta}`, synthetic.
import t from 'tap'
import fc from 'fast-check'
import { Value } from 'typebox/value'
import { Problem } from '../../src/routes/shared/schemas.js'
import { demoApp } from '../helpers/lakes.js'
import {
  ERROR_STATUSES, catalogTokens, type FuzzRequest, type Operation, operationsOf, urlOf,
} from '../helpers/openapi-requests.js'

const SEED = Number(process.env.FUZZ_SEED ?? 9_2026)
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000)
/** Requests per property run, sent concurrently (the pool has several connections). */
const BATCH = 8

// ~30 s on 2 cores; generous for a busy CI machine.
t.setTimeout(180_000)
const app = await demoApp()
t.teardown(() => app.close())

const operations = operationsOf(app.swagger() as never)
const tokens = catalogTokens(app.lakes.current!.catalog)
const stats = { requests: 0, byStatus: new Map<number, number>(), byOperation: new Map<string, Map<number, number>>() }

t.comment(`fuzz seed ${SEED} (set FUZZ_SEED to replay another), ${operations.length} operations, target ${TOTAL_REQUESTS} requests`)

/** Checks one answer against the properties; returns why it fails, or null. */
function violation(op: Operation, request: FuzzRequest, res: Awaited<ReturnType<typeof app.inject>>): string | null {
  const type = String(res.headers['content-type'] ?? '')
  if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`
  if (res.statusCode >= 400) {
    if (!ERROR_STATUSES.has(res.statusCode)) return `unexpected status ${res.statusCode}`
    if (!type.startsWith('application/problem+json')) return `error with content-type ${type}`
    const body = JSON.parse(res.body) as Record<string, unknown>
    if (!Value.Check(Problem, body)) return `error body does not match Problem: ${res.body.slice(0, 300)}`
    if (body.status !== res.statusCode) return `problem status ${String(body.status)} ≠ HTTP ${res.statusCode}`
    if (/\bat .*\.[cm]?[jt]s:\d+/.test(res.body)) return 'stack trace in an error body'
    const named = new Set([...op.parameters.map((p) => p.name), ...request.query.map(([k]) => k)])
    if (body.parameter !== undefined && !named.has(String(body.parameter))) return `problem names an unknown parameter ${String(body.parameter)}`
    const emptyName = request.query.some(([k]) => k === '')
    if (res.statusCode === 400 && body.parameter === undefined && !emptyName) return `400 without the parameter at fault: ${String(body.detail)}`
    return null
  }
  if (res.statusCode !== 200) return `unexpected status ${res.statusCode}`
  if (type.startsWith('text/csv') || !op.envelope) return null
  // format=vega-lite on figure endpoints: a Vega-Lite spec, not an envelope.
  if (type.startsWith('application/vnd.vegalite')) {
    return res.body.startsWith('{"$schema":"https://vega.github.io/schema/vega-lite/') ? null : `not a Vega-Lite spec: ${res.body.slice(0, 200)}`
  }
  if (!type.startsWith('application/json')) return `2xx with content-type ${type}`
  const body = JSON.parse(res.body) as { data?: unknown; meta?: { synthetic?: unknown } }
  if (!('data' in body) || typeof body.meta !== 'object') return `2xx body is not {data, meta}: ${res.body.slice(0, 200)}`
  if (body.meta?.synthetic !== true) return 'meta.synthetic is not true on the demo lake'
  return null
}

async function send(op: Operation, request: FuzzRequest): Promise<void> {
  const res = await app.inject({ method: 'GET', url: urlOf(op.path, request), headers: request.headers })
  stats.requests++
  stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1)
  const mine = stats.byOperation.get(op.path) ?? new Map<number, number>()
  stats.byOperation.set(op.path, mine.set(res.statusCode, (mine.get(res.statusCode) ?? 0) + 1))
  const why = violation(op, request, res)
  if (why) throw new Error(`GET ${urlOf(op.path, request).slice(0, 400)} → ${why}`)
}

const runs = Math.ceil(TOTAL_REQUESTS / BATCH / operations.length)
t.ok(operations.length >= 10, `the document lists ${operations.length} GET operations`)

/** Each operation's own seed, from its path: a new endpoint does not change the requests sent to the others. */
function seedOf(path: string): number {
  let hash = SEED
  for (const char of path) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0
  return hash
}

for (const op of operations) {
  t.test(`GET ${op.path}: ${runs * BATCH} generated requests`, async (t) => {
    const arbitrary = fc.array(op.requests(tokens), { minLength: BATCH, maxLength: BATCH })
    await fc.assert(
      fc.asyncProperty(arbitrary, async (batch) => { await Promise.all(batch.map((request) => send(op, request))) }),
      { seed: seedOf(op.path), numRuns: runs },
    )
    const answers = Object.fromEntries([...(stats.byOperation.get(op.path) ?? [])].sort(([a], [b]) => a - b))
    t.pass(`no property broken; answers by status ${JSON.stringify(answers)}`)
  })
}

t.test('totals', async (t) => {
  const byStatus = Object.fromEntries([...stats.byStatus].sort(([a], [b]) => a - b))
  t.comment(`${stats.requests} requests; answers by status: ${JSON.stringify(byStatus)}`)
  t.ok(stats.requests >= TOTAL_REQUESTS, `at least ${TOTAL_REQUESTS} requests sent`)
  t.ok((stats.byStatus.get(200) ?? 0) >= stats.requests / 10, 'a good share of the requests were valid and answered 200')
  t.ok((stats.byStatus.get(400) ?? 0) >= stats.requests / 3, 'most hostile requests were refused with 400')
})
