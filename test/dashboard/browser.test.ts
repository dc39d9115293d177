// The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the app listening on the demo
// lake: every figure of the report renders (an SVG with marks), changing the country re-renders, the page works at phone
// width, and neither the dashboard nor the Swagger UI logs a console error (a CSP violation is one). Screenshots go to
// test-output/; the desktop one is copied to docs/dashboard.png for the README.
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { FIGURE_IDS } from '../../src/figures/index.js'
import { ROOT, demoApp } from '../helpers/lakes.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const OUTPUT = join(ROOT, 'test-output')
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
]
const RENDER_TIMEOUT_MS = 60_000

if (!existsSync(CHROMIUM)) {
  // CI installs Chromium (.ci/run); elsewhere a missing browser is a failure unless explicitly waived.
  if (process.env.TRADEDEP_SKIP_BROWSER === '1') t.test(`browser tests: no Chromium at ${CHROMIUM}`, { skip: 'TRADEDEP_SKIP_BROWSER=1' }, async () => {})
  else t.fail(`no Chromium at ${CHROMIUM}: install it (apt-get install -y chromium), set CHROMIUM_PATH, or set TRADEDEP_SKIP_BROWSER=1 to skip`)
} else {
  await browserTests()
}

/** Console errors, uncaught exceptions and failed requests of a page. */
function problemsOf(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  return problems
}

/** Marks drawn in each figure's SVG (Vega gives data marks the class role-mark), by figure id. */
function marksByFigure(page: Page): Promise<Record<string, { state: string; marks: number }>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('article.figure')].map((card) => [
    card.dataset.figure, { state: card.dataset.state ?? '', marks: card.querySelectorAll('svg g.role-mark > *').length },
  ])))
}

async function browserTests() {
  const app = await demoApp()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const catalog = app.lakes.current!.catalog
  const year = catalog.tradeYears!.to
  const profile = await mkdtemp(join(tmpdir(), 'tradedep-chromium-'))
  let context: BrowserContext | null = null
  t.teardown(async () => {
    await context?.close()
    await app.close()
    await rm(profile, { recursive: true, force: true })
  })
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 },
  })
  await mkdir(OUTPUT, { recursive: true })
  const other = ['DEU', 'CHN', 'JPN'].find((c) => catalog.countries.has(c))!

  await t.test('the dashboard renders every figure of the report, with no console error', async (t) => {
    const page = await context!.newPage()
    const problems = problemsOf(page)
    const response = await page.goto(`${base}/`)
    t.equal(response?.status(), 200)
    t.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'served under the strict CSP')
    await page.waitForSelector(`body[data-rendered="USA|XVI|${year}"]`, { timeout: RENDER_TIMEOUT_MS })

    const marks = await marksByFigure(page)
    t.same(Object.keys(marks).sort(), [...FIGURE_IDS].sort(), 'one card per figure of the report')
    for (const id of FIGURE_IDS) {
      t.equal(marks[id]?.state, 'rendered', `${id} rendered`)
      t.ok((marks[id]?.marks ?? 0) > 0, `${id}: ${marks[id]?.marks} marks drawn`)
    }
    const report = (await app.inject(`/report?country=USA&section=XVI&year=${year}`)).json()
    const headlines = await page.$$eval('article.figure .headline', (ps) => ps.map((p) => p.textContent))
    t.same(headlines, report.data.figures.map((f: { headline: string }) => f.headline), 'headlines are the report\'s')
    t.ok(await page.isVisible('#synthetic-banner'), 'the synthetic banner shows on the demo lake')

    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true })
    const size = (await stat(join(OUTPUT, 'dashboard.png'))).size
    t.ok(size < 500 * 1024, `desktop screenshot ${(size / 1024).toFixed(0)} KB (< 500 KB, copied to docs/)`)
    await copyFile(join(OUTPUT, 'dashboard.png'), join(ROOT, 'docs/dashboard.png'))

    const hhi = page.locator('article[data-figure="hhi"]')
    await hhi.getByRole('button', { name: 'Show query' }).click()
    await page.waitForFunction(() => /select/i.test(document.querySelector('article[data-figure="hhi"] pre.sql')?.textContent ?? ''))
    t.match(await hhi.locator('pre.sql').textContent(), /FROM/i, 'show query: the SQL that produced the figure')
    await hhi.getByRole('button', { name: 'Cite' }).click()
    t.match(await hhi.locator('pre.cite').textContent(), /^@misc\{tradedep_/, 'cite: the figure\'s BibTeX')
    const csvHref = await hhi.getByRole('link', { name: 'CSV' }).getAttribute('href')
    const csv = await page.request.get(`${base}${csvHref}`)
    t.match(csv.headers()['content-type'], /^text\/csv/, 'the CSV link answers CSV')


    await page.selectOption('#country', other)
    await page.waitForSelector(`body[data-rendered="${other}|XVI|${year}"]`, { timeout: RENDER_TIMEOUT_MS })
    const after = await marksByFigure(page)
    for (const id of FIGURE_IDS) {
      t.ok(after[id]?.state === 'rendered' || after[id]?.state === 'missing', `${id} after the change: ${after[id]?.state}`)
    }
    t.match(await page.locator('article[data-figure="suppliers"] .headline').textContent(), new RegExp(`${other}'s imports`), 're-rendered for the new country')
    t.match(page.url(), new RegExp(`country=${other}`), 'the choice is in the address')
    t.same(problems, [], 'no console errors, page errors or failed requests')
    await page.close()
  })

  await t.test('at phone width (390 px) the page fits and every figure renders', async (t) => {
    const page = await context!.newPage()
    await page.setViewportSize({ width: 390, height: 844 })
    const problems = problemsOf(page)
    await page.goto(`${base}/?country=USA&section=XVI&year=${year}`)
    await page.waitForSelector(`body[data-rendered="USA|XVI|${year}"]`, { timeout: RENDER_TIMEOUT_MS })
    const marks = await marksByFigure(page)
    for (const id of FIGURE_IDS) t.ok(marks[id]?.state === 'rendered' && marks[id]!.marks > 0, `${id} rendered`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= 390, `no horizontal scrolling (page ${width} px wide)`)
    await page.screenshot({ path: join(OUTPUT, 'dashboard-phone.png'), fullPage: true })
    t.same(problems, [], 'no console errors')
    await page.close()
  })

  await t.test('the Swagger UI at /docs loads under the CSP with no console error', async (t) => {
    const page = await context!.newPage()
    const problems = problemsOf(page)
    const response = await page.goto(`${base}/docs`)
    t.equal(response?.status(), 200)
    await page.waitForSelector('.swagger-ui .information-container', { timeout: RENDER_TIMEOUT_MS })
    await page.waitForSelector('.opblock-tag', { timeout: RENDER_TIMEOUT_MS })
    t.ok(await page.locator('.opblock').count() > 10, 'the operations are listed')
    t.same(problems, [], 'no console errors (no CSP violation)')
    await page.close()
  })
}
