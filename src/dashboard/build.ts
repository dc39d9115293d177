// Builds the dashboard's static files into dist/dashboard: the page, its stylesheet, and one script bundling the client
// with vega-embed, vega-lite and vega from npm (no CDN). A fingerprint of the sources skips rebuilding an up-to-date bundle.
// CLI: `tsx src/dashboard/build.ts` (always builds) or `--if-stale`.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = resolve(import.meta.dirname, '../..')
export const DASHBOARD_SOURCE = resolve(import.meta.dirname)
export const DASHBOARD_DIST = join(ROOT, 'dist/dashboard')
const STATIC_FILES = ['index.html', 'style.css', 'favicon.svg']
const BUILD_INFO = 'build.json'

export interface BuildInfo { fingerprint: string; built_at: string; files: Record<string, { bytes: number; sha256: string }> }

/** Hash of everything the bundle is made from: the dashboard and figure sources and the locked dependency versions. */
export async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256')
  for (const dir of [DASHBOARD_SOURCE, join(ROOT, 'src/figures')]) {
    for (const name of (await readdir(dir)).sort()) {
      if (name === 'build.ts') continue
      hash.update(name).update(await readFile(join(dir, name)))
    }
  }
  hash.update(await readFile(join(ROOT, 'package-lock.json')))
  return hash.digest('hex').slice(0, 16)
}

export async function readBuildInfo(dir = DASHBOARD_DIST): Promise<BuildInfo | null> {
  try {
    return JSON.parse(await readFile(join(dir, BUILD_INFO), 'utf8')) as BuildInfo
  } catch {
    return null
  }
}

/** Builds into a fresh folder, then swaps it in: a concurrent reader never sees a half-written bundle. */
export async function buildDashboard(): Promise<BuildInfo> {
  const fingerprint = await sourceFingerprint()
  const { build } = await import('esbuild')
  const staging = `${DASHBOARD_DIST}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(staging, { recursive: true })
  try {
    await build({
      entryPoints: [join(DASHBOARD_SOURCE, 'main.ts')],
      outfile: join(staging, 'app.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2020'],
      minify: true,
      legalComments: 'linked',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    })
    for (const name of STATIC_FILES) await copyFile(join(DASHBOARD_SOURCE, name), join(staging, name))
    const files: BuildInfo['files'] = {}
    for (const name of (await readdir(staging)).sort()) {
      const body = await readFile(join(staging, name))
      files[name] = { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }
      // Served to clients that accept gzip: the script is most of the page's weight.
      if (name.endsWith('.js')) await writeFile(join(staging, `${name}.gz`), gzipSync(body, { level: 9 }))
    }
    const info: BuildInfo = { fingerprint, built_at: new Date().toISOString(), files }
    await writeFile(join(staging, BUILD_INFO), `${JSON.stringify(info, null, 2)}\n`)
    await swapIn(staging, fingerprint)
    return info
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function swapIn(staging: string, fingerprint: string): Promise<void> {
  const old = `${DASHBOARD_DIST}.old-${process.pid}-${randomBytes(4).toString('hex')}`
  if (existsSync(DASHBOARD_DIST)) await rename(DASHBOARD_DIST, old).catch(() => undefined)
  try {
    await rename(staging, DASHBOARD_DIST)
  } catch (error) {
    // Another process swapped in the same build first.
    if ((await readBuildInfo())?.fingerprint !== fingerprint) throw error
  } finally {
    await rm(old, { recursive: true, force: true })
  }
}

/** The current bundle, built first when missing or made from other sources. */
export async function ensureDashboard(): Promise<BuildInfo> {
  const info = await readBuildInfo()
  if (info && info.fingerprint === (await sourceFingerprint())) return info
  return buildDashboard()
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const started = Date.now()
  const info = process.argv.includes('--if-stale') ? await ensureDashboard() : await buildDashboard()
  const bytes = Object.values(info.files).reduce((s, f) => s + f.bytes, 0)
  process.stdout.write(`dashboard ${info.fingerprint} in ${DASHBOARD_DIST} (${(bytes / 1024).toFixed(0)} KiB, ${Date.now() - started} ms)\n`)
}
