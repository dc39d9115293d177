// OECD TiVA (DSD_TIVA_MAINSH@DF_MAINSH) SDMX-CSV into `tiva`: header-driven, with or without label columns.
import { basename } from 'node:path'
import { parse as parseSync } from 'csv-parse/sync'
import { lakeActivityCode } from '../../metrics/section-activities.js'
import { sqlString } from '../writer.js'
import { describeInput, findLine, firstLine } from './files.js'
import { IngestError, ReportBuilder } from './report.js'
import { knownEconomies, loadRows, queryRows, type Stage } from './stage.js'

export interface TivaOptions {
  file: string
  release?: string
  /** Power of ten of EXGR values when the file has no UNIT_MULT column (TiVA publishes US dollars in millions: 6). */
  exgrUnitMult?: number
}

const REQUIRED = ['REF_AREA', 'MEASURE', 'ACTIVITY', 'UNIT_MEASURE', 'TIME_PERIOD', 'OBS_VALUE'] as const
const OPTIONAL = ['UNIT_MULT', 'COUNTERPART_AREA'] as const
const MEASURES = ['EXGR_FVA', 'EXGR']
/** Counterpart codes meaning "all partners": the only rows the lake keeps when the file has a counterpart breakdown. */
const WORLD = ['W', 'WLD', 'W_X', '_T', '_Z']

/** Column index of an SDMX concept: `REF_AREA`, or `REF_AREA: Reference area` in labelled downloads. */
function conceptIndex(header: string[], concept: string): number {
  return header.findIndex((h) => {
    const cell = h.trim().toUpperCase()
    return cell === concept || cell.startsWith(`${concept}:`)
  })
}

/** SDMX code of a cell: `AUS` from `AUS: Australia` (labelled downloads) or `AUS`. */
function codeSql(column: string): string {
  return `trim(split_part(${column}, ':', 1))`
}

