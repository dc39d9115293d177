// Test lakes built once per test run (see test/setup.ts) and apps opened on them.
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SHARED_DATA = resolve(ROOT, '../shared/data')

/** A fingerprint of the lake-writing code, so a changed generator rebuilds the cached test lake. */
function lakeCodeFingerprint(): string {
  const hash = createHash('sha256')
  const dir = join(ROOT, 'src/lake')
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()) {
    hash.update(entry).update(readFileSync(entry))
  }
  // The bec_stage summary inlines the stage table, which lives with the metrics.
  hash.update(readFileSync(join(ROOT, 'src/metrics/bec-stages.ts')))
  return hash.digest('hex').slice(0, 12)
}

/** The demo lake (default seed) shared by the test files of one run. */
export const DEMO_LAKE = join(ROOT, '.tmp/test-lakes', `demo-${lakeCodeFingerprint()}`)

export type TestApp = Awaited<ReturnType<typeof buildApp>>

/** The app on a lake folder, with the lake opened. */
export async function appOn(lakeDir: string, env: Record<string, string> = {}): Promise<TestApp> {
  const app = await buildApp({ config: loadConfig({ LAKE_DIR: lakeDir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', ...env }) })
  await app.lakes.reload()
  return app
}

export function demoApp(env: Record<string, string> = {}): Promise<TestApp> {
  return appOn(DEMO_LAKE, env)
}

/** Runs SQL on a lake's parquet with a separate, unrestricted DuckDB: the independent side of a check. */
export async function independentQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:')
  const conn = await instance.connect()
  try {
    const reader = await conn.runAndReadAll(sql, params as never)
    return reader.getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    conn.closeSync()
    instance.closeSync()
  }
}

/** The served version folder of a lake, for reading its parquet directly. */
export function versionDir(lakeDir: string): string {
  return join(lakeDir, 'current')
}
