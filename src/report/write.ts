/**
 * The Markdown report as a file beside the JUnit and coverage reports, for the
 * action's report-path output and the CLI's python-ci-report.md, and the same
 * report fitted to GitHub's limit on a job summary.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describeLeftOut, fitReport, SUMMARY_BUDGET } from './budget.js'
import { codeSpan, renderSummary } from './markdown.js'
import type { Metrics } from './metrics.js'

export interface WrittenReport {
  /** The whole report, as written to `path`. */
  readonly markdown: string
  readonly path: string
  /** The report within GitHub's 1 MiB per step, saying what it left out and where the rest is. */
  readonly summary: string
  /** What the summary left out, for the log; undefined when nothing was. */
  readonly cut: string | undefined
}

export function writeReport(metrics: Metrics, dir: string): WrittenReport {
  const markdown = renderSummary(metrics)
  const file = path.join(dir, 'python-ci-report.md')
  writeFileSync(file, markdown)
  const { body, cut } = fitReport(
    '',
    (limits) => renderSummary(metrics, limits),
    (limits) => describeLeftOut(metrics, limits),
    { ...SUMMARY_BUDGET, fullReport: `the full report is in ${codeSpan(file)}` },
  )
  return { markdown, path: file, summary: body, cut }
}
