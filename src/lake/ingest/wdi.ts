// World Bank WDI: API v2 JSON, the bulk CSV (one column per year) or a long CSV, into `wdi`.
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { parse } from 'csv-parse'
import { INDICATOR_GNI_PPP } from '../contract.js'
import { describeInput } from './files.js'
import { IngestError, ReportBuilder } from './report.js'
import { knownEconomies, loadRows, type Stage } from './stage.js'

export interface WdiOptions {
  files: string[]
  /** Indicators kept from files holding many (the bulk CSV); default GNI per capita, PPP. */
  indicators?: string[]
  /** Indicator of a long CSV whose value column does not name it. */
  indicator?: string
  release?: string
}

interface Observation { iso3: string; indicator: string; year: number; value: number; where: string }

interface ParsedFile { observations: Observation[]; read: number; release: string | null; format: string }

/** `ny_gnp_pcap_pp_cd` → `NY.GNP.PCAP.PP.CD` (open-numbers column names). */
function indicatorOfColumn(name: string): string | null {
  return /^[a-z]{2}(_[a-z0-9]+){2,}$/i.test(name) ? name.toUpperCase().replaceAll('_', '.') : null
}

function number(text: string, file: string, line: number, what: string): number | null {
  const t = text.trim()
  if (t === '' || t === '..' || t.toUpperCase() === 'NA') return null // WDI's missing observation
  const value = Number(t)
  if (!Number.isFinite(value)) throw new IngestError(file, line, `${what} "${text}" is not a number`)
  return value
}

function year(text: string, file: string, where: number | null): number {
  const t = text.trim()
  if (!/^\d{4}$/.test(t)) throw new IngestError(file, where, `year "${text}" is not a year`)
  return Number(t)
}

