import t from 'tap'
import { STAGES, STAGE_ORDER, becStagePairs, mappedShares, stageOfBec, stageShares } from '../../src/metrics/bec-stages.js'

t.test('every BEC rev.4 code of the SPEC lands in its stage', async (t) => {
  const spec: Record<string, string[]> = {
    primary: ['111', '21', '31'], processed: ['121', '22', '322'], parts: ['42', '53'], capital: ['41', '521'],
    consumption: ['112', '122', '522', '61', '62', '63'], unassigned: ['51', '321', '7'],
  }
  for (const [stage, codes] of Object.entries(spec)) for (const code of codes) t.equal(stageOfBec(code), stage, code)
  t.equal(stageOfBec('32'), 'unassigned', 'the undivided fuel code 32 is not claimed for a stage')
  t.equal(stageOfBec(' 42 '), 'parts')
  for (const odd of ['', null, undefined, 'n/a', '4', '999']) t.equal(stageOfBec(odd), 'unassigned', String(odd))
})

t.test('the stage table has no code twice and lists the stages in plotting order', async (t) => {
  const codes = becStagePairs().map(([bec]) => bec)
  t.equal(new Set(codes).size, codes.length)
  t.same(STAGE_ORDER, ['primary', 'processed', 'parts', 'capital', 'consumption', 'unassigned'])
  t.same(STAGES.filter((s) => s.sna_class === 'intermediate').flatMap((s) => s.bec).sort(),
    ['111', '121', '21', '22', '31', '322', '42', '53'], 'the SNA intermediate class of the BEC rev.4 manual')
})

t.test('stage shares: one row per year × stage, zeros filled in, shares sum to 1', async (t) => {
  const rows = stageShares([
    { year: 2020, stage: 'parts', value: 30 }, { year: 2020, stage: 'capital', value: 50 },
    { year: 2020, stage: 'unassigned', value: 15 }, { year: 2020, stage: 'odd', value: 5 },
    { year: 2021, stage: 'primary', value: 10 },
  ], [2020, 2021, 2022])
  t.equal(rows.length, 18)
  t.same(rows.slice(0, 6).map((r) => [r.stage, r.value, r.share]), [
    ['primary', 0, 0], ['processed', 0, 0], ['parts', 30, 0.3], ['capital', 50, 0.5], ['consumption', 0, 0], ['unassigned', 20, 0.2],
  ])
  t.same(rows.filter((r) => r.year === 2021).map((r) => r.share), [1, 0, 0, 0, 0, 0])
  t.ok(rows.filter((r) => r.year === 2022).every((r) => r.value === 0 && r.share === null), 'a year with no trade has null shares')
})

t.test('mapped shares per year', async (t) => {
  t.same(mappedShares([
    { year: 2020, mapped: true, value: 90 }, { year: 2020, mapped: false, value: 10 }, { year: 2020, mapped: true, value: 0 },
  ], [2020, 2021]), [
    { year: 2020, mapped_value: 90, total_value: 100, mapped_share: 0.9 },
    { year: 2021, mapped_value: 0, total_value: 0, mapped_share: null },
  ])
})
