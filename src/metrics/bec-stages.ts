// Production stages from BEC rev.4 codes, and each year's value and share per stage.

export type Stage = 'primary' | 'processed' | 'parts' | 'capital' | 'consumption' | 'unassigned'

export interface StageDefinition {
  stage: Stage
  label: string
  /** The SNA basic class of goods the BEC rev.4 manual assigns these codes to. */
  sna_class: 'intermediate' | 'capital' | 'consumption' | 'not classified'
  bec: string[]
}

/**
 * The stage table (SPEC item 7). Its base is the correspondence between BEC rev.4 and the three SNA basic
 * classes of goods in the BEC rev.4 manual (UN, Statistical Papers Series M No. 53 Rev.4, 2003):
 * intermediate = 111, 121, 21, 22, 31, 322, 42, 53; capital = 41, 521; consumption = 112, 122, 522, 61, 62, 63;
 * 321 (motor spirit), 51 (passenger cars) and 7 (goods n.e.s.) are left unclassified there because their end
 * use is mixed. Intermediate goods are split by BEC's own categories into primary (the "primary" codes:
 * UNCTAD's "raw materials" stage of processing), processed and parts & accessories. Order = plotting order.
 */
export const STAGES: readonly StageDefinition[] = [
  { stage: 'primary', label: 'Primary', sna_class: 'intermediate', bec: ['111', '21', '31'] },
  { stage: 'processed', label: 'Processed / semi-finished', sna_class: 'intermediate', bec: ['121', '22', '322'] },
  { stage: 'parts', label: 'Parts & components', sna_class: 'intermediate', bec: ['42', '53'] },
  { stage: 'capital', label: 'Capital goods', sna_class: 'capital', bec: ['41', '521'] },
  { stage: 'consumption', label: 'Consumption goods', sna_class: 'consumption', bec: ['112', '122', '522', '61', '62', '63'] },
  // 32 is not a leaf of BEC rev.4 (it splits into 321 and 322), yet the UN tables give it to three lines
  // of HS 2710 whose fuel cannot be told apart: neither stage can be claimed, so they stay unassigned.
  { stage: 'unassigned', label: 'Unassigned', sna_class: 'not classified', bec: ['51', '321', '7', '32'] },
]

export const STAGE_ORDER: readonly Stage[] = STAGES.map((s) => s.stage)

export const STAGE_SOURCE =
  'UN Statistics Division, Classification by Broad Economic Categories, Rev.4 (Statistical Papers Series M No. 53 Rev.4, 2003): ' +
  'BEC rev.4 categories by SNA basic class of goods; intermediate goods split into primary, processed and parts by BEC category (tradedep SPEC item 7)'

const STAGE_OF_BEC = new Map(STAGES.flatMap((s) => s.bec.map((code) => [code, s.stage] as const)))

/** The stage of a BEC rev.4 code; codes outside the table (and lines with no code) are `unassigned`. */
export function stageOfBec(code: string | null | undefined): Stage {
  return (code && STAGE_OF_BEC.get(code.trim())) || 'unassigned'
}

/** Every (BEC code, stage) pair of the table, for building the stage lookup into SQL at lake-build time. */
export function becStagePairs(): [bec: string, stage: Stage][] {
  return STAGES.flatMap((s) => s.bec.map((code) => [code, s.stage] as [string, Stage]))
}

export interface StageValue { year: number; stage: string; value: number }

export interface StageShare {
  year: number
  stage: Stage
  label: string
  /** US dollars. */
  value: number
  /** Fraction of the year's total value (0–1); null when the year has no trade in scope. */
  share: number | null
}

/**
 * One row per year × stage (every stage, zeros included, in STAGE_ORDER) with the stage's share of the
 * year's total: plot-ready, and the shares of a year with trade sum to 1.
 */
export function stageShares(values: StageValue[], years: number[]): StageShare[] {
  const byKey = new Map<string, number>()
  for (const v of values) {
    const stage = STAGE_ORDER.includes(v.stage as Stage) ? v.stage : 'unassigned'
    byKey.set(`${v.year}|${stage}`, (byKey.get(`${v.year}|${stage}`) ?? 0) + v.value)
  }
  return years.flatMap((year) => {
    const total = STAGE_ORDER.reduce((sum, stage) => sum + (byKey.get(`${year}|${stage}`) ?? 0), 0)
    return STAGES.map(({ stage, label }) => {
      const value = byKey.get(`${year}|${stage}`) ?? 0
      return { year, stage, label, value, share: total > 0 ? value / total : null }
    })
  })
}

export interface MappedValue { year: number; mapped: boolean; value: number }

export interface MappedShare {
  year: number
  /** US dollars of trade on HS6 lines with a BEC code. */
  mapped_value: number
  /** US dollars of all trade in scope. */
  total_value: number
  /** mapped_value / total_value; null when there is no trade. */
  mapped_share: number | null
}

/** Per year, the share of trade value whose HS6 line has a BEC code (the rest is unassigned for want of one). */
export function mappedShares(values: MappedValue[], years: number[]): MappedShare[] {
  return years.map((year) => {
    const rows = values.filter((v) => v.year === year)
    const total = rows.reduce((sum, v) => sum + v.value, 0)
    const mapped = rows.reduce((sum, v) => sum + (v.mapped ? v.value : 0), 0)
    return { year, mapped_value: mapped, total_value: total, mapped_share: total > 0 ? mapped / total : null }
  })
}
