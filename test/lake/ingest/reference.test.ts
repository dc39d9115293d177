// The nomenclature, countries and WDI of the real sample lake, and the HS2017 → BEC table, checked against the files.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { becStage } from '../../../src/lake/ingest/bec.js'
import { runIngest } from '../../../src/lake/ingest/run.js'
import { independentQuery } from '../../helpers/lakes.js'
import { copyLake, ensureRealSampleLake, lakeSnapshot, REAL_FILES } from '../../helpers/real-lake.js'

const lake = await ensureRealSampleLake()
const table = (name: string) => `read_parquet('${lake}/current/${name}.parquet')`

t.test('HS2022: 97 chapters (01–97 without the reserved 77, plus 99); section XVI = chapters 84 and 85', async (t) => {
  const text = await readFile(REAL_FILES.hs, 'utf8')
  const chapterLines = text.split('\n').filter((l) => /^[^,]+,\d{2},.*,TOTAL,2\s*$/.test(l))
  t.equal(chapterLines.length, 97, 'the file lists 97 chapters')
  const chapters = await independentQuery(`SELECT code, section FROM ${table('hs')} WHERE level = 2 ORDER BY code`)
  t.equal(chapters.length, 97)
  t.notOk(chapters.some((c) => c.code === '77'), 'chapter 77 is reserved')
  t.same(chapters.find((c) => c.code === '99'), { code: '99', section: null }, 'chapter 99 belongs to no section')
  t.same(chapters.filter((c) => c.section === 'XVI').map((c) => c.code), ['84', '85'])
  const [c85] = await independentQuery(`SELECT description FROM ${table('hs')} WHERE code = '85'`)
  t.match(String(c85!.description), /^Electrical machinery and equipment and parts thereof/, 'chapter names come from the chapter level')
  const sections = await independentQuery(`SELECT section, number, name FROM ${table('sections')} ORDER BY number`)
  t.equal(sections.length, 21)
  t.same(sections[15], { section: 'XVI', number: 16, name: 'Machinery and mechanical appliances; electrical equipment; parts thereof; sound recorders and reproducers, television image and sound recorders and reproducers, and parts and accessories of such articles' })
})

t.test('HS6 lines follow the flows: HS92 product list under HS2022 chapters', async (t) => {
  const products = (await readFile(REAL_FILES.products, 'utf8')).trim().split('\n').length - 1
  const [six] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${table('hs')} WHERE level = 6`)
  t.equal(six!.n, products, 'every line of product_codes_HS92_V202401.csv')
  const [line] = await independentQuery(`SELECT * FROM ${table('hs')} WHERE code = '010111'`)
  t.same(line, { code: '010111', level: 6, parent: '0101', chapter: '01', section: 'I', description: 'Horses: live, pure-bred breeding animals' })
  const [unplaced] = await independentQuery(`
    SELECT count(DISTINCT f.hs6)::INTEGER AS n FROM read_parquet('${lake}/current/flows/*/*.parquet') f
    LEFT JOIN ${table('hs')} h ON h.code = f.hs6 AND h.level = 6 WHERE h.code IS NULL`)
  t.equal(unplaced!.n, 0, 'every HS6 code of the flows has a description')
})

t.test('countries: BACI codes with ISO names and M49 regions', async (t) => {
  const rows = await independentQuery(`SELECT * FROM ${table('countries')} WHERE iso3 IN ('USA', 'ZAF', 'AFG', 'S19') ORDER BY iso3`)
  t.same(rows, [
    { iso3: 'AFG', name: 'Afghanistan', numeric_code: 4, region: 'Asia' },
    { iso3: 'S19', name: 'Other Asia, not elsewhere specified', numeric_code: 490, region: null },
    { iso3: 'USA', name: 'United States of America', numeric_code: 842, region: 'Americas' },
    { iso3: 'ZAF', name: 'South Africa', numeric_code: 710, region: 'Africa' },
  ])
  const [n] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${table('countries')}`)
  t.equal(n!.n, 235, '238 BACI codes, 235 distinct ISO3 (BEL, DEU, SDN have two codes each)')
})

