// /smile-fit: the income–FVA "smile", FVA share of a section's exports on ln GNI per capita PPP with a
// quadratic term, over every economy with both values; optionally where one country sits against the curve.
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Unprocessable, withParameter } from '../errors.js'
import { DegenerateRegressionError, quadraticFit, type QuadraticFit } from '../metrics/regression.js'
import { smileFitSpec } from '../figures/smile-fit.js'
import { resolveCountry, resolveSection, resolveYear } from './shared/resolve.js'
import { sendResult } from './shared/respond.js'
import { country, envelope, explain, figureFormat, section, withProblems } from './shared/schemas.js'
import {
  ActivitiesOut, DEFAULT_YEAR, WeightingOut, activityMeta, finite, loadValueAdded, nullableNumber, requireCountry, weightingMeta,
} from './shared/value-added.js'

const Query = Type.Object({
  section,
  year: Type.Optional(Type.Integer({
    minimum: 1900, maximum: 2100, default: DEFAULT_YEAR, examples: [2020],
    description: 'TiVA year of the FVA shares (must be in the lake\'s TiVA coverage); incomes are the latest WDI value up to this year',
  })),
  country: Type.Optional({ ...country, description: 'ISO3 economy to place against the curve (fitted value, residual, classification)' }),
  format: figureFormat, explain,
}, { additionalProperties: false })

const Coefficient = Type.Object({
  estimate: Type.Number(),
  se: nullableNumber('classical OLS standard error'),
  se_hc1: nullableNumber('heteroskedasticity-robust (HC1) standard error'),
})

const Point = Type.Object({
  iso3: Type.String({ examples: ['DEU'] }),
  name: Type.String(),
  income: Type.Number({ description: 'GNI per capita, PPP, current international dollars' }),
  income_year: Type.Integer(),
  ln_income: Type.Number({ description: 'natural log of income (the regressor)' }),
  fva_share: Type.Number({ description: 'FVA share of the section\'s activities\' gross exports, percent (0–100)' }),
  weighting: WeightingOut,
  fitted: nullableNumber('the curve at ln_income, percent'),
  residual: nullableNumber('fva_share − fitted, percentage points'),
})

const Data = Type.Object({
  section: Type.String(),
  year: Type.Integer(),
  activities: ActivitiesOut,
  n: Type.Integer({ description: 'economies in the fit' }),
  coefficients: Type.Object({ intercept: Coefficient, ln_income: Coefficient, ln_income_squared: Coefficient }, {
    description: 'fva_share = intercept + ln_income·x + ln_income_squared·x², x = ln(GNI per capita PPP)',
  }),
  r_squared: nullableNumber('share of the variance of fva_share the curve explains'),
  residual_standard_error: nullableNumber('√(SSE/(n−3)), percentage points'),
  turning_point: Type.Union([Type.Null(), Type.Object({
    ln_income: Type.Number(),
    income: nullableNumber('exp(ln_income), current international dollars; null if out of floating-point range'),
    in_sample_range: Type.Boolean({ description: 'whether it lies between the poorest and richest economy of the fit' }),
  })], { description: '−b1/(2·b2): where the curve peaks (b2 < 0) or bottoms out (b2 > 0); null when b2 = 0' }),
  inverted_u: Type.Boolean({ description: 'b2 < 0 and the turning point inside the sample\'s income range' }),
  curvature: Type.Enum(['concave', 'convex', 'none'], { description: 'sign of b2: concave (∩) when negative, convex (∪) when positive' }),
  income_range: Type.Object({ min: Type.Number(), max: Type.Number() }, { description: 'current international dollars' }),
  country: Type.Optional(Type.Object({
    iso3: Type.String(), name: Type.String(), income: Type.Number(), ln_income: Type.Number(), fva_share: Type.Number(),
    fitted: nullableNumber('percent'),
    residual: nullableNumber('fva_share − fitted, percentage points'),
    standardised_residual: nullableNumber('residual / residual_standard_error'),
    classification: Type.Enum(['over-trend', 'on-trend', 'under-trend'], {
      description: 'on-trend when |residual| ≤ one residual standard error; over- or under-trend otherwise',
    }),
  })),
  points: Type.Array(Point, { description: 'every economy in the fit, poorest first' }),
})

