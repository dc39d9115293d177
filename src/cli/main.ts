// The `tradedep` command line: ingest local release files or fetch official ones into the lake.
import { Command, InvalidArgumentError, Option } from 'commander'
import { basename, resolve } from 'node:path'
import { baciStage } from '../lake/ingest/baci.js'
import { becStage } from '../lake/ingest/bec.js'
import { countriesStage, countryFileKind } from '../lake/ingest/countries.js'
import { readCsvFile } from '../lake/ingest/files.js'
import { hsStage } from '../lake/ingest/hs.js'
import { runIngest } from '../lake/ingest/run.js'
import type { Stage } from '../lake/ingest/stage.js'
import { tivaStage } from '../lake/ingest/tiva.js'
import { wdiStage } from '../lake/ingest/wdi.js'
import { fetchBaci, fetchTiva, fetchWdi, DEFAULT_BASE_URLS } from '../lake/fetch/sources.js'
import { readManifest, servedVersionDir } from '../lake/writer.js'
import { terminalProgress } from './progress.js'
import { formatSummary } from './summary.js'

interface GlobalOptions { lakeDir: string; threads?: number; quiet?: boolean }

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number')
  return Number(value)
}

function yearList(value: string): number[] {
  const years = value.split(',').map((y) => y.trim())
  if (!years.every((y) => /^\d{4}$/.test(y))) throw new InvalidArgumentError('a comma-separated list of years, e.g. 2021,2022')
  return years.map(Number)
}

function globals(command: Command): GlobalOptions {
  const options = command.optsWithGlobals() as GlobalOptions
  return { ...options, lakeDir: resolve(options.lakeDir) }
}

async function describeServed(lakeDir: string): Promise<string> {
  const dir = await servedVersionDir(lakeDir)
  if (!dir) return 'no lake version was created'
  return `the lake is unchanged: version ${(await readManifest(dir)).lake_version} is still served`
}

/** Runs ingest steps as one new lake version and prints the summary; on failure, says the lake is unchanged. */
async function ingestStages(command: Command, stages: Stage[]): Promise<void> {
  const options = globals(command)
  const progress = terminalProgress({ quiet: options.quiet })
  try {
    const result = await runIngest({ lakeDir: options.lakeDir, stages, progress, threads: options.threads })
    process.stdout.write(`${formatSummary(result.reports, result.manifest, result.seconds, options.lakeDir)}\n`)
  } catch (error) {
    process.stderr.write(`tradedep: error: ${(error as Error).message}\n${await describeServed(options.lakeDir)}\n`)
    process.exitCode = 1
  }
}

async function firstBaciList(paths: string[]): Promise<string | undefined> {
  for (const path of paths) {
    const [head] = await readCsvFile(path)
    if (countryFileKind(head!.cells, basename(path)) === 'baci') return path
  }
  return undefined
}

function downloadDir(command: Command, given?: string): string {
  return resolve(given ?? resolve(globals(command).lakeDir, 'downloads'))
}

async function fetchThen(command: Command, fetchFile: () => Promise<string>, stage: (path: string) => Stage, ingest: boolean): Promise<void> {
  let path: string
  try {
    path = await fetchFile()
  } catch (error) {
    process.stderr.write(`tradedep: download failed: ${(error as Error).message}\n${await describeServed(globals(command).lakeDir)}\n`)
    process.exitCode = 1
    return
  }
  if (!globals(command).quiet) process.stderr.write(`downloaded ${path}\n`)
  if (ingest) await ingestStages(command, [stage(path)])
}

