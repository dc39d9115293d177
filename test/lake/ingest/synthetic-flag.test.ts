// `synthetic` stays true while any generated table is carried over, and turns false once every table is real.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { baciStage } from '../../../src/lake/ingest/baci.js'
import { becStage } from '../../../src/lake/ingest/bec.js'
import { countriesStage } from '../../../src/lake/ingest/countries.js'
import { hsStage } from '../../../src/lake/ingest/hs.js'
import { runIngest } from '../../../src/lake/ingest/run.js'
import { tivaStage } from '../../../src/lake/ingest/tiva.js'
import { wdiStage } from '../../../src/lake/ingest/wdi.js'
import { copyLake, ensureRealSampleLake, REAL_FILES } from '../../helpers/real-lake.js'

/**
 * A stand-in for a generated lake: the real sample lake with a manifest saying what the generator's says
 * (synthetic, every source without input files). Quicker than generating one, and the flag only reads the manifest.
 */
async function generatedLake(dir: string): Promise<string> {
  const lake = await copyLake(await ensureRealSampleLake(), join(dir, 'lake'))
  const path = join(lake, 'current/manifest.json')
  const manifest = JSON.parse(await readFile(path, 'utf8'))
  manifest.synthetic = true
  manifest.sources = ['BACI', 'TiVA', 'WDI', 'HS', 'HS-BEC', 'countries'].map((name) => ({ name, release: 'synthetic-42', publisher: 'tradedep', files: [] }))
  await writeFile(path, JSON.stringify(manifest))
  return lake
}

t.test('from a generated lake to a real one, source by source', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tradedep-synthetic-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const lake = await generatedLake(dir)
  const ingest = (...stages: Parameters<typeof runIngest>[0]['stages']) => runIngest({ lakeDir: lake, threads: 2, stages })

  const withRealFlows = await ingest(baciStage({ inputs: [REAL_FILES.baci], countries: REAL_FILES.baciCountries }))
  t.equal(withRealFlows.manifest.synthetic, true, 'real flows beside generated countries, HS, BEC, TiVA and WDI')
  t.equal(withRealFlows.manifest.hs_revision, 'HS92')
  t.same(withRealFlows.manifest.sources.map((s) => [s.name, s.files.length > 0]).sort(), [
    ['BACI', true], ['HS', false], ['HS-BEC', false], ['TiVA', false], ['WDI', false], ['countries', false],
  ], 'the generated sources of the carried tables are kept in the manifest')

  const allButTiva = await ingest(
    countriesStage([REAL_FILES.baciCountries, REAL_FILES.isoCountries]),
    hsStage({ nomenclature: REAL_FILES.hs, sections: REAL_FILES.sections, products: REAL_FILES.products }),
    becStage({ files: [REAL_FILES.bec2017] }),
    wdiStage({ files: [REAL_FILES.wdi] }))
  t.equal(allButTiva.manifest.synthetic, true, 'the generated TiVA table is still carried over')

  const tiva = join(dir, 'tiva.csv')
  await writeFile(tiva, 'REF_AREA,MEASURE,ACTIVITY,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MULT\nZAF,EXGR_FVA,C26,PT_EXGR,2020,20,0\n')
  const real = await ingest(tivaStage({ file: tiva }))
  t.equal(real.manifest.synthetic, false, 'every table now comes from real inputs')
  t.ok(real.manifest.sources.every((s) => s.files.length > 0 && s.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))), 'each source lists its input files with sha256')
  t.same(real.manifest.sources.map((s) => s.name).sort(), ['BACI', 'HS', 'HS-BEC', 'TiVA', 'WDI', 'countries'])
})
