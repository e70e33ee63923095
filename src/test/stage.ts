/** The test stage: pytest under coverage, and its one line. */
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import type { Installed } from '../install/install.js'
import { describeCounts, partialCoverage } from '../report/markdown.js'
import type { TestRun } from '../report/metrics.js'
import { type Described, firstLine, type Stage } from '../stage.js'
import { type ReportFiles, runTests } from './run-tests.js'

export function describeTests(run: TestRun): Described {
  const r = run.results
  const counts = r ? describeCounts(r) : firstLine(run.notes[0] ?? `pytest exited ${run.exitCode}`)
  const partial = partialCoverage(r)
  const coverage = run.coverage
    ? `, coverage ${run.coverage.percentDisplay}%${partial ? ` (${partial})` : ''}`
    : ''
  const stopped = run.stopped && r ? `${run.stopped}; ` : ''
  return { ok: run.ok, summary: `${stopped}${counts}${coverage}` }
}

export function testStage(
  host: Host,
  config: Config,
  installed: Installed,
  files: ReportFiles,
): Stage<TestRun> {
  return {
    name: 'test',
    title: 'Run pytest under coverage',
    run: (log) => runTests(host, log, config, installed.venv, installed.distName, files),
    describe: describeTests,
  }
}
