// SQL that derives the time-invariant synthetic world from the staged lists: incomes, HS6 lines, who exports what.
import type { DuckDBConnection } from '@duckdb/node-api'
import type { ScaleProfile } from './calibration.js'

// Random salts: one per use, so no two draws are correlated.
const SALT = {
  incomeGrowth: 1, gniNoise: 2, lineSize: 3, linePopularity: 4, lineUnitValue: 5, chapterElasticity: 6,
  dominantExporterLine: 7, dominantImporterLine: 8, dominantExporter: 9, dominantImporter: 10,
  capability: 11, active: 12, exporterLine: 13, exporterUnitValue: 14,
} as const

/** Economies with their mass (GDP relative to the largest) and real income growth relative to the common path. */
const ECONOMY_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_economy AS
  SELECT *, gdp / max(gdp) OVER () AS mass,
         coalesce(income_growth, least(0.03, greatest(-0.01,
           0.011 * (ln(40000) - ln(gni2020)) + 0.006 * syn_z(syn_hash(${SALT.incomeGrowth}, id))))) AS growth
  FROM syn_econ`

/** GNI per capita PPP of every economy and year: the 2020 level along the common path and the economy's own growth. */
const GNI_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_gni AS
  SELECT e.id, e.iso3, y.year,
         round(e.gni2020 * y.gni_index * exp(e.growth * (y.year - 2020)
               + 0.012 * syn_z(syn_hash(${SALT.gniNoise}, e.id, y.year))), 1) AS gni
  FROM syn_economy e CROSS JOIN syn_year y`

/** Each chapter's share of world trade (weight) and the elasticity of its growth to world trade growth. */
const CHAPTER_TRADE_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_chapter_trade AS
  SELECT ch, coalesce(weight, 0.25) AS weight,
         coalesce(elasticity, 0.45 + syn_u(syn_hash(${SALT.chapterElasticity}, ch))) AS elasticity
  FROM syn_chapter`

/**
 * HS6 lines: each chapter gets lines in proportion to its real subheading count, grouped in headings
 * (at most 90 a chapter); subheadings are numbered 10, 20, … and 90 for the last of a heading.
 * Each line draws a size (its share of the chapter's trade), a popularity (how many pairs trade it),
 * a unit value, and whether one exporter or one importer dominates it (never the biggest lines).
 */
const LINE_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_line AS
  WITH counts AS (
    SELECT *, greatest(2, round(subheadings * $lines / sum(subheadings) OVER ()))::INTEGER AS n
    FROM syn_chapter
  ), per_heading AS (
    SELECT *, greatest($perHeading, ceil(n / 90.0))::INTEGER AS per, unnest(range(n)) AS j FROM counts
  ), coded AS (
    SELECT ch, chapter, section, name AS chapter_name, n,
           chapter || lpad((j // per + 1)::VARCHAR, 2, '0') AS heading,
           lpad((CASE WHEN j % per = per - 1 OR j = n - 1 AND j % per > 0 THEN 90 ELSE (j % per + 1) * 10 END)::VARCHAR, 2, '0') AS sub
    FROM per_heading
  ), lines AS (
    SELECT row_number() OVER (ORDER BY heading, sub)::INTEGER AS k, * EXCLUDE (sub), heading || sub AS hs6 FROM coded
  ), drawn AS (
    SELECT l.*, t.weight, syn_z(syn_hash(${SALT.lineSize}, l.k)) AS size_z,
           syn_u(syn_hash(${SALT.dominantExporterLine}, l.k)) AS dominance_u
    FROM lines l JOIN syn_chapter_trade t USING (ch)
  )
  SELECT * EXCLUDE (weight, size_z, dominance_u),
    weight / n * exp(0.9 * size_z - 0.405) AS size,
    exp(0.5 * syn_z(syn_hash(${SALT.linePopularity}, k))) AS popularity,
    CASE WHEN ch <= 27 THEN 800 WHEN ch <= 40 THEN 2500 WHEN ch <= 70 THEN 5000 WHEN ch = 71 THEN 2e6
         WHEN ch <= 83 THEN 3000 WHEN ch <= 85 THEN 30000 WHEN ch <= 89 THEN 15000 WHEN ch <= 92 THEN 60000
         ELSE 10000 END * exp(0.8 * syn_z(syn_hash(${SALT.lineUnitValue}, k))) AS unit_value,
    size_z < 1 AND dominance_u < CASE WHEN ch IN (84, 85) THEN 0.09 WHEN ch IN (26, 28, 71, 81) THEN 0.12 ELSE 0.045 END
      AS exporter_dominated,
    size_z < 1 AND dominance_u >= 0.12 AND syn_u(syn_hash(${SALT.dominantImporterLine}, k))
      < CASE WHEN ch IN (26, 27, 71) THEN 0.08 ELSE 0.035 END AS importer_dominated
  FROM drawn
  ORDER BY k`

