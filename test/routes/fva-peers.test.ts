import t from 'tap'
import { DEMO_LAKE, demoApp, independentQuery, versionDir } from '../helpers/lakes.js'

const LAKE = versionDir(DEMO_LAKE)
const app = await demoApp()
t.teardown(() => app.close())

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b))

/**
 * Independently of the endpoint: each economy's FVA share over `activities` (Σ fva·EXGR / Σ EXGR, from one
 * conditional aggregation over the raw tiva parquet) and its latest income up to the year.
 */
async function expectedPanel(year: number, activities: string[]) {
  const rows = await independentQuery(`
    WITH per_activity AS (
      SELECT iso3, activity,
             max(value) FILTER (WHERE measure = 'EXGR_FVA') AS fva,
             max(value) FILTER (WHERE measure = 'EXGR') AS exgr
      FROM '${LAKE}/tiva.parquet' WHERE year = ${year} AND activity IN (${activities.map((a) => `'${a}'`).join(', ')})
      GROUP BY iso3, activity
    ), share AS (
      SELECT iso3, sum(fva * exgr) / sum(exgr) AS fva FROM per_activity GROUP BY iso3
    ), income AS (
      SELECT DISTINCT ON (iso3) iso3, value AS gni, year FROM '${LAKE}/wdi.parquet'
      WHERE year <= ${year} AND value IS NOT NULL ORDER BY iso3, year DESC
    )
    SELECT income.iso3, share.fva, income.gni, income.year FROM income LEFT JOIN share USING (iso3)`)
  return new Map(rows.map((r) => [String(r.iso3), { fva: r.fva === null ? null : Number(r.fva), gni: Number(r.gni), year: Number(r.year) }]))
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

t.test('USA, section XVI, 2020: country, peers, median, percentile and gap equal an independent computation', async (t) => {
  const res = await app.inject('/fva-peers?country=usa&section=16')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same(meta.query, { country: 'USA', section: 'XVI', year: 2020, band: 0.3, format: 'json' }, 'defaults filled in, codes normalised')
  t.same(data.activities.used, ['C26', 'C27', 'C28'])
  t.equal(meta.section_activity_table.version, '2026-11-1')
  t.same(meta.section_activity_table.rows.XVI, ['C26', 'C27', 'C28'], 'the table is shown in meta')
  t.equal(meta.weighting, 'gross-exports', 'the demo lake has EXGR for every activity')
  t.same(meta.sources.map((s: { name: string }) => s.name), ['TiVA', 'WDI', 'countries'])

  const panel = await expectedPanel(2020, ['C26', 'C27', 'C28'])
  const usa = panel.get('USA')!
  t.ok(close(data.country.fva_share, usa.fva!), `USA FVA share ${data.country.fva_share} = ${usa.fva}`)
  t.equal(data.country.income, usa.gni)
  t.equal(data.country.income_year, 2020)

  const peers = [...panel].filter(([iso3, e]) => iso3 !== 'USA' && e.gni >= usa.gni * 0.7 && e.gni <= usa.gni * 1.3)
  t.ok(peers.length >= 5, `${peers.length} peers`)
  t.same(data.peers.map((p: { iso3: string }) => p.iso3).sort(), peers.map(([iso3]) => iso3).sort(), 'the peer set')
  for (const p of data.peers) t.ok(close(p.fva_share, panel.get(p.iso3)!.fva!), `${p.iso3} FVA share`)
  for (let i = 1; i < data.peers.length; i++) t.ok(data.peers[i - 1].income >= data.peers[i].income, 'richest first')
  const shares = peers.map(([, e]) => e.fva!)
  const median = medianOf(shares)
  t.ok(close(data.peer_median, median), `median ${data.peer_median} = ${median}`)
  const below = shares.filter((v) => v < usa.fva!).length
  t.ok(close(data.percentile, (100 * below) / shares.length), `percentile ${data.percentile}`)
  t.ok(close(data.gap_to_median_pp, usa.fva! - median), 'gap to the median, pp')
  t.equal(data.peers_count, peers.length)
  t.equal(data.peers_with_fva, peers.length)
  t.ok(close(data.band.lower, usa.gni * 0.7) && close(data.band.upper, usa.gni * 1.3), 'band bounds')
})

t.test('a narrower band gives a subset of the peers', async (t) => {
  const wide = (await app.inject('/fva-peers?country=DEU&section=XVI&year=2018&band=0.5')).json().data
  const narrow = (await app.inject('/fva-peers?country=DEU&section=XVI&year=2018&band=0.1')).json().data
  const wideSet = new Set(wide.peers.map((p: { iso3: string }) => p.iso3))
  t.ok(narrow.peers.length < wide.peers.length, `${narrow.peers.length} < ${wide.peers.length}`)
  t.ok(narrow.peers.every((p: { iso3: string }) => wideSet.has(p.iso3)), 'subset')
  t.equal(narrow.country.fva_share, wide.country.fva_share, 'the country\'s value does not depend on the band')
})

t.test('a section whose activities the lake lacks falls back to the total, and says so', async (t) => {
  const res = await app.inject('/fva-peers?country=FRA&section=V&year=2019')
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same(data.activities, {
    section: 'V', mapped: ['B05T06', 'B07T08', 'C19'], used: ['_T'], fallback_to_total: true,
    rationale: data.activities.rationale,
  })
  t.ok(meta.notes.some((n: string) => n.includes('_T')), 'a note names the fallback')
  const expected = await expectedPanel(2019, ['_T'])
  t.ok(close(data.country.fva_share, expected.get('FRA')!.fva!), 'the total\'s FVA share')
})

t.test('CSV: the country, then one row per peer', async (t) => {
  const res = await app.inject('/fva-peers?country=USA&section=XVI&format=csv')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/csv/)
  const json = (await app.inject('/fva-peers?country=USA&section=XVI')).json().data
  const lines = res.body.trim().split('\n')
  t.match(lines[0], /^role,iso3,name,fva_share,weighting,activities,income,income_year,/)
  t.equal(lines.length, 2 + json.peers.length)
  t.match(lines[1], /^country,USA,United States,/)
  t.ok(lines.slice(2).every((l) => l.startsWith('peer,')))
})

t.test('explain=true adds the SQL with its bound values', async (t) => {
  const { meta } = (await app.inject('/fva-peers?country=USA&section=XVI&explain=true')).json()
  t.ok(meta.sql.length >= 3)
  const shares = meta.sql.find((q: { sql: string }) => q.sql.includes('EXGR_FVA') && q.sql.includes('LEFT JOIN'))
  t.same(shares.params, [2020, 'C26', 'C27', 'C28'], 'values bound, not interpolated')
  t.notOk(shares.sql.includes("'C26'"))
})

t.test('bad input is a 400 problem naming the parameter', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['/fva-peers?country=XYZ&section=XVI', 'country', /unknown country/],
    ['/fva-peers?country=USA&section=XXV', 'section', /unknown HS section/],
    ['/fva-peers?country=USA&section=XVI&year=2021', 'year', /TiVA years available: 2015–2020/],
    ['/fva-peers?country=USA&section=XVI&band=1.5', 'band', /band/],
    ['/fva-peers?country=USA&section=XVI&band=0', 'band', /band/],
    ['/fva-peers?section=XVI', 'country', /required/],
  ]
  for (const [url, parameter, detail] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.equal(res.json().parameter, parameter, `${url} names ${parameter}`)
    t.match(res.json().detail, detail)
  }
})
