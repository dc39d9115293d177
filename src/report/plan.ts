// Which figures make a report and the exact request of each: the seed report's analysis for one country and section.
import type { YearRange } from '../db/lake.js'
import { FIGURES, type FigureId } from '../figures/index.js'

export interface ReportScope {
  country: string
  /** Roman numeral. */
  section: string
  /** Trade year (BACI) of the trade figures. */
  year: number
  /** Year of the value-added figures (TiVA): the latest TiVA year up to `year`. */
  tivaYear: number
}

export interface PlannedFigure {
  id: FigureId
  label: string
  /** The figure endpoint's request, parameters in a fixed order: the same answer as calling it directly. */
  url: string
}

/** How many suppliers the report's supplier figure ranks. */
export const REPORT_TOP_SUPPLIERS = 10

/** The seed report's figures, in its order, with the parameters each endpoint needs. */
export function reportFigures({ country, section, year, tivaYear }: ReportScope): PlannedFigure[] {
  const parameters: Record<FigureId, Record<string, string | number>> = {
    'fva-peers': { country, section, year: tivaYear },
    suppliers: { country, section, year, limit: REPORT_TOP_SUPPLIERS },
    hhi: { country, section, year },
    'single-source': { country, section, year },
    cr1: { section, year },
    'buyer-concentration': { section, year },
    'bec-stages': { country, section, to: year },
    growth: { section, to: year },
    'smile-fit': { section, year: tivaYear, country },
  }
  return (Object.keys(parameters) as FigureId[]).map((id) => ({
    id, label: FIGURES[id].label, url: requestUrl(FIGURES[id].path, parameters[id]),
  }))
}

export function requestUrl(path: string, parameters: Record<string, string | number>): string {
  const query = new URLSearchParams(Object.entries(parameters).map(([k, v]) => [k, String(v)]))
  return `${path}?${query.toString()}`
}

/**
 * The value-added figures' year: TiVA releases end years before BACI's, so a report on the latest trade year uses the
 * latest TiVA year up to it. Without one, the trade year itself (its endpoint then answers 400 stating TiVA's range).
 */
export function valueAddedYear(tivaYears: YearRange | null, year: number): number {
  const earlier = (tivaYears?.years ?? []).filter((y) => y <= year)
  return earlier.length > 0 ? Math.max(...earlier) : year
}

/** Links of one figure: its data as JSON and CSV, its Vega-Lite spec, and its citation alone. */
export function figureLinks(url: string) {
  return {
    json: url,
    csv: `${url}&format=csv`,
    vega_lite: `${url}&format=vega-lite`,
    cite: `/cite?path=${encodeURIComponent(url)}`,
  }
}
