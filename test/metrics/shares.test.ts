import t from 'tap'
import { contributionsByChapter, excludeOrigins, rankedShares, totalValue } from '../../src/metrics/shares.js'

t.test('ranked shares, ranks and cumulative shares of 60/30/10', async (t) => {
  const ranked = rankedShares([{ key: 'C', value: 10 }, { key: 'A', value: 60 }, { key: 'B', value: 30 }])
  t.same(ranked.map((r) => [r.key, r.rank]), [['A', 1], ['B', 2], ['C', 3]])
  t.same(ranked.map((r) => r.share), [0.6, 0.3, 0.1])
  t.same(ranked.map((r) => Number(r.cumulative_share.toFixed(12))), [0.6, 0.9, 1])
  t.equal(ranked[2]!.cumulative_share, 1, 'the last cumulative share is exactly 1')
})

t.test('ties are ranked by key; zero and negative values are not suppliers', async (t) => {
  const ranked = rankedShares([{ key: 'Z', value: 5 }, { key: 'M', value: 5 }, { key: 'Q', value: 0 }, { key: 'N', value: -1 }])
  t.same(ranked.map((r) => r.key), ['M', 'Z'])
  t.same(ranked.map((r) => r.share), [0.5, 0.5])
})

t.test('no contributions give an empty ranking', async (t) => {
  t.same(rankedShares([]), [])
  t.equal(totalValue([]), 0)
})

t.test('excluding the largest origin of 60/30/10 reallocates 60 % and leaves 75/25', async (t) => {
  const scenario = excludeOrigins(
    [{ key: 'A', value: 60 }, { key: 'B', value: 30 }, { key: 'C', value: 10 }], new Set(['A', 'X']))
  t.equal(scenario.excluded_value, 60)
  t.equal(scenario.share_to_reallocate, 0.6)
  t.same(scenario.remaining.map((r) => [r.key, r.share, r.rank, r.cumulative_share]), [['B', 0.75, 1, 0.75], ['C', 0.25, 2, 1]])
})

t.test('excluding every origin leaves nothing; no imports has no share to reallocate', async (t) => {
  const all = excludeOrigins([{ key: 'A', value: 1 }], new Set(['A']))
  t.equal(all.share_to_reallocate, 1)
  t.same(all.remaining, [])
  t.equal(excludeOrigins([], new Set(['A'])).share_to_reallocate, null)
})

t.test('contributionsByChapter groups exporter values by chapter, keeping their order', async (t) => {
  const grouped = contributionsByChapter([
    { chapter: '84', exporter: 'CHN', value: 5 },
    { chapter: '85', exporter: 'DEU', value: 2 },
    { chapter: '84', exporter: 'USA', value: 3 },
  ])
  t.same([...grouped.keys()], ['84', '85'])
  t.same(grouped.get('84'), [{ key: 'CHN', value: 5 }, { key: 'USA', value: 3 }])
  t.same(grouped.get('85'), [{ key: 'DEU', value: 2 }])
})
