/**
 * What the pipeline has found so far, filled in as each stage ends, so that a
 * step cancelled part-way (the runner sends SIGINT, then SIGTERM) still
 * writes a report of what finished.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Metrics, StageResult, TestResults } from './report/metrics.js'
import { parseOutcomes, withOutcomes } from './test/outcomes.js'
import { parseJUnitFile, type ReportFiles } from './test/run-tests.js'

export type Known = Partial<
  Pick<Metrics, 'python' | 'cache' | 'build' | 'artifact' | 'test' | 'diffCoverage' | 'publish'>
>

export class Progress {
  /** What the report calls the cancelled run: the action's step, or the CLI's run. */
  constructor(private readonly what: 'step' | 'run' = 'step') {}

  private readonly stages: StageResult[] = []
  private known: Known = {}
  private frozen = false
  /** Where the tests write their reports, once the pipeline has made the folder. */
  files: ReportFiles | undefined

  ended(stage: StageResult, found: Known = {}): void {
    if (this.frozen) return
    this.stages.push(stage)
    this.known = { ...this.known, ...found }
  }

  /**
   * Keeps what is known now: the stages that end after a cancel were cut
   * short by it, and their results would pass for whole ones.
   */
  freeze(): void {
    this.frozen = true
  }

  /** Whether the tests' results are known. */
  get testsKnown(): boolean {
    return this.known.test !== undefined
  }

  /**
   * The report of a run cancelled by `signal`: the stages that ended, what
   * they found, and `results` of a test run the cancel cut short. Pure.
   */
  cancelled(signal: string, results?: TestResults): Metrics {
    const done = this.stages.map((s) => s.name)
    const after = done.length > 0 ? `after ${done.join(', ')}` : 'before any stage ended'
    const stopped = `the ${this.what} was cancelled (${signal}) ${after}`
    const test: Metrics['test'] =
      this.known.test ??
      (results && {
        ok: false,
        exitCode: 130,
        results,
        notes: [],
        stopped: `pytest was stopped when the ${this.what} was cancelled`,
      })
    return {
      ...this.known,
      ...(test && { test }),
      stages: [...this.stages],
      cancelled: signal,
      verdict: { ok: false, reasons: [stopped] },
    }
  }
}

/**
 * The results of the tests that finished before a cancel stopped pytest (its
 * plugin writes the JUnit report on SIGTERM); undefined when there is none.
 */
export async function finishedTests(files: ReportFiles): Promise<TestResults | undefined> {
  if (!existsSync(files.junit)) return undefined
  const junit = await parseJUnitFile(files.junit)
  if (!existsSync(files.outcomes)) return junit
  return withOutcomes(junit, parseOutcomes(readFileSync(files.outcomes, 'utf8')))
}