// From the synthetic demo lake (not real statistics), rounded.
const EXAMPLE = {
  data: {
    section: 'XVI', year: 2020,
    activities: { section: 'XVI', mapped: ['C26', 'C27', 'C28'], used: ['C26', 'C27', 'C28'], fallback_to_total: false, rationale: 'electronics (ISIC 26), electrical equipment (27), machinery (28)' },
    n: 72,
    coefficients: {
      intercept: { estimate: -440.82, se: 56.73, se_hc1: 51.94 }, ln_income: { estimate: 95.25, se: 11.57, se_hc1: 10.79 },
      ln_income_squared: { estimate: -4.733, se: 0.586, se_hc1: 0.556 },
    },
    r_squared: 0.534, residual_standard_error: 3.82,
    turning_point: { ln_income: 10.06, income: 23448, in_sample_range: true }, inverted_u: true, curvature: 'concave',
    income_range: { min: 2385.4, max: 89371.5 },
    country: { iso3: 'USA', name: 'United States', income: 64479, ln_income: 11.07, fva_share: 23.37, fitted: 33.55, residual: -10.18, standardised_residual: -2.66, classification: 'under-trend' },
    points: [{ iso3: 'ETH', name: 'Ethiopia', income: 2385.4, income_year: 2020, ln_income: 7.78, fva_share: 13.27, weighting: 'gross-exports', fitted: 13.68, residual: -0.41 }],
  },
  meta: { query: { section: 'XVI', year: 2020, country: 'USA', format: 'json' } },
}

function coefficient(fit: QuadraticFit, i: number) {
  return { estimate: finite(fit.coefficients[i]), se: finite(fit.standardErrors[i]), se_hc1: finite(fit.robustStandardErrors[i]) }
}

function classify(residual: number, s: number): 'over-trend' | 'on-trend' | 'under-trend' {
  if (Math.abs(residual) <= s) return 'on-trend'
  return residual > 0 ? 'over-trend' : 'under-trend'
}