/** `ingest tiva <file>`: EXGR_FVA (% of gross exports) and EXGR (US dollars) by economy × activity × year. */
export function tivaStage(options: TivaOptions): Stage {
  return {
    source: 'TiVA',
    tables: ['tiva'],
    async run({ build }) {
      const report = new ReportBuilder('TiVA')
      const file = basename(options.file)
      report.report.files.push(file)
      const headerLine = await firstLine(options.file)
      const header = (parseSync(headerLine, { relax_column_count: true }) as string[][])[0] ?? []
      const at = Object.fromEntries([...REQUIRED, ...OPTIONAL].map((c) => [c, conceptIndex(header, c)])) as Record<string, number>
      const missing = REQUIRED.filter((c) => at[c]! < 0)
      if (missing.length > 0) {
        throw new IngestError(file, 1, `wrong header: an OECD SDMX-CSV needs the columns ${REQUIRED.join(', ')}; missing ${missing.join(', ')} in "${headerLine.slice(0, 200)}"`)
      }
      const { conn } = build
      const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')
      await conn.run(`CREATE OR REPLACE TEMP VIEW tiva_raw AS SELECT * FROM read_csv(${sqlString(options.file)}, header = true,
        auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, columns = {${columns}})`)
      const col = (concept: string) => `c${at[concept]}`
      const multSql = at.UNIT_MULT! >= 0 ? `TRY_CAST(${codeSql(col('UNIT_MULT'))} AS INTEGER)` : 'NULL::INTEGER'
      const counterpartSql = at.COUNTERPART_AREA! >= 0 ? codeSql(col('COUNTERPART_AREA')) : 'NULL'
      try {
        await conn.run(`CREATE OR REPLACE TEMP TABLE tiva_rows AS
          SELECT ${codeSql(col('REF_AREA'))} AS iso3, ${codeSql(col('ACTIVITY'))} AS activity, ${codeSql(col('MEASURE'))} AS measure,
                 ${codeSql(col('UNIT_MEASURE'))} AS unit, coalesce(trim(${col('TIME_PERIOD')}), '') AS period, coalesce(trim(${col('OBS_VALUE')}), '') AS obs,
                 ${multSql} AS mult, ${counterpartSql} AS counterpart,
                 ${col('REF_AREA')} AS raw_area, ${col('TIME_PERIOD')} AS raw_period, ${col('OBS_VALUE')} AS raw_obs
          FROM tiva_raw`)
      } catch (error) {
        const line = /on Line:?\s*(\d+)/i.exec((error as Error).message)?.[1]
        throw new IngestError(file, line ? Number(line) : null, `malformed CSV row: ${(error as Error).message.split('\n')[0]}`)
      }
      const [{ n: read }] = await queryRows(conn, 'SELECT count(*) AS n FROM tiva_rows') as [{ n: number }]
      report.report.rowsRead = Number(read)

      const other = await queryRows(conn, `SELECT measure, count(*) AS n FROM tiva_rows WHERE measure NOT IN ('EXGR_FVA', 'EXGR') GROUP BY ALL ORDER BY n DESC`)
      report.reject('measure not used by tradedep (only EXGR_FVA and EXGR are kept)', other.reduce((s, r) => s + Number(r.n), 0), other.map((r) => `${r.measure} (${r.n} rows)`))
      const bilateral = await queryRows(conn, `SELECT counterpart, count(*) AS n FROM tiva_rows
        WHERE measure IN ('EXGR_FVA', 'EXGR') AND counterpart IS NOT NULL AND counterpart NOT IN (${WORLD.map(sqlString).join(', ')}) GROUP BY ALL ORDER BY n DESC`)
      report.reject('partner breakdown (COUNTERPART_AREA other than world) not used', bilateral.reduce((s, r) => s + Number(r.n), 0), bilateral.map((r) => `${r.counterpart} (${r.n} rows)`))
      await conn.run(`CREATE OR REPLACE TEMP TABLE tiva_kept AS SELECT * FROM tiva_rows
        WHERE measure IN ('EXGR_FVA', 'EXGR') AND (counterpart IS NULL OR counterpart IN (${WORLD.map(sqlString).join(', ')}))`)

      // Malformed values stop the ingest, naming the line.
      const [bad] = await queryRows(conn, `SELECT raw_area, raw_period, raw_obs, CASE
          WHEN NOT regexp_full_match(period, '\\d{4}') THEN 'TIME_PERIOD "' || period || '" is not a year'
          WHEN obs <> '' AND upper(obs) NOT IN ('NAN', 'NA') AND TRY_CAST(obs AS DOUBLE) IS NULL THEN 'OBS_VALUE "' || obs || '" is not a number'
          WHEN measure = 'EXGR_FVA' AND unit <> 'PT_EXGR' THEN 'EXGR_FVA in unit "' || unit || '": expected PT_EXGR (percent of gross exports)'
          WHEN measure = 'EXGR' AND NOT starts_with(unit, 'USD') THEN 'EXGR in unit "' || unit || '": expected US dollars (USD_EXC)'
        END AS problem FROM tiva_kept WHERE problem IS NOT NULL LIMIT 1`)
      if (bad) {
        const cells = [bad.raw_area, bad.raw_period, bad.raw_obs].map((v) => String(v ?? ''))
        const line = await findLine(options.file, (r) => r[at.REF_AREA!] === cells[0] && r[at.TIME_PERIOD!] === cells[1] && r[at.OBS_VALUE!] === cells[2])
        throw new IngestError(file, line, String(bad.problem))
      }
      const [empty] = await queryRows(conn, "SELECT count(*) AS n FROM tiva_kept WHERE obs = '' OR upper(obs) IN ('NAN', 'NA')")
      report.reject('no value (blank or NaN OBS_VALUE)', Number(empty!.n), [])
      const [duplicate] = await queryRows(conn, `SELECT iso3, activity, measure, period, count(*) AS n FROM tiva_kept
        GROUP BY ALL HAVING count(*) > 1 LIMIT 1`)
      if (duplicate) {
        const line = await findLine(options.file, (r) => r[at.REF_AREA!]?.startsWith(String(duplicate.iso3)) === true && r[at.TIME_PERIOD!]?.trim() === duplicate.period)
        throw new IngestError(file, line, `duplicate key (REF_AREA, ACTIVITY, MEASURE, TIME_PERIOD) = (${duplicate.iso3}, ${duplicate.activity}, ${duplicate.measure}, ${duplicate.period}): ${duplicate.n} rows`)
      }

      // Aggregates (OECD, EU27_2020, W, …) and economies the lake does not know are left out, counted.
      const economies = await knownEconomies(build)
      const areas = await queryRows(conn, "SELECT iso3, count(*) AS n FROM tiva_kept WHERE obs <> '' AND upper(obs) NOT IN ('NAN', 'NA') GROUP BY ALL ORDER BY n DESC, iso3")
      const outside = areas.filter((a) => !/^[A-Z][A-Z0-9]{2}$/.test(String(a.iso3)) || (economies.size > 0 && !economies.has(String(a.iso3))))
      report.reject('REF_AREA not an economy of the lake (TiVA aggregates such as OECD, EU27_2020, W)', outside.reduce((s, r) => s + Number(r.n), 0), outside.map((r) => `${r.iso3} (${r.n} rows)`))
      const kept = areas.filter((a) => !outside.includes(a)).map((a) => String(a.iso3))
      if (kept.length === 0) throw new IngestError(file, null, 'no EXGR_FVA or EXGR observation for an economy of the lake')

      await loadRows(conn, 'tiva_economies', { iso3: 'VARCHAR' }, kept.map((k) => [k]))
      // OECD spells ISIC divisions with a D (D26); the lake uses the ISIC section letter (C26), see docs/lake.md.
      const activities = await queryRows(conn, 'SELECT DISTINCT activity FROM tiva_kept WHERE activity IS NOT NULL')
      await loadRows(conn, 'tiva_activity_codes', { oecd: 'VARCHAR', lake: 'VARCHAR' },
        activities.map((a) => [String(a.activity), lakeActivityCode(String(a.activity))]))
      const defaultMult = options.exgrUnitMult ?? 6
      if (at.UNIT_MULT! < 0) report.note(`no UNIT_MULT column: EXGR taken to be in US dollars × 10^${defaultMult}`)
      await build.writeTable('tiva', `
        SELECT iso3, codes.lake AS activity, period::INTEGER AS year, measure, CASE WHEN measure = 'EXGR' THEN 'USD' ELSE unit END AS unit,
               obs::DOUBLE * CASE WHEN measure = 'EXGR' THEN power(10, coalesce(mult, ${Number(defaultMult)})) ELSE power(10, coalesce(mult, 0)) END AS value
        FROM tiva_kept JOIN tiva_activity_codes AS codes ON codes.oecd = tiva_kept.activity
        WHERE obs <> '' AND upper(obs) NOT IN ('NAN', 'NA') AND iso3 IN (SELECT iso3 FROM tiva_economies)
        ORDER BY iso3, activity, year, measure`)
      const [written] = await queryRows(conn, 'SELECT count(*) AS n, list(DISTINCT year ORDER BY year) AS years FROM tiva')
      report.report.rowsWritten = Number(written!.n)
      report.addYears(written!.years as number[])
      return {
        source: {
          name: 'TiVA', release: options.release ?? file, publisher: 'OECD, Trade in Value Added (TiVA)',
          files: [await describeInput(options.file)],
          details: { dataflow: 'DSD_TIVA_MAINSH@DF_MAINSH', measures: MEASURES.join(',') },
        },
        report: report.finish(),
      }
    },
  }
}
