// /suppliers: who supplies a country's imports in a section (or chapters), ranked, optionally per chapter,
// with the named-origin exclusion scenario.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { bilateralImportsByChapter, type ChapterSupplierRow } from '../db/queries/suppliers.js'
import { BadParameter, withParameter } from '../errors.js'
import { contributionsByChapter, excludeOrigins, rankedShares, totalValue, type Contribution, type RankedShare } from '../metrics/shares.js'
import { suppliersSpec } from '../figures/suppliers.js'
import { paginate } from './shared/page.js'
import { resolveCountries, resolveCountryScopeYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { ScopeOut, chapterName, countryName, scopeOut, scopeQuery } from './shared/scope.js'
import {
  chapters, country, envelope, explain, figureFormat, limit, offset, section, withProblems,
} from './shared/schemas.js'

const YEAR_DOMAIN = { minimum: 1900, maximum: 2100 }

const Query = Type.Object({
  country,
  section: Type.Optional(section),
  chapters: Type.Optional(chapters),
  year: Type.Optional(Type.Integer({ ...YEAR_DOMAIN, description: 'year of the imports; default the latest in the lake', examples: [2024] })),
  by: Type.Optional(Type.Enum(['total', 'chapter'], {
    default: 'total', description: '`total`: one ranking over the whole scope; `chapter`: a ranking within each chapter',
  })),
  exclude: Type.Optional(Type.String({
    pattern: '^[A-Za-z]{3}(,[A-Za-z]{3}){0,49}$', examples: ['CHN,RUS'],
    description: 'ISO3 origins to exclude (scenario): adds the share of imports to reallocate and the renormalised remaining mix',
  })),
  limit, offset, format: figureFormat, explain,
}, { additionalProperties: false })

const nullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description })

const Supplier = Type.Object({
  chapter: Type.Optional(Type.String({ description: 'the chapter ranked within (by=chapter)' })),
  chapter_name: Type.Optional(Type.String()),
  rank: Type.Integer({ description: '1 = largest supplier (ties in ISO3 order)' }),
  iso3: Type.String({ examples: ['CHN'] }),
  name: Type.Union([Type.String(), Type.Null()]),
  value: Type.Number({ description: 'imports from this origin, US dollars' }),
  share: Type.Number({ description: 'value / imports of the scope (or chapter), 0–1' }),
  cumulative_share: Type.Number({ description: 'share of this and every larger supplier, 0–1' }),
  excluded: Type.Optional(Type.Boolean({ description: 'named in `exclude`' })),
  share_after_exclusion: Type.Optional(nullableNumber('share of the imports left after the exclusion, 0–1; null when excluded')),
  rank_after_exclusion: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
})

const ChapterTotal = Type.Object({
  chapter: Type.String(), name: Type.String(),
  imports: Type.Number({ description: 'the country\'s imports of the chapter, US dollars' }),
  suppliers: Type.Integer({ description: 'origins with imports above zero' }),
  imports_excluded: Type.Optional(Type.Number({ description: 'imports from the excluded origins, US dollars' })),
  share_to_reallocate: Type.Optional(nullableNumber('imports_excluded / imports, 0–1')),
})

