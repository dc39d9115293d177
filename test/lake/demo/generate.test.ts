// The synthetic lake generator: determinism by seed, and every content promise checked with SQL on the parquet.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import t from 'tap'
import { BASE_TABLES, INDICATOR_GNI_PPP, type Manifest } from '../../../src/lake/contract.js'
import { DEFAULT_SEED, generateSyntheticLake } from '../../../src/lake/demo/generate.js'

const DEMO_YEARS = [2000, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]

const root = await mkdtemp(join(tmpdir(), 'tradedep-synthetic-'))
t.teardown(() => rm(root, { recursive: true, force: true }))

const steps: string[] = []
const first = await generateSyntheticLake({ lakeDir: join(root, 'a'), onProgress: (step) => steps.push(step) })
const version = join(root, 'a', 'current')

/** Checksums of every file of every table, keyed by table and file name. */
function checksums(manifest: Manifest): Map<string, string> {
  return new Map(manifest.tables.flatMap((table) => table.files.map((f) => [`${table.name}/${f.name}`, f.sha256] as const)))
}

const instance = await DuckDBInstance.create(':memory:')
const conn: DuckDBConnection = await instance.connect()
t.teardown(() => { conn.closeSync(); instance.closeSync() })
for (const table of Object.keys(BASE_TABLES)) {
  const source = table === 'flows'
    ? `read_parquet('${join(version, 'flows', '*', '*.parquet')}', hive_partitioning = true)`
    : `read_parquet('${join(version, `${table}.parquet`)}')`
  await conn.run(`CREATE VIEW ${table} AS SELECT * FROM ${source}`)
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
}
async function one(sql: string): Promise<Record<string, unknown>> {
  return (await rows(sql))[0]!
}

t.test('manifest describes a synthetic HS2022 lake with every source and table', async (t) => {
  t.equal(first.synthetic, true)
  t.equal(first.hs_revision, 'HS2022')
  t.same(first.generator, { name: 'tradedep-synthetic', seed: DEFAULT_SEED, scale: 'demo' })
  t.same(first.sources.map((s) => s.name).sort(), ['BACI', 'HS', 'HS-BEC', 'TiVA', 'WDI', 'countries'])
  for (const source of first.sources) {
    t.equal(source.release, `synthetic-${DEFAULT_SEED}`)
    t.equal(source.publisher, 'tradedep synthetic generator (not real data)')
    t.same(source.files, [])
  }
  const tables = new Set(first.tables.map((table) => table.name))
  for (const table of Object.keys(BASE_TABLES)) t.ok(tables.has(table), `table ${table} written`)
  t.same(steps.slice(0, 2), ['synthetic world', 'reference tables'])
  t.equal(steps.at(-1), 'done')
})

t.test('the same seed builds byte-identical parquet; another seed does not', async (t) => {
  const again = await generateSyntheticLake({ lakeDir: join(root, 'b') })
  t.same([...checksums(again)], [...checksums(first)], 'every table file has the same sha256')

  const other = checksums(await generateSyntheticLake({ lakeDir: join(root, 'c'), seed: 7, years: [2024] }))
  const firstSums = checksums(first)
  for (const name of ['flows/year=2024/data_0.parquet', 'tiva.parquet', 'hs_bec.parquet', 'wdi.parquet']) {
    const key = [...other.keys()].find((k) => k.endsWith(name))!
    t.ok(key, `seed 7 wrote ${name}`)
    t.not(other.get(key), firstSums.get(key), `${name} differs with another seed`)
  }
})

