import { readFile } from 'node:fs/promises'
import t from 'tap'
import { openapiDocument } from '../scripts/export-openapi.js'

t.test('the committed openapi/openapi.json matches the app (run `npm run openapi` after changing a route)', async (t) => {
  const committed = await readFile(new URL('../openapi/openapi.json', import.meta.url), 'utf8')
  const current = await openapiDocument()
  t.equal(committed, current)
  const doc = JSON.parse(current)
  t.equal(doc.openapi, '3.1.0')
  t.ok(doc.components.schemas.Problem, 'Problem is a named component')
  for (const [path, item] of Object.entries<Record<string, { parameters?: { description?: string; name: string }[] }>>(doc.paths)) {
    for (const parameter of item.get?.parameters ?? []) {
      t.ok(parameter.description, `${path} ${parameter.name} has a description`)
    }
  }
})
