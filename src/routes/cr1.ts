// /cr1: HS6 lines where one exporter holds most of world exports. The same code serves the mirror,
// /buyer-concentration (one importer takes most of world imports), through `dominantLinesRoute`.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { dominatedLines, lineTradeByEconomy, type TradeSide } from '../db/queries/cr1.js'
import { lineDescriptions } from '../db/queries/hhi.js'
import { marketConcentration } from '../metrics/concentration.js'
import type { Contribution } from '../metrics/shares.js'
import { cr1Spec, buyerConcentrationSpec } from '../figures/cr1.js'
import { resolveScope, resolveYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { countryName } from './shared/scope.js'
import { envelope, explain, figureFormat, offset, section, withProblems } from './shared/schemas.js'

interface SideWords {
  path: string
  side: TradeSide
  /** 'exporter' or 'importer': names the row fields. */
  role: string
  flow: string
  defaultThreshold: number
  summary: string
  description: string
  /** A real row and page total from the demo lake, for the OpenAPI example. */
  example: { row: Record<string, unknown>; total: number }
}

const SIDES: Record<TradeSide, SideWords> = {
  exports: {
    path: '/cr1', side: 'exports', role: 'exporter', flow: 'world exports', defaultThreshold: 0.7,
    summary: 'HS6 lines where one exporter holds more than `threshold` of world exports (CR1), ranked by world value',
    description: 'Supply-side single-source lines: among HS6 lines with world exports above `min_value`, those whose largest exporter ' +
      'holds more than `threshold` of them; each with the runner-up and the line\'s HHI of exporters.',
    example: {
      total: 78,
      row: {
        rank: 1, hs6: '871010', description: 'Synthetic line 8710.10 — Vehicles other than railway or tramway rolling stock, and…', chapter: '87',
        world_value: 418429251362, top_exporter: 'KOR', top_exporter_name: 'Republic of Korea', top_exporter_share: 0.9940616737001249,
        runner_up: 'TUR', runner_up_name: 'Türkiye', runner_up_share: 0.0013521833838297066, hhi: 9881.626629593355, exporters: 27,
      },
    },
  },
  imports: {
    path: '/buyer-concentration', side: 'imports', role: 'importer', flow: 'world imports', defaultThreshold: 0.5,
    summary: 'HS6 lines where one importer takes more than `threshold` of world imports, ranked by world value',
    description: 'Demand-side concentration, the mirror of /cr1: among HS6 lines with world imports above `min_value`, those whose ' +
      'largest importer takes more than `threshold` of them; each with the runner-up and the line\'s HHI of importers.',
    example: {
      total: 60,
      row: {
        rank: 1, hs6: '270220', description: 'Synthetic line 2702.20 — Mineral fuels, mineral oils and products of their…', chapter: '27',
        world_value: 485878237506, top_importer: 'CHN', top_importer_name: 'China', top_importer_share: 0.9878584472103936,
        runner_up: 'FRA', runner_up_name: 'France', runner_up_share: 0.001889993047874798, hhi: 9758.741515571042, importers: 59,
      },
    },
  },
}

function querySchema(words: SideWords) {
  return Type.Object({
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'year; default the latest in the lake', examples: [2024] })),
    threshold: Type.Optional(Type.Number({
      minimum: 0, maximum: 1, default: words.defaultThreshold, examples: [words.defaultThreshold],
      description: `share (0–1) of ${words.flow} the largest ${words.role} must exceed`,
    })),
    min_value: Type.Optional(Type.Number({
      minimum: 0, maximum: 1e15, default: 50000000, examples: [50000000],
      description: `only lines whose ${words.flow} exceed this, US dollars (default US$50 million)`,
    })),
    section: Type.Optional(section),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'page size (default the top 20)' })),
    offset, format: figureFormat, explain,
  }, { additionalProperties: false })
}

function rowSchema(words: SideWords) {
  const r = words.role
  const nullableString = Type.Union([Type.String(), Type.Null()])
  return Type.Object({
    rank: Type.Integer({ description: 'by world value, 1 = largest' }),
    hs6: Type.String({ examples: ['810194'] }),
    description: Type.Union([Type.String(), Type.Null()], { description: 'HS6 description from the nomenclature' }),
    chapter: Type.String(),
    world_value: Type.Number({ description: `${words.flow} of the line, US dollars` }),
    [`top_${r}`]: Type.String({ examples: ['CHN'] }),
    [`top_${r}_name`]: nullableString,
    [`top_${r}_share`]: Type.Number({ description: `its share of ${words.flow}, 0–1` }),
    runner_up: Type.Union([Type.String(), Type.Null()], { description: `second largest ${r}; null when there is only one` }),
    runner_up_name: nullableString,
    runner_up_share: Type.Union([Type.Number(), Type.Null()], { description: '0–1' }),
    hhi: Type.Number({ description: `HHI of the line's ${r}s, 0–10,000` }),
    [`${r}s`]: Type.Integer({ description: `${r}s with a value above zero` }),
  })
}

