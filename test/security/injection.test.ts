// SQL-injection and path-traversal payloads in every parameter of every endpoint change nothing and read nothing;
// and on the pool of an opened lake, DuckDB cannot reach any file outside the lake version, whatever SQL it runs.
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { PATH_FRAGMENTS, SQL_FRAGMENTS, operationsOf, type Operation } from '../helpers/openapi-requests.js'
import { copyDemoLake, fingerprint } from '../helpers/lake-copy.js'
import { ROOT, appOn, independentQuery } from '../helpers/lakes.js'

const PASSWD = 'root:x:0:0'
/** Files the payloads try to create. */
const PLANTED = ['/tmp/tradedep-pwn.csv', '/tmp/tradedep-pwn.db', '/tmp/x.csv', '/tmp/x.db']

const PAYLOADS = [
  ...SQL_FRAGMENTS, ...PATH_FRAGMENTS,
  "USA') UNION ALL SELECT column0, column0 FROM read_csv('/etc/passwd', header=false) --",
  "XVI'; COPY (SELECT * FROM countries) TO '/tmp/tradedep-pwn.csv'; --",
  "1); ATTACH '/tmp/tradedep-pwn.db' AS p; CREATE TABLE p.t AS SELECT 1; --",
  "'; CREATE OR REPLACE VIEW countries AS SELECT 'PWN' AS iso3; --",
  "'; INSTALL httpfs; LOAD httpfs; SELECT * FROM read_parquet('https://example.org/x.parquet'); --",
  '../../../../../../../../etc/passwd%00.parquet', '/etc/passwd\u0000', '..%252f..%252fetc%252fpasswd',
]

const lake = await copyDemoLake('tradedep-injection-')
// No response cache: the "served data identical" check below recomputes every answer.
const app = await appOn(lake.lakeDir, { CACHE_MAX_MB: '0' })
t.teardown(async () => { await app.close(); await lake.remove() })
for (const file of PLANTED) await rm(file, { force: true })

const operations = operationsOf(app.swagger() as never)

/** The endpoint's example request: its required parameters, and `section` when it takes one. */
function baseline(op: Operation): Record<string, string> {
  const query: Record<string, string> = {}
  for (const p of op.parameters) {
    if ((p.required || p.name === 'section') && p.example !== undefined) query[p.name] = String(p.example)
  }
  return query
}

function url(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString()
  return search ? `${path}?${search}` : path
}

async function servedData(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const op of operations.filter((o) => o.envelope)) {
    const res = await app.inject(url(op.path, baseline(op)))
    out[op.path] = `${res.statusCode} ${JSON.stringify(res.json().data)}`
  }
  return out
}

const filesBefore = await fingerprint(lake.lakeDir)
const dataBefore = await servedData()

t.test('every data endpoint answers its example request', async (t) => {
  for (const [path, answer] of Object.entries(dataBefore)) t.match(answer, /^200 /, `${path}: ${answer.slice(0, 200)}`)
})

