// /hhi: Herfindahl–Hirschman index by HS2 chapter (or HS6 line) of the country's suppliers or of world exporters.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Db } from '../db/executor.js'
import type { Catalog } from '../db/lake.js'
import { bilateralImportsByLine, lineDescriptions, lineImports, worldExportsByLine } from '../db/queries/hhi.js'
import { chapterImports, worldExportsByChapter } from '../db/queries/single-source.js'
import { bilateralImportsByChapter } from '../db/queries/suppliers.js'
import {
  MERGER_GUIDELINES_2023, aboveThreshold, marketConcentration, mergerGuidelinesBand, weightedHhi,
} from '../metrics/concentration.js'
import type { Contribution } from '../metrics/shares.js'
import { hhiSpec } from '../figures/hhi.js'
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
  basis: Type.Optional(Type.Enum(['importer', 'world'], {
    default: 'importer',
    description: '`importer`: concentration of the country\'s own suppliers (its bilateral imports); ' +
      '`world`: concentration of world exporters of the chapter or line (what the seed report computed)',
  })),
  level: Type.Optional(Type.Enum(['hs2', 'hs6'], {
    default: 'hs2', description: '`hs2`: one row per chapter; `hs6`: the HS6 lines (paged) plus a chapter summary weighted by the country\'s imports',
  })),
  threshold: Type.Optional(Type.Number({
    minimum: 0, maximum: 10000, default: 2500, examples: [1800],
    description: 'HHI (0–10,000) above which a row is flagged; default 2,500 (the 2010 Guidelines\' "highly concentrated" cut; the 2023 Guidelines use 1,800)',
  })),
  limit, offset, format: figureFormat, explain,
}, { additionalProperties: false })

const nullable = <T extends ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])

const Concentration = {
  value: Type.Number({ description: 'size of the market measured: the country\'s imports (basis=importer) or world exports (basis=world), US dollars' }),
  suppliers: Type.Integer({ description: 'suppliers (exporters) with a value above zero' }),
  top_supplier: Type.Union([Type.String(), Type.Null()], { examples: ['CHN'] }),
  top_supplier_name: Type.Union([Type.String(), Type.Null()]),
  top_share: nullable(Type.Number({ description: 'the top supplier\'s share of value, 0–1' })),
  hhi: nullable(Type.Number({ description: 'Herfindahl–Hirschman index, 0–10,000' })),
  band: Type.Union([Type.String(), Type.Null()], { description: '2023 Merger Guidelines band', examples: ['highly concentrated'] }),
  above_threshold: Type.Union([Type.Boolean(), Type.Null()], { description: 'hhi > threshold' }),
}

const ChapterRow = Type.Object({
  chapter: Type.String({ examples: ['85'] }),
  name: Type.String({ description: 'chapter description from the HS nomenclature at chapter level' }),
  ...Concentration,
  imports: Type.Number({ description: 'the country\'s imports of the chapter, US dollars' }),
  lines: Type.Optional(Type.Integer({ description: 'level=hs6: HS6 lines with an HHI' })),
  lines_above_threshold: Type.Optional(Type.Integer({ description: 'level=hs6: lines whose HHI is above the threshold' })),
})

const LineRow = Type.Object({
  chapter: Type.String(),
  hs6: Type.String({ examples: ['854231'] }),
  description: Type.Union([Type.String(), Type.Null()]),
  ...Concentration,
  imports: Type.Number({ description: 'the country\'s imports of the line, US dollars (the weight in the chapter summary)' }),
})

