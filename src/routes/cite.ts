// /cite: the BibTeX entry of one figure (or report) alone, as application/x-bibtex — the same entry its answer carries
// in `meta.citation`, naming tradedep, the figure, the data releases and the access date.
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { BadParameter, withParameter } from '../errors.js'
import { FIGURE_IDS } from '../figures/index.js'
import { requestUrl } from '../report/plan.js'
import { innerGet } from './shared/inner-request.js'
import { citedUrl } from './shared/respond.js'
import { withProblems } from './shared/schemas.js'

const CITABLE = [...FIGURE_IDS, 'report'] as const
const CITABLE_PATHS = new Set(CITABLE.map((id) => `/${id}`))

const passed = (description: string, examples: unknown[] = []) =>
  Type.Optional(Type.String({ maxLength: 300, description: `${description} (passed to the figure endpoint)`, ...(examples.length ? { examples } : {}) }))

const Query = Type.Object({
  figure: Type.Optional(Type.Enum([...CITABLE], { description: 'the figure to cite, named by its endpoint; give its parameters beside it', examples: ['hhi'] })),
  path: Type.Optional(Type.String({
    pattern: '^/[a-z0-9-]+(\\?.*)?$', maxLength: 2000, examples: ['/hhi?country=USA&section=XVI&year=2024'],
    description: 'instead of `figure`: the figure endpoint\'s request as a path with its query string (URL-encoded), e.g. a `links.json` of /report',
  })),
  country: passed('ISO3 economy', ['USA']),
  section: passed('HS section', ['XVI']),
  chapters: passed('HS2 chapters'),
  year: passed('year', ['2024']),
  from: passed('first year'),
  to: passed('last year'),
  basis: passed('/hhi basis'),
  level: passed('/hhi level'),
  threshold: passed('threshold'),
  method: passed('/single-source method'),
  by: passed('/suppliers ranking'),
  exclude: passed('/suppliers excluded origins'),
  band: passed('/fva-peers income band'),
  flow: passed('/bec-stages flow'),
  min_value: passed('/cr1 and /buyer-concentration minimum world value'),
  limit: passed('page size'),
  offset: passed('rows skipped'),
}, { additionalProperties: false })

const EXAMPLE = `@misc{tradedep_20250101_concentration-of-usa-s-suppliers-hs-sect,
  title = {tradedep: Concentration of USA's suppliers, HS Section XVI, 2024, hs2},
  author = {tradedep contributors},
  year = {2025},
  howpublished = {tradedep API, /hhi?country=USA\\&section=XVI\\&year=2024},
  note = {Data: BACI V202401 (CEPII); HS …. Lake version ….},
  urldate = {2025-01-01}
}
`

/** The request to cite: the figure endpoint with the given parameters, or `path` (format and explain dropped: they change the form, not the result). */
function citedRequest(q: Record<string, string | undefined>): { url: string; viaPath: boolean } {
  const { figure, path, ...rest } = q
  const parameters = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => e[1] !== undefined))
  if ((figure === undefined) === (path === undefined)) {
    throw withParameter(new BadParameter('figure', 'give either `figure` (with the figure\'s parameters) or `path`'), 'figure')
  }
  if (figure !== undefined) return { url: requestUrl(`/${figure}`, parameters), viaPath: false }
  if (Object.keys(parameters).length > 0) {
    throw withParameter(new BadParameter('path', `put ${Object.keys(parameters).join(', ')} inside path's query string, not beside it`), 'path')
  }
  const pathname = path!.split('?')[0]!
  if (!CITABLE_PATHS.has(pathname)) {
    throw withParameter(new BadParameter('path', `cites one of ${[...CITABLE_PATHS].join(', ')}, not "${pathname.slice(0, 60)}"`), 'path')
  }
  return { url: citedUrl(path!), viaPath: true }
}

export default async function cite(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/cite', {
    schema: {
      tags: ['report'],
      summary: 'The BibTeX citation of one figure or report, alone (application/x-bibtex)',
      description: 'Either `figure` with the figure endpoint\'s own parameters (`/cite?figure=hhi&country=USA&section=XVI&year=2024`) ' +
        'or `path`, the endpoint\'s request URL-encoded (`/cite?path=%2Fhhi%3Fcountry%3DUSA%26section%3DXVI`). The figure is computed ' +
        '(so its parameters are checked against the lake: a bad one is a 400 naming it, missing data a 404) and its `meta.citation` ' +
        'returned: tradedep, the figure\'s title and request, the data releases, the lake version and the access date.',
      querystring: Query,
      response: withProblems({
        200: { description: 'a BibTeX @misc entry', content: { 'application/x-bibtex': { schema: Type.String({ examples: [EXAMPLE] }) } } },
      }),
    },
  }, async (request, reply) => {
    const { url, viaPath } = citedRequest(request.query as Record<string, string | undefined>)
    const answer = await innerGet(request, url, 'cite')
    for (const header of ['x-tradedep-lake-version', 'x-tradedep-synthetic', 'retry-after']) {
      if (answer.headers[header] !== undefined) reply.header(header, answer.headers[header])
    }
    if (answer.status !== 200) {
      // The figure's own problem, as /cite's: with `path`, the parameter at fault is inside `path`.
      const problem = { ...answer.body, instance: '/cite', request_id: request.id, ...(viaPath ? { parameter: 'path' } : {}) }
      return (reply as FastifyReply).status(answer.status).type('application/problem+json').send(problem)
    }
    const citation = (answer.body as { meta?: { citation?: unknown } }).meta?.citation
    return reply.type('application/x-bibtex; charset=utf-8').send(String(citation))
  })
}