t.test('payloads in every parameter of every endpoint: no 5xx, nothing read', async (t) => {
  let sent = 0
  const accepted: string[] = []
  for (const op of operations) {
    // Endpoints without parameters still get the payloads, as an unknown parameter.
    const names = op.parameters.length > 0 ? op.parameters.map((p) => p.name) : ['q']
    for (const name of names) {
      for (const payload of PAYLOADS) {
        const target = url(op.path, { ...baseline(op), [name]: payload })
        const res = await app.inject(target)
        sent++
        if (res.statusCode >= 500 || res.body.includes(PASSWD)) t.fail(`${target} → ${res.statusCode} ${res.body.slice(0, 200)}`)
        if (res.statusCode === 200 && op.envelope) accepted.push(`${op.path} ${name}=${payload}`)
      }
    }
  }
  t.comment(`${sent} requests; accepted (the payload parsed as a legal value): ${accepted.length ? accepted.join(' | ') : 'none'}`)
  // Only values that are legal after coercion get through (e.g. "0x41" is the integer 65); no SQL or path text does.
  t.same(accepted.filter((a) => /[';/\\(]|\.\./.test(a.split('=').slice(1).join('='))), [], 'no SQL or path payload is accepted')
  t.ok(sent > 1000, `${sent} payload requests`)
})

t.test('path traversal in the URL path (the static files of /docs and the dashboard included)', async (t) => {
  const paths = [
    '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/docs/../../../../etc/passwd', '/docs/static/../../../../../etc/passwd',
    '/docs/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/docs/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/docs/static/%252e%252e/%252e%252e/etc/passwd', '/docs/static/....//....//etc/passwd', '/etc/passwd',
    '/countries/../../../etc/passwd', '/countries%00/../etc/passwd', '//etc/passwd', '/docs/static/%00', '/\\..\\..\\etc\\passwd',
    '/dashboard/..%2f..%2f..%2fetc%2fpasswd', '/dashboard/%2e%2e%2f%2e%2e%2fpackage.json', '/dashboard/../../etc/passwd', '/dashboard/..',
  ]
  for (const path of paths) {
    const res = await app.inject(path)
    t.ok(res.statusCode < 500, `${path} → ${res.statusCode}`)
    t.notOk(res.body.includes(PASSWD), `${path} reads nothing`)
  }
})

t.test('payloads in headers: the request id is never echoed unless it is a plain token', async (t) => {
  for (const payload of PAYLOADS.filter((p) => !/[\r\n\u0000]/.test(p) && /^[\x20-\x7e]*$/.test(p))) {
    const res = await app.inject({ url: '/countries', headers: { 'x-request-id': payload, accept: payload } })
    t.ok(res.statusCode < 500, `accept: ${payload}`)
    if (!/^[\w.-]{1,64}$/.test(payload)) t.not(res.headers['x-request-id'], payload, `request id ${payload} replaced`)
  }
})

t.test('afterwards: the lake files are unchanged, nothing was written, the served data is identical', async (t) => {
  t.same(await fingerprint(lake.lakeDir), filesBefore, 'every file of the lake (manifest, parquet) has the same sha256, and no file was added')
  for (const file of PLANTED) t.notOk(existsSync(file), `${file} was not created`)
  t.same(await servedData(), dataBefore, 'each endpoint answers its example request with the same data')
})

t.test('on the pool of an opened lake, DuckDB reaches no file outside the lake version', async (t) => {
  const pool = app.lakes.current!.pool
  const versionDir = app.lakes.current!.dir
  // A folder DuckDB would otherwise allow: its default spill folder `<cwd>/.tmp` (see src/db/lake.ts).
  const cwdTmp = join(ROOT, '.tmp')
  const refused: [string, RegExp][] = [
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error/],
    ["SELECT * FROM read_text('/etc/passwd')", /Permission Error/],
    ["SELECT * FROM read_blob('/etc/passwd')", /Permission Error/],
    ["SELECT * FROM glob('/etc/*')", /Permission Error/],
    [`SELECT * FROM read_csv('${versionDir}/../../../../../../../../etc/passwd')`, /Permission Error/],
    ["COPY (SELECT 1) TO '/tmp/x.csv'", /Permission Error/],
    [`COPY (SELECT 1) TO '${cwdTmp}/tradedep-pwn.csv'`, /Permission Error/],
    [`SELECT * FROM glob('${cwdTmp}/*')`, /Permission Error/],
    ["ATTACH '/tmp/x.db'", /Permission Error/],
    ["EXPORT DATABASE '/tmp/tradedep-export'", /Permission Error/],
    ['INSTALL httpfs', /Permission Error/],
    ['LOAD httpfs', /Permission Error|disabled/],
    ["SELECT * FROM read_parquet('https://example.org/x.parquet')", /Permission Error|disabled|httpfs/],
    ['SET enable_external_access = true', /locked/],
    ['RESET enable_external_access', /locked/],
    ["SET allowed_directories = ['/']", /locked/],
    ['SET lock_configuration = false', /locked/],
    ["SET temp_directory = '/tmp'", /locked/],
  ]
  for (const [sql, why] of refused) {
    const error = await pool.query(sql).then(() => null, (e: Error) => e)
    t.ok(error, `refused: ${sql}`)
    if (error) t.match(error.message, why, sql)
  }
  for (const file of PLANTED) t.notOk(existsSync(file), `${file} was not created`)
  const settings = await pool.query(
    "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'allowed_directories') ORDER BY name")
  t.same(settings, [
    { name: 'allowed_directories', value: `[${versionDir}/]` },
    { name: 'enable_external_access', value: 'false' },
    { name: 'lock_configuration', value: 'true' },
  ], 'only the lake version folder is allowed, and the configuration is locked')
  const countries = await independentQuery(`SELECT count(*)::INTEGER AS n FROM read_parquet('${versionDir}/countries.parquet')`)
  t.same(await pool.query('SELECT count(*)::INTEGER AS n FROM countries'), countries, 'the lake views still read')
  const [flows] = await pool.query('SELECT count(*) AS n FROM flows WHERE year = 2024')
  t.ok(Number(flows!.n) > 0, 'partitioned parquet inside the lake still reads')
  t.same(pool.stats.active, 0, 'every connection returned')
})
