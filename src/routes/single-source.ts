// /single-source: per chapter, the country's largest supplier and its share of the imports, from the observed
// bilateral flows or from the seed report's proportional proxy (with the proxy's error against the observed flows).
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { chapterImports, worldExportsByChapter } from '../db/queries/single-source.js'
import { bilateralImportsByChapter } from '../db/queries/suppliers.js'
import { apportionProportional, proxyError } from '../metrics/apportion.js'
import { aboveThreshold, marketConcentration } from '../metrics/concentration.js'
import { contributionsByChapter } from '../metrics/shares.js'
import { singleSourceSpec } from '../figures/single-source.js'
import { paginate } from './shared/page.js'
import { resolveCountryScopeYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { ScopeOut, chapterName, countryName, scopeOut, scopeQuery } from './shared/scope.js'
import { chapters, country, envelope, explain, figureFormat, limit, offset, section, withProblems } from './shared/schemas.js'

const Query = Type.Object({
  country,
  section: Type.Optional(section),
  chapters: Type.Optional(chapters),
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'year; default the latest in the lake', examples: [2024] })),
  method: Type.Optional(Type.Enum(['bilateral', 'proportional'], {
    default: 'bilateral',
    description: '`bilateral`: the observed BACI flows; `proportional`: the seed report\'s proxy, the country\'s chapter imports apportioned ' +
      'across partners by their share of world exports of the chapter, excluding the country itself (adds the proxy\'s error against the observed flows)',
  })),
  threshold: Type.Optional(Type.Number({
    minimum: 0, maximum: 1, default: 0.4, examples: [0.5], description: 'top-supplier share (0–1) above which a chapter is flagged',
  })),
  limit, offset, format: figureFormat, explain,
}, { additionalProperties: false })

const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })
const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description })

const ChapterRow = Type.Object({
  chapter: Type.String({ examples: ['85'] }),
  name: Type.String({ description: 'chapter description from the HS nomenclature at chapter level' }),
  imports: Type.Number({ description: 'the country\'s imports of the chapter, US dollars (0: none recorded)' }),
  suppliers: Type.Integer({ description: 'partners with a value above zero (observed, or given a share by the proxy)' }),
  top_supplier: nullableString('largest supplier (ISO3), by the chosen method; null without imports'),
  top_supplier_name: Type.Union([Type.String(), Type.Null()]),
  top_share: nullableNumber('its share of the chapter imports, 0–1'),
  above_threshold: Type.Union([Type.Boolean(), Type.Null()], { description: 'top_share > threshold' }),
  observed_top_supplier: Type.Optional(nullableString('method=proportional: the largest supplier in the observed flows')),
  observed_top_share: Type.Optional(nullableNumber('method=proportional: its observed share, 0–1')),
  same_top_supplier: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  top_share_error_pp: Type.Optional(nullableNumber('method=proportional: |proxy top share − observed top share|, percentage points')),
  mean_abs_error_pp: Type.Optional(nullableNumber('method=proportional: mean over partners of |proxy share − observed share|, percentage points')),
  partners: Type.Optional(Type.Integer({ description: 'method=proportional: partners the mean absolute error runs over (either list)' })),
})

