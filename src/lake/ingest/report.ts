// What an ingest step read, wrote and rejected (with examples), and the error that stops an ingest.

/**
 * A fatal problem in an input file: the ingest stops, nothing is written and the lake is unchanged.
 * The message names the file, the line (when there is one) and the problem.
 */
export class IngestError extends Error {
  constructor(readonly file: string, readonly line: number | null, readonly problem: string) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${problem}`)
    this.name = 'IngestError'
  }
}

/** Rows left out for a reason the user accepted (or that is expected, such as WDI aggregates). */
export interface Rejection {
  reason: string
  rows: number
  /** A few of the offending values, for the summary. */
  examples: string[]
}

export interface IngestReport {
  /** Source name as in the manifest (`BACI`, `WDI`, …). */
  source: string
  files: string[]
  /** Data rows read from the inputs (headers excluded). */
  rowsRead: number
  /** Rows written to the lake tables of this source. */
  rowsWritten: number
  rejected: Rejection[]
  years: number[]
  /** Facts worth a line in the summary (HS revision used, rows merged, codes without description, …). */
  notes: string[]
  seconds: number
}

export function rejectedRows(report: IngestReport): number {
  return report.rejected.reduce((sum, r) => sum + r.rows, 0)
}

/** Collects a report while a source is staged. */
export class ReportBuilder {
  private readonly started = Date.now()
  readonly report: IngestReport

  constructor(source: string) {
    this.report = { source, files: [], rowsRead: 0, rowsWritten: 0, rejected: [], years: [], notes: [], seconds: 0 }
  }

  reject(reason: string, rows: number, examples: string[]): void {
    if (rows <= 0) return
    const existing = this.report.rejected.find((r) => r.reason === reason)
    if (existing) {
      existing.rows += rows
      existing.examples = [...new Set([...existing.examples, ...examples])].slice(0, 5)
    } else {
      this.report.rejected.push({ reason, rows, examples: examples.slice(0, 5) })
    }
  }

  note(text: string): void {
    this.report.notes.push(text)
  }

  addYears(years: number[]): void {
    this.report.years = [...new Set([...this.report.years, ...years])].sort((a, b) => a - b)
  }

  finish(): IngestReport {
    this.report.seconds = (Date.now() - this.started) / 1000
    return this.report
  }
}