/** Each economy's capability in each chapter: a lognormal draw times its specialisation factor. */
const CAPABILITY_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_capability AS
  SELECT e.id, c.ch,
         exp(0.6 * syn_z(syn_hash(${SALT.capability}, e.id, c.ch)) - 0.18) * coalesce(s.factor, 1) AS capability
  FROM syn_economy e CROSS JOIN syn_chapter c
  LEFT JOIN syn_spec s ON s.iso3 = e.iso3 AND s.ch = c.ch`

/**
 * The dominant exporter (importer) of a dominated line, drawn with the Gumbel-max trick: exporters
 * weighted by mass × capability² (China twice), importers by mass².
 */
const DOMINANT_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_dominant AS
  WITH x AS (
    SELECT l.k, arg_max(e.id, ln(e.mass) + 2 * ln(c.capability) + CASE WHEN e.iso3 = 'CHN' THEN ln(2) ELSE 0 END
                              - ln(-ln(syn_u(syn_hash(${SALT.dominantExporter}, l.k, e.id))))) AS exporter
    FROM syn_line l JOIN syn_capability c ON c.ch = l.ch JOIN syn_economy e ON e.id = c.id
    WHERE l.exporter_dominated GROUP BY l.k
  ), m AS (
    SELECT l.k, arg_max(e.id, 2 * ln(e.mass) - ln(-ln(syn_u(syn_hash(${SALT.dominantImporter}, l.k, e.id))))) AS importer
    FROM syn_line l CROSS JOIN syn_economy e
    WHERE l.importer_dominated GROUP BY l.k
  )
  SELECT l.k, x.exporter, m.importer FROM syn_line l
  LEFT JOIN x ON x.k = l.k LEFT JOIN m ON m.k = l.k`

/**
 * The exporter × line pairs that trade at all (big, capable exporters export most lines), with the
 * time-invariant part of their log value: exporter mass and propensity, chapter capability, a
 * line-level draw, line size.
 */
const ACTIVE_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_active AS
  SELECT e.id AS e, l.k, e.iso3 AS exporter, e.region, l.hs6, l.ch, e.growth,
         power(e.mass, 0.3) * l.popularity AS reach,
         0.35 * ln(e.mass) + ln(e.propensity) + ln(c.capability) + 0.6 * syn_z(syn_hash(${SALT.exporterLine}, e.id, l.k)) + ln(l.size) AS log_value,
         l.unit_value * exp(0.3 * syn_z(syn_hash(${SALT.exporterUnitValue}, e.id, l.k))) AS unit_value,
         CASE WHEN d.exporter IS NULL THEN 0 WHEN d.exporter = e.id THEN 1 ELSE -1 END AS dominance,
         d.importer AS dominant_importer
  FROM syn_economy e CROSS JOIN syn_line l
  JOIN syn_capability c ON c.id = e.id AND c.ch = l.ch
  JOIN syn_dominant d ON d.k = l.k
  WHERE d.exporter IS NOT DISTINCT FROM e.id
     OR syn_u(syn_hash(${SALT.active}, e.id, l.k)) < $activity * power(e.mass, 0.25) * sqrt(c.capability * l.popularity)
  ORDER BY e.id, l.k`

/** Derives every time-invariant table of the synthetic world on the build connection. */
export async function deriveSyntheticWorld(conn: DuckDBConnection, profile: ScaleProfile): Promise<void> {
  await conn.run(ECONOMY_SQL)
  await conn.run(GNI_SQL)
  await conn.run(CHAPTER_TRADE_SQL)
  await conn.run(LINE_SQL, { lines: profile.lines, perHeading: profile.linesPerHeading })
  await conn.run(CAPABILITY_SQL)
  await conn.run(DOMINANT_SQL)
  await conn.run(ACTIVE_SQL, { activity: profile.activity })
}
