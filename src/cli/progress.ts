// Progress bars on a terminal (cli-progress, on stderr); plain step lines otherwise; nothing with --quiet.
import cliProgress from 'cli-progress'
import type { Progress } from '../lake/ingest/progress.js'

function formatValue(value: number, unit: string): string {
  if (unit === 'B') return value >= 1e9 ? `${(value / 1e9).toFixed(2)} GB` : `${(value / 1e6).toFixed(1)} MB`
  return unit === '%' ? `${value}%` : value.toLocaleString('en-US')
}

export function terminalProgress(options: { quiet?: boolean } = {}): Progress {
  const stream = process.stderr
  if (options.quiet) return { task: () => ({ update() {}, done() {} }), log() {} }
  if (!stream.isTTY) {
    return { task: () => ({ update() {}, done() {} }), log: (message) => { stream.write(`${message}\n`) } }
  }
  return {
    task(label, total, unit = '') {
      const bar = new cliProgress.SingleBar({
        stream, clearOnComplete: false, hideCursor: true,
        format: `${label.padEnd(40).slice(0, 40)} [{bar}] {percentage}% {shown}`,
        formatValue: (v, _o, type) => (type === 'percentage' ? String(v) : String(v)),
      }, cliProgress.Presets.shades_classic)
      bar.start(Math.max(total, 1), 0, { shown: total > 0 && unit !== '%' ? `${formatValue(0, unit)} / ${formatValue(total, unit)}` : '' })
      return {
        update(done) {
          bar.update(Math.min(done, Math.max(total, 1)), {
            shown: unit === '%' ? '' : total > 0 ? `${formatValue(done, unit)} / ${formatValue(total, unit)}` : formatValue(done, unit),
          })
        },
        done() { bar.stop() },
      }
    },
    log(message) { stream.write(`${message}\n`) },
  }
}