const Data = Type.Object({
  country: Type.Object({ iso3: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  year: Type.Integer(),
  scope: ScopeOut,
  by: Type.String(),
  imports: Type.Number({ description: 'the country\'s imports of the scope from every origin, US dollars' }),
  suppliers_count: Type.Integer({ description: 'origins with imports above zero in the scope' }),
  chapters: Type.Array(ChapterTotal),
  suppliers: Type.Array(Supplier, { description: 'the page of the ranking (see meta.page)' }),
  exclusion: Type.Optional(Type.Object({
    excluded: Type.Array(Type.String()),
    imports_excluded: Type.Number({ description: 'US dollars' }),
    share_to_reallocate: nullableNumber('imports_excluded / imports, 0–1'),
    imports_remaining: Type.Number({ description: 'US dollars' }),
  })),
})

const EXAMPLE = {
  data: {
    country: { iso3: 'USA', name: 'United States' }, year: 2024,
    scope: { section: 'XVI', label: 'HS Section XVI', chapters: [{ chapter: '84', name: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof' }] },
    by: 'total', imports: 913879498109, suppliers_count: 71,
    chapters: [{ chapter: '84', name: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof', imports: 240260389276, suppliers: 70, imports_excluded: 86493740143, share_to_reallocate: 0.36000000001515026 }],
    suppliers: [
      { rank: 1, iso3: 'CHN', name: 'China', value: 403094721296, share: 0.4410808231611321, cumulative_share: 0.4410808231611321, excluded: true, share_after_exclusion: null, rank_after_exclusion: null },
      { rank: 2, iso3: 'DEU', name: 'Germany', value: 83304062914, share: 0.09115431857960794, cumulative_share: 0.53223514174074, excluded: false, share_after_exclusion: 0.16309033999362493, rank_after_exclusion: 1 },
    ],
    exclusion: { excluded: ['CHN'], imports_excluded: 403094721296, share_to_reallocate: 0.4410808231611321, imports_remaining: 510784776813 },
  },
  meta: { query: { country: 'USA', section: 'XVI', year: 2024, by: 'total', exclude: 'CHN', limit: 2, offset: 0 }, page: { limit: 2, offset: 0, total: 71 }, synthetic: true },
}

type Row = Record<string, unknown>

/** Supplier rows of one ranking, with the exclusion scenario's renormalised shares when asked. */
function supplierRows(
  ranked: RankedShare[], names: (iso3: string) => string | null, excluded: ReadonlySet<string> | null, chapter?: { chapter: string; name: string },
): Row[] {
  const after = excluded ? new Map(excludeOrigins(ranked, excluded).remaining.map((r) => [r.key, r])) : null
  return ranked.map((r) => ({
    ...(chapter ? { chapter: chapter.chapter, chapter_name: chapter.name } : {}),
    rank: r.rank, iso3: r.key, name: names(r.key), value: r.value, share: r.share, cumulative_share: r.cumulative_share,
    ...(after ? {
      excluded: excluded!.has(r.key),
      share_after_exclusion: after.get(r.key)?.share ?? null,
      rank_after_exclusion: after.get(r.key)?.rank ?? null,
    } : {}),
  }))
}

function byOrigin(rows: ChapterSupplierRow[]): Contribution[] {
  const totals = new Map<string, number>()
  for (const r of rows) totals.set(r.exporter, (totals.get(r.exporter) ?? 0) + r.value)
  return [...totals].map(([key, value]) => ({ key, value }))
}

export default async function suppliers(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/suppliers', {
    schema: {
      tags: ['suppliers'],
      summary: 'Source economies of a country\'s imports in a section: value, share, rank, cumulative share',
      description: 'Gross imports by origin from the bilateral BACI flows, over the whole scope or per chapter (`by=chapter`). ' +
        '`exclude=CHN,RUS` runs the named-origin exclusion scenario: the share of imports (total and per chapter) that would need ' +
        'to be reallocated, and the remaining mix renormalised to 1.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const { iso3, scope, year } = resolveCountryScopeYear(catalog, q)
    const excluded = q.exclude === undefined ? null : new Set(resolveCountries(catalog, q.exclude, 'exclude'))
    if (excluded?.has(iso3)) {
      throw withParameter(new BadParameter('exclude', `${iso3} is the importing country itself; name only its suppliers`), 'exclude')
    }
    const by = q.by ?? 'total'
    const limit = q.limit ?? 50
    const offset = q.offset ?? 0

    const rows = await bilateralImportsByChapter(request.db!, { importer: iso3, chapters: scope.chapters, year })
    const names = (code: string) => countryName(catalog, code)
    const perChapter = contributionsByChapter(rows)
    const chapters = scope.chapters.map((chapter) => {
      const list = perChapter.get(chapter) ?? []
      const scenario = excluded ? excludeOrigins(list, excluded) : null
      return {
        chapter, name: chapterName(catalog, chapter), imports: totalValue(list), suppliers: list.length,
        ...(scenario ? { imports_excluded: scenario.excluded_value, share_to_reallocate: scenario.share_to_reallocate } : {}),
      }
    })
    const origins = byOrigin(rows)
    const ranking = by === 'total'
      ? supplierRows(rankedShares(origins), names, excluded)
      : chapters.flatMap((c) => supplierRows(rankedShares(perChapter.get(c.chapter) ?? []), names, excluded, c))
    const imports = totalValue(origins)
    const scenario = excluded ? excludeOrigins(origins, excluded) : null
    const { rows: page, page: pageMeta } = paginate(ranking, limit, offset)

    const data = {
      country: { iso3, name: names(iso3) }, year, scope: scopeOut(catalog, scope), by, imports,
      suppliers_count: origins.length, chapters, suppliers: page,
      ...(scenario ? {
        exclusion: {
          excluded: [...excluded!], imports_excluded: scenario.excluded_value,
          share_to_reallocate: scenario.share_to_reallocate, imports_remaining: imports - scenario.excluded_value,
        },
      } : {}),
    }
    return sendResult(request, reply, {
      figure: suppliersSpec,
      data,
      csv: page.map((r) => ({ country: iso3, year, ...r })),
      meta: {
        title: `Suppliers of ${iso3} imports, ${scope.label}, ${year}`,
        query: {
          country: iso3, ...scopeQuery(scope), year, by, ...(excluded ? { exclude: [...excluded].join(',') } : {}),
          limit, offset, format: q.format ?? 'json',
        },
        method: 'Gross imports by origin economy from the bilateral BACI flows (summary table imports_chapter). ' +
          'share = value / the country\'s imports of the scope (by=total) or of the chapter (by=chapter); ranks by value, ties in ISO3 order; ' +
          'cumulative_share adds the shares of this and every larger origin.' +
          (excluded ? ' Exclusion scenario: share_to_reallocate = imports from the excluded origins / imports; the remaining origins are ' +
            'renormalised to sum to 1 (share_after_exclusion), assuming they keep their relative sizes.' : ''),
        units: {
          value: 'US dollars', imports: 'US dollars', imports_excluded: 'US dollars', imports_remaining: 'US dollars',
          share: 'fraction, 0–1', cumulative_share: 'fraction, 0–1', share_after_exclusion: 'fraction, 0–1', share_to_reallocate: 'fraction, 0–1',
        },
        sources: ['BACI', 'HS', 'countries'],
        page: pageMeta,
      },
    })
  })
}
