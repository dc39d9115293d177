// Runs once before the test files (tap `before`): builds the shared demo lake unless this code version already has it.
import { existsSync } from 'node:fs'
import { generateSyntheticLake } from '../src/lake/demo/generate.js'
import { DEMO_LAKE } from './helpers/lakes.js'

if (!existsSync(`${DEMO_LAKE}/current/manifest.json`)) {
  const started = Date.now()
  await generateSyntheticLake({ lakeDir: DEMO_LAKE })
  console.log(`# demo test lake built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${DEMO_LAKE}`)
}
