// /bec-stages: trade by production stage (UN HS → BEC rev.4), per year, for the world or one economy.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { stageValuesByYear } from '../db/queries/bec-stages.js'
import type { YearRange } from '../db/lake.js'
import { BadParameter, withParameter } from '../errors.js'
import { becMappingOfManifest } from '../lake/bec.js'
import { STAGES, STAGE_SOURCE, mappedShares, stageShares } from '../metrics/bec-stages.js'
import { becStagesSpec } from '../figures/bec-stages.js'
import { describeYears, resolveCountry, resolveScope, resolveYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { chapters, envelope, explain, figureFormat, section, withProblems } from './shared/schemas.js'

/** The default start year (SPEC: from 2000), moved to the lake's first year after it when 2000 is not covered. */
const DEFAULT_FROM = 2000

const StageRow = Type.Object({
  year: Type.Integer({ examples: [2024] }),
  stage: Type.Enum(STAGES.map((s) => s.stage), { description: 'production stage (see meta.stages for its BEC rev.4 codes)' }),
  label: Type.String({ examples: ['Parts & components'] }),
  value: Type.Number({ description: 'US dollars', examples: [1.2e12] }),
  share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description: "the stage's share of the year's total (0–1); a year's shares sum to 1; null when the year has no trade in scope",
  }),
})

const query = Type.Object({
  from: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, examples: [2015],
    description: 'first year, in the lake\'s coverage; default 2000 (the lake\'s first year after 2000 when 2000 is not covered)',
  })),
  to: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, examples: [2024], description: 'last year, in the lake\'s coverage; default the latest year in the lake',
  })),
  country: Type.Optional(Type.String({
    pattern: '^[A-Za-z]{3}$', examples: ['USA'],
    description: 'ISO 3166 alpha-3 economy, case-insensitive; omit for the world (the sum of all economies\' exports)',
  })),
  flow: Type.Optional(Type.Enum(['imports', 'exports'], {
    default: 'imports', description: 'with `country`: its imports or its exports (for the world both are the same total)', examples: ['imports'],
  })),
  section: Type.Optional(section),
  chapters: Type.Optional(chapters),
  format: figureFormat,
  explain,
}, { additionalProperties: false })

function defaultFrom(range: YearRange): number {
  return range.years.find((y) => y >= DEFAULT_FROM) ?? range.from
}

export default async function becStages(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()

  fastify.get('/bec-stages', {
    schema: {
      tags: ['stages'],
      summary: 'Trade by production stage (UN HS → BEC rev.4): value and share per stage, one row per year × stage',
      description: 'Stages: primary (BEC 111, 21, 31), processed / semi-finished (121, 22, 322), parts & components (42, 53), ' +
        'capital (41, 521), consumption (112, 122, 522, 61, 62, 63), unassigned (51, 321, 7, 32 and HS6 lines without a BEC code). ' +
        'An HS6 line mapped to k BEC codes is split equally over them. `meta.coverage` gives, per year, the share of trade value with a BEC code.',
      querystring: query,
      response: withProblems({
        200: envelope(Type.Array(StageRow), {
          examples: [{
            data: [
              { year: 2024, stage: 'parts', label: 'Parts & components', value: 242667564862, share: 0.265535626265966 },
              { year: 2024, stage: 'capital', label: 'Capital goods', value: 272009123586, share: 0.2976422210464743 },
            ],
            meta: {
              query: { from: 2024, to: 2024, country: 'USA', flow: 'imports', section: 'XVI', chapters: ['84', '85'], format: 'json' },
              units: { value: 'US dollars', share: 'fraction of the year\'s total value in scope (0–1)' },
              coverage: [{ year: 2024, mapped_value: 908821815445, total_value: 913879498109, mapped_share: 0.9944657007029205 }],
            },
          }],
        }),
      }),
    },
  }, async (request, reply) => {
    const { catalog, manifest } = request.lake!
    const q = request.query
    const range = catalog.tradeYears
    const from = resolveYear(range, q.from ?? (range ? defaultFrom(range) : undefined), 'from')
    const to = resolveYear(range, q.to, 'to')
    if (from > to) throw withParameter(new BadParameter('from', `${from} is after to=${to}`), 'from')
    const iso3 = q.country === undefined ? null : resolveCountry(catalog, q.country)
    const scope = resolveScope(catalog, q, false)
    const flow = q.flow ?? 'imports'
    const years = range!.years.filter((y) => y >= from && y <= to)

    const values = await stageValuesByYear(request.db!, { from, to, country: iso3, flow, chapters: scope?.chapters ?? null })
    const data = stageShares(values, years)
    const coverage = mappedShares(values, years)
    const mapping = becMappingOfManifest(manifest)
    const whose = iso3 ? `${iso3} ${flow}` : 'World trade'

    return sendResult(request, reply, {
      figure: becStagesSpec,
      data,
      meta: {
        title: `${whose} by production stage (BEC rev.4)${scope ? `, ${scope.label}` : ''}, ${from}–${to}`,
        query: { from, to, country: iso3, flow: iso3 ? flow : null, section: scope?.section?.section ?? null,
          chapters: scope?.chapters ?? null, format: q.format ?? 'json' },
        method: `${iso3 ? `${iso3}'s ${flow}` : 'world exports (every flow counted once; equal to world imports)'}` +
          `${scope ? ` in ${scope.label}` : ''}, HS6 line by line through the UN HS → BEC rev.4 concordance (lake table hs_bec): ` +
          'a line with k BEC codes gives 1/k of its value to each; BEC codes grouped into stages as in meta.stages; ' +
          'lines without a BEC code are unassigned. Read from the lake\'s bec_stage summary.',
        sources: ['BACI', 'HS-BEC', 'HS'],
        units: { value: 'US dollars', share: 'fraction of the year\'s total value in scope (0–1)', mapped_share: 'fraction of trade value (0–1)' },
        stages: STAGES.map(({ stage, label, sna_class, bec }) => ({ stage, label, sna_class, bec })),
        stage_source: STAGE_SOURCE,
        bec_mapping: {
          lake_hs_revision: mapping.lakeRevision, table_hs_revision: mapping.tableRevision, method: mapping.method,
          description: mapping.description,
        },
        coverage,
        years: describeYears({ from, to, years }),
        notes: [
          'BEC 32 (three HS 2710 petroleum lines the UN tables do not split into 321 motor spirit / 322 other fuels) is unassigned.',
          ...(manifest.synthetic ? ['this lake is synthetic: its hs_bec concordance is generated (shaped like the UN table), not the UN\'s'] : []),
          ...(q.from === undefined && from !== DEFAULT_FROM ? [`the lake does not cover ${DEFAULT_FROM}: the series starts in ${from}`] : []),
        ],
      },
    })
  })
}
