import { join } from 'node:path'
import t from 'tap'
import {
  SECTION_ACTIVITY_TABLE, SECTION_ACTIVITY_TABLE_VERSION, TIVA_ACTIVITIES, TOTAL_ACTIVITY, activitiesOfSection, lakeActivityCode,
} from '../../src/metrics/section-activities.js'
import { SHARED_DATA, independentQuery } from '../helpers/lakes.js'

const CONCORDANCE = join(SHARED_DATA, 'isic/hs_isic4.csv')
const NOMENCLATURE = join(SHARED_DATA, 'hs/hs2022.csv')
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI']

/** Divisions a section's activities cover. */
function divisionsOf(section: string): Set<string> {
  return new Set(activitiesOfSection(section).activities.flatMap((a) => TIVA_ACTIVITIES[a]?.divisions ?? []))
}

/**
 * Each section's weight per ISIC rev.4 division in the real HS → ISIC concordance: every HS6 line counts 1,
 * split equally over the divisions it maps to. `goodsOnly` keeps the goods-producing divisions 01–32 and drops
 * 09 (mining support) and 33 (repair and installation), services the rev.3 → rev.4 chain attaches to goods lines.
 */
async function concordanceWeights(goodsOnly: boolean, chapters?: string[]) {
  const rows = await independentQuery(`
    WITH chapter AS (
      SELECT DISTINCT section, hscode AS chapter FROM read_csv(?, all_varchar = true) WHERE level = '2'
    ), line AS (
      SELECT DISTINCT HS_6d AS hs6, HS_2d AS chapter, ISIC4_2d AS division FROM read_csv(?, all_varchar = true)
      WHERE ${goodsOnly ? "ISIC4_2d BETWEEN '01' AND '32' AND ISIC4_2d <> '09'" : 'true'}
    ), weighted AS (
      SELECT hs6, chapter, division, 1.0 / count(*) OVER (PARTITION BY hs6) AS weight FROM line
    )
    SELECT c.section, w.division, sum(w.weight) / sum(sum(w.weight)) OVER (PARTITION BY c.section) AS share
    FROM weighted w JOIN chapter c USING (chapter)
    ${chapters ? `WHERE w.chapter IN (${chapters.map((c) => `'${c}'`).join(', ')})` : ''}
    GROUP BY c.section, w.division
    ORDER BY c.section, share DESC, w.division`, [NOMENCLATURE, CONCORDANCE])
  const bySection = new Map<string, { division: string; share: number }[]>()
  for (const r of rows) {
    const list = bySection.get(String(r.section)) ?? []
    list.push({ division: String(r.division), share: Number(r.share) })
    bySection.set(String(r.section), list)
  }
  return bySection
}

t.test('the table covers the 21 sections with known activities, and is versioned', async (t) => {
  t.match(SECTION_ACTIVITY_TABLE_VERSION, /^\d{4}-\d{2}-\d+$/)
  t.same(SECTION_ACTIVITY_TABLE.map((r) => r.section), ROMAN)
  for (const row of SECTION_ACTIVITY_TABLE) {
    t.ok(row.activities.length > 0 && row.activities.every((a) => a === TOTAL_ACTIVITY || a in TIVA_ACTIVITIES), `${row.section}: ${row.activities}`)
  }
  t.same(activitiesOfSection('XVI').activities, ['C26', 'C27', 'C28'], 'Section XVI ↔ C26, C27, C28 (SPEC)')
  t.same(activitiesOfSection('XXI').activities, [TOTAL_ACTIVITY], 'works of art: no activity fits, the total')
})

t.test('chapters 84 and 85 map mostly to ISIC divisions 26–28 in the real concordance', async (t) => {
  const all = (await concordanceWeights(false, ['84', '85'])).get('XVI')!
  const share = all.filter((d) => ['26', '27', '28'].includes(d.division)).reduce((s, d) => s + d.share, 0)
  t.ok(share > 0.5, `divisions 26–28 hold ${(100 * share).toFixed(1)} % of the HS6 lines of chapters 84–85, all divisions counted`)
  const goods = (await concordanceWeights(true, ['84', '85'])).get('XVI')!
  const goodsShare = goods.filter((d) => ['26', '27', '28'].includes(d.division)).reduce((s, d) => s + d.share, 0)
  t.ok(goodsShare > 0.8, `and ${(100 * goodsShare).toFixed(1)} % among goods-producing divisions`)
})

t.test('every mapped section covers the concordance\'s main divisions', async (t) => {
  const weights = await concordanceWeights(true)
  for (const row of SECTION_ACTIVITY_TABLE) {
    const shares = weights.get(row.section) ?? []
    if (row.activities[0] === TOTAL_ACTIVITY) {
      t.equal(shares.length, 0, `${row.section}: no goods-producing division in the concordance, hence the total`)
      continue
    }
    const divisions = divisionsOf(row.section)
    const covered = shares.filter((d) => divisions.has(d.division)).reduce((s, d) => s + d.share, 0)
    t.ok(covered >= 0.25, `${row.section}: the table's divisions hold ${(100 * covered).toFixed(0)} % of the section's HS6 lines`)
    const top = shares[0]!
    // Section XII: the concordance's largest division by line count is 32 (umbrellas, artificial flowers,
    // chapters 66–67), but footwear (15) carries the section's trade; the table keeps C13T15 on purpose.
    if (row.section === 'XII') {
      t.ok(shares.some((d) => d.division === '15' && d.share >= 0.1), 'XII: footwear (15) is a main division of the concordance')
    } else {
      t.ok(divisions.has(top.division), `${row.section}: largest division ${top.division} (${(100 * top.share).toFixed(0)} %) is covered`)
    }
  }
})

t.test('OECD activity codes convert to the lake spelling', async (t) => {
  t.equal(lakeActivityCode('D26'), 'C26')
  t.equal(lakeActivityCode('D01T02'), 'A01T02')
  t.equal(lakeActivityCode('D05T06'), 'B05T06')
  t.equal(lakeActivityCode('D31T33'), 'C31T33')
  t.equal(lakeActivityCode('D45T47'), 'G45T47')
  t.equal(lakeActivityCode('D35'), 'D35', 'electricity is ISIC section D')
  t.equal(lakeActivityCode('_T'), '_T')
  t.equal(lakeActivityCode('C26'), 'C26', 'already converted')
  t.equal(lakeActivityCode('BTE'), 'BTE', 'aggregates pass through')
  for (const code of Object.keys(TIVA_ACTIVITIES)) t.equal(lakeActivityCode(`D${code.slice(1)}`), code, `${code} round trip`)
})
