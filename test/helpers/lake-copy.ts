// A private copy of the demo test lake's served version, for tests that damage, remove or fingerprint a lake.
import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { DEMO_LAKE } from './lakes.js'

export interface LakeCopy {
  /** The lake folder (LAKE_DIR): `current` → `versions/<version>`. */
  lakeDir: string
  /** The served version folder inside it. */
  versionDir: string
  remove(): Promise<void>
}

/** Copies the demo lake's served version into a new temporary lake folder. */
export async function copyDemoLake(prefix = 'tradedep-lake-'): Promise<LakeCopy> {
  const target = await readlink(join(DEMO_LAKE, 'current'))
  const lakeDir = await mkdtemp(join(tmpdir(), prefix))
  const versionDir = join(lakeDir, target)
  await mkdir(join(versionDir, '..'), { recursive: true })
  await cp(join(DEMO_LAKE, target), versionDir, { recursive: true })
  await symlink(target, join(lakeDir, 'current'))
  return { lakeDir, versionDir, remove: () => rm(lakeDir, { recursive: true, force: true }) }
}

/** Every file under `dir` (symlinks listed with their target) → its sha256: a fingerprint of the whole folder. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    const key = relative(dir, path)
    if (entry.isSymbolicLink()) out[key] = `-> ${await readlink(path)}`
    else if (entry.isFile()) out[key] = createHash('sha256').update(await readFile(path)).digest('hex')
    else if (entry.isDirectory()) out[`${key}/`] = 'dir'
  }
  return out
}