t.test('economies and years', async (t) => {
  const countries = await one(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE regexp_full_match(iso3, '[A-Z]{3}'))::INTEGER AS iso,
    count(*) FILTER (WHERE name <> '' AND numeric_code > 0 AND region IS NOT NULL)::INTEGER AS complete FROM countries`)
  t.ok(Number(countries.n) >= 60, `${countries.n} economies`)
  t.equal(countries.iso, countries.n)
  t.equal(countries.complete, countries.n)
  t.same((await rows(`SELECT numeric_code FROM countries WHERE iso3 IN ('USA', 'FRA', 'IND', 'NOR', 'CHE') ORDER BY iso3`))
    .map((r) => r.numeric_code), [757, 251, 699, 579, 842])

  const years = await rows('SELECT DISTINCT year::INTEGER AS year FROM flows ORDER BY year')
  t.same(years.map((r) => r.year), DEMO_YEARS)
  const strangers = await one(`SELECT count(*)::INTEGER AS n FROM flows
    WHERE exporter NOT IN (SELECT iso3 FROM countries) OR importer NOT IN (SELECT iso3 FROM countries) OR exporter = importer`)
  t.equal(strangers.n, 0, 'flows are between distinct known economies')
})

t.test('flows are BACI-shaped: US dollars, tonnes with gaps, six-character HS6', async (t) => {
  const shape = await one(`SELECT count(*)::BIGINT AS n,
    count(*) FILTER (WHERE NOT regexp_full_match(hs6, '[0-9]{6}'))::INTEGER AS bad_hs6,
    count(*) FILTER (WHERE hs6 NOT IN (SELECT code FROM hs WHERE level = 6))::INTEGER AS unknown_hs6,
    count(*) FILTER (WHERE value < 1 OR value <> round(value))::INTEGER AS bad_value,
    count(*) FILTER (WHERE quantity IS NULL)::INTEGER AS no_quantity,
    count(*) FILTER (WHERE quantity <= 0)::INTEGER AS bad_quantity FROM flows`)
  t.ok(Number(shape.n) >= 1_000_000 && Number(shape.n) <= 4_000_000, `${shape.n} flows`)
  t.equal(shape.bad_hs6, 0)
  t.equal(shape.unknown_hs6, 0)
  t.equal(shape.bad_value, 0, 'values are whole US dollars')
  t.ok(Number(shape.no_quantity) > 0, 'some quantities are missing')
  t.equal(shape.bad_quantity, 0)
  t.ok((await rows(`SELECT hs6 FROM flows WHERE hs6 LIKE '0%' LIMIT 1`)).length === 1, 'leading zeros kept')

  const world = await one('SELECT sum(value) AS usd FROM flows WHERE year = 2024')
  t.ok(Number(world.usd) > 15e12 && Number(world.usd) < 30e12, `world trade 2024 ${world.usd} USD, not thousands`)

  const pairs = await one(`SELECT median(lines) AS lines FROM (SELECT count(*) AS lines FROM flows WHERE year = 2024 GROUP BY exporter, importer)`)
  const allLines = (await one('SELECT count(*)::INTEGER AS n FROM hs WHERE level = 6')).n
  t.ok(Number(pairs.lines) < Number(allLines) / 5, `most pairs trade only some lines (median ${pairs.lines})`)
  const top = await rows(`SELECT exporter FROM flows WHERE year = 2024 GROUP BY exporter ORDER BY sum(value) DESC LIMIT 5`)
  t.ok(['CHN', 'USA'].every((iso3) => top.some((r) => r.exporter === iso3)), 'big economies export most')
  const breadth = await one(`WITH m AS (SELECT importer, count(*) AS n FROM flows WHERE year = 2024 GROUP BY importer)
    SELECT (SELECT n FROM m WHERE importer = 'USA') / median(n) AS ratio FROM m`)
  t.ok(Number(breadth.ratio) > 2, 'big economies import more lines from more partners')
})

t.test('nomenclature: 21 sections, every chapter has lines, headings in between', async (t) => {
  t.equal((await one('SELECT count(*)::INTEGER AS n FROM sections')).n, 21)
  const lines = await one(`SELECT count(*)::INTEGER AS n, count(DISTINCT section)::INTEGER AS sections,
    count(DISTINCT chapter)::INTEGER AS chapters, count(*) FILTER (WHERE chapter IN ('84', '85'))::INTEGER AS xvi,
    count(*) FILTER (WHERE chapter = '77')::INTEGER AS reserved FROM hs WHERE level = 6`)
  t.equal(lines.sections, 21)
  t.equal(lines.chapters, 96)
  t.equal(lines.reserved, 0)
  t.ok(Number(lines.n) >= 1000 && Number(lines.n) <= 1500, `${lines.n} HS6 lines`)
  t.ok(Number(lines.xvi) >= 150, `${lines.xvi} lines in chapters 84-85`)
  const tree = await one(`SELECT
    count(*) FILTER (WHERE level = 2 AND parent <> 'TOTAL')::INTEGER AS bad_chapters,
    count(*) FILTER (WHERE level = 4 AND (parent <> chapter OR length(code) <> 4))::INTEGER AS bad_headings,
    count(*) FILTER (WHERE level = 6 AND parent NOT IN (SELECT code FROM hs WHERE level = 4))::INTEGER AS orphans,
    count(*) FILTER (WHERE chapter IS NULL OR section IS NULL OR description IS NULL)::INTEGER AS incomplete FROM hs`)
  t.same(tree, { bad_chapters: 0, bad_headings: 0, orphans: 0, incomplete: 0 })
  const ch84 = await one(`SELECT description FROM hs WHERE code = '84'`)
  t.equal(ch84.description, 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof')
})

t.test('concentration: single-exporter and single-buyer lines, China supplying the USA', async (t) => {
  const cr1 = await one(`WITH x AS (SELECT hs6, exporter, sum(value) AS v FROM flows WHERE year = 2024 GROUP BY ALL),
    s AS (SELECT hs6, max(v) / sum(v) AS cr1, sum(v) AS world FROM x GROUP BY hs6)
    SELECT count(*) FILTER (WHERE cr1 > 0.7) / count(*) AS share,
      count(*) FILTER (WHERE cr1 > 0.7 AND world > 50e6 AND substr(hs6, 1, 2) IN ('84', '85'))::INTEGER AS xvi FROM s`)
  t.ok(Number(cr1.share) >= 0.03, `${cr1.share} of lines with one exporter above 70%`)
  t.ok(Number(cr1.xvi) >= 3, `${cr1.xvi} such lines in chapters 84-85 above US$50 million`)

  const buyers = await one(`WITH m AS (SELECT hs6, importer, sum(value) AS v FROM flows WHERE year = 2024 GROUP BY ALL)
    SELECT count(*) FILTER (WHERE share > 0.5) / count(*) AS share FROM (SELECT hs6, max(v) / sum(v) AS share FROM m GROUP BY hs6)`)
  t.ok(Number(buyers.share) >= 0.02, `${buyers.share} of lines with one importer above 50%`)

  const usa = await rows(`WITH m AS (SELECT substr(hs6, 1, 2) AS chapter, exporter, sum(value) AS v FROM flows
      WHERE year = 2024 AND importer = 'USA' AND substr(hs6, 1, 2) IN ('84', '85') GROUP BY ALL)
    SELECT chapter, arg_max(exporter, v) AS top, max(v) / sum(v) AS share FROM m GROUP BY chapter`)
  t.ok(usa.some((r) => r.top === 'CHN' && Number(r.share) > 0.4), 'China supplies over 40% of a USA chapter in 84-85')
})

t.test('chapters grow at different rates from 2000 to 2024', async (t) => {
  const growth = await one(`WITH c AS (SELECT substr(hs6, 1, 2) AS chapter,
      sum(value) FILTER (WHERE year = 2024) / sum(value) FILTER (WHERE year = 2000) AS multiple FROM flows GROUP BY ALL)
    SELECT min(multiple) AS low, max(multiple) AS high FROM c`)
  t.ok(Number(growth.low) < 2.5, `slowest chapter grew ${growth.low}×`)
  t.ok(Number(growth.high) > 5.5, `fastest chapter grew ${growth.high}×`)
})

t.test('HS→BEC concordance', async (t) => {
  const allowed = ['111', '112', '121', '122', '21', '22', '31', '321', '322', '41', '42', '51', '521', '522', '53', '61', '62', '63', '7']
  const codes = await rows('SELECT DISTINCT bec FROM hs_bec')
  t.ok(codes.every((r) => allowed.includes(String(r.bec))), 'only BEC rev.4 codes')
  const mapping = await one(`WITH lines AS (SELECT hs6, count(*) AS codes, sum(weight) AS weight, any_value(relationship) AS relationship,
      count(DISTINCT relationship) AS kinds FROM hs_bec GROUP BY hs6)
    SELECT count(*) FILTER (WHERE relationship = 'n:1' AND (codes <> 1 OR weight <> 1))::INTEGER AS bad_n1,
      count(*) FILTER (WHERE relationship = 'n:n' AND (codes <> 2 OR weight <> 1))::INTEGER AS bad_nn,
      count(*) FILTER (WHERE relationship = 'n:n')::INTEGER AS nn, count(*) FILTER (WHERE kinds > 1)::INTEGER AS mixed,
      (SELECT count(*) FROM hs WHERE level = 6 AND code NOT IN (SELECT hs6 FROM hs_bec))::INTEGER AS unmapped FROM lines`)
  t.equal(mapping.bad_n1, 0)
  t.equal(mapping.bad_nn, 0, 'n:n lines split over two codes at 0.5')
  t.equal(mapping.mixed, 0)
  t.ok(Number(mapping.nn) > 0, `${mapping.nn} n:n lines`)
  t.ok(Number(mapping.unmapped) >= 1 && Number(mapping.unmapped) <= 30, `${mapping.unmapped} unmapped lines`)
  const machinery = await one(`SELECT avg((bec IN ('41', '42', '521', '53', '61', '62'))::INTEGER) AS share
    FROM hs_bec WHERE substr(hs6, 1, 2) IN ('84', '85')`)
  t.ok(Number(machinery.share) > 0.9, 'chapters 84-85 map to capital goods, parts and durables')
})

t.test('TiVA: FVA shares and gross exports, an inverted U in income', async (t) => {
  const coverage = await one(`WITH cells AS (SELECT iso3, count(*) AS n FROM tiva
      WHERE activity IN ('C26', 'C27', 'C28', '_T') AND year BETWEEN 2015 AND 2020
        AND (measure = 'EXGR_FVA' AND unit = 'PT_EXGR' OR measure = 'EXGR' AND unit = 'USD') GROUP BY iso3)
    SELECT count(*) FILTER (WHERE n = 4 * 6 * 2)::INTEGER AS complete FROM cells`)
  t.ok(Number(coverage.complete) >= 40, `${coverage.complete} economies with every activity, year and measure`)
  const ranges = await one(`SELECT min(value) FILTER (WHERE measure = 'EXGR_FVA') AS fva_min,
    max(value) FILTER (WHERE measure = 'EXGR_FVA') AS fva_max, min(value) FILTER (WHERE measure = 'EXGR') AS exgr_min FROM tiva`)
  t.ok(Number(ranges.fva_min) >= 5 && Number(ranges.fva_max) <= 60, 'FVA shares are percentages in 5-60')
  t.ok(Number(ranges.exgr_min) > 0, 'gross exports are positive')
  const smile = await one(`WITH p AS (SELECT t.value AS fva, w.value AS gni FROM tiva t
      JOIN wdi w ON w.iso3 = t.iso3 AND w.year = t.year WHERE t.year = 2020 AND t.measure = 'EXGR_FVA' AND t.activity = '_T')
    SELECT avg(fva) FILTER (WHERE gni < 8000) AS low, avg(fva) FILTER (WHERE gni BETWEEN 15000 AND 35000) AS middle,
      avg(fva) FILTER (WHERE gni > 60000) AS high FROM p`)
  t.ok(Number(smile.middle) > Number(smile.low) && Number(smile.middle) > Number(smile.high),
    `middle-income FVA ${smile.middle} above low ${smile.low} and high ${smile.high}`)
})

t.test('WDI: GNI per capita PPP for every economy and year 2000-2024', async (t) => {
  const cells = await one(`SELECT count(*)::INTEGER AS n, count(DISTINCT iso3)::INTEGER AS economies,
    min(year) AS first, max(year) AS last, bool_and(indicator = '${INDICATOR_GNI_PPP}') AS indicator FROM wdi`)
  const economies = (await one('SELECT count(*)::INTEGER AS n FROM countries')).n
  t.same(cells, { n: Number(economies) * 25, economies, first: 2000, last: 2024, indicator: true })
  const usa = await one(`SELECT value FROM wdi WHERE iso3 = 'USA' AND year = 2022`)
  t.ok(Number(usa.value) > 75000 && Number(usa.value) < 80000, `USA 2022: ${usa.value}`)
  const growth = await one(`SELECT bool_and(v2024 > v2000) AS grew FROM (SELECT iso3,
    max(value) FILTER (WHERE year = 2000) AS v2000, max(value) FILTER (WHERE year = 2024) AS v2024 FROM wdi
    WHERE iso3 IN ('USA', 'CHN', 'DEU', 'IND', 'BRA') GROUP BY iso3)`)
  t.equal(growth.grew, true)
})

t.test('options are checked', async (t) => {
  await t.rejects(generateSyntheticLake({ lakeDir: join(root, 'd'), seed: -1 }), RangeError)
  await t.rejects(generateSyntheticLake({ lakeDir: join(root, 'd'), years: [] }), RangeError)
})
