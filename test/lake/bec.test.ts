import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  BecTableError, becMappingOfManifest, chooseBecTable, loadBecForRevision, normaliseHsRevision, parseBecCsv, parseBecTable,
} from '../../src/lake/bec.js'
import { stageOfBec } from '../../src/metrics/bec-stages.js'
import { SHARED_DATA, independentQuery } from '../helpers/lakes.js'

const BEC_DIR = join(SHARED_DATA, 'bec')
const HS2017 = join(BEC_DIR, 'HS2017_to_BEC4.csv')

/** The SPEC's stage groups, written out again here so the check does not lean on the code under test. */
const SPEC_STAGE_SQL = `CASE
  WHEN bec IN ('111', '21', '31') THEN 'primary'
  WHEN bec IN ('121', '22', '322') THEN 'processed'
  WHEN bec IN ('42', '53') THEN 'parts'
  WHEN bec IN ('41', '521') THEN 'capital'
  WHEN bec IN ('112', '122', '522', '61', '62', '63') THEN 'consumption'
  ELSE 'unassigned' END`

t.test('real HS2017 table: stage counts from the parser equal an independent DuckDB count of the CSV', async (t) => {
  const table = await parseBecTable(HS2017)
  t.equal(table.hsRevision, 'HS2017')
  t.same(table.skipped, [])
  const fromParser = new Map<string, { rows: number; lines: number }>()
  for (const row of table.rows) {
    const entry = fromParser.get(stageOfBec(row.bec)) ?? { rows: 0, lines: 0 }
    entry.rows += 1
    entry.lines += row.weight
    fromParser.set(stageOfBec(row.bec), entry)
  }
  // DuckDB reads the file itself (its own BOM and header handling); weights as 1 / rows of the HS code.
  const expected = await independentQuery(`
    WITH raw AS (SELECT column0 AS hs6, column1 AS bec FROM read_csv(?, header = true, all_varchar = true,
                 columns = {'column0': 'VARCHAR', 'column1': 'VARCHAR', 'column2': 'VARCHAR'}))
    SELECT ${SPEC_STAGE_SQL} AS stage, count(*)::INTEGER AS rows,
           sum(1.0 / (SELECT count(*) FROM raw r2 WHERE r2.hs6 = raw.hs6))::DOUBLE AS lines
    FROM raw GROUP BY ALL ORDER BY stage`, [HS2017])
  t.ok(expected.length >= 5)
  for (const e of expected) {
    const got = fromParser.get(String(e.stage))
    t.equal(got?.rows, e.rows, `${e.stage}: rows`)
    t.ok(Math.abs(got!.lines - Number(e.lines)) < 1e-9, `${e.stage}: HS6 lines (weighted) ${got!.lines} vs ${e.lines}`)
  }
  t.equal([...fromParser.values()].reduce((n, s) => n + s.rows, 0), table.rows.length)
  const lines = new Set(table.rows.map((r) => r.hs6)).size
  t.ok(Math.abs([...fromParser.values()].reduce((n, s) => n + s.lines, 0) - lines) < 1e-9, 'weights add up to one per HS6 line')
})

t.test('real HS2017 table: n:n rows kept, BOM stripped, weights 1/k', async (t) => {
  const text = readFileSync(HS2017, 'utf8')
  t.ok(text.startsWith('\uFEFF'), 'the real file starts with a byte-order mark')
  const dataLines = text.replace(/^\uFEFF/, '').split('\n').slice(1).filter((l) => l.trim() !== '')
  const table = await parseBecTable(HS2017)
  t.equal(table.rows.length, dataLines.length, 'every data line is a row')
  t.equal(table.rows.filter((r) => r.relationship === 'n:n').length, dataLines.filter((l) => l.endsWith(',n:n')).length)
  t.equal(table.rows.filter((r) => r.relationship === 'n:n').length, 225)
  t.same(table.rows[0], { hs6: '010121', bec: '41', relationship: 'n:1', weight: 1 }, 'first code read without the BOM')
  const split = table.rows.filter((r) => r.hs6 === '010130')
  t.same(split.map((r) => [r.bec, r.relationship, r.weight]).sort(), [['111', 'n:n', 0.5], ['41', 'n:n', 0.5]])
  for (const row of table.rows) {
    if (row.relationship === 'n:1' && row.weight !== 1) t.fail(`${row.hs6} is n:1 but weighs ${row.weight}`)
  }
})

