/**
 * The step outputs and the annotations, computed from the metrics. The entry point
 * hands them to @actions/core; nothing here talks to the runner.
 */
import { lineRanges } from './figures.js'
import type { Metrics, TestCaseProblem } from './metrics.js'

/** The outputs declared in action.yml; a key is absent when its stage did not run or failed. */
export function toOutputs(metrics: Metrics, reportPath: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  if (metrics.python !== undefined) {
    outputs['python-version'] = metrics.python.version
    outputs['python-path'] = metrics.python.path
  }
  const build = metrics.build
  if (build !== undefined) {
    if (build.sdist !== undefined) outputs.sdist = build.sdist.path
    if (build.wheel !== undefined) outputs.wheel = build.wheel.path
    const dist = build.wheel ?? build.sdist
    if (dist !== undefined) {
      outputs['package-name'] = dist.name
      outputs['package-version'] = dist.version
    }
  }
  if (metrics.artifact !== undefined) outputs['dists-artifact'] = metrics.artifact.name
  const results = metrics.test?.results
  if (results !== undefined) {
    outputs.tests = String(results.tests)
    outputs.passed = String(results.passed)
    outputs.failed = String(results.failed)
    outputs.skipped = String(results.skipped)
    outputs.xfailed = String(results.xfailed)
    outputs.xpassed = String(results.xpassed)
    outputs.errors = String(results.errors)
  }
  const coverage = metrics.test?.coverage
  if (coverage !== undefined) outputs.coverage = coverage.percentDisplay
  if (metrics.baseline?.kind === 'compared')
    outputs['coverage-delta'] = metrics.baseline.deltaDisplay
  if (metrics.publish !== undefined) {
    const uploaded = metrics.publish.files.filter((f) => f.outcome === 'uploaded')
    outputs.published = String(uploaded.length > 0)
    outputs['published-files'] = JSON.stringify(uploaded.map((f) => f.fileName))
  }
  if (metrics.cache !== undefined) outputs['cache-hit'] = String(metrics.cache.hit)
  if (metrics.comment !== undefined) outputs['comment-url'] = metrics.comment.url
  if (metrics.diffCoverage?.measured) outputs['diff-coverage'] = metrics.diffCoverage.percentDisplay
  if (metrics.history?.kind === 'measured')
    outputs['success-rate'] = String(metrics.history.percent)
  outputs.cancelled = String(metrics.cancelled !== undefined)
  outputs['report-path'] = reportPath
  return outputs
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  title?: string
  file?: string
  startLine?: number
  endLine?: number
}

export interface AnnotationOptions {
  /** The working directory relative to the repository root, forward slashes; '' when the same. */
  readonly repoPrefix: string
  /** Error annotations at most, before one notice counts the rest. Default 10. */
  readonly maxErrors?: number
  /** annotate-uncovered: a warning per range of uncovered changed lines. Default true. */
  readonly annotateUncovered?: boolean
  /** Warning annotations at most, before one notice counts the rest. Default 10. */
  readonly maxWarnings?: number
}

// GitHub shows at most 10 error annotations per step and drops the rest without a word;
// stopping at the limit lets the notice say truthfully how many are missing.
const GITHUB_ERRORS_PER_STEP = 10
const PROBLEM_TITLE: Readonly<Record<TestCaseProblem['kind'], string>> = {
  failure: 'Test failed',
  error: 'Test error',
  collection: 'Collection error',
}
const MAX_MESSAGE = 2000
const MAX_DETAIL_LINES = 20

export function toAnnotations(metrics: Metrics, options: AnnotationOptions): Annotation[] {
  const uncovered =
    options.annotateUncovered === false ? [] : uncoveredAnnotations(metrics, options)
  return [...testAnnotations(metrics, options), ...uncovered]
}

function testAnnotations(metrics: Metrics, options: AnnotationOptions): Annotation[] {
  const results = metrics.test?.results
  if (results === undefined) return []
  const max = Math.max(0, options.maxErrors ?? GITHUB_ERRORS_PER_STEP)
  const annotations: Annotation[] = results.problems
    .slice(0, max)
    .map((problem) => problemAnnotation(problem, options.repoPrefix))
  // The problems list is bounded by the parser; the counts are not.
  const more = results.failed + results.errors - annotations.length
  if (more > 0) {
    annotations.push({
      level: 'notice',
      title: 'More failing tests',
      message: `${more} more failing ${more === 1 ? 'test is' : 'tests are'} not annotated; the job summary and the log list them.`,
    })
  }
  return annotations
}

// GitHub shows 10 warning annotations per step, as for errors.
const GITHUB_WARNINGS_PER_STEP = 10

/**
 * One warning per range of changed lines the tests never ran, at its file and lines
 * (paths are repository-relative already), then one notice that counts the rest.
 */
function uncoveredAnnotations(metrics: Metrics, options: AnnotationOptions): Annotation[] {
  const diff = metrics.diffCoverage
  if (!diff?.measured) return []
  const ranges = diff.files.flatMap((file) =>
    lineRanges(file.uncoveredLines).map(([start, end]) => ({ file: file.path, start, end })),
  )
  const max = Math.max(0, options.maxWarnings ?? GITHUB_WARNINGS_PER_STEP)
  const annotations: Annotation[] = ranges.slice(0, max).map((range) => ({
    level: 'warning',
    title: 'Changed lines not covered',
    message:
      range.start === range.end
        ? `Line ${range.start} was changed and no test runs it.`
        : `Lines ${range.start}-${range.end} were changed and no test runs them.`,
    file: range.file,
    startLine: range.start,
    ...(range.end !== range.start && { endLine: range.end }),
  }))
  const more = ranges.length - annotations.length
  if (more > 0) {
    annotations.push({
      level: 'notice',
      title: 'More uncovered changed lines',
      message: `${more} more ${more === 1 ? 'range' : 'ranges'} of uncovered changed lines ${more === 1 ? 'is' : 'are'} not annotated; the job summary lists them.`,
    })
  }
  return annotations
}

function problemAnnotation(problem: TestCaseProblem, repoPrefix: string): Annotation {
  const annotation: Annotation = {
    level: 'error',
    title: `${PROBLEM_TITLE[problem.kind]}: ${problem.id}`,
    message: annotationMessage(problem),
  }
  const file = problem.file === undefined ? undefined : inRepository(problem.file, repoPrefix)
  if (file !== undefined) {
    annotation.file = file
    if (problem.line !== undefined) annotation.startLine = problem.line
  }
  return annotation
}

/** The message, then the end of the traceback: where pytest prints the exception and its line. */
function annotationMessage(problem: TestCaseProblem): string {
  const message = problem.message.slice(0, MAX_MESSAGE)
  const lines = problem.details.trimEnd().split(/\r\n?|\n/)
  let details = lines.slice(-MAX_DETAIL_LINES).join('\n')
  if (lines.length > MAX_DETAIL_LINES) details = `…\n${details}`
  const room = MAX_MESSAGE - message.length - 2
  if (room < 2) return message
  if (details.length > room) details = `…${details.slice(details.length - room + 1)}`
  if (details === '') return message
  return message === '' ? details : `${message}\n\n${details}`
}

/** A path GitHub can place in the repository, or undefined for a file outside it. */
function inRepository(file: string, repoPrefix: string): string | undefined {
  const path = file.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '')
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path) || path.startsWith('../')) return undefined
  const prefix = repoPrefix.replace(/\/+$/, '')
  return prefix === '' || prefix === '.' ? path : `${prefix}/${path}`
}
