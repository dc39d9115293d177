// /suppliers (and a smoke run of the other supplier endpoints) on a lake built from the real BACI sample,
// checked against sums taken straight from the CSV.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { appOn } from '../helpers/lakes.js'
import { REAL_FILES, ensureRealSampleLake } from '../helpers/real-lake.js'

const app = await appOn(await ensureRealSampleLake())
t.teardown(() => app.close())

/** BACI numeric code → ISO3, read from the country list the lake was built with. */
function countryCodes(): Map<string, string> {
  const [, ...rows] = readFileSync(REAL_FILES.baciCountries, 'utf8').trim().split(/\r?\n/)
  return new Map(rows.map((r) => r.split(',')).map(([code, iso3]) => [code!.trim(), iso3!.trim()]))
}

/** Imports by importer → chapter → exporter, US dollars (v is thousands of dollars). A plain parse of `t,i,j,k,v,q`. */
function csvImports(): Map<string, Map<string, Map<string, number>>> {
  const codes = countryCodes()
  const [header, ...lines] = readFileSync(REAL_FILES.baci, 'utf8').trim().split(/\r?\n/)
  t.equal(header, '"t","i","j","k","v","q"')
  const out = new Map<string, Map<string, Map<string, number>>>()
  for (const line of lines) {
    const [, i, j, k, v] = line.split(',').map((cell) => cell.replaceAll('"', '').trim())
    const exporter = codes.get(i!)!
    const importer = codes.get(j!)
    if (!importer) continue
    const chapter = k!.padStart(6, '0').slice(0, 2)
    const byChapter = out.get(importer) ?? new Map<string, Map<string, number>>()
    const byExporter = byChapter.get(chapter) ?? new Map<string, number>()
    byExporter.set(exporter, (byExporter.get(exporter) ?? 0) + Number(v) * 1000)
    byChapter.set(chapter, byExporter)
    out.set(importer, byChapter)
  }
  return out
}

const CSV = csvImports()
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b))

function expected(importer: string, chapters: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const chapter of chapters) {
    for (const [exporter, value] of CSV.get(importer)?.get(chapter) ?? []) out.set(exporter, (out.get(exporter) ?? 0) + value)
  }
  return out
}

for (const [importer, scope, chapters] of [
  ['USA', 'section=XV', ['72', '73', '74', '75', '76', '78', '79', '80', '81', '82', '83']],
  ['DEU', 'chapters=26,71', ['26', '71']],
  ['CHN', 'section=V', ['25', '26', '27']],
  ['IND', 'chapters=08,71,84', ['08', '71', '84']],
] as const) {
  t.test(`${importer} ${scope}: /suppliers equals the CSV summed by hand`, async (t) => {
    const want = expected(importer, [...chapters])
    t.ok(want.size > 0, 'the sample has imports for this scope')
    const res = await app.inject(`/suppliers?country=${importer}&${scope}&year=2021`)
    t.equal(res.statusCode, 200)
    const { data, meta } = res.json()
    t.equal(meta.synthetic, false)
    const got = new Map((data.suppliers as { iso3: string; value: number }[]).map((s) => [s.iso3, s.value]))
    t.same([...got.keys()].sort(), [...want.keys()].sort(), 'the same suppliers (only ZAF and AFG export in the sample)')
    for (const [exporter, value] of want) t.ok(close(got.get(exporter)!, value), `${exporter}: ${got.get(exporter)} vs ${value}`)
    const total = [...want.values()].reduce((a, b) => a + b, 0)
    t.ok(close(data.imports, total), 'total imports')
    t.ok(Math.abs(data.suppliers.reduce((s: number, r: { share: number }) => s + r.share, 0) - 1) < 1e-9, 'shares sum to 1')
    for (const c of data.chapters as { chapter: string; imports: number }[]) {
      const own = [...(CSV.get(importer)?.get(c.chapter)?.values() ?? [])].reduce((a, b) => a + b, 0)
      t.ok(close(c.imports, own), `chapter ${c.chapter}`)
    }
  })
}

t.test('the other endpoints answer on the real lake; /growth says which years it holds', async (t) => {
  for (const url of [
    '/hhi?country=USA&section=XV', '/hhi?country=USA&section=XV&level=hs6&basis=world',
    '/single-source?country=USA&section=XV', '/single-source?country=USA&section=XV&method=proportional',
    '/cr1?min_value=1000000', '/buyer-concentration?min_value=1000000',
  ]) {
    const res = await app.inject(url)
    t.equal(res.statusCode, 200, url)
    t.equal(res.json().meta.synthetic, false)
  }
  const growth = await app.inject('/growth?section=XV')
  t.equal(growth.statusCode, 400)
  t.equal(growth.json().parameter, 'from')
  t.match(growth.json().detail, /trade years available: 2021/)
})