/** World Bank API v2: `[{page, pages, lastupdated, …}, [{countryiso3code, indicator: {id}, date, value}, …]]`. */
async function parseApiJson(path: string): Promise<ParsedFile> {
  const file = basename(path)
  let body: unknown
  try { body = JSON.parse(await readFile(path, 'utf8')) } catch (error) {
    throw new IngestError(file, null, `not valid JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(body) || body.length < 2 || !Array.isArray(body[1])) {
    const message = Array.isArray(body) ? JSON.stringify((body[0] as { message?: unknown })?.message ?? body[0]) : 'not an array'
    throw new IngestError(file, null, `not a World Bank API v2 answer: ${message}`)
  }
  const meta = body[0] as { pages?: number; lastupdated?: string }
  if ((meta.pages ?? 1) > 1) throw new IngestError(file, null, `one page of ${meta.pages}: fetch with per_page large enough, or give every page`)
  const observations: Observation[] = []
  ;(body[1] as Record<string, unknown>[]).forEach((record, n) => {
    const where = `record ${n + 1}`
    const iso3 = String(record.countryiso3code ?? '').trim()
    const indicator = String((record.indicator as { id?: string })?.id ?? '')
    if (record.value === null || record.value === undefined) return
    if (typeof record.value !== 'number' || !Number.isFinite(record.value)) throw new IngestError(file, null, `${where}: value ${JSON.stringify(record.value)} is not a number`)
    observations.push({ iso3, indicator, year: year(String(record.date ?? ''), `${file} ${where}`, null), value: record.value, where })
  })
  return { observations, read: (body[1] as unknown[]).length, release: meta.lastupdated ?? null, format: 'World Bank API v2 JSON' }
}

/** The bulk CSV (`Country Name,Country Code,Indicator Name,Indicator Code,1960,…`, after a preamble) or a long CSV. */
async function parseCsvFile(path: string, options: WdiOptions): Promise<ParsedFile> {
  const file = basename(path)
  const wanted = new Set((options.indicators ?? [INDICATOR_GNI_PPP]).map((i) => i.toUpperCase()))
  const parser = createReadStream(path).pipe(parse({ info: true, relax_column_count: true, bom: true, skip_empty_lines: true }))
  const observations: Observation[] = []
  let layout: { kind: 'wide'; code: number; indicator: number; years: [number, number][] } |
    { kind: 'long'; geo: number; time: number; value: number; indicatorAt: number; indicator: string | null } | null = null
  let release: string | null = null
  let read = 0
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines
    const cells = record.map((c) => c.trim())
    if (!layout) {
      const h = cells.map((c) => c.toLowerCase())
      if (h[0] === 'last updated date') release = cells[1] ?? null
      if (h.includes('country code') && h.includes('indicator code')) {
        const years = h.flatMap((c, i): [number, number][] => (/^\d{4}$/.test(c) ? [[i, Number(c)]] : []))
        layout = { kind: 'wide', code: h.indexOf('country code'), indicator: h.indexOf('indicator code'), years }
      } else if (line === 1 || layout === null && h.some((c) => ['geo', 'iso3', 'country_code', 'economy'].includes(c))) {
        const geo = h.findIndex((c) => ['geo', 'iso3', 'country_code', 'economy', 'country'].includes(c))
        const time = h.findIndex((c) => ['time', 'year', 'date'].includes(c))
        const indicatorAt = h.indexOf('indicator')
        const valueAt = h.indexOf('value') >= 0 ? h.indexOf('value') : h.findIndex((c) => indicatorOfColumn(c) !== null)
        if (geo >= 0 && time >= 0 && valueAt >= 0) {
          const indicator = indicatorAt >= 0 ? null : (indicatorOfColumn(h[valueAt]!) ?? options.indicator?.toUpperCase() ?? null)
          if (indicatorAt < 0 && !indicator) throw new IngestError(file, line, 'the value column does not name its indicator: give it with --indicator')
          layout = { kind: 'long', geo, time, value: valueAt, indicatorAt, indicator }
        } else if (!['data source', 'last updated date'].includes(h[0] ?? '')) {
          throw new IngestError(file, line, `wrong header: expected "Country Name,Country Code,Indicator Name,Indicator Code,1960,…" ` +
            `(WDI bulk CSV) or "geo,time,<indicator>" (long CSV), found "${record.join(',').slice(0, 200)}"`)
        }
      }
      continue
    }
    read++
    if (layout.kind === 'wide') {
      const indicator = (cells[layout.indicator] ?? '').toUpperCase()
      if (!wanted.has(indicator)) continue
      for (const [at, y] of layout.years) {
        const value = number(cells[at] ?? '', file, line, `${indicator} ${y}`)
        if (value !== null) observations.push({ iso3: cells[layout.code] ?? '', indicator, year: y, value, where: `line ${line}` })
      }
    } else {
      const indicator = layout.indicator ?? (cells[layout.indicatorAt] ?? '').toUpperCase()
      const value = number(cells[layout.value] ?? '', file, line, 'value')
      if (value !== null) observations.push({ iso3: cells[layout.geo] ?? '', indicator, year: year(cells[layout.time] ?? '', file, line), value, where: `line ${line}` })
    }
  }
  if (!layout) throw new IngestError(file, 1, 'no header found: not a WDI CSV')
  return { observations, read, release, format: layout.kind === 'wide' ? 'WDI bulk CSV' : 'long CSV' }
}

/** `ingest wdi <file…>`: GNI per capita PPP (and any other indicator asked for), one row per economy × year. */
export function wdiStage(options: WdiOptions): Stage {
  return {
    source: 'WDI',
    tables: ['wdi'],
    async run({ build }) {
      const report = new ReportBuilder('WDI')
      const observations: (Observation & { file: string })[] = []
      const releases = new Set<string>()
      const formats = new Set<string>()
      for (const path of options.files) {
        const parsed = extname(path).toLowerCase() === '.json' ? await parseApiJson(path) : await parseCsvFile(path, options)
        report.report.rowsRead += parsed.read
        report.report.files.push(basename(path))
        if (parsed.release) releases.add(parsed.release)
        formats.add(parsed.format)
        observations.push(...parsed.observations.map((o) => ({ ...o, file: basename(path) })))
      }
      const economies = await knownEconomies(build)
      const seen = new Map<string, string>()
      const kept: Observation[] = []
      const outside = new Map<string, number>()
      for (const o of observations) {
        const iso3 = o.iso3.toUpperCase()
        const line = /^line (\d+)$/.exec(o.where)?.[1]
        if (!/^[A-Z][A-Z0-9]{2}$/.test(iso3)) {
          // The API lists some aggregates without an ISO3 code: not an economy.
          outside.set(o.iso3 || '(blank)', (outside.get(o.iso3 || '(blank)') ?? 0) + 1)
          continue
        }
        const key = `${iso3}|${o.indicator}|${o.year}`
        if (seen.has(key)) {
          throw new IngestError(o.file, line ? Number(line) : null, `duplicate key (economy, indicator, year) = (${iso3}, ${o.indicator}, ${o.year}), also at ${seen.get(key)}`)
        }
        seen.set(key, `${o.file} ${o.where}`)
        if (economies.size > 0 && !economies.has(iso3)) {
          outside.set(iso3, (outside.get(iso3) ?? 0) + 1)
          continue
        }
        kept.push({ ...o, iso3 })
      }
      const outsideRows = [...outside.values()].reduce((a, b) => a + b, 0)
      report.reject('economy not in the lake\'s countries table (WDI aggregates such as WLD, EUU, or economies BACI does not list)',
        outsideRows, [...outside.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} (${n} rows)`))
      if (kept.length === 0) throw new IngestError(report.report.files.join(', '), null, 'no observation left for an economy of the lake')
      await loadRows(build.conn, 'staged_wdi', { iso3: 'VARCHAR', indicator: 'VARCHAR', year: 'INTEGER', value: 'DOUBLE' },
        kept.map((o) => [o.iso3, o.indicator, o.year, o.value]))
      await build.writeTable('wdi', 'SELECT iso3, indicator, year, value FROM staged_wdi ORDER BY indicator, iso3, year')
      report.report.rowsWritten = kept.length
      report.addYears([...new Set(kept.map((o) => o.year))])
      const indicators = [...new Set(kept.map((o) => o.indicator))].sort()
      report.note(`${[...formats].join(', ')}: ${indicators.join(', ')}, ${new Set(kept.map((o) => o.iso3)).size} economies`)
      return {
        source: {
          name: 'WDI', release: options.release ?? ([...releases].sort().pop() ?? options.files.map((p) => basename(p)).join(', ')),
          publisher: 'World Bank, World Development Indicators (CC BY 4.0)',
          files: await Promise.all(options.files.map((p) => describeInput(p))),
          details: { indicators: indicators.join(','), years: `${report.report.years[0]}-${report.report.years.at(-1)}` },
        },
        report: report.finish(),
      }
    },
  }
}
