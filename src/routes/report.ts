// /report: the whole analysis for one country and section, figure by figure, each with its headline sentence, its
// `meta` and its BibTeX; a figure whose data is missing says why (status and problem) and the others still answer.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FIGURES, FIGURE_IDS } from '../figures/index.js'
import type { FigureMeta } from '../figures/spec.js'
import { figureLinks, reportFigures, valueAddedYear, type PlannedFigure, type ReportScope } from '../report/plan.js'
import { innerGet } from './shared/inner-request.js'
import { resolveCountry, resolveSection, resolveYear } from './shared/resolve.js'
import { sendResult, type SourceName } from './shared/respond.js'
import { countryName } from './shared/scope.js'
import { country, envelope, explain, format, section, withProblems } from './shared/schemas.js'

const Query = Type.Object({
  country,
  section,
  year: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, examples: [2024],
    description: 'trade year of the trade figures; default the latest in the lake. The value-added figures use the latest TiVA year up to it',
  })),
  format, explain,
}, { additionalProperties: false })

const Links = Type.Object({
  json: Type.String({ description: 'the figure endpoint\'s request: the same answer as `data` and `meta` here' }),
  csv: Type.String(),
  vega_lite: Type.String({ description: 'the figure as a Vega-Lite spec' }),
  cite: Type.String({ description: 'the figure\'s BibTeX alone (application/x-bibtex)' }),
})

const FigureOut = Type.Object({
  id: Type.Enum([...FIGURE_IDS], { description: 'the figure, named by its endpoint' }),
  label: Type.String({ examples: ['Single-source exposure'] }),
  status: Type.Integer({ description: 'HTTP status of the figure endpoint\'s answer: 200, or why the figure is missing (404: data not in the lake)' }),
  headline: Type.Union([Type.String(), Type.Null()], {
    description: 'one sentence built from the figure\'s numbers; null when the figure is missing',
    examples: ['85: 47% of USA\'s imports come from CHN, 2024; 1 of 2 chapters of HS Section XVI above the 40% single-source line.'],
  }),
  path: Type.String({ description: 'the figure endpoint\'s request', examples: ['/single-source?country=USA&section=XVI&year=2024'] }),
  links: Links,
  data: Type.Optional(Type.Unknown({ description: 'the endpoint\'s `data` (status 200)' })),
  meta: Type.Optional(Type.Ref('Meta', { description: 'the endpoint\'s `meta`, with the figure\'s BibTeX in `meta.citation` (status 200)' })),
  problem: Type.Optional(Type.Ref('Problem', { description: 'why the figure is missing (status ≠ 200)' })),
})

