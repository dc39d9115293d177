// The dashboard client: pickers filled from /countries, /sections and /datasets, one /report request per choice, and
// every figure drawn by vega-embed from the same spec builders as the API's format=vega-lite (src/figures/). Runs under
// the API's strict CSP: Vega's expressions are interpreted (vega-interpreter), never compiled with eval.
import embed, { type Result, type VisualizationSpec } from 'vega-embed'
import { expressionInterpreter } from 'vega-interpreter'
import { FIGURES, type FigureId } from '../figures/index.js'
import type { FigureMeta } from '../figures/spec.js'

interface Problem { status?: number; detail?: string; code?: string }
interface ReportFigure {
  id: FigureId
  label: string
  status: number
  headline: string | null
  path: string
  links: { json: string; csv: string; vega_lite: string; cite: string }
  data?: unknown
  meta?: FigureMeta & { citation: string }
  problem?: Problem
}
interface Envelope<T> { data: T; meta: { synthetic: boolean; notes?: string[]; sql?: { sql: string; params: unknown[] }[] } }
interface Report { country: { iso3: string; name: string | null }; section: { section: string }; year: number; figures: ReportFigure[] }

class ApiError extends Error {}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T
const pickers = { country: element<HTMLSelectElement>('country'), section: element<HTMLSelectElement>('section'), year: element<HTMLSelectElement>('year') }
const statusLine = element<HTMLParagraphElement>('status')
let views: Result[] = []
let loading = 0

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } })
  const body = await res.json() as T & Problem
  if (!res.ok) throw new ApiError(`${res.status}: ${body.detail ?? res.statusText}`)
  return body
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []) {
  const node = Object.assign(document.createElement(tag), props)
  node.append(...children)
  return node
}

/** "2000, 2015–2024" → [2000, 2015, …, 2024]. */
function yearsCovered(covered: string): number[] {
  return covered.split(',').flatMap((run) => {
    const [from, to = from] = run.trim().split('–').map(Number)
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i)
  })
}

function fill(select: HTMLSelectElement, options: { value: string; text: string }[], wanted: string | null, fallback: string) {
  select.replaceChildren(...options.map((o) => make('option', { value: o.value, textContent: o.text })))
  const values = options.map((o) => o.value)
  select.value = wanted && values.includes(wanted) ? wanted : values.includes(fallback) ? fallback : values[0] ?? ''
  select.disabled = false
}

async function init() {
  const wanted = new URLSearchParams(location.search)
  const [countries, sections, datasets] = await Promise.all([
    getJson<Envelope<{ iso3: string; name: string }[]>>('/countries'),
    getJson<Envelope<{ section: string; name: string }[]>>('/sections'),
    getJson<Envelope<{ name: string; years: { to: number; covered: string } | null }[]>>('/datasets'),
  ])
  fill(pickers.country, [...countries.data].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.iso3, text: `${c.name} (${c.iso3})` })),
    wanted.get('country')?.toUpperCase() ?? null, 'USA')
  fill(pickers.section, sections.data.map((s) => ({ value: s.section, text: `${s.section} — ${s.name}` })), wanted.get('section')?.toUpperCase() ?? null, 'XVI')
  const trade = datasets.data.find((d) => d.name === 'BACI')?.years
  const years = trade ? yearsCovered(trade.covered).reverse() : []
  fill(pickers.year, years.map((y) => ({ value: String(y), text: String(y) })), wanted.get('year'), String(trade?.to ?? ''))
  element('synthetic-banner').hidden = !datasets.meta.synthetic
  for (const select of Object.values(pickers)) select.addEventListener('change', () => { void load() })
  await load()
}

/** The API's spec, fitted to the card: the card shows the title, the width follows the container, labels shorten on phones. */
function fitted(figure: ReportFigure, chart: HTMLElement): VisualizationSpec {
  const spec = FIGURES[figure.id].spec(figure.data, figure.meta!) as unknown as Record<string, unknown>
  const narrow = chart.clientWidth < 480
  const config = (spec.config ?? {}) as Record<string, unknown>
  return {
    ...spec,
    title: undefined,
    width: 'container',
    autosize: { type: 'fit-x', contains: 'padding' },
    config: {
      ...config,
      axis: { ...(config.axis as object), labelLimit: narrow ? 110 : 220 },
      legend: { ...(config.legend as object), columns: narrow ? 1 : 2 },
    },
  } as VisualizationSpec
}

