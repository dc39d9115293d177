// Writes openapi/openapi.json from the app's routes (no lake needed): `npm run openapi`.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

export async function openapiDocument(): Promise<string> {
  const app = await buildApp({ config: loadConfig({ LAKE_DIR: resolve('.tmp/no-lake'), LOG_LEVEL: 'silent' }) })
  try {
    return JSON.stringify(app.swagger(), null, 2) + '\n'
  } finally {
    await app.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = resolve(import.meta.dirname, '../openapi/openapi.json')
  await writeFile(target, await openapiDocument())
  console.log(`wrote ${target}`)
}