t.test('real HS2012 and HS2022 tables: other header, "n to 1" spellings, n/a codes and blank padding', async (t) => {
  const hs2012 = await parseBecTable(join(BEC_DIR, 'HS2012_to_BEC4.csv'))
  t.equal(hs2012.hsRevision, 'HS2012')
  t.equal(hs2012.rows.filter((r) => r.relationship === 'n:n').length, 154, '"n to n" read as n:n')
  t.same(hs2012.skipped.map((s) => [s.line, s.hs6]), [[3403, '710820'], [3432, '711890']], 'n/a codes reported with their lines')
  t.equal(hs2012.rows.length, 5283 - 2)

  const hs2022 = await parseBecTable(join(BEC_DIR, 'HS2022_to_BEC4.csv'))
  t.equal(hs2022.hsRevision, 'HS2022', 'header "HS 2022,BEC 4,Relationship", no BOM')
  const text = readFileSync(join(BEC_DIR, 'HS2022_to_BEC4.csv'), 'utf8')
  t.equal(hs2022.rows.length, text.split('\n').slice(1).filter((l) => /^\d{6},/.test(l)).length, 'the ",," padding rows are ignored')
  t.same(hs2022.skipped, [])
})

t.test('parseBecCsv: spellings, CRLF, repeated pairs, and errors naming the line', async (t) => {
  const table = parseBecCsv('\uFEFFHS 2017,BEC,Relationship\r\n010130,111,n to n\r\n010130,41,N TO N\r\n010130,41,n:n\r\n010121,41,1:1\r\n', 'x.csv')
  t.same(table.rows, [
    { hs6: '010130', bec: '111', relationship: 'n:n', weight: 0.5 },
    { hs6: '010130', bec: '41', relationship: 'n:n', weight: 0.5 },
    { hs6: '010121', bec: '41', relationship: 'n:1', weight: 1 },
  ])
  t.same(table.skipped, [{ line: 4, hs6: '010130', reason: 'repeats the pair 010130 → 41' }])
  t.throws(() => parseBecCsv('HS code,BEC,Relationship\n010121,41,n:1\n', 'bad.csv'), /bad\.csv, line 1: expected a header/)
  t.throws(() => parseBecCsv('HS 2017,BEC,Relationship\n010121,41,n:1\n10122,41,n:1\n', 'f.csv'), /f\.csv, line 3: HS code "10122"/)
  const error = (() => { try { parseBecCsv('HS 2017,BEC,Relationship\n010121,41,many\n', 'f.csv') } catch (e) { return e } })()
  t.ok(error instanceof BecTableError)
  t.match(error, { file: 'f.csv', line: 2, message: /relationship "many"/ })
  t.throws(() => parseBecCsv('HS 2017,BEC,Relationship\n010121,4x,n:1\n', 'f.csv'), /line 2: BEC code "4x"/)
})

t.test('HS revisions: spellings, and which UN table maps an older revision', async (t) => {
  t.equal(normaliseHsRevision('HS 2017'), 'HS2017')
  t.equal(normaliseHsRevision('hs92'), 'HS1992')
  t.equal(normaliseHsRevision('HS12'), 'HS2012')
  t.equal(normaliseHsRevision('HS 1993'), null)
  t.equal(normaliseHsRevision('BEC'), null)
  const available = ['HS2012', 'HS2017', 'HS2022']
  t.match(chooseBecTable('HS2017', available), { tableRevision: 'HS2017', method: 'exact' })
  t.match(chooseBecTable('HS92', available), { lakeRevision: 'HS1992', tableRevision: 'HS2012', method: 'identical-codes' })
  t.match(chooseBecTable('HS07', available), { tableRevision: 'HS2012', method: 'identical-codes' })
  t.match(chooseBecTable('HS2022', ['HS2012', 'HS2017']), { tableRevision: 'HS2017', method: 'identical-codes' })
  const loaded = await loadBecForRevision('HS96', available.map((r) => join(BEC_DIR, `${r}_to_BEC4.csv`)))
  t.equal(loaded.hsRevision, 'HS2012')
  t.equal(loaded.file, join(BEC_DIR, 'HS2012_to_BEC4.csv'))
  t.match(loaded.mapping.description, /identical/)
})

t.test('the mapping a lake used, read from its manifest', async (t) => {
  const source = (details: Record<string, string>) => [{ name: 'HS-BEC', release: 'r', publisher: 'UN', files: [], details }]
  t.match(becMappingOfManifest({ hs_revision: 'HS92', sources: source({ hs_revision: 'HS2012' }) }),
    { lakeRevision: 'HS1992', tableRevision: 'HS2012', method: 'identical-codes', recorded: true })
  t.match(becMappingOfManifest({ hs_revision: 'HS2022', sources: source({ concordance: 'HS2022 to BEC rev.4' }) }),
    { tableRevision: 'HS2022', method: 'exact', recorded: true })
  t.match(becMappingOfManifest({ hs_revision: 'HS2017', sources: [] }), { method: 'exact', recorded: false, description: /records no HS revision/ })
})
