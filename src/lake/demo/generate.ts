// Builds a deterministic synthetic lake (BACI, TiVA, WDI, HS, HS→BEC shaped) for demos and benchmarks.
import { availableParallelism } from 'node:os'
import { INDICATOR_GNI_PPP, type Manifest, type SourceEntry } from '../contract.js'
import { buildLakeVersion } from '../writer.js'
import { SCALES, TIVA_YEARS, type Scale } from './calibration.js'
import { ECONOMIES, economiesForScale, type Economy } from './economies.js'
import { writeFlowsYear } from './flows.js'
import { COUNTRIES_SQL, HS_BEC_SQL, HS_SQL, SECTIONS_SQL, TIVA_SQL, WDI_SQL } from './reference.js'
import { stageSyntheticWorld } from './staging.js'
import { deriveSyntheticWorld } from './world.js'

export const DEFAULT_SEED = 42
export const GENERATOR_NAME = 'tradedep-synthetic'
const PUBLISHER = 'tradedep synthetic generator (not real data)'

export interface SyntheticLakeOptions {
  lakeDir: string
  seed?: number
  scale?: Scale
  /** Flow years; defaults to 2000 and 2015–2024 (demo) or 2018–2024 (full). */
  years?: number[]
  /** DuckDB threads; defaults to 1 for demo (fast enough) and all cores for full. */
  threads?: number
  onProgress?: (step: string, done: number, total: number) => void
}

function checkedYears(years: number[]): number[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b)
  if (sorted.length === 0 || sorted.some((y) => !Number.isInteger(y) || y < 1950 || y > 2100)) {
    throw new RangeError(`years must be a non-empty list of years between 1950 and 2100, got ${years.join(',')}`)
  }
  return sorted
}

function totalGdp(economies: readonly Economy[]): number {
  return economies.reduce((sum, e) => sum + e.gdp, 0)
}

function yearSpan(years: number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]} (${years.length} years)`
}

function syntheticSources(seed: number, scale: Scale, years: number[]): SourceEntry[] {
  const release = `synthetic-${seed}`
  const details: Record<string, Record<string, string | number>> = {
    BACI: { scale, years: yearSpan(years), value_unit: 'USD', quantity_unit: 'tonnes' },
    TiVA: { dataflow: 'DSD_TIVA_MAINSH@DF_MAINSH', years: yearSpan(TIVA_YEARS), activities: 'C26,C27,C28,_T' },
    WDI: { indicator: INDICATOR_GNI_PPP },
    HS: { revision: 'HS2022' },
    'HS-BEC': { concordance: 'HS2022 to BEC rev.4' },
    countries: { scale },
  }
  return Object.entries(details).map(([name, extra]) => ({ name, release, publisher: PUBLISHER, files: [], details: extra }))
}

/**
 * Generates a complete synthetic lake version: the same seed, scale and years give byte-identical
 * parquet (and so the same table checksums in the manifest). All bulk data is drawn in DuckDB SQL.
 */
export async function generateSyntheticLake(opts: SyntheticLakeOptions): Promise<Manifest> {
  const seed = opts.seed ?? DEFAULT_SEED
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`)
  const scale = opts.scale ?? 'demo'
  const profile = SCALES[scale]
  if (!profile) throw new RangeError(`scale must be demo or full, got ${String(scale)}`)
  const years = checkedYears(opts.years ?? profile.defaultYears)
  const threads = opts.threads ?? (scale === 'full' ? availableParallelism() : 1)
  const total = years.length + 3
  let done = 0
  const progress = (step: string) => opts.onProgress?.(step, done++, total)

  const manifest = await buildLakeVersion({
    lakeDir: opts.lakeDir,
    synthetic: true,
    hsRevision: 'HS2022',
    generator: { name: GENERATOR_NAME, seed, scale },
    sources: syntheticSources(seed, scale, years),
    threads,
    async write(build) {
      progress('synthetic world')
      await stageSyntheticWorld(build.conn, seed, scale, years)
      await deriveSyntheticWorld(build.conn, profile)
      progress('reference tables')
      await build.writeTable('countries', COUNTRIES_SQL)
      await build.writeTable('sections', SECTIONS_SQL)
      await build.writeTable('hs', HS_SQL)
      await build.writeTable('hs_bec', HS_BEC_SQL)
      await build.writeTable('tiva', TIVA_SQL)
      await build.writeTable('wdi', WDI_SQL)
      const coverage = totalGdp(economiesForScale(scale)) / totalGdp(ECONOMIES)
      for (const year of years) {
        progress(`flows ${year}`)
        await writeFlowsYear(build, year, { intensity: profile.intensity, coverage })
      }
      progress('summaries')
    },
  })
  opts.onProgress?.('done', total, total)
  return manifest
}
