// UN HS → BEC rev.4 correlation tables into `hs_bec` (parsing in src/lake/bec.ts, shared with /bec-stages).
import { basename } from 'node:path'
import { chooseBecTable, normaliseHsRevision, parseBecTable, type BecTable } from '../bec.js'
import { describeInput } from './files.js'
import { IngestError, ReportBuilder } from './report.js'
import { loadRows, type Stage } from './stage.js'

export interface BecOptions {
  files: string[]
  /** The HS revision of the table to use (`HS2017`); checked against the table's header. */
  hsRevision?: string
}

/**
 * `ingest bec <table…>`: with `--hs-revision`, the table of that revision; else the only table given, or
 * the one that best maps the lake's flows (its own revision, else the nearest later one).
 */
export function becStage(options: BecOptions): Stage {
  return {
    source: 'HS-BEC',
    tables: ['hs_bec'],
    async run({ build, flowsHsRevision }) {
      const report = new ReportBuilder('HS-BEC')
      const tables: { path: string; table: BecTable }[] = []
      for (const path of options.files) tables.push({ path, table: await parseBecTable(path) })
      const flowsRevision = flowsHsRevision ? normaliseHsRevision(flowsHsRevision) : null
      let chosen: { path: string; table: BecTable }
      if (options.hsRevision) {
        const wanted = normaliseHsRevision(options.hsRevision)
        if (!wanted) throw new IngestError(options.files.map((f) => basename(f)).join(', '), null, `--hs-revision "${options.hsRevision}" is not an HS revision (HS2012, HS2017, HS2022)`)
        const match = tables.find((t) => t.table.hsRevision === wanted)
        if (!match) {
          throw new IngestError(tables.map((t) => basename(t.path)).join(', '), 1,
            `no table in ${wanted}: the header says ${tables.map((t) => t.table.hsRevision).join(', ')}`)
        }
        chosen = match
      } else if (tables.length === 1 || !flowsRevision) {
        chosen = tables[0]!
      } else {
        const mapping = chooseBecTable(flowsRevision, tables.map((t) => t.table.hsRevision))
        chosen = tables.find((t) => t.table.hsRevision === mapping.tableRevision)!
      }
      const { table } = chosen
      const file = basename(chosen.path)
      report.report.files.push(file)
      report.report.rowsRead = table.rows.length + table.skipped.length
      for (const [reason, test] of [['no BEC code for the HS6 line', /^no BEC code/], ['repeats an HS6 → BEC pair already listed', /^repeats/]] as const) {
        const skipped = table.skipped.filter((s) => test.test(s.reason))
        report.reject(reason, skipped.length, skipped.map((s) => `${s.hs6} (line ${s.line})`))
      }
      await loadRows(build.conn, 'staged_hs_bec', { hs6: 'VARCHAR', bec: 'VARCHAR', relationship: 'VARCHAR', weight: 'DOUBLE' },
        table.rows.map((r) => [r.hs6, r.bec, r.relationship, r.weight]))
      await build.writeTable('hs_bec', 'SELECT hs6, bec, relationship, weight FROM staged_hs_bec ORDER BY hs6, bec')
      report.report.rowsWritten = table.rows.length
      const nn = table.rows.filter((r) => r.relationship === 'n:n')
      const nnLines = new Set(nn.map((r) => r.hs6)).size
      report.note(`${table.hsRevision} → BEC rev.4: ${new Set(table.rows.map((r) => r.hs6)).size} HS6 lines, ${nnLines} of them n:n (${nn.length} rows, value split equally)`)
      if (flowsRevision && flowsRevision !== table.hsRevision) report.note(chooseBecTable(flowsRevision, [table.hsRevision]).description)
      return {
        source: {
          name: 'HS-BEC', release: `${table.hsRevision} → BEC rev.4`,
          publisher: 'United Nations Statistics Division, HS → BEC rev.4 correlation tables',
          files: [await describeInput(chosen.path)],
          details: { hs_revision: table.hsRevision, n_n_lines: nnLines },
        },
        report: report.finish(),
      }
    },
  }
}
