// The `bec_stage` summary: trade by economy × flow × chapter × production stage, built with the lake from flows ⋈ hs_bec.
import { becStagePairs } from '../metrics/bec-stages.js'

/** The stage table as a SQL VALUES list; its codes and stage names are constants, checked so nothing odd is inlined. */
function stageValuesSql(): string {
  return becStagePairs().map(([bec, stage]) => {
    if (!/^\d{1,3}$/.test(bec) || !/^[a-z]+$/.test(stage)) throw new Error(`bad stage table entry ${bec} → ${stage}`)
    return `('${bec}', '${stage}')`
  }).join(', ')
}

/**
 * One row per year × economy × flow × HS2 chapter × stage × mapped. An HS6 line's value is split over its
 * BEC codes by `hs_bec.weight` (renormalised per line, so a line's value is kept whole even if the weights
 * of a table do not sum to 1); lines without a BEC code go to `unassigned` with `mapped = false`, so
 * `mapped` gives the share of trade value the concordance covered. World totals are the sum over all
 * economies of one flow (world exports = world imports: every flow row has both ends).
 */
export const BEC_STAGE_SQL = `
    WITH stage_of(bec, stage) AS (VALUES ${stageValuesSql()}),
         line_bec AS (SELECT hs6, bec, coalesce(weight, 0) / sum(coalesce(weight, 0)) OVER (PARTITION BY hs6) AS weight
                      FROM hs_bec WHERE coalesce(weight, 0) > 0),
         line_stage AS (SELECT l.hs6, coalesce(s.stage, 'unassigned') AS stage, sum(l.weight) AS weight
                        FROM line_bec l LEFT JOIN stage_of s ON s.bec = l.bec GROUP BY ALL),
         trade AS (SELECT year, exporter AS iso3, 'exports' AS flow, hs6, sum(value) AS value FROM flows GROUP BY ALL
                   UNION ALL
                   SELECT year, importer AS iso3, 'imports' AS flow, hs6, sum(value) AS value FROM flows GROUP BY ALL)
    SELECT t.year, t.iso3, t.flow, substr(t.hs6, 1, 2) AS chapter, coalesce(l.stage, 'unassigned') AS stage,
           l.hs6 IS NOT NULL AS mapped, sum(t.value * coalesce(l.weight, 1.0)) AS value
    FROM trade t LEFT JOIN line_stage l ON l.hs6 = t.hs6
    GROUP BY ALL
    ORDER BY year, flow, iso3, chapter, stage, mapped`
