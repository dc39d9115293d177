// The summary printed after an ingest: per source, rows read, written and rejected (with examples), years, seconds.
import { rejectedRows, type IngestReport } from '../lake/ingest/report.js'
import type { Manifest } from '../lake/contract.js'

const n = (value: number) => value.toLocaleString('en-US')

function years(list: number[]): string {
  if (list.length === 0) return '—'
  return list.length > 3 ? `${list[0]}–${list.at(-1)} (${list.length} years)` : list.join(', ')
}

export function formatSummary(reports: IngestReport[], manifest: Manifest, seconds: number, lakeDir: string): string {
  const lines: string[] = []
  for (const r of reports) {
    const source = manifest.sources.find((s) => s.name === r.source)
    lines.push(`${r.source} ${source?.release ?? ''} — ${r.files.join(', ')}`)
    lines.push(`  rows read     ${n(r.rowsRead)}`)
    lines.push(`  rows written  ${n(r.rowsWritten)}`)
    lines.push(`  rejected      ${n(rejectedRows(r))}`)
    for (const rejection of r.rejected) {
      lines.push(`    ${n(rejection.rows)} × ${rejection.reason}${rejection.examples.length ? `, e.g. ${rejection.examples.join('; ')}` : ''}`)
    }
    lines.push(`  years         ${years(r.years)}`)
    lines.push(`  seconds       ${r.seconds.toFixed(1)}`)
    for (const note of r.notes) lines.push(`  note: ${note}`)
  }
  lines.push(`lake version ${manifest.lake_version} (hs_revision ${manifest.hs_revision}, synthetic: ${manifest.synthetic}) ` +
    `is now served from ${lakeDir}/current; ${seconds.toFixed(1)} s in all`)
  return lines.join('\n')
}