const Data = Type.Object({
  country: Type.Object({ iso3: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  year: Type.Integer(),
  method: Type.String(),
  scope: ScopeOut,
  chapters: Type.Array(ChapterRow, { description: 'sorted by top_share, largest first; chapters without imports last' }),
})

const EXAMPLE = {
  data: {
    country: { iso3: 'USA', name: 'United States' }, year: 2024, method: 'proportional',
    scope: { section: 'XVI', label: 'HS Section XVI', chapters: [{ chapter: '84', name: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof' }] },
    chapters: [{
      chapter: '84', name: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof', imports: 240260389276, suppliers: 71,
      top_supplier: 'CHN', top_supplier_name: 'China', top_share: 0.46369720859117436, above_threshold: true, observed_top_supplier: 'CHN',
      observed_top_share: 0.36000000001515026, same_top_supplier: true, top_share_error_pp: 10.36972085760241, mean_abs_error_pp: 0.5355444512705838, partners: 71,
    }],
  },
  meta: { query: { country: 'USA', section: 'XVI', year: 2024, method: 'proportional', threshold: 0.4 }, thresholds: { top_share: 0.4 }, synthetic: true },
}

const METHOD_TEXT = {
  bilateral: 'Observed bilateral imports (BACI, summary table imports_chapter): per chapter, the largest origin\'s share of the ' +
    'country\'s imports of the chapter. above_threshold: top_share > threshold.',
  proportional: 'Proportional proxy (the seed report\'s method): M̂(c←p,h) = M(c,h) · X(p,h) / Σ_{q≠c} X(q,h), the country\'s chapter imports ' +
    'M(c,h) apportioned across partners p by their world exports X(p,h) of the chapter, the country itself left out (summary table trade_chapter). ' +
    'top_share is the proxy\'s. Error against the observed bilateral flows (imports_chapter): top_share_error_pp = |proxy top share − ' +
    'observed top share| × 100 (each method\'s own top supplier); mean_abs_error_pp = mean over partners in either list of ' +
    '|proxy share − observed share| × 100. above_threshold: top_share > threshold.',
} as const

export default async function singleSource(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/single-source', {
    schema: {
      tags: ['suppliers'],
      summary: 'Single-supplier exposure: per HS2 chapter, the largest supplier\'s share of the country\'s imports',
      description: 'Flags chapters where one origin supplies more than `threshold` of the imports. `method=proportional` reproduces the ' +
        'seed report\'s proxy and reports its error against the observed bilateral flows.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const { iso3, scope, year } = resolveCountryScopeYear(catalog, q)
    const method = q.method ?? 'bilateral'
    const threshold = q.threshold ?? 0.4
    const limit = q.limit ?? 50
    const offset = q.offset ?? 0
    const names = (code: string) => countryName(catalog, code)
    const db = request.db!
    const args = { importer: iso3, country: iso3, chapters: scope.chapters, year }

    const observed = contributionsByChapter(await bilateralImportsByChapter(db, args))
    const proxy = method === 'proportional'
      ? { imports: await chapterImports(db, args), world: contributionsByChapter(await worldExportsByChapter(db, args)) }
      : null

    const rows = scope.chapters.map((chapter) => {
      const seen = observed.get(chapter) ?? []
      const estimate = proxy ? apportionProportional(iso3, proxy.imports.get(chapter) ?? 0, proxy.world.get(chapter) ?? []) : null
      const market = marketConcentration(estimate ?? seen)
      const error = estimate ? proxyError(estimate, seen) : null
      return {
        chapter, name: chapterName(catalog, chapter),
        imports: proxy ? (proxy.imports.get(chapter) ?? 0) : market.value,
        suppliers: market.count,
        top_supplier: market.top?.key ?? null,
        top_supplier_name: market.top ? names(market.top.key) : null,
        top_share: market.top?.share ?? null,
        above_threshold: aboveThreshold(market.top?.share ?? null, threshold),
        ...(error ? {
          observed_top_supplier: error.observed_top?.key ?? null,
          observed_top_share: error.observed_top?.share ?? null,
          same_top_supplier: error.same_top_supplier,
          top_share_error_pp: error.top_share_error_pp,
          mean_abs_error_pp: error.mean_abs_error_pp,
          partners: error.partners,
        } : {}),
      }
    }).sort((a, b) => (b.top_share ?? -1) - (a.top_share ?? -1) || (a.chapter < b.chapter ? -1 : 1))

    const { rows: page, page: pageMeta } = paginate(rows, limit, offset)
    return sendResult(request, reply, {
      figure: singleSourceSpec,
      data: { country: { iso3, name: names(iso3) }, year, method, scope: scopeOut(catalog, scope), chapters: page },
      csv: page.map((r) => ({ country: iso3, year, method, ...r })),
      meta: {
        title: `Single-supplier exposure of ${iso3}, ${scope.label}, ${year} (${method})`,
        query: { country: iso3, ...scopeQuery(scope), year, method, threshold, limit, offset, format: q.format ?? 'json' },
        method: METHOD_TEXT[method],
        thresholds: { top_share: threshold },
        units: {
          imports: 'US dollars', top_share: 'fraction, 0–1', observed_top_share: 'fraction, 0–1',
          top_share_error_pp: 'percentage points', mean_abs_error_pp: 'percentage points',
        },
        sources: ['BACI', 'HS', 'countries'],
        page: pageMeta,
      },
    })
  })
}
