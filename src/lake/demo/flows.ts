// SQL that draws one year of BACI-shaped bilateral flows from the synthetic world, and stores it in the lake.
import type { LakeBuild } from '../writer.js'

const SALT = { trades: 21, churn: 22, importerLine: 23, pair: 24, year: 25, quantityMissing: 26 } as const

/**
 * Candidate flows are every active exporter × line with every other importer. A pair trades when a
 * time-invariant draw falls under a gravity-like probability (exporter reach × importer mass × same
 * region × the year's extensive margin), so most pairs trade only some lines and trade persists
 * over years; 4% of flows drop out in any one year. Dominant exporters reach almost every importer,
 * dominant importers buy from almost every exporter.
 *
 * The log value adds the importer's mass, an importer × line draw, a pair draw and a small yearly
 * draw; exporters grow with their income growth. On a dominated line the dominant exporter's
 * (importer's) values are multiplied by 10 and every other exporter's (importer's) divided by 10,
 * which keeps line totals near their draw while giving the dominant one most of the line.
 * The level (27.6) only keeps raw values near US dollars; the write step scales them.
 */
const DRAW_YEAR_SQL = `
  CREATE OR REPLACE TEMP TABLE syn_flows_year AS
  WITH importer AS (
    SELECT id, iso3, region, power(mass, 0.45) AS pull, 0.4 * ln(mass) AS log_mass FROM syn_economy
  ), year AS (
    SELECT ln(world_usd / (SELECT world_usd FROM syn_year WHERE year = 2020)) AS log_world
    FROM syn_year WHERE year = $year
  )
  SELECT a.ch, a.exporter, m.iso3 AS importer, a.hs6, a.unit_value,
    exp(a.log_value + m.log_mass
        + 0.4 * syn_z(syn_hash(${SALT.importerLine}, m.id, a.k))
        + 0.8 * syn_z(syn_hash(${SALT.pair}, a.e, m.id, a.k))
        + 0.15 * syn_z(syn_hash(${SALT.year}, a.e, m.id, a.k, $year))
        + CASE WHEN a.region = m.region THEN ln(1.8) ELSE 0 END
        + 1.2 * a.growth * ($year - 2020)
        + a.dominance * ln(10)
        + CASE WHEN m.id = a.dominant_importer THEN ln(10) WHEN a.dominant_importer IS NOT NULL THEN -ln(10) ELSE 0 END
        + 27.6) AS raw_value,
    syn_u(syn_hash(${SALT.quantityMissing}, a.e, m.id, a.k, $year)) < 0.05 AS quantity_missing
  FROM syn_active a CROSS JOIN importer m CROSS JOIN year y
  WHERE m.id <> a.e
    AND syn_u(syn_hash(${SALT.trades}, a.e, m.id, a.k)) < CASE
          WHEN m.id = a.dominant_importer THEN 0.95
          WHEN a.dominance = 1 THEN 0.8
          ELSE 1 - 1 / (1 + $intensity * a.reach * m.pull * CASE WHEN a.region = m.region THEN 2.5 ELSE 1 END
                                          * exp(0.35 * y.log_world)) END
    AND syn_u(syn_hash(${SALT.churn}, a.e, m.id, a.k, $year)) >= 0.04
  ORDER BY a.exporter, m.iso3, a.hs6`

/**
 * Pins the anchored bilateral shares (see `ANCHORED_SHARES`): within the importer's chapter imports,
 * the exporter's flows are scaled to the target share and every other exporter's to the rest, so the
 * importer's chapter total stays as drawn. Exact DECIMAL sums keep the factors independent of
 * summation order.
 */
const ANCHOR_YEAR_SQL = `
  UPDATE syn_flows_year f
  SET raw_value = f.raw_value * CASE WHEN f.exporter = t.exporter THEN t.share * t.total / t.anchored
                                     ELSE (1 - t.share) * t.total / (t.total - t.anchored) END
  FROM (
    SELECT a.exporter, a.importer, a.ch, a.share,
           sum(round(f.raw_value, 2)::DECIMAL(38, 2))::DOUBLE AS total,
           sum(round(f.raw_value, 2)::DECIMAL(38, 2)) FILTER (WHERE f.exporter = a.exporter)::DOUBLE AS anchored
    FROM syn_anchor a JOIN syn_flows_year f ON f.importer = a.importer AND f.ch = a.ch
    WHERE a.year = $year
    GROUP BY a.exporter, a.importer, a.ch, a.share
  ) t
  WHERE f.importer = t.importer AND f.ch = t.ch AND t.anchored > 0 AND t.total > t.anchored`

/**
 * The year's flows scaled so each chapter's world trade is its share of the year's world merchandise
 * exports (times the lake's share of world GDP); a chapter's share moves with world trade to the power
 * of its elasticity less one, so chapters grow at different rates. The scales come from exact DECIMAL
 * sums, so they do not depend on summation order; values are whole US dollars, quantities tonnes.
 */
const WRITE_YEAR_SQL = `
  WITH world AS (
    SELECT world_usd, ln(world_usd / (SELECT world_usd FROM syn_year WHERE year = 2020)) AS log_world
    FROM syn_year WHERE year = $1
  ), target AS (
    SELECT t.ch, w.world_usd * $2 * t.weight * exp(t.elasticity * w.log_world)
                 / sum(t.weight * exp(t.elasticity * w.log_world)) OVER () AS usd
    FROM syn_chapter_trade t CROSS JOIN world w
  ), scale AS (
    SELECT f.ch, any_value(t.usd) / sum(round(f.raw_value, 2)::DECIMAL(38, 2))::DOUBLE AS factor
    FROM syn_flows_year f JOIN target t USING (ch) GROUP BY f.ch
  ), valued AS (
    SELECT f.*, round(f.raw_value * s.factor) AS value, f.unit_value * exp(0.4 * w.log_world) AS price
    FROM syn_flows_year f JOIN scale s USING (ch) CROSS JOIN world w
  )
  SELECT $1::INTEGER AS year, exporter, importer, hs6, value,
         CASE WHEN quantity_missing THEN NULL ELSE greatest(0.001, round(value / price, 3)) END AS quantity
  FROM valued WHERE value >= 1`

export interface FlowParams {
  intensity: number
  /** The lake economies' share of world GDP: their share of world trade. */
  coverage: number
}

/**
 * Draws and writes one year of flows (the `flows/year=YYYY` partition). The draw may run on many
 * threads (its rows are sorted); the partitioned write runs on one, which keeps the parquet
 * byte-identical whatever the thread count.
 */
export async function writeFlowsYear(build: LakeBuild, year: number, params: FlowParams): Promise<void> {
  const { conn } = build
  await conn.run(DRAW_YEAR_SQL, { year, intensity: params.intensity })
  await conn.run(ANCHOR_YEAR_SQL, { year })
  const reader = await conn.runAndReadAll(`SELECT current_setting('threads')::INTEGER AS threads`)
  const threads = Number(reader.getRowObjects()[0]!.threads)
  await conn.run('SET threads = 1')
  try {
    await build.writeTable('flows', WRITE_YEAR_SQL, [year, params.coverage])
  } finally {
    await conn.run(`SET threads = ${threads}`)
  }
  await conn.run('DROP TABLE syn_flows_year')
}

