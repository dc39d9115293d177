// SELECTs for the lake's small tables, drawn from the synthetic world: countries, HS, HS→BEC, TiVA, WDI.
import { INDICATOR_GNI_PPP } from '../contract.js'
import { TIVA_YEARS } from './calibration.js'

const SALT = { becPick: 31, becLine: 32, fvaLevel: 33, fvaYear: 34, openness: 35, exportsYear: 36 } as const

export const COUNTRIES_SQL = `
  SELECT iso3, name, baci_code AS numeric_code, region FROM syn_economy ORDER BY iso3`

export const SECTIONS_SQL = `SELECT section, number, name FROM syn_section ORDER BY number`

// A chapter name cut at a word boundary to keep synthetic descriptions readable.
const SHORT_NAME = `CASE WHEN length(chapter_name) <= 60 THEN chapter_name
  ELSE regexp_replace(left(chapter_name, 60), '[\\s,;]+[^\\s,;]*$', '') || '…' END`

/** Chapters (parent `TOTAL`, the real name), headings (parent chapter) and HS6 lines (parent heading). */
export const HS_SQL = `
  WITH chapters AS (SELECT DISTINCT chapter, section, chapter_name FROM syn_line),
       headings AS (SELECT DISTINCT heading, chapter, section, chapter_name FROM syn_line)
  SELECT chapter AS code, 2 AS level, 'TOTAL' AS parent, chapter, section, chapter_name AS description FROM chapters
  UNION ALL
  SELECT heading, 4, chapter, chapter, section,
         'Synthetic heading ' || chapter || '.' || substr(heading, 3, 2) || ' — ' || ${SHORT_NAME} FROM headings
  UNION ALL
  SELECT hs6, 6, heading, chapter, section,
         'Synthetic line ' || heading || '.' || substr(hs6, 5, 2) || ' — ' || ${SHORT_NAME} FROM syn_line
  ORDER BY code`

/**
 * Each line takes one BEC code of its chapter's profile (weighted draw, exponential keys); about
 * 1.4% of lines are `n:n`, split over their two first draws with weight 0.5; 0.6% stay unmapped.
 */
export const HS_BEC_SQL = `
  WITH draws AS (
    SELECT l.hs6, p.bec, syn_u(syn_hash(${SALT.becLine}, l.k)) AS u,
           row_number() OVER (PARTITION BY l.k ORDER BY -ln(syn_u(syn_hash(${SALT.becPick}, l.k, p.bec))) / p.weight) AS pick,
           count(*) OVER (PARTITION BY l.k) AS options
    FROM syn_line l JOIN syn_bec_profile p ON p.ch = l.ch
  ), typed AS (
    SELECT *, u < 0.02 AND options > 1 AS shared FROM draws WHERE u >= 0.006
  )
  SELECT hs6, bec, CASE WHEN shared THEN 'n:n' ELSE 'n:1' END AS relationship,
         CASE WHEN shared THEN 0.5 ELSE 1.0 END AS weight
  FROM typed WHERE pick = 1 OR pick = 2 AND shared
  ORDER BY hs6, bec`

export const WDI_SQL = `
  SELECT iso3, '${INDICATOR_GNI_PPP}' AS indicator, year, gni AS value FROM syn_gni ORDER BY iso3, year`

/**
 * TiVA for the covered economies, 2015–2020. EXGR_FVA (% of gross exports) follows an inverted U in
 * ln GNI per capita PPP peaking near $25,000, lower for large economies, higher for electronics (C26)
 * than for the total (_T), plus economy and year noise. EXGR (US dollars) is GDP × openness, split
 * across activities by the economy's capability in chapters 84 and 85.
 */
export const TIVA_SQL = `
  WITH activity(activity, n, shift) AS (VALUES ('C26', 1, 6.0), ('C27', 2, 3.0), ('C28', 3, 0.0), ('_T', 4, -6.0)),
  base AS (
    SELECT e.id, e.iso3, e.gdp, e.growth, g.year, g.gni, a.*,
           CASE a.activity WHEN 'C26' THEN 0.03 * c85.capability
                           WHEN 'C27' THEN 0.02 * sqrt(c84.capability * c85.capability)
                           WHEN 'C28' THEN 0.04 * c84.capability ELSE 1 END AS activity_share,
           ln((SELECT world_usd FROM syn_year y WHERE y.year = g.year) / (SELECT world_usd FROM syn_year WHERE year = 2020)) AS log_world
    FROM syn_economy e
    JOIN syn_gni g ON g.id = e.id AND g.year BETWEEN ${Math.min(...TIVA_YEARS)} AND ${Math.max(...TIVA_YEARS)}
    JOIN syn_capability c84 ON c84.id = e.id AND c84.ch = 84
    JOIN syn_capability c85 ON c85.id = e.id AND c85.ch = 85
    CROSS JOIN activity a
    WHERE e.tiva
  ), measured AS (
    SELECT iso3, activity, year,
      round(least(60, greatest(5,
        34 - 5 * power(ln(gni) - ln(25000), 2) - least(12, greatest(-8, 2.5 * ln(gdp / 400))) + shift
        + 3.5 * syn_z(syn_hash(${SALT.fvaLevel}, id, n)) + syn_z(syn_hash(${SALT.fvaYear}, id, n, year))
        + 0.3 * (year - 2015))), 1) AS fva,
      round(gdp * 1e9 * least(1.5, 0.3 * power(gdp / 400, -0.15) * exp(0.3 * syn_z(syn_hash(${SALT.openness}, id))))
            * activity_share * exp(log_world + 1.2 * growth * (year - 2020)
                                   + 0.03 * syn_z(syn_hash(${SALT.exportsYear}, id, n, year)))) AS exports
    FROM base
  )
  SELECT iso3, activity, year, 'EXGR_FVA' AS measure, 'PT_EXGR' AS unit, fva AS value FROM measured
  UNION ALL
  SELECT iso3, activity, year, 'EXGR', 'USD', exports FROM measured
  ORDER BY iso3, activity, year, measure`
