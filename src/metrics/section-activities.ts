// Which OECD TiVA activities (ISIC rev.4) produce the goods of each HS section: the bridge from trade to value added.
//
// Codes follow the lake's convention (docs/lake.md, `tiva.activity`): the ISIC rev.4 section letter and the
// TiVA division grouping, `C26`, `C10T12`, `A01T02`, with `_T` for the total of all activities. OECD's
// SDMX download spells the same groups with a `D` (`D26`, `D10T12`); `lakeActivityCode` converts them.
// The table was drawn up by hand from the divisions ISIC rev.4 assigns to each section's products and
// checked against the real HS → ISIC rev.4 concordance (test/metrics/section-activities.test.ts).

/** Bump when any row changes: responses cite it, so an answer can be traced to the mapping that made it. */
export const SECTION_ACTIVITY_TABLE_VERSION = '2026-11-1'

/** The total of all activities: used when no activity fits a section, or the lake lacks the ones that do. */
export const TOTAL_ACTIVITY = '_T'

export interface TivaActivity {
  code: string
  name: string
  /** The ISIC rev.4 divisions (two digits) the activity groups. */
  divisions: string[]
}

/** TiVA 2023 goods-producing activities, in the lake's spelling. */
export const TIVA_ACTIVITIES: Record<string, TivaActivity> = Object.fromEntries(([
  ['A01T02', 'Agriculture, hunting, forestry', ['01', '02']],
  ['A03', 'Fishing and aquaculture', ['03']],
  ['B05T06', 'Mining and quarrying, energy producing products', ['05', '06']],
  ['B07T08', 'Mining and quarrying, non-energy producing products', ['07', '08']],
  ['C10T12', 'Food products, beverages and tobacco', ['10', '11', '12']],
  ['C13T15', 'Textiles, textile products, leather and footwear', ['13', '14', '15']],
  ['C16', 'Wood and products of wood and cork', ['16']],
  ['C17T18', 'Paper products and printing', ['17', '18']],
  ['C19', 'Coke and refined petroleum products', ['19']],
  ['C20', 'Chemicals and chemical products', ['20']],
  ['C21', 'Pharmaceuticals, medicinal chemical and botanical products', ['21']],
  ['C22', 'Rubber and plastics products', ['22']],
  ['C23', 'Other non-metallic mineral products', ['23']],
  ['C24', 'Basic metals', ['24']],
  ['C25', 'Fabricated metal products', ['25']],
  ['C26', 'Computer, electronic and optical equipment', ['26']],
  ['C27', 'Electrical equipment', ['27']],
  ['C28', 'Machinery and equipment, nec', ['28']],
  ['C29', 'Motor vehicles, trailers and semi-trailers', ['29']],
  ['C30', 'Other transport equipment', ['30']],
  ['C31T33', 'Manufacturing nec; repair and installation of machinery and equipment', ['31', '32', '33']],
] as const).map(([code, name, divisions]) => [code, { code, name, divisions: [...divisions] }]))

export interface SectionActivities {
  /** HS section, Roman numeral. */
  section: string
  /** TiVA activities, lake spelling; `['_T']` when no activity fits. */
  activities: string[]
  /** Why these activities, in a line. */
  rationale: string
}

