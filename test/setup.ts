// Runs once before the test files (tap `before`): builds the shared demo lake unless this code version already has it,
// and removes test lakes left by older versions of the lake code.
import { existsSync } from 'node:fs'
import { readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { generateSyntheticLake } from '../src/lake/demo/generate.js'
import { DEMO_LAKE } from './helpers/lakes.js'

const parent = dirname(DEMO_LAKE)
if (existsSync(parent)) {
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith('demo-') || entry === basename(DEMO_LAKE)) continue
    // Only lakes unused for an hour: a concurrent run may still be reading a newer one.
    const dir = join(parent, entry)
    if (Date.now() - (await stat(dir)).mtimeMs > 3600_000) await rm(dir, { recursive: true, force: true })
  }
}
if (!existsSync(`${DEMO_LAKE}/current/manifest.json`)) {
  const started = Date.now()
  await generateSyntheticLake({ lakeDir: DEMO_LAKE })
  console.log(`# demo test lake built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${DEMO_LAKE}`)
}