const Data = Type.Object({
  country: Type.Object({ iso3: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  year: Type.Integer(),
  basis: Type.String(),
  level: Type.String(),
  scope: ScopeOut,
  chapters: Type.Array(ChapterRow, { description: 'level=hs2: the page of chapters; level=hs6: every chapter\'s import-weighted summary' }),
  lines: Type.Optional(Type.Array(LineRow, { description: 'level=hs6: the page of HS6 lines' })),
})

const EXAMPLE = {
  data: {
    country: { iso3: 'USA', name: 'United States' }, year: 2024, basis: 'importer', level: 'hs2',
    scope: { section: 'XVI', label: 'HS Section XVI', chapters: [{ chapter: '84', name: 'Nuclear reactors, boilers, machinery and mechanical appliances; parts thereof' }] },
    chapters: [{
      chapter: '85', name: 'Electrical machinery and equipment and parts thereof; …', value: 673619108833, suppliers: 71,
      top_supplier: 'CHN', top_supplier_name: 'China', top_share: 0.4700000000022119, hhi: 2411.2721435102576, band: 'highly concentrated',
      above_threshold: false, imports: 673619108833,
    }],
  },
  meta: { query: { country: 'USA', section: 'XVI', year: 2024, basis: 'importer', level: 'hs2', threshold: 2500 }, thresholds: { hhi: 2500 }, synthetic: true },
}

type Basis = 'importer' | 'world'

function concentrationFields(list: Contribution[], threshold: number, names: (iso3: string) => string | null) {
  const m = marketConcentration(list)
  return {
    value: m.value, suppliers: m.count,
    top_supplier: m.top?.key ?? null, top_supplier_name: m.top ? names(m.top.key) : null, top_share: m.top?.share ?? null,
    hhi: m.hhi, band: mergerGuidelinesBand(m.hhi), above_threshold: aboveThreshold(m.hhi, threshold),
  }
}

function groupBy<R>(rows: R[], key: (r: R) => string, item: (r: R) => Contribution): Map<string, Contribution[]> {
  const out = new Map<string, Contribution[]>()
  for (const r of rows) {
    const k = key(r)
    const list = out.get(k) ?? []
    list.push(item(r))
    out.set(k, list)
  }
  return out
}

interface Ranked { hhi: number | null; value: number }

/** Most concentrated first, rows without an HHI last; equal HHIs (e.g. the many single-supplier lines) largest first, then by code. */
function byHhiDescending<R extends Ranked>(codeOf: (r: R) => string) {
  return (a: R, b: R): number => (b.hhi ?? -1) - (a.hhi ?? -1) || b.value - a.value || (codeOf(a) < codeOf(b) ? -1 : 1)
}

function methodText(basis: Basis, level: string): string {
  const who = basis === 'importer'
    ? 'basis=importer: concentration of the country\'s own suppliers, from its bilateral imports (BACI)'
    : 'basis=world: concentration of world exporters (every economy\'s exports to the world, BACI) — not specific to the country\'s suppliers'
  const levelText = level === 'hs6'
    ? ' Each HS6 line gets its HHI; a chapter\'s hhi is the mean of its lines\' HHIs weighted by the country\'s imports of each line ' +
      '(lines the country does not import weigh nothing); its top supplier is over the chapter\'s lines summed.'
    : ''
  return `${who}. HHI = 10,000 × Σ sᵢ², sᵢ each supplier's share of the value. ` +
    `Band from the 2023 DOJ/FTC Merger Guidelines: unconcentrated < ${MERGER_GUIDELINES_2023.unconcentratedBelow}, ` +
    `moderately concentrated ${MERGER_GUIDELINES_2023.unconcentratedBelow}–${MERGER_GUIDELINES_2023.highlyAbove}, highly concentrated > ` +
    `${MERGER_GUIDELINES_2023.highlyAbove}. above_threshold: hhi > threshold.${levelText}`
}

interface LevelArgs {
  db: Db
  basis: Basis
  args: { importer: string; country: string; chapters: string[]; year: number }
  threshold: number
  catalog: Catalog
  names: (iso3: string) => string | null
}
type OutRow = Record<string, unknown> & Ranked

const sumValues = (list: Contribution[]) => list.reduce((s, c) => s + c.value, 0)

/** level=hs2: one market per chapter. */
async function chapterLevel({ db, basis, args, threshold, catalog, names }: LevelArgs): Promise<OutRow[]> {
  const rows = basis === 'importer' ? await bilateralImportsByChapter(db, args) : await worldExportsByChapter(db, args)
  const markets = groupBy(rows, (r) => r.chapter, (r) => ({ key: r.exporter, value: r.value }))
  const imports = basis === 'importer'
    ? new Map([...markets].map(([chapter, list]) => [chapter, sumValues(list)]))
    : await chapterImports(db, args)
  return args.chapters
    .map((chapter) => ({
      chapter, name: chapterName(catalog, chapter),
      ...concentrationFields(markets.get(chapter) ?? [], threshold, names), imports: imports.get(chapter) ?? 0,
    }))
    .sort(byHhiDescending((r) => r.chapter))
}

/** level=hs6: one market per line, and per chapter the import-weighted mean of its lines' HHIs. */
async function lineLevel({ db, basis, args, threshold, catalog, names }: LevelArgs): Promise<{ chapters: OutRow[]; lines: OutRow[] }> {
  const rows = basis === 'importer' ? await bilateralImportsByLine(db, args) : await worldExportsByLine(db, args)
  const markets = groupBy(rows, (r) => r.hs6, (r) => ({ key: r.exporter, value: r.value }))
  const weights = basis === 'importer'
    ? new Map([...markets].map(([hs6, list]) => [hs6, sumValues(list)]))
    : await lineImports(db, args)
  const lines = [...markets].map(([hs6, list]) => ({
    chapter: hs6.slice(0, 2), hs6, description: null as string | null,
    ...concentrationFields(list, threshold, names), imports: weights.get(hs6) ?? 0,
  })).sort(byHhiDescending((r) => r.hs6))
  const chapters = args.chapters.map((chapter) => {
    const own = lines.filter((l) => l.chapter === chapter)
    const bySupplier = groupBy(rows.filter((r) => r.hs6.startsWith(chapter)), (r) => r.exporter, (r) => ({ key: r.exporter, value: r.value }))
    const whole = concentrationFields([...bySupplier].map(([key, list]) => ({ key, value: sumValues(list) })), threshold, names)
    const hhi = weightedHhi(own.map((l) => ({ weight: l.imports, hhi: l.hhi })))
    return {
      chapter, name: chapterName(catalog, chapter), ...whole,
      hhi, band: mergerGuidelinesBand(hhi), above_threshold: aboveThreshold(hhi, threshold),
      imports: own.reduce((s, l) => s + l.imports, 0),
      lines: own.filter((l) => l.hhi !== null).length,
      lines_above_threshold: own.filter((l) => l.above_threshold === true).length,
    }
  }).sort(byHhiDescending((r) => r.chapter))
  return { chapters, lines }
}

export default async function hhiRoute(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/hhi', {
    schema: {
      tags: ['suppliers'],
      summary: 'Supplier concentration (HHI, 0–10,000) by HS2 chapter or HS6 line, with 2023 Merger Guidelines bands',
      description: 'basis=importer measures the country\'s own suppliers; basis=world measures world exporters (the seed report\'s query). ' +
        'Rows sorted by HHI, most concentrated first.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const { iso3, scope, year } = resolveCountryScopeYear(catalog, q)
    const basis = (q.basis ?? 'importer') as Basis
    const level = q.level ?? 'hs2'
    const threshold = q.threshold ?? 2500
    const limit = q.limit ?? 50
    const offset = q.offset ?? 0
    const names = (code: string) => countryName(catalog, code)
    const db = request.db!
    const args = { importer: iso3, country: iso3, chapters: scope.chapters, year }

    const levelArgs: LevelArgs = { db, basis, args, threshold, catalog, names }
    const { chapters: chapterRows, lines: lineRows } = level === 'hs2'
      ? { chapters: await chapterLevel(levelArgs), lines: null }
      : await lineLevel(levelArgs)

    const { rows: page, page: pageMeta } = paginate(lineRows ?? chapterRows, limit, offset)
    if (lineRows) {
      const descriptions = await lineDescriptions(db, page.map((l) => String(l.hs6)))
      for (const l of page) l.description = descriptions.get(String(l.hs6)) ?? null
    }
    const data = {
      country: { iso3, name: names(iso3) }, year, basis, level, scope: scopeOut(catalog, scope),
      chapters: lineRows ? chapterRows : page,
      ...(lineRows ? { lines: page } : {}),
    }
    return sendResult(request, reply, {
      figure: hhiSpec,
      data,
      csv: page.map((r) => ({ country: iso3, year, basis, ...r })),
      meta: {
        title: `${basis === 'importer' ? `Concentration of ${iso3}'s suppliers` : 'Concentration of world exporters'}, ${scope.label}, ${year}, ${level}`,
        query: { country: iso3, ...scopeQuery(scope), year, basis, level, threshold, limit, offset, format: q.format ?? 'json' },
        method: methodText(basis, level),
        thresholds: {
          hhi: threshold,
          band_unconcentrated_below: MERGER_GUIDELINES_2023.unconcentratedBelow,
          band_highly_above: MERGER_GUIDELINES_2023.highlyAbove,
        },
        units: {
          hhi: 'index, 0–10,000', value: 'US dollars', imports: 'US dollars', top_share: 'fraction, 0–1',
        },
        sources: ['BACI', 'HS', 'countries'],
        page: pageMeta,
        notes: level === 'hs6' ? ['meta.page pages `lines`; `chapters` holds every chapter\'s summary.'] : [],
      },
    })
  })
}
