// A lake built from the real sample files in ../shared/data (BACI HS92 2021 sample, HS2022, countries, WDI),
// cached in .tmp/test-lakes/ while the lake code and the sample files are unchanged.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { baciStage } from '../../src/lake/ingest/baci.js'
import { countriesStage } from '../../src/lake/ingest/countries.js'
import { hsStage } from '../../src/lake/ingest/hs.js'
import { runIngest } from '../../src/lake/ingest/run.js'
import { wdiStage } from '../../src/lake/ingest/wdi.js'
import { ROOT, SHARED_DATA } from './lakes.js'

/** The real sample inputs, read in place. */
export const REAL_FILES = {
  baci: join(SHARED_DATA, 'baci/BACI_HS92_Y2021_V202301_sample_ZAF_AFG.csv'),
  baciCountries: join(SHARED_DATA, 'baci/country_codes_V202401.csv'),
  baciCountriesOld: join(SHARED_DATA, 'baci/country_codes_V202201.csv'),
  products: join(SHARED_DATA, 'baci/product_codes_HS92_V202401.csv'),
  hs: join(SHARED_DATA, 'hs/hs2022.csv'),
  hs2017: join(SHARED_DATA, 'hs/hs2017.csv'),
  sections: join(SHARED_DATA, 'hs/sections.csv'),
  isoCountries: join(SHARED_DATA, 'countries/country-codes.csv'),
  wdi: join(SHARED_DATA, 'wdi/NY.GNP.PCAP.PP.CD.csv'),
  bec2017: join(SHARED_DATA, 'bec/HS2017_to_BEC4.csv'),
}

function fingerprint(): string {
  const hash = createHash('sha256')
  const dir = join(ROOT, 'src/lake')
  for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
    hash.update(file).update(readFileSync(file))
  }
  for (const file of Object.values(REAL_FILES)) hash.update(file).update(String(statSync(file).size))
  return hash.digest('hex').slice(0, 12)
}

/** The cached real sample lake of this code version (build it with `ensureRealSampleLake()`). */
export const REAL_LAKE = join(ROOT, '.tmp/test-lakes', `real-${fingerprint()}`)

/**
 * Ingests, in one lake version: countries (BACI V202401 codes, names and M49 regions from the ISO 3166
 * table), the HS2022 nomenclature with sections (chapter and section names), the BACI HS92 2021 sample
 * with its HS92 product list (HS6 lines and descriptions in the flows' revision, placed under the HS2022
 * chapters: chapters are the same in every HS revision), and WDI GNI per capita PPP. No TiVA, no HS-BEC
 * (their tables are empty).
 *
 * Built in a sibling folder and renamed into place, so concurrent test files never see half a lake.
 * Does nothing when `lakeDir` already holds a lake.
 */
export async function buildRealSampleLake(lakeDir: string): Promise<void> {
  if (existsSync(join(lakeDir, 'current/manifest.json'))) return
  const building = `${lakeDir}.partial-${process.pid}-${Date.now()}`
  await mkdir(building, { recursive: true })
  try {
    await runIngest({
      lakeDir: building,
      threads: 2,
      stages: [
        countriesStage([REAL_FILES.baciCountries, REAL_FILES.isoCountries]),
        hsStage({ nomenclature: REAL_FILES.hs, sections: REAL_FILES.sections }),
        baciStage({ inputs: [REAL_FILES.baci], countries: REAL_FILES.baciCountries, products: REAL_FILES.products }),
        wdiStage({ files: [REAL_FILES.wdi] }),
      ],
    })
    try {
      await rename(building, lakeDir)
    } catch (error) {
      // Another test file finished first: its lake is the same.
      if (!existsSync(join(lakeDir, 'current/manifest.json'))) throw error
    }
  } finally {
    await rm(building, { recursive: true, force: true })
  }
}

/** Builds the cached real sample lake if needed and returns its folder. */
export async function ensureRealSampleLake(): Promise<string> {
  await buildRealSampleLake(REAL_LAKE)
  return REAL_LAKE
}

/** Where `current` points and the manifest's bytes: equal before and after means the lake did not change. */
export async function lakeSnapshot(lakeDir: string): Promise<{ target: string; manifest: string; versions: string[] }> {
  const { readlink, readFile, readdir } = await import('node:fs/promises')
  const target = await readlink(join(lakeDir, 'current'))
  return { target, manifest: await readFile(join(lakeDir, target, 'manifest.json'), 'utf8'), versions: (await readdir(join(lakeDir, 'versions'))).sort() }
}

/** A private copy of a lake (symlink kept as a link), for tests that ingest into it. */
export async function copyLake(from: string, to: string): Promise<string> {
  const { cp } = await import('node:fs/promises')
  await cp(from, to, { recursive: true, verbatimSymlinks: true })
  return to
}
