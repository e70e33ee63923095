/**
 * The Markdown report as a file beside the JUnit and coverage reports, for the
 * action's report-path output and the CLI's python-ci-report.md.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { renderSummary } from './markdown.js'
import type { Metrics } from './metrics.js'

export interface WrittenReport {
  readonly markdown: string
  readonly path: string
}

export function writeReport(metrics: Metrics, dir: string): WrittenReport {
  const markdown = renderSummary(metrics)
  const file = path.join(dir, 'python-ci-report.md')
  writeFileSync(file, markdown)
  return { markdown, path: file }
}