function toggle(label: string, panel: HTMLElement, fill: () => Promise<string>) {
  const button = make('button', { type: 'button', textContent: label })
  button.setAttribute('aria-expanded', 'false')
  let filled = false
  button.addEventListener('click', async () => {
    const open = panel.hidden
    panel.hidden = !open
    button.setAttribute('aria-expanded', String(open))
    if (open && !filled) {
      filled = true
      panel.textContent = 'Loading…'
      panel.textContent = await fill().catch((error: Error) => `Could not load: ${error.message}`)
    }
  })
  return button
}

async function sqlOf(figure: ReportFigure): Promise<string> {
  const answer = await getJson<Envelope<unknown>>(`${figure.path}&explain=true`)
  return (answer.meta.sql ?? []).map((q) => `-- parameters: ${JSON.stringify(q.params)}\n${q.sql};`).join('\n\n') || '(no SQL: answered from the catalog)'
}

/** One figure's card; `render` draws its chart once the card is in the page (its width is the container's). */
function figureCard(figure: ReportFigure) {
  const chart = make('div', { className: 'chart' })
  const sql = make('pre', { className: 'detail sql', hidden: true })
  const cite = make('pre', { className: 'detail cite', hidden: true })
  const link = (text: string, href: string, download = false) => {
    const a = make('a', { href, textContent: text })
    if (download) a.setAttribute('download', '')
    return a
  }
  const ok = figure.status === 200
  const body = ok
    ? [make('p', { className: 'title', textContent: String(figure.meta?.title ?? '') }), make('p', { className: 'headline', textContent: figure.headline ?? '' }), chart]
    : [make('p', { className: 'problem' }, [`Not available (${figure.status}): ${figure.problem?.detail ?? 'no detail'} `, make('code', { textContent: figure.path })])]
  const card = make('article', { className: 'figure' }, [
    make('h2', { textContent: figure.label }),
    ...body,
    make('div', { className: 'toolbar' }, ok ? [
      toggle('Show query', sql, () => sqlOf(figure)),
      toggle('Cite', cite, async () => figure.meta!.citation),
      link('CSV', figure.links.csv, true), link('JSON', figure.links.json), link('Vega-Lite', figure.links.vega_lite), link('BibTeX', figure.links.cite),
    ] : [link('JSON', figure.links.json)]),
    sql, cite,
  ])
  card.dataset.figure = figure.id
  card.dataset.state = ok ? 'loading' : 'missing'
  const render = async () => {
    if (!ok) return
    try {
      views.push(await embed(chart, fitted(figure, chart), {
        renderer: 'svg', ast: true, expr: expressionInterpreter, downloadFileName: `tradedep-${figure.id}`,
        actions: { export: true, source: false, compiled: false, editor: false },
      }))
      card.dataset.state = 'rendered'
    } catch (error) {
      card.dataset.state = 'error'
      chart.textContent = `The chart could not be drawn: ${(error as Error).message}`
      console.error(error)
    }
  }
  return { card, render }
}

async function load() {
  const ticket = ++loading
  const choice = { country: pickers.country.value, section: pickers.section.value, year: pickers.year.value }
  const query = new URLSearchParams(choice).toString()
  history.replaceState(null, '', `?${query}`)
  document.body.dataset.rendered = ''
  statusLine.className = 'status'
  statusLine.textContent = `Loading the report for ${choice.country}, section ${choice.section}, ${choice.year}…`
  let report: Envelope<Report>
  try {
    report = await getJson<Envelope<Report>>(`/report?${query}`)
  } catch (error) {
    if (ticket !== loading) return
    statusLine.className = 'status error'
    statusLine.textContent = `The report could not be made: ${(error as Error).message}`
    return
  }
  if (ticket !== loading) return
  for (const view of views) view.finalize()
  views = []
  element('synthetic-banner').hidden = !report.meta.synthetic
  element('notes').replaceChildren(...(report.meta.notes ?? []).map((n) => make('li', { textContent: n })))
  const cards = report.data.figures.map(figureCard)
  element('figures').replaceChildren(...cards.map((c) => c.card))
  await Promise.all(cards.map((c) => c.render()))
  if (ticket !== loading) return
  const shown = report.data.figures.filter((f) => f.status === 200).length
  statusLine.textContent = `${shown} of ${report.data.figures.length} figures for ${report.data.country.name ?? report.data.country.iso3}, ` +
    `HS Section ${report.data.section.section}, ${report.data.year}.`
  document.body.dataset.rendered = `${choice.country}|${choice.section}|${choice.year}`
}

init().catch((error: Error) => {
  statusLine.className = 'status error'
  statusLine.textContent = `The dashboard could not start: ${error.message}`
})
