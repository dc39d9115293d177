// Progress reporting for long ingest and download steps; the CLI draws bars on a TTY, tests stay silent.
import type { DuckDBConnection } from '@duckdb/node-api'

export interface ProgressTask {
  /** Sets the amount done (bytes, rows or percent, as the task was started with). */
  update(done: number): void
  done(): void
}

export interface Progress {
  task(label: string, total: number, unit?: string): ProgressTask
  /** A line of text between bars (step names, warnings). */
  log(message: string): void
}

export const silentProgress: Progress = {
  task: () => ({ update() {}, done() {} }),
  log() {},
}

/** Runs a long DuckDB statement while a task follows DuckDB's own query progress (percent). */
export async function withQueryProgress<T>(conn: DuckDBConnection, progress: Progress, label: string, work: () => Promise<T>): Promise<T> {
  const task = progress.task(label, 100, '%')
  const timer = setInterval(() => {
    const percentage = conn.progress.percentage
    if (percentage >= 0) task.update(Math.round(percentage))
  }, 250)
  try {
    return await work()
  } finally {
    clearInterval(timer)
    task.update(100)
    task.done()
  }
}
