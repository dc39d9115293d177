// Script entry: builds the synthetic lake and prints rows per table and seconds.
// tsx src/lake/demo/cli.ts [--lake-dir DIR] [--seed N] [--scale demo|full] [--years 2018-2024] [--threads N]
import { resolve } from 'node:path'
import cliProgress from 'cli-progress'
import { Command, InvalidArgumentError, Option } from 'commander'
import { range } from './calibration.js'
import { DEFAULT_SEED, generateSyntheticLake } from './generate.js'

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number')
  return Number(value)
}

/** `2018-2024`, `2000,2015-2024` or `2024`. */
function parseYears(value: string): number[] {
  const years = value.split(',').flatMap((part) => {
    const match = /^\s*(\d{4})(?:\s*-\s*(\d{4}))?\s*$/.exec(part)
    if (!match || (match[2] && Number(match[2]) < Number(match[1]))) {
      throw new InvalidArgumentError('years as 2018-2024, 2000,2015-2024 or 2024')
    }
    return range(Number(match[1]), Number(match[2] ?? match[1]))
  })
  return [...new Set(years)].sort((a, b) => a - b)
}

/** A bar on stdout when it is a terminal; otherwise one line per step on stderr, keeping stdout for the summary. */
function progressReporter(): { onProgress: (step: string, done: number, total: number) => void; stop(): void } {
  if (!process.stdout.isTTY) {
    return { onProgress: (step, done, total) => { process.stderr.write(`[${done}/${total}] ${step}\n`) }, stop() {} }
  }
  const bar = new cliProgress.SingleBar({ format: 'synthetic lake [{bar}] {value}/{total} {step}', hideCursor: true },
    cliProgress.Presets.shades_classic)
  let started = false
  return {
    onProgress(step, done, total) {
      if (!started) { bar.start(total, done, { step }); started = true } else bar.update(done, { step })
    },
    stop() { if (started) bar.stop() },
  }
}

const program = new Command('lake-synthetic')
  .description('build the deterministic synthetic lake (BACI-, TiVA-, WDI-, HS- and BEC-shaped; not real data)')
  .option('--lake-dir <dir>', 'lake folder (default: $LAKE_DIR or ./lake)', process.env.LAKE_DIR ?? './lake')
  .option('--seed <n>', 'random seed', wholeNumber, DEFAULT_SEED)
  .addOption(new Option('--scale <scale>', 'demo (~72 economies) or full (~230 economies, BACI-sized)').choices(['demo', 'full']).default('demo'))
  .option('--years <years>', 'flow years, e.g. 2018-2024 or 2000,2015-2024 (default: per scale)', parseYears)
  .option('--threads <n>', 'DuckDB threads (default: 1 for demo, all cores for full)', wholeNumber)

async function main(): Promise<void> {
  const options = program.parse().opts<{ lakeDir: string; seed: number; scale: 'demo' | 'full'; years?: number[]; threads?: number }>()
  const lakeDir = resolve(options.lakeDir)
  const progress = progressReporter()
  const started = Date.now()
  try {
    const manifest = await generateSyntheticLake({
      lakeDir, seed: options.seed, scale: options.scale, years: options.years, threads: options.threads,
      onProgress: progress.onProgress,
    })
    progress.stop()
    const seconds = (Date.now() - started) / 1000
    const width = Math.max(...manifest.tables.map((t) => t.name.length))
    console.log(`synthetic lake (seed ${options.seed}, scale ${options.scale}) version ${manifest.lake_version} in ${lakeDir}/current`)
    for (const table of manifest.tables) console.log(`  ${table.name.padEnd(width)}  ${table.rows.toLocaleString('en-US').padStart(12)} rows`)
    console.log(`built in ${seconds.toFixed(1)} s`)
  } catch (error) {
    progress.stop()
    console.error(`synthetic lake build failed, the served lake is unchanged: ${(error as Error).message}`)
    process.exitCode = 1
  }
}

await main()
