/**
 * A cancelled step gets SIGINT from the runner, then SIGTERM, then is killed;
 * the CLI gets Ctrl-C. On the first signal the programs the run started are
 * ended, the report of what finished is written (the summary and the outputs,
 * or the CLI's report file), and the process exits non-zero.
 */
import { errorMessage } from './error-message.js'
import type { Log } from './log.js'
import type { SpawnRunner } from './process.js'
import { finishedTests, type Progress } from './progress.js'
import type { Metrics, TestResults } from './report/metrics.js'

export class CancelGuard {
  private state: 'running' | 'reporting' | 'cancelled' = 'running'

  constructor(
    private readonly runner: SpawnRunner,
    private readonly progress: Progress,
    private readonly log: Log,
    /** Writes the report: the summary and the outputs on GitHub, the report file in the CLI. */
    private readonly report: (metrics: Metrics) => Promise<void>,
    /** The process's exit code once the report is written. */
    private readonly exitCode = 1,
  ) {}

  /** Handles SIGINT and SIGTERM from now on. */
  install(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.on(signal, () => {
        void this.cancel(signal)
      })
  }

  /**
   * The pipeline has ended: false when a cancel is writing its own report,
   * else true, and a signal from now on waits for this report to be written.
   */
  reporting(): boolean {
    if (this.state === 'cancelled') return false
    this.state = 'reporting'
    return true
  }

  async cancel(signal: NodeJS.Signals): Promise<void> {
    // A later signal (the runner's SIGTERM after its SIGINT) changes nothing.
    if (this.state !== 'running') return
    this.state = 'cancelled'
    this.progress.freeze()
    this.log.info(`The step was cancelled (${signal}): ending the programs it started.`)
    await this.runner.cancel()
    let results: TestResults | undefined
    const files = this.progress.files
    if (!this.progress.testsKnown && files !== undefined) {
      try {
        results = await finishedTests(files)
      } catch (error) {
        this.log.warning(`the tests' report cannot be read: ${errorMessage(error)}`)
      }
    }
    try {
      await this.report(this.progress.cancelled(signal, results))
    } catch (error) {
      this.log.warning(`the report of the cancelled step was not written: ${errorMessage(error)}`)
    }
    process.exit(this.exitCode)
  }
}
