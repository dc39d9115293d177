// `tradedep --help` lists every command; a bad option is a usage error.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../helpers/lakes.js'

const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/tradedep.js'), ...args], { cwd: ROOT, encoding: 'utf8' })

t.test('--help lists every ingest and fetch command', async (t) => {
  const help = run('--help')
  t.equal(help.status, 0)
  for (const command of ['ingest baci', 'ingest tiva', 'ingest wdi', 'ingest hs', 'ingest bec', 'ingest countries', 'ingest all', 'fetch baci', 'fetch wdi', 'fetch tiva']) {
    t.match(help.stdout, new RegExp(`\\n  ${command} `), command)
  }
})

t.test('a missing required option names it', async (t) => {
  const result = run('fetch', 'baci', '--revision', 'HS92')
  t.not(result.status, 0)
  t.match(result.stderr, /required option '--release <Vyyyymm>' not specified/)
})
