// /growth: each chapter's world-export multiple and CAGR between two years, against the median of the section.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { worldExportsInYears } from '../db/queries/growth.js'
import { BadParameter, withParameter } from '../errors.js'
import { cagr, growthMultiple, median } from '../metrics/growth.js'
import { growthSpec } from '../figures/growth.js'
import { paginate } from './shared/page.js'
import { resolveScope, resolveYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { ScopeOut, chapterName, scopeOut, scopeQuery } from './shared/scope.js'
import { chapters, envelope, explain, figureFormat, limit, offset, section, withProblems } from './shared/schemas.js'

const DEFAULT_FROM = 2000

const Query = Type.Object({
  section: Type.Optional(section),
  chapters: Type.Optional(chapters),
  from: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, default: DEFAULT_FROM, examples: [2000], description: 'base year; must be in the lake',
  })),
  to: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, examples: [2024], description: 'end year; default the latest in the lake; must be after `from`',
  })),
  limit, offset, format: figureFormat, explain,
}, { additionalProperties: false })

const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

const ChapterRow = Type.Object({
  chapter: Type.String({ examples: ['85'] }),
  name: Type.String({ description: 'chapter description from the HS nomenclature at chapter level' }),
  value_from: Type.Number({ description: 'world exports of the chapter in `from`, US dollars' }),
  value_to: Type.Number({ description: 'world exports of the chapter in `to`, US dollars' }),
  multiple: nullableNumber('value_to / value_from; null when value_from is 0'),
  cagr: nullableNumber('compound annual growth rate, multiple^(1/(to − from)) − 1 (0.05 = 5 % a year)'),
  above_median: Type.Union([Type.Boolean(), Type.Null()], { description: 'multiple > the median multiple of the scope' }),
})

const Data = Type.Object({
  scope: ScopeOut,
  from: Type.Integer(),
  to: Type.Integer(),
  years: Type.Integer({ description: 'to − from, the CAGR\'s number of periods' }),
  median_multiple: nullableNumber('median of the chapters\' multiples'),
  median_cagr: nullableNumber('median of the chapters\' CAGRs'),
  chapters_above_median: Type.Array(Type.String(), { description: 'chapters whose multiple is above the median' }),
  chapters: Type.Array(ChapterRow, { description: 'sorted by multiple, largest first (the page: see meta.page)' }),
})

const EXAMPLE = {
  data: {
    scope: { section: 'XVI', label: 'HS Section XVI', chapters: [{ chapter: '85', name: 'Electrical machinery and equipment and parts thereof; …' }] },
    from: 2000, to: 2024, years: 24, median_multiple: 4.334822205222226, median_cagr: 0.06112462892807591, chapters_above_median: ['85'],
    chapters: [{
      chapter: '85', name: 'Electrical machinery and equipment and parts thereof; …', value_from: 683454263892, value_to: 3828730580505,
      multiple: 5.602028961970189, cagr: 0.07443724907807714, above_median: true,
    }],
  },
  meta: { query: { section: 'XVI', from: 2000, to: 2024 }, page: { limit: 50, offset: 0, total: 2 }, synthetic: true },
}

export default async function growth(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/growth', {
    schema: {
      tags: ['world'],
      summary: 'World-export growth by HS2 chapter between two years: multiple, CAGR, and the chapters above the section median',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const scope = resolveScope(catalog, q)!
    const from = resolveYear(catalog.tradeYears, q.from ?? DEFAULT_FROM, 'from')
    const to = resolveYear(catalog.tradeYears, q.to, 'to')
    if (to <= from) throw withParameter(new BadParameter('to', `${to} must be after from=${from}`), 'to')
    const limit = q.limit ?? 50
    const offset = q.offset ?? 0

    const rows = await worldExportsInYears(request.db!, { chapters: scope.chapters, from, to })
    const valueIn = (chapter: string, year: number) => rows.find((r) => r.chapter === chapter && r.year === year)?.value ?? 0
    const years = to - from
    const measured = scope.chapters.map((chapter) => {
      const valueFrom = valueIn(chapter, from)
      const valueTo = valueIn(chapter, to)
      const multiple = growthMultiple(valueFrom, valueTo)
      return { chapter, name: chapterName(catalog, chapter), value_from: valueFrom, value_to: valueTo, multiple, cagr: cagr(multiple, years) }
    })
    const medianMultiple = median(measured.map((c) => c.multiple))
    const chaptersOut = measured
      .map((c) => ({ ...c, above_median: c.multiple === null || medianMultiple === null ? null : c.multiple > medianMultiple }))
      .sort((a, b) => (b.multiple ?? -1) - (a.multiple ?? -1) || (a.chapter < b.chapter ? -1 : 1))
    const { rows: page, page: pageMeta } = paginate(chaptersOut, limit, offset)
    const noBase = measured.filter((c) => c.multiple === null).map((c) => c.chapter)

    return sendResult(request, reply, {
      figure: growthSpec,
      data: {
        scope: scopeOut(catalog, scope), from, to, years,
        median_multiple: medianMultiple, median_cagr: median(measured.map((c) => c.cagr)),
        chapters_above_median: chaptersOut.filter((c) => c.above_median === true).map((c) => c.chapter),
        chapters: page,
      },
      csv: page.map((c) => ({ from, to, ...c })),
      meta: {
        title: `World-export growth by HS2 chapter, ${scope.label}, ${from}–${to}`,
        query: { ...scopeQuery(scope), from, to, limit, offset, format: q.format ?? 'json' },
        method: 'World exports of each chapter (BACI, summary table trade_chapter: every exporter summed) in `from` and `to`. ' +
          'multiple = value_to / value_from; cagr = multiple^(1/(to − from)) − 1; the median is over the chapters of the scope ' +
          'with a multiple; above_median: multiple > median_multiple.',
        units: { value_from: 'US dollars', value_to: 'US dollars', multiple: 'ratio', cagr: 'fraction per year', median_multiple: 'ratio', median_cagr: 'fraction per year' },
        sources: ['BACI', 'HS'],
        page: pageMeta,
        notes: noBase.length ? [`No world exports in ${from} for chapter(s) ${noBase.join(', ')}: no multiple, left out of the median.`] : [],
      },
    })
  })
}