export function dominantLinesRoute(side: TradeSide) {
  const words = SIDES[side]
  const r = words.role
  const Query = querySchema(words)
  const example = {
    data: [words.example.row],
    meta: {
      query: { year: 2024, threshold: words.defaultThreshold, min_value: 50000000, limit: 1, offset: 0 },
      page: { limit: 1, offset: 0, total: words.example.total }, synthetic: true,
    },
  }

  return async function dominantLines(app: FastifyInstance) {
    const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
    fastify.get(words.path, {
      schema: {
        tags: ['world'], summary: words.summary, description: words.description, querystring: Query,
        response: withProblems({ 200: envelope(Type.Array(rowSchema(words)), { examples: [example] }) }),
      },
    }, async (request, reply) => {
      const q = request.query as { year?: number; threshold?: number; min_value?: number; section?: string; limit?: number; offset?: number; format?: string }
      const { catalog } = request.lake!
      const year = resolveYear(catalog.tradeYears, q.year)
      const scope = resolveScope(catalog, { section: q.section }, false)
      const threshold = q.threshold ?? words.defaultThreshold
      const minValue = q.min_value ?? 50000000
      const limit = q.limit ?? 20
      const offset = q.offset ?? 0
      const db = request.db!

      const lines = await dominatedLines(db, { side, year, threshold, minValue, chapters: scope?.chapters ?? null })
      const page = lines.slice(offset, offset + limit)
      const trade = await lineTradeByEconomy(db, { side, year, lines: page.map((l) => l.hs6) })
      const descriptions = await lineDescriptions(db, page.map((l) => l.hs6))
      const byLine = new Map<string, Contribution[]>()
      for (const t of trade) byLine.set(t.hs6, [...(byLine.get(t.hs6) ?? []), { key: t.iso3, value: t.value }])

      const data = page.map((line, i) => {
        const m = marketConcentration(byLine.get(line.hs6) ?? [])
        return {
          rank: offset + i + 1, hs6: line.hs6, description: descriptions.get(line.hs6) ?? null, chapter: line.hs6.slice(0, 2),
          world_value: m.value,
          [`top_${r}`]: m.top?.key ?? null, [`top_${r}_name`]: m.top ? countryName(catalog, m.top.key) : null, [`top_${r}_share`]: m.top?.share ?? null,
          runner_up: m.runner_up?.key ?? null, runner_up_name: m.runner_up ? countryName(catalog, m.runner_up.key) : null,
          runner_up_share: m.runner_up?.share ?? null,
          hhi: m.hhi, [`${r}s`]: m.count,
        }
      })
      return sendResult(request, reply, {
        figure: side === 'exports' ? cr1Spec : buyerConcentrationSpec,
        data,
        meta: {
          title: `HS6 lines where one ${r} holds more than ${threshold * 100}% of ${words.flow}, ${year}${scope ? `, ${scope.label}` : ''}`,
          query: {
            year, threshold, min_value: minValue, ...(scope ? { section: scope.section!.section } : {}), limit, offset, format: q.format ?? 'json',
          },
          method: `From ${words.flow} by economy and HS6 line (BACI, summary table trade_hs6): lines with ${words.flow} > min_value ` +
            `whose largest ${r} has a share > threshold (CR1), ranked by ${words.flow}, largest first. ` +
            `hhi = 10,000 × Σ sᵢ² over the line's ${r}s; shares are of ${words.flow} of the line.`,
          thresholds: { [`top_${r}_share`]: threshold, min_value: minValue },
          units: { world_value: 'US dollars', [`top_${r}_share`]: 'fraction, 0–1', runner_up_share: 'fraction, 0–1', hhi: 'index, 0–10,000', min_value: 'US dollars' },
          sources: ['BACI', 'HS', 'countries'],
          page: { limit, offset, total: lines.length },
        },
      })
    })
  }
}

export default dominantLinesRoute('exports')