t.test('WDI: USA 2022 = 78,310; aggregates left out and counted', async (t) => {
  const [usa] = await independentQuery(`SELECT value FROM ${table('wdi')} WHERE iso3 = 'USA' AND year = 2022 AND indicator = 'NY.GNP.PCAP.PP.CD'`)
  t.equal(usa!.value, 78310)
  const lines = (await readFile(REAL_FILES.wdi, 'utf8')).trim().split('\n').slice(1)
  const [n] = await independentQuery(`SELECT count(*)::INTEGER AS n FROM ${table('wdi')}`)
  const manifest = JSON.parse((await lakeSnapshot(lake)).manifest) as { tables: { name: string; rows: number }[] }
  t.equal(manifest.tables.find((x) => x.name === 'wdi')!.rows, n!.n)
  t.ok(Number(n!.n) < lines.length && Number(n!.n) > 6000, `${n!.n} of ${lines.length} rows are economies of the lake`)
})

t.test('HS2017 → BEC rev.4: n:n rows kept, split equally', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tradedep-bec-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const copy = await copyLake(lake, join(dir, 'lake'))
  const before = JSON.parse((await lakeSnapshot(copy)).manifest) as { tables: { name: string; files: unknown }[] }
  const result = await runIngest({ lakeDir: copy, threads: 2, stages: [becStage({ files: [REAL_FILES.bec2017], hsRevision: 'HS2017' })] })
  // Independent: the file's own rows.
  const rows = (await readFile(REAL_FILES.bec2017, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
  const nn = rows.filter((r) => r[2] === 'n:n')
  const [stored] = await independentQuery(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE relationship = 'n:n')::INTEGER AS nn FROM read_parquet('${copy}/current/hs_bec.parquet')`)
  t.same(stored, { n: rows.length, nn: nn.length })
  t.equal(nn.length, 225)
  const split = await independentQuery(`SELECT bec, relationship, weight FROM read_parquet('${copy}/current/hs_bec.parquet') WHERE hs6 = '010130' ORDER BY bec`)
  t.same(split, [{ bec: '111', relationship: 'n:n', weight: 0.5 }, { bec: '41', relationship: 'n:n', weight: 0.5 }])
  const source = result.manifest.sources.find((s) => s.name === 'HS-BEC')!
  t.same(source.details, { hs_revision: 'HS2017', n_n_lines: new Set(nn.map((r) => r[0])).size })
  t.equal(result.manifest.synthetic, false)
  // Tables the step did not touch are the previous version's files, carried over unchanged.
  const flows = (m: { tables: { name: string; files: unknown }[] }) => m.tables.find((x) => x.name === 'flows')!.files
  t.same(flows(result.manifest as never), flows(before), 'flows carried over with the same checksums')
})

t.test('a later `ingest hs` keeps the HS6 lines of the flows (the BACI product list)', async (t) => {
  const { hsStage } = await import('../../../src/lake/ingest/hs.js')
  const dir = await mkdtemp(join(tmpdir(), 'tradedep-hs-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const copy = await copyLake(lake, join(dir, 'lake'))
  const result = await runIngest({ lakeDir: copy, threads: 2, stages: [hsStage({ nomenclature: REAL_FILES.hs2017, sections: REAL_FILES.sections })] })
  const [counts] = await independentQuery(`SELECT count(*) FILTER (WHERE level = 6)::INTEGER AS six, count(*) FILTER (WHERE level = 2)::INTEGER AS chapters,
    max(description) FILTER (WHERE code = '010111') AS horses FROM read_parquet('${copy}/current/hs.parquet')`)
  t.same(counts, { six: 5022, chapters: 97, horses: 'Horses: live, pure-bred breeding animals' }, 'HS92 lines under the HS2017 chapters')
  t.match(result.reports[0]!.notes.join('\n'), /HS6 lines and descriptions kept from the lake's BACI product list product_codes_HS92_V202401\.csv/)
  t.equal(result.manifest.hs_revision, 'HS92', 'the lake is still in the flows\' revision')
})