export const SECTION_ACTIVITY_TABLE: readonly SectionActivities[] = [
  { section: 'I', activities: ['A01T02', 'A03', 'C10T12'], rationale: 'live animals (ISIC 01), fish (03), meat and dairy (10)' },
  { section: 'II', activities: ['A01T02', 'C10T12'], rationale: 'crops (ISIC 01), milling and processed vegetables (10)' },
  { section: 'III', activities: ['C10T12'], rationale: 'vegetable and animal oils and fats (ISIC 104)' },
  { section: 'IV', activities: ['C10T12'], rationale: 'food products (ISIC 10), beverages (11), tobacco (12)' },
  { section: 'V', activities: ['B05T06', 'B07T08', 'C19'], rationale: 'fuels (ISIC 05–06), ores, salt and stone (07–08), refined petroleum (19)' },
  { section: 'VI', activities: ['C20', 'C21'], rationale: 'chemicals (ISIC 20), pharmaceuticals (21)' },
  { section: 'VII', activities: ['C20', 'C22'], rationale: 'plastics in primary forms (ISIC 2013), rubber and plastic products (22)' },
  { section: 'VIII', activities: ['C13T15'], rationale: 'leather and leather goods (ISIC 15)' },
  { section: 'IX', activities: ['C16'], rationale: 'wood, cork and plaiting materials (ISIC 16)' },
  { section: 'X', activities: ['C17T18'], rationale: 'pulp and paper (ISIC 17), printed matter (18)' },
  { section: 'XI', activities: ['C13T15'], rationale: 'textiles (ISIC 13) and apparel (14)' },
  { section: 'XII', activities: ['C13T15'], rationale: 'footwear (ISIC 15) and headgear (14) carry the section; umbrellas and artificial flowers (32) are small' },
  { section: 'XIII', activities: ['C23'], rationale: 'stone, cement, ceramics and glass (ISIC 23)' },
  { section: 'XIV', activities: ['C24', 'C31T33'], rationale: 'precious metals (ISIC 2420), jewellery (3211)' },
  { section: 'XV', activities: ['C24', 'C25'], rationale: 'basic metals (ISIC 24), fabricated metal products (25)' },
  { section: 'XVI', activities: ['C26', 'C27', 'C28'], rationale: 'electronics (ISIC 26), electrical equipment (27), machinery (28)' },
  { section: 'XVII', activities: ['C29', 'C30'], rationale: 'motor vehicles (ISIC 29), ships, aircraft and railway stock (30)' },
  { section: 'XVIII', activities: ['C26', 'C31T33'], rationale: 'instruments, optics and watches (ISIC 265–267), medical and musical instruments (32)' },
  { section: 'XIX', activities: ['C25'], rationale: 'weapons and ammunition (ISIC 2520)' },
  { section: 'XX', activities: ['C31T33'], rationale: 'furniture (ISIC 31), toys, sports goods and other manufactures (32)' },
  { section: 'XXI', activities: [TOTAL_ACTIVITY], rationale: 'works of art and antiques are not produced by any one activity: the total of all activities' },
]

const BY_SECTION = new Map(SECTION_ACTIVITY_TABLE.map((row) => [row.section, row]))

/** The table's row for a section (Roman numeral); an unknown section gets the total. */
export function activitiesOfSection(section: string): SectionActivities {
  return BY_SECTION.get(section) ?? { section, activities: [TOTAL_ACTIVITY], rationale: 'section not in the table: the total of all activities' }
}

// ISIC rev.4 section letter of each division range (first division of the range → letter).
const ISIC_SECTION_STARTS: [number, string][] = [
  [1, 'A'], [5, 'B'], [10, 'C'], [35, 'D'], [36, 'E'], [41, 'F'], [45, 'G'], [49, 'H'], [55, 'I'], [58, 'J'],
  [64, 'K'], [68, 'L'], [69, 'M'], [77, 'N'], [84, 'O'], [85, 'P'], [86, 'Q'], [90, 'R'], [94, 'S'], [97, 'T'], [99, 'U'],
]

/**
 * OECD TiVA activity code → the lake's spelling: `D26` → `C26`, `D01T02` → `A01T02`, `D45T47` → `G45T47`.
 * Codes that are not a `D`-prefixed division range (`_T`, `C`, `BTE`, already converted ones) pass unchanged.
 */
export function lakeActivityCode(oecdCode: string): string {
  const match = /^D(\d{2})((?:T\d{2})?)$/.exec(oecdCode)
  if (!match) return oecdCode
  const division = Number(match[1])
  const letter = ISIC_SECTION_STARTS.filter(([start]) => start <= division).at(-1)?.[1]
  return letter ? `${letter}${match[1]}${match[2]}` : oecdCode
}
