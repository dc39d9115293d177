// Loads the embedded lists of the synthetic world into DuckDB temp tables, with the seeded random macros.
import type { DuckDBConnection } from '@duckdb/node-api'
import {
  ANCHORED_SHARES, BEC_PROFILES, CHAPTER_GROWTH_ELASTICITY, CHAPTER_TRADE_WEIGHT, EXPORT_PROPENSITY, INCOME_GROWTH, SCALES, SPECIALISATIONS,
  TIVA_YEARS, WDI_YEARS, anchoredShare, expandChapters, gniIndex, parsePairs, range, worldExportsUsd, type Scale,
} from './calibration.js'
import { economiesForScale } from './economies.js'
import { HS_CHAPTERS, HS_SECTIONS } from './nomenclature.js'

/** Loads rows (plain objects) as a temp table through one bound JSON parameter: nothing is interpolated. */
async function loadRows(conn: DuckDBConnection, table: string, columns: Record<string, string>, rows: object[]) {
  const structure = JSON.stringify(columns)
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS
     SELECT unnest(from_json(?::JSON, '[${structure}]'), recursive := true)`,
    [JSON.stringify(rows)],
  )
}

/**
 * Seeded pseudo-randomness: `syn_hash(salt, a, b, c, d)` hashes the seed with a salt (one per use) and
 * the keys; `syn_u` turns a hash into a uniform in (0, 1) from its high 32 bits, `syn_z` into a
 * standard normal by Box–Muller on its two 32-bit halves. DuckDB's `hash` is deterministic, so the
 * same seed gives the same data.
 */
async function createRandomMacros(conn: DuckDBConnection, seed: number) {
  await conn.run('SET VARIABLE syn_seed = ?::UBIGINT', [seed])
  await conn.run(`CREATE OR REPLACE TEMP MACRO syn_hash(salt, a, b := 0, c := 0, d := 0) AS
    hash(getvariable('syn_seed'), salt, a, b, c, d)`)
  await conn.run(`CREATE OR REPLACE TEMP MACRO syn_u(h) AS ((h >> 32)::DOUBLE + 0.5) / 4294967296.0`)
  await conn.run(`CREATE OR REPLACE TEMP MACRO syn_z(h) AS
    sqrt(-2 * ln(syn_u(h))) * cos(2 * pi() * (((h & 4294967295)::DOUBLE + 0.5) / 4294967296.0))`)
}

/** Every year any table needs, with world trade and the common GNI path. */
function yearRows(flowYears: number[]) {
  const years = [...new Set([...WDI_YEARS, ...TIVA_YEARS, ...flowYears,
    ...range(Math.min(...flowYears, 2000), Math.max(...flowYears, 2024))])].sort((a, b) => a - b)
  return years.map((year) => ({ year, world_usd: worldExportsUsd(year), gni_index: gniIndex(year) }))
}

export async function stageSyntheticWorld(conn: DuckDBConnection, seed: number, scale: Scale, flowYears: number[]) {
  await createRandomMacros(conn, seed)
  const economies = economiesForScale(scale)
  await loadRows(conn, 'syn_econ', {
    id: 'INTEGER', iso3: 'VARCHAR', name: 'VARCHAR', baci_code: 'INTEGER', region: 'VARCHAR',
    gdp: 'DOUBLE', gni2020: 'DOUBLE', income_growth: 'DOUBLE', propensity: 'DOUBLE', tiva: 'BOOLEAN',
  }, economies.map((e, i) => ({
    id: i + 1, iso3: e.iso3, name: e.name, baci_code: e.baciCode, region: e.region, gdp: e.gdp,
    gni2020: e.gniPcPpp, income_growth: INCOME_GROWTH[e.iso3] ?? null, propensity: EXPORT_PROPENSITY[e.iso3] ?? 1,
    tiva: i < SCALES[scale].tivaEconomies,
  })))
  await loadRows(conn, 'syn_section', { section: 'VARCHAR', number: 'INTEGER', name: 'VARCHAR' },
    HS_SECTIONS.map(({ section, number, name }) => ({ section, number, name })))
  await loadRows(conn, 'syn_chapter', {
    ch: 'INTEGER', chapter: 'VARCHAR', section: 'VARCHAR', name: 'VARCHAR', subheadings: 'INTEGER',
    weight: 'DOUBLE', elasticity: 'DOUBLE',
  }, HS_CHAPTERS.map((c) => ({
    ch: Number(c.chapter), chapter: c.chapter, section: c.section, name: c.name, subheadings: c.subheadings,
    weight: CHAPTER_TRADE_WEIGHT[c.chapter] ?? null, elasticity: CHAPTER_GROWTH_ELASTICITY[c.chapter] ?? null,
  })))
  await loadRows(conn, 'syn_spec', { iso3: 'VARCHAR', ch: 'INTEGER', factor: 'DOUBLE' },
    Object.entries(SPECIALISATIONS).flatMap(([iso3, text]) =>
      parsePairs(text).map(([chapter, factor]) => ({ iso3, ch: Number(chapter), factor }))))
  await loadRows(conn, 'syn_bec_profile', { ch: 'INTEGER', bec: 'VARCHAR', weight: 'DOUBLE' },
    BEC_PROFILES.flatMap(([chapters, profile]) => expandChapters(chapters).flatMap((chapter) =>
      parsePairs(profile).map(([bec, weight]) => ({ ch: Number(chapter), bec, weight })))))
  await loadRows(conn, 'syn_year', { year: 'INTEGER', world_usd: 'DOUBLE', gni_index: 'DOUBLE' }, yearRows(flowYears))
  await loadRows(conn, 'syn_anchor', { year: 'INTEGER', exporter: 'VARCHAR', importer: 'VARCHAR', ch: 'INTEGER', share: 'DOUBLE' },
    flowYears.flatMap((year) => ANCHORED_SHARES.map((a) => ({
      year, exporter: a.exporter, importer: a.importer, ch: Number(a.chapter), share: anchoredShare(a.path, year),
    }))))
}
