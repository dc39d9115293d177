import t from 'tap'
import { demoApp } from '../helpers/lakes.js'

const app = await demoApp()
t.teardown(() => app.close())

const HHI = '/hhi?country=USA&section=XVI&year=2024'

t.test('figure= and its parameters: the figure\'s BibTeX alone, as application/x-bibtex', async (t) => {
  const res = await app.inject('/cite?figure=hhi&country=USA&section=XVI&year=2024')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/x-bibtex; charset=utf-8')
  t.equal(res.headers['x-tradedep-synthetic'], 'true')
  const figure = (await app.inject(HHI)).json()
  t.equal(res.body, figure.meta.citation, 'the same entry as the figure\'s meta.citation')
  const today = new Date().toISOString().slice(0, 10)
  t.match(res.body, /^@misc\{tradedep_\d{8}_concentration-of-usa-s-suppliers/)
  t.match(res.body, /title = \{tradedep: Concentration of USA's suppliers, HS Section XVI, 2024, hs2\}/, 'names tradedep and the figure')
  t.match(res.body, /howpublished = \{tradedep API, \/hhi\?country=USA\\&section=XVI\\&year=2024\}/, 'and its request')
  t.match(res.body, /note = \{Data: BACI synthetic-42 .*Lake version .*SYNTHETIC DEMO DATA/, 'the data releases and the lake version')
  t.match(res.body, new RegExp(`urldate = \\{${today}\\}`), 'the access date')
})

t.test('path=: the same entry; format and explain do not change what is cited', async (t) => {
  const byFigure = (await app.inject('/cite?figure=hhi&country=USA&section=XVI&year=2024')).body
  for (const path of [HHI, `${HHI}&format=csv`, `${HHI}&explain=true&format=vega-lite`]) {
    const res = await app.inject(`/cite?path=${encodeURIComponent(path)}`)
    t.equal(res.statusCode, 200, path)
    t.equal(res.body, byFigure, `${path} cites ${HHI}`)
  }
  const specCitation = (await app.inject(`${HHI}&format=vega-lite`)).json().usermeta.tradedep.citation
  t.equal(specCitation, byFigure, 'the Vega-Lite spec carries the same entry')
})

t.test('every figure of a report can be cited through its links.cite', async (t) => {
  const { data } = (await app.inject('/report?country=JPN&section=XVI')).json()
  for (const f of data.figures as { id: string; links: { cite: string }; meta: { citation: string } }[]) {
    const res = await app.inject(f.links.cite)
    t.equal(res.statusCode, 200, f.id)
    t.equal(res.body, f.meta.citation, `${f.id}: the report figure's BibTeX`)
  }
  const report = await app.inject('/cite?figure=report&country=JPN&section=XVI')
  t.match(report.body, /title = \{tradedep: Report on JPN, HS Section XVI, \d{4}\}/)
})

t.test('bad input: 400 problem+json naming the parameter', async (t) => {
  for (const [query, status, parameter, detail] of [
    ['', 400, 'figure', /either `figure`/],
    [`figure=hhi&path=${encodeURIComponent(HHI)}`, 400, 'figure', /either `figure`/],
    ['figure=nope&country=USA', 400, 'figure', /one of/],
    ['figure=hhi&country=XYZ&section=XVI', 400, 'country', /unknown country code "XYZ"/],
    ['figure=hhi&country=USA&section=XVI&year=1999', 400, 'year', /trade years available/],
    ['figure=growth&country=USA&section=XVI', 400, 'country', /unknown parameter "country"/],
    [`path=${encodeURIComponent('/hhi?country=XYZ&section=XVI')}`, 400, 'path', /unknown country code "XYZ"/],
    [`path=${encodeURIComponent('/countries')}`, 400, 'path', /cites one of \/fva-peers/],
    [`path=${encodeURIComponent('/etc/passwd')}`, 400, 'path', /must match pattern/],
    [`path=${encodeURIComponent('//evil.example/hhi')}`, 400, 'path', /must match pattern/],
    [`path=${encodeURIComponent(HHI)}&country=USA`, 400, 'path', /inside path/],
    ['figure=hhi&bogus=1', 400, 'bogus', /unknown parameter/],
  ] as const) {
    const res = await app.inject(`/cite?${query}`)
    t.equal(res.statusCode, status, query)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    const problem = res.json()
    t.equal(problem.parameter, parameter, `${query} names ${parameter}`)
    t.match(problem.detail, detail)
    t.equal(problem.instance, '/cite')
  }
})

t.test('a figure that cannot be made: its problem passes through', async (t) => {
  const res = await app.inject('/cite?figure=fva-peers&country=USA&section=XVI&year=2024')
  t.equal(res.statusCode, 400, 'TiVA does not cover 2024')
  t.match(res.json().detail, /TiVA years available/)
})
