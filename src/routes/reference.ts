// Reference and operations endpoints: /health, /ready, /datasets, /countries, /sections.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { describeYears } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { envelope, explain, format, withProblems } from './shared/schemas.js'
import type { YearRange } from '../db/lake.js'

const TABLES_OF_SOURCE: Record<string, string[]> = {
  BACI: ['flows'], TiVA: ['tiva'], WDI: ['wdi'], HS: ['hs', 'sections'], 'HS-BEC': ['hs_bec'], countries: ['countries'],
}

const Dataset = Type.Object({
  name: Type.String({ examples: ['BACI'] }),
  release: Type.String({ examples: ['V202401'] }),
  publisher: Type.String(),
  tables: Type.Array(Type.Object({ name: Type.String(), rows: Type.Integer() })),
  years: Type.Union([Type.Null(), Type.Object({ from: Type.Integer(), to: Type.Integer(), covered: Type.String() })]),
  synthetic: Type.Boolean(),
})

const Country = Type.Object({
  iso3: Type.String({ examples: ['USA'] }),
  name: Type.String({ examples: ['United States'] }),
  numeric_code: Type.Union([Type.Integer(), Type.Null()], { description: 'BACI / ISO 3166 numeric code' }),
  region: Type.Union([Type.String(), Type.Null()]),
})

const SectionRow = Type.Object({
  section: Type.String({ examples: ['XVI'] }),
  number: Type.Integer({ examples: [16] }),
  name: Type.String(),
  chapters: Type.Array(Type.Object({ chapter: Type.String({ examples: ['84'] }), name: Type.String() })),
})

const listQuery = Type.Object({ format, explain }, { additionalProperties: false })

function years(range: YearRange | null) {
  return range ? { from: range.from, to: range.to, covered: describeYears(range) } : null
}

export default async function reference(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get('/health', {
    config: { lake: false },
    schema: {
      tags: ['operations'], summary: 'Liveness: the process answers',
      response: { 200: Type.Object({ status: Type.Literal('ok') }) },
    },
  }, async () => ({ status: 'ok' as const }))

  fastify.get('/ready', {
    config: { lake: false },
    schema: {
      tags: ['operations'], summary: 'Readiness: 200 once a lake version is open and readable; 503 (problem+json) until then, or naming the tables that cannot be read',
      response: withProblems({
        200: Type.Object({
          status: Type.Literal('ready'), lake_version: Type.String(), synthetic: Type.Boolean(),
          pool: Type.Object({ size: Type.Integer(), idle: Type.Integer(), waiting: Type.Integer(), active: Type.Integer() }),
        }),
      }),
    },
  }, async (request, reply) => {
    const lake = fastify.lakes.current
    if (!lake) {
      reply.header('retry-after', '5')
      return reply.status(503).type('application/problem+json').send({
        type: 'urn:tradedep:problem:lake-not-ready', title: 'Service Unavailable', status: 503,
        detail: fastify.lakes.lastError ?? 'the lake is still being opened', instance: '/ready',
        code: 'TRADEDEP_LAKE_NOT_READY', request_id: request.id,
      })
    }
    const unreadable = await fastify.lakes.health()
    if (unreadable.length > 0) {
      // Requests that need these tables answer 503; the others keep answering. An ingest of a new version repairs it.
      reply.header('retry-after', '30')
      return reply.status(503).type('application/problem+json').send({
        type: 'urn:tradedep:problem:lake-unreadable', title: 'Service Unavailable', status: 503,
        detail: `lake version ${lake.manifest.lake_version} cannot be fully read: ` +
          unreadable.map((u) => `${u.table} (${u.file}): ${u.reason}`).join('; '),
        instance: '/ready', code: 'TRADEDEP_LAKE_UNREADABLE', request_id: request.id,
        lake_version: lake.manifest.lake_version, unreadable,
      })
    }
    return { status: 'ready' as const, lake_version: lake.manifest.lake_version, synthetic: lake.manifest.synthetic, pool: lake.pool.stats }
  })

  fastify.get('/datasets', {
    schema: {
      tags: ['reference'], summary: 'What the lake holds: per source, its release, years covered and row counts',
      querystring: listQuery,
      response: withProblems({ 200: envelope(Type.Array(Dataset)) }),
    },
  }, async (request, reply) => {
    const { manifest, catalog } = request.lake!
    const rowsOf = new Map(manifest.tables.map((t) => [t.name, t.rows]))
    const coverage: Record<string, YearRange | null> = { BACI: catalog.tradeYears, TiVA: catalog.tivaYears, WDI: catalog.wdiYears }
    const data = manifest.sources.map((s) => ({
      name: s.name,
      release: s.release,
      publisher: s.publisher,
      tables: (TABLES_OF_SOURCE[s.name] ?? []).map((name) => ({ name, rows: rowsOf.get(name) ?? 0 })),
      years: years(coverage[s.name] ?? null),
      synthetic: manifest.synthetic,
    }))
    return sendResult(request, reply, {
      data,
      csv: data.map(({ tables, years: y, ...rest }) => ({
        ...rest, tables: tables.map((t) => `${t.name}:${t.rows}`).join(' '), years: y?.covered ?? '',
      })),
      meta: {
        title: 'Datasets in the lake', query: { format: request.query.format }, sources: ['BACI', 'TiVA', 'WDI', 'HS', 'HS-BEC', 'countries'],
        notes: manifest.synthetic ? ['This lake is SYNTHETIC demo data generated by tradedep; no number in it is a real statistic.'] : [],
      },
    })
  })

  fastify.get('/countries', {
    schema: {
      tags: ['reference'], summary: 'The economies in the lake, with ISO3 codes and names',
      querystring: listQuery,
      response: withProblems({ 200: envelope(Type.Array(Country)) }),
    },
  }, async (request, reply) => {
    const data = [...request.lake!.catalog.countries.values()]
    return sendResult(request, reply, {
      data,
      meta: { title: 'Economies', query: { format: request.query.format }, sources: ['countries'] },
    })
  })

  fastify.get('/sections', {
    schema: {
      tags: ['reference'], summary: 'The 21 HS sections with their chapters and names, from the lake\'s nomenclature',
      querystring: listQuery,
      response: withProblems({ 200: envelope(Type.Array(SectionRow)) }),
    },
  }, async (request, reply) => {
    const data = request.lake!.catalog.sections
    return sendResult(request, reply, {
      data,
      csv: data.flatMap((s) => s.chapters.map((c) => ({ section: s.section, number: s.number, section_name: s.name, chapter: c.chapter, chapter_name: c.name }))),
      meta: { title: 'HS sections and chapters', query: { format: request.query.format }, sources: ['HS'] },
    })
  })
}
