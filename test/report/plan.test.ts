import t from 'tap'
import { FIGURE_IDS } from '../../src/figures/index.js'
import { figureLinks, reportFigures, valueAddedYear } from '../../src/report/plan.js'

t.test('the value-added year is the latest TiVA year up to the trade year', async (t) => {
  const tiva = { from: 2015, to: 2020, years: [2015, 2016, 2017, 2018, 2019, 2020] }
  t.equal(valueAddedYear(tiva, 2024), 2020)
  t.equal(valueAddedYear(tiva, 2017), 2017)
  t.equal(valueAddedYear(tiva, 2000), 2000, 'none: the trade year itself (the endpoint then says TiVA\'s range)')
  t.equal(valueAddedYear(null, 2024), 2024)
})

t.test('each figure\'s request', async (t) => {
  const figures = reportFigures({ country: 'USA', section: 'XVI', year: 2024, tivaYear: 2020 })
  t.same(figures.map((f) => f.id), [...FIGURE_IDS])
  t.same(Object.fromEntries(figures.map((f) => [f.id, f.url])), {
    'fva-peers': '/fva-peers?country=USA&section=XVI&year=2020',
    suppliers: '/suppliers?country=USA&section=XVI&year=2024&limit=10',
    hhi: '/hhi?country=USA&section=XVI&year=2024',
    'single-source': '/single-source?country=USA&section=XVI&year=2024',
    cr1: '/cr1?section=XVI&year=2024',
    'buyer-concentration': '/buyer-concentration?section=XVI&year=2024',
    'bec-stages': '/bec-stages?country=USA&section=XVI&to=2024',
    growth: '/growth?section=XVI&to=2024',
    'smile-fit': '/smile-fit?section=XVI&year=2020&country=USA',
  })
  t.same(figureLinks('/hhi?country=USA&section=XVI'), {
    json: '/hhi?country=USA&section=XVI', csv: '/hhi?country=USA&section=XVI&format=csv',
    vega_lite: '/hhi?country=USA&section=XVI&format=vega-lite', cite: '/cite?path=%2Fhhi%3Fcountry%3DUSA%26section%3DXVI',
  })
})