export default async function smileFit(app: FastifyInstance) {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>()
  fastify.get('/smile-fit', {
    schema: {
      tags: ['value-added'],
      summary: 'The income–FVA "smile": FVA share on ln GNI per capita PPP with a quadratic term (OLS)',
      description: 'Every economy with both a TiVA FVA share for the section\'s activities in `year` and a WDI GNI per capita PPP ' +
        '(latest up to `year`) is a point (x = ln income, y = FVA share, percent). OLS of y = b0 + b1·x + b2·x² with classical and ' +
        'HC1 standard errors, R², n, the residual standard error, the turning point exp(−b1/(2·b2)) in dollars and whether the curve is ' +
        'an inverted U inside the sample\'s income range. With `country`: its fitted value, residual, standardised residual and ' +
        'classification. Fewer than 4 economies, or incomes that cannot identify a quadratic, get a 422.',
      querystring: Query,
      response: withProblems({ 200: envelope(Data, { examples: [EXAMPLE] }) }),
    },
  }, async (request, reply) => {
    const q = request.query
    const { catalog } = request.lake!
    const db = request.db!
    const iso3 = q.country === undefined ? null : resolveCountry(catalog, q.country)
    const sectionCode = resolveSection(catalog, q.section).section
    const year = resolveYear(catalog.tivaYears, q.year ?? DEFAULT_YEAR, 'year', 'TiVA')

    const panel = await loadValueAdded(db, sectionCode, year)
    if (iso3) await requireCountry(db, panel, iso3, year)
    const sample = [...panel.economies.values()]
      .flatMap((e) => (e.fva && e.income ? [{ ...e, fva: e.fva, income: e.income, x: Math.log(e.income.income) }] : []))
      .sort((a, b) => a.x - b.x || a.iso3.localeCompare(b.iso3))
    let fit: QuadraticFit
    try {
      fit = quadraticFit(sample.map((e) => e.x), sample.map((e) => e.fva.fvaShare))
    } catch (error) {
      if (!(error instanceof DegenerateRegressionError)) throw error
      throw withParameter(new Unprocessable(`the smile cannot be fitted for HS Section ${sectionCode} in ${year} over the ` +
        `${sample.length} economies with both a TiVA FVA share and a WDI income: ${error.message}`), 'section')
    }

    const s = fit.residualStandardError
    const points = sample.map((e, i) => ({
      iso3: e.iso3, name: e.name, income: e.income.income, income_year: e.income.year, ln_income: e.x,
      fva_share: e.fva.fvaShare, weighting: e.fva.weighting, fitted: finite(fit.fitted[i]), residual: finite(fit.residuals[i]),
    }))
    const at = iso3 === null ? -1 : sample.findIndex((e) => e.iso3 === iso3)
    const countryRow = at < 0 ? undefined : {
      iso3: points[at]!.iso3, name: points[at]!.name, income: points[at]!.income, ln_income: points[at]!.ln_income,
      fva_share: points[at]!.fva_share, fitted: points[at]!.fitted, residual: points[at]!.residual,
      standardised_residual: s > 0 ? finite(fit.residuals[at]! / s) : null,
      classification: classify(fit.residuals[at]!, s),
    }
    const b2 = fit.coefficients[2]!
    const turningPoint = fit.turningPoint === null ? null : {
      ln_income: fit.turningPoint, income: finite(Math.exp(fit.turningPoint)), in_sample_range: fit.turningPointInRange,
    }
    const { activities, notes, ...tableMeta } = activityMeta(panel.plan, sample)
    const data = {
      section: sectionCode, year, activities, n: fit.n,
      coefficients: { intercept: coefficient(fit, 0), ln_income: coefficient(fit, 1), ln_income_squared: coefficient(fit, 2) },
      r_squared: finite(fit.rSquared), residual_standard_error: finite(s),
      turning_point: turningPoint, inverted_u: fit.invertedU, curvature: b2 < 0 ? 'concave' : b2 > 0 ? 'convex' : 'none',
      income_range: { min: sample[0]!.income.income, max: sample.at(-1)!.income.income },
      ...(countryRow ? { country: countryRow } : {}),
      points,
    }
    return sendResult(request, reply, {
      figure: smileFitSpec,
      data,
      csv: points.map((p) => ({ ...p, is_country: p.iso3 === iso3 })),
      meta: {
        title: `Income–FVA smile, HS Section ${sectionCode}, ${year}`,
        query: { section: sectionCode, year, ...(iso3 ? { country: iso3 } : {}), format: q.format ?? 'json' },
        method: 'OLS of fva_share = b0 + b1·x + b2·x², x = ln(GNI per capita PPP, latest WDI year up to `year`), over every economy ' +
          '(of the lake\'s country list) with both values; solved by Householder QR on x centred and scaled, coefficients mapped back ' +
          'to x. Classical standard errors s²(XᵀX)⁻¹; robust ones HC1, n/(n−3)·(XᵀX)⁻¹Xᵀdiag(e²)X(XᵀX)⁻¹. Turning point ' +
          'exp(−b1/(2·b2)) in dollars; inverted U when b2 < 0 and the turning point lies inside the sample\'s income range. ' +
          'fva_share per economy as in /fva-peers (gross-export-weighted over the section\'s activities). Standardised residual = ' +
          'residual / residual standard error; on-trend when |residual| ≤ one residual standard error.',
        thresholds: { on_trend_residual_standard_errors: 1 },
        units: {
          fva_share: 'percent of gross exports (0–100)', fitted: 'percent of gross exports (0–100)', residual: 'percentage points',
          residual_standard_error: 'percentage points', income: 'current international dollars (PPP), per capita',
          ln_income: 'natural log of current international dollars', standardised_residual: 'residual standard errors',
        },
        ...weightingMeta(sample.map((e) => ({ iso3: e.iso3, weighting: e.fva.weighting }))),
        activities,
        ...tableMeta,
        sources: ['TiVA', 'WDI', 'countries'],
        notes,
      },
    })
  })
}