const Data = Type.Object({
  country: Type.Object({ iso3: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  section: Type.Object({ section: Type.String({ examples: ['XVI'] }), name: Type.String() }),
  year: Type.Integer({ description: 'trade year (BACI)' }),
  tiva_year: Type.Integer({ description: 'year of the value-added figures (TiVA): the latest up to `year`' }),
  figures: Type.Array(FigureOut, { description: 'in the seed report\'s order' }),
  missing: Type.Array(Type.String(), { description: 'ids of the figures that could not be made' }),
})

const EXAMPLE = {
  data: {
    country: { iso3: 'USA', name: 'United States' }, section: { section: 'XVI', name: 'Machinery and mechanical appliances; electrical equipment…' },
    year: 2024, tiva_year: 2020,
    figures: [{
      id: 'single-source', label: 'Single-source exposure', status: 200,
      headline: '85: 47% of USA\'s imports come from CHN, 2024; 1 of 2 chapters of HS Section XVI above the 40% single-source line.',
      path: '/single-source?country=USA&section=XVI&year=2024',
      links: {
        json: '/single-source?country=USA&section=XVI&year=2024', csv: '/single-source?country=USA&section=XVI&year=2024&format=csv',
        vega_lite: '/single-source?country=USA&section=XVI&year=2024&format=vega-lite',
        cite: '/cite?path=%2Fsingle-source%3Fcountry%3DUSA%26section%3DXVI%26year%3D2024',
      },
      data: { chapters: [{ chapter: '85', top_supplier: 'CHN', top_share: 0.47 }] }, meta: { synthetic: true },
    }],
    missing: [],
  },
  meta: { query: { country: 'USA', section: 'XVI', year: 2024 }, synthetic: true },
}

const SOURCE_NAMES: SourceName[] = ['BACI', 'TiVA', 'WDI', 'HS', 'HS-BEC', 'countries']

/** One figure: the endpoint's answer, with the headline built from it, or the problem that stopped it. */
async function figure(request: FastifyRequest, planned: PlannedFigure, explain: boolean) {
  const answer = await innerGet(request, explain ? `${planned.url}&explain=true` : planned.url, planned.id)
  const base = { id: planned.id, label: planned.label, status: answer.status, path: planned.url, links: figureLinks(planned.url) }
  if (answer.status !== 200) return { ...base, headline: null, problem: answer.body }
  const { data, meta } = answer.body as { data: unknown; meta: FigureMeta }
  return { ...base, headline: FIGURES[planned.id].headline(data, meta), data, meta }
}

type FigureAnswer = Awaited<ReturnType<typeof figure>>

function problemDetail(f: FigureAnswer): string | null {
  return 'problem' in f ? String(f.problem.detail ?? 'no detail') : null
}

async function allFigures(request: FastifyRequest, scope: ReportScope, explain: boolean): Promise<FigureAnswer[]> {
  return Promise.all(reportFigures(scope).map((planned) => figure(request, planned, explain)))
}

/** The lake versions the figures were computed on (a lake switch between two of them would mix versions). */
function versionsOf(figures: FigureAnswer[]): Set<string> {
  return new Set(figures.flatMap((f) => ('meta' in f && f.meta?.lake_version ? [f.meta.lake_version] : [])))
}

export default async function report(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/report', {
    schema: {
      tags: ['report'],
      summary: 'The whole analysis for one country and HS section, figure by figure, with headline sentences and citations',
      description: 'Runs every figure endpoint for the country and section — FVA against income peers, top suppliers, HHI by ' +
        'chapter, single-source exposure, CR1 lines, buyer-concentration lines, BEC stages, chapter growth, the income–FVA smile — ' +
        'and returns each answer (`data`, `meta` with its BibTeX `citation`) with a headline sentence built from its numbers and ' +
        'links to its CSV, Vega-Lite spec and citation. A figure whose data is missing (e.g. no TiVA data for the country) ' +
        'carries its status and problem; the others still answer. `format=csv` lists the figures with their headlines.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog, manifest } = request.lake!
    const iso3 = resolveCountry(catalog, q.country)
    const section = resolveSection(catalog, q.section)
    const year = resolveYear(catalog.tradeYears, q.year)
    const scope: ReportScope = { country: iso3, section: section.section, year, tivaYear: valueAddedYear(catalog.tivaYears, year) }
    const explainSql = q.explain === true

    let figures = await allFigures(request, scope, explainSql)
    // A lake switch while the figures ran: run them again so that all come from one version.
    if (versionsOf(figures).size > 1) figures = await allFigures(request, scope, explainSql)
    const missing = figures.filter((f) => f.status !== 200)
    const versions = [...versionsOf(figures)]
    // A figure refused for load (5xx, e.g. every DuckDB connection busy) is not an answer to keep: the cache skips it.
    if (missing.some((f) => f.status >= 500)) reply.header('cache-control', 'no-store')

    const notes = [
      ...(scope.tivaYear !== year ? [`The value-added figures (fva-peers, smile-fit) use TiVA year ${scope.tivaYear}, the latest up to ${year}.`] : []),
      ...missing.map((f) => `${f.id}: ${f.status} — ${problemDetail(f)}`),
      ...(versions.some((v) => v !== manifest.lake_version) ? [`Figures computed on lake version ${versions.join(', ')}.`] : []),
    ]
    return sendResult(request, reply, {
      data: {
        country: { iso3, name: countryName(catalog, iso3) }, section: { section: section.section, name: section.name },
        year, tiva_year: scope.tivaYear, figures, missing: missing.map((f) => f.id),
      },
      csv: figures.map((f) => ({
        figure: f.id, label: f.label, status: f.status, headline: f.headline, path: f.path,
        problem: problemDetail(f),
      })),
      meta: {
        title: `Report on ${iso3}, HS Section ${section.section}, ${year}`,
        query: { country: iso3, section: section.section, year, format: q.format ?? 'json' },
        method: 'Each figure is its endpoint\'s answer to the request in `path` (run in-process: same validation, SQL, metrics, ' +
          'meta and citation as calling it directly). Trade figures use `year`; the value-added figures use `tiva_year`; growth and ' +
          'BEC stages run up to `year`. Headlines are built from each answer\'s numbers (src/figures/). A figure that cannot be made ' +
          'keeps its status and problem+json body in `problem`.',
        sources: SOURCE_NAMES,
        notes,
      },
    })
  })
}