export function buildProgram(): Command {
  const program = new Command('tradedep')
    .description('tradedep: build the lake from the real BACI, TiVA, WDI, HS, BEC and country releases')
    .option('--lake-dir <dir>', 'the lake folder (env LAKE_DIR)', process.env.LAKE_DIR ?? './lake')
    .option('--threads <n>', 'DuckDB threads for ingest (default: cores, at most 8)', integer)
    .option('-q, --quiet', 'no progress output')
    .showHelpAfterError()

  const ingest = program.command('ingest').description('build a new lake version from local files (atomic; unchanged tables are carried over)')

  ingest.command('baci').description('CEPII BACI flows from release zips or yearly CSVs (t,i,j,k,v,q)')
    .argument('<files...>', 'BACI_HS92_V202401.zip and/or BACI_HS92_Y2021_V202401.csv')
    .option('--countries <csv>', 'BACI country_codes_V2024xx.csv (default: the one in the zip)')
    .option('--products <csv>', 'BACI product_codes_HSxx_V2024xx.csv: HS6 descriptions (default: the one in the zip)')
    .option('--revision <HSxx>', 'HS revision, e.g. HS92 (default: from the file names)')
    .option('--release <Vyyyymm>', 'release, e.g. V202401 (default: from the file names)')
    .option('--years <list>', 'only these years of a release zip, e.g. 2019,2020,2021', yearList)
    .option('--allow-unknown-codes', 'leave out (and count) rows whose country code is not in the list, instead of stopping')
    .action(async (files: string[], o, command: Command) => {
      await ingestStages(command, [baciStage({ inputs: files, countries: o.countries, products: o.products, revision: o.revision,
        release: o.release, years: o.years, allowUnknownCodes: o.allowUnknownCodes })])
    })

  ingest.command('tiva').description('OECD TiVA DSD_TIVA_MAINSH@DF_MAINSH as SDMX-CSV (EXGR_FVA, EXGR)')
    .argument('<file>', 'SDMX-CSV download, with or without label columns')
    .option('--release <name>', 'release name for the manifest, e.g. "TiVA 2023"')
    .option('--exgr-unit-mult <power>', 'power of ten of EXGR values when the file has no UNIT_MULT column', integer, 6)
    .action(async (file: string, o, command: Command) => {
      await ingestStages(command, [tivaStage({ file, release: o.release, exgrUnitMult: o.exgrUnitMult })])
    })

  ingest.command('wdi').description('World Bank WDI: API v2 JSON, bulk CSV (one column per year) or long CSV (geo,time,value)')
    .argument('<files...>', 'API_NY.GNP.PCAP.PP.CD…csv, WDIData.csv, an API .json answer, or NY.GNP.PCAP.PP.CD.csv')
    .option('--indicator <code>', 'indicator kept from a bulk file, or named for a long CSV whose value column does not say', 'NY.GNP.PCAP.PP.CD')
    .option('--release <name>', 'release name for the manifest (default: the file\'s "Last Updated Date")')
    .action(async (files: string[], o, command: Command) => {
      await ingestStages(command, [wdiStage({ files, indicators: [o.indicator], indicator: o.indicator, release: o.release })])
    })

  ingest.command('hs').description('HS nomenclature (section,hscode,description,parent,level) and the sections list')
    .argument('<file>', 'e.g. hs2022.csv')
    .requiredOption('--sections <csv>', 'sections.csv (section,name)')
    .option('--products <csv>', 'BACI product list: HS6 lines and descriptions in the flows\' revision')
    .option('--revision <HSyyyy>', 'HS revision (default: from the file name)')
    .action(async (file: string, o, command: Command) => {
      await ingestStages(command, [hsStage({ nomenclature: file, sections: o.sections, products: o.products, revision: o.revision })])
    })

  ingest.command('bec').description('UN HS → BEC rev.4 correlation table(s) (both header variants; n:n rows kept)')
    .argument('<files...>', 'e.g. HS2017_to_BEC4.csv')
    .option('--hs-revision <HSyyyy>', 'use the table of this HS revision (default: the one matching the flows)')
    .action(async (files: string[], o, command: Command) => {
      await ingestStages(command, [becStage({ files, hsRevision: o.hsRevision })])
    })

  ingest.command('countries').description('country tables: a BACI country code list and/or an ISO 3166 table (names, M49 regions)')
    .argument('<files...>', 'country_codes_V202401.csv and/or country-codes.csv')
    .action(async (files: string[], _o, command: Command) => {
      await ingestStages(command, [countriesStage(files)])
    })

  ingest.command('all').description('several sources in one new lake version (each option as in its own command)')
    .option('--baci <files...>', 'BACI zips or CSVs')
    .option('--baci-countries <csv>', 'BACI country code list for the flows (default: the BACI list among --countries)')
    .option('--products <csv>', 'BACI product list')
    .option('--allow-unknown-codes', 'leave out (and count) BACI rows whose country code is not in the list')
    .option('--countries <files...>', 'country tables for the countries table')
    .option('--hs <csv>', 'HS nomenclature (needs --sections)')
    .option('--sections <csv>', 'HS sections')
    .option('--bec <files...>', 'HS → BEC rev.4 tables')
    .option('--bec-revision <HSyyyy>', 'HS revision of the BEC table to use')
    .option('--wdi <files...>', 'WDI files')
    .option('--tiva <file>', 'TiVA SDMX-CSV')
    .action(async (o, command: Command) => {
      const stages: Stage[] = []
      if (o.countries) stages.push(countriesStage(o.countries))
      if (o.hs) {
        if (!o.sections) command.error('--hs needs --sections')
        stages.push(hsStage({ nomenclature: o.hs, sections: o.sections }))
      }
      // Without --baci-countries, the BACI list among --countries maps the flows' codes.
      const baciCountries = o.baciCountries ?? await firstBaciList(o.countries ?? [])
      if (o.baci) stages.push(baciStage({ inputs: o.baci, countries: baciCountries, products: o.products, allowUnknownCodes: o.allowUnknownCodes }))
      if (o.bec) stages.push(becStage({ files: o.bec, hsRevision: o.becRevision }))
      if (o.wdi) stages.push(wdiStage({ files: o.wdi }))
      if (o.tiva) stages.push(tivaStage({ file: o.tiva }))
      if (stages.length === 0) command.error('give at least one source (--baci, --countries, --hs, --bec, --wdi, --tiva)')
      await ingestStages(command, stages)
    })

  const fetch = program.command('fetch').description('download an official release (resumable, size-checked) and ingest it')
  const common = (command: Command) => command
    .option('--base-url <url>', 'where the release is published (a mirror, or a local server in tests)')
    .option('--download-dir <dir>', 'where downloads are kept (default: <lake-dir>/downloads)')
    .option('--retries <n>', 'retries after a failed or cut download', integer, 5)
    .addOption(new Option('--retry-delay-ms <ms>', 'wait before the first retry, doubled after each').argParser(integer).default(1000).hideHelp())
    .option('--no-ingest', 'only download')

  common(fetch.command('baci').description(`BACI release zip (${DEFAULT_BASE_URLS.baci}/BACI_<revision>_<release>.zip)`))
    .requiredOption('--revision <HSxx>', 'HS revision, e.g. HS92')
    .requiredOption('--release <Vyyyymm>', 'release, e.g. V202501')
    .option('--years <list>', 'only ingest these years', yearList)
    .option('--allow-unknown-codes', 'leave out (and count) rows whose country code is not in the list')
    .action(async (o, command: Command) => {
      await fetchThen(command,
        () => fetchBaci({ revision: o.revision, release: o.release, baseUrl: o.baseUrl, downloadDir: downloadDir(command, o.downloadDir),
          retries: o.retries, retryDelayMs: o.retryDelayMs, progress: terminalProgress({ quiet: globals(command).quiet }) }),
        (path) => baciStage({ inputs: [path], years: o.years, allowUnknownCodes: o.allowUnknownCodes }), o.ingest)
    })

  common(fetch.command('wdi').description(`World Bank API v2 JSON (${DEFAULT_BASE_URLS.wdi}/country/all/indicator/<id>?format=json)`))
    .option('--indicator <code>', 'WDI indicator', 'NY.GNP.PCAP.PP.CD')
    .action(async (o, command: Command) => {
      await fetchThen(command,
        () => fetchWdi({ indicator: o.indicator, baseUrl: o.baseUrl, downloadDir: downloadDir(command, o.downloadDir),
          retries: o.retries, retryDelayMs: o.retryDelayMs, progress: terminalProgress({ quiet: globals(command).quiet }) }),
        (path) => wdiStage({ files: [path], indicators: [o.indicator] }), o.ingest)
    })

  common(fetch.command('tiva').description(`OECD TiVA SDMX-CSV (${DEFAULT_BASE_URLS.tiva}/data/…DSD_TIVA_MAINSH@DF_MAINSH…)`))
    .option('--url <url>', 'the full download URL (overrides --base-url)')
    .option('--key <key>', 'SDMX key selecting series', 'all')
    .action(async (o, command: Command) => {
      await fetchThen(command,
        () => fetchTiva({ baseUrl: o.baseUrl, url: o.url, key: o.key, downloadDir: downloadDir(command, o.downloadDir),
          retries: o.retries, retryDelayMs: o.retryDelayMs, progress: terminalProgress({ quiet: globals(command).quiet }) }),
        (path) => tivaStage({ file: path }), o.ingest)
    })

  // `tradedep --help` lists every command with its arguments, not only the two groups.
  const lines = [program.commands, ...program.commands.map((c) => c.commands)].flat()
    .filter((c) => c.commands.length === 0 && c.name() !== 'help')
    .map((c) => `  ${`${c.parent!.name()} ${c.name()} ${c.usage()}`.padEnd(44)} ${c.description()}`)
  program.addHelpText('after', `\nAll commands:\n${lines.join('\n')}\n\nRun "tradedep <group> <command> --help" for the options of one command.`)
  return program
}

await buildProgram().parseAsync(process.argv)
