/**
 * Renders the metrics as GitHub-flavoured Markdown for the job summary, and as plain
 * text for a terminal. Test names, messages and tracebacks come from the project under
 * test, so every such piece goes through escapeInline or codeBlock.
 */

import {
  deltaMark,
  describeBaseline,
  formatDelta,
  precisionOf,
  shortBase,
  shortSha as shortCommit,
} from './figures.js'
import type {
  ArtifactInfo,
  BuildHistory,
  BuildResult,
  CoverageBaseline,
  CoverageResult,
  DiffCoverageFile,
  DiffCoverageResult,
  DistFile,
  FileCoverage,
  LintResult,
  Metrics,
  PublishResult,
  StageResult,
  StageStatus,
  TestCaseProblem,
  TestResults,
  TestRun,
} from './metrics.js'

export interface SummaryOptions {
  /** Rows of the per-file coverage table. Default 50. */
  readonly maxFiles?: number
  /** Rows of the changed-lines table (files with changed statements). Default 50. */
  readonly maxDiffFiles?: number
  /** Failing tests shown with their tracebacks. Default 20. */
  readonly maxProblems?: number
  /** Rows of the slowest-tests table. Default 10. */
  readonly maxSlowest?: number
  /** Default "Python CI". */
  readonly title?: string
}

const DEFAULT_TITLE = 'Python CI'

const INLINE_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  '#': '&#35;',
  '!': '&#33;',
  '(': '&#40;',
  ')': '&#41;',
  // GitHub renders $…$ as math.
  $: '&#36;',
  // GitHub links @name after rendering, so only a character between @ and the name stops the ping.
  '@': '@&#8203;',
}

/**
 * What GitHub links in text after Markdown is rendered, or autolinks while
 * rendering; each is broken by a zero-width space or an entity, as a mention is:
 * "#12" and "owner/repo#12" (issue references), "GH-12", "https://" and "www.".
 */
const INERT_REFERENCES: readonly (readonly [RegExp, string])[] = [
  [/&#35;(?=\d)/g, '&#35;&#8203;'],
  [/\b(gh)-(?=\d)/gi, '$1&#8203;-'],
  [/:\/\//g, '&#58;&#8203;//'],
  [/\b(www)\./gi, '$1&#8203;.'],
]

/**
 * Characters that change how text around them reads without showing themselves:
 * bidirectional controls (which can make a test name read backwards) and
 * zero-width spaces, word joiners and byte-order marks. Joiners (U+200C, U+200D)
 * stay: scripts and emoji need them.
 */
const HIDDEN = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/g

/** Project text without hidden characters, with Unix line ends: the start of every escape. */
export function withoutHidden(text: string): string {
  return text.replace(HIDDEN, '').replace(/\r\n?/g, '\n')
}

/**
 * Makes text inert inline: in a paragraph, a table cell or inside HTML such as
 * <summary>. Line breaks become spaces, so it can never start a block of its own.
 */
export function escapeInline(text: string): string {
  let escaped = withoutHidden(text)
    .replace(/[\n\u2028\u2029]/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[&<>"'|`*_[\]\\~#!()$@]/g, (char) => INLINE_ENTITIES[char] ?? char)
  for (const [pattern, inert] of INERT_REFERENCES) escaped = escaped.replace(pattern, inert)
  return escaped
}

/**
 * A URL that the workflow gave or the action made (the upload endpoint, the
 * project's page), left as text GitHub autolinks when it holds only plain URL
 * characters; anything else is escaped like project text, and shows unlinked.
 */
export function escapeUrl(url: string): string {
  return /^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._/%-]*)?$/.test(url)
    ? url
    : escapeInline(url)
}

/** Test ids in tables and headings: a 30,000-character parametrized id must not fill the report. */
export const MAX_ID = 200
/** A failure's one-line message beside its id. */
export const MAX_MESSAGE = 500
/** A code block of tool output or a traceback; its head and its end are kept. */
export const MAX_BLOCK = 20_000

/**
 * The text cut to `max` code points with a visible ellipsis: cut before
 * escaping, so the cut never splits an entity, and by code point, so it never
 * splits a surrogate pair.
 */
export function clipText(text: string, max: number): string {
  const points = Array.from(text)
  if (points.length <= max) return text
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`
}

/** escapeInline of the text clipped to `max` characters. */
export function clipInline(text: string, max: number): string {
  return escapeInline(clipText(text, max))
}

/** The head and the end of a long block (a traceback's cause is at its end), with what was left out between. */
export function clipBlock(text: string, max: number): string {
  const points = Array.from(text)
  if (points.length <= max) return text
  const head = Math.floor(max / 4)
  const tail = max - head
  const gap = points.length - head - tail
  return `${points.slice(0, head).join('')}\n… ${gap} characters left out …\n${points.slice(-tail).join('')}`
}

/** A fenced code block that the text cannot close: the fence is longer than any backtick run in it. */
export function codeBlock(text: string, max = MAX_BLOCK): string {
  const body = clipBlock(withoutHidden(text), max).replace(/\n+$/, '')
  let longest = 0
  for (const run of body.matchAll(/`+/g)) longest = Math.max(longest, run[0].length)
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}\n${body}\n${fence}`
}

/** "512 B", "4 KB", "4.4 KB", "12 MB" (powers of 1024, as pip and twine print them). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value))
  return `${shown} ${units[unit]}`
}

/** "0.4 s", "12.3 s", "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

export function renderSummary(metrics: Metrics, options: SummaryOptions = {}): string {
  const blocks: string[] = [headline(metrics, options.title ?? DEFAULT_TITLE)]
  if (metrics.python !== undefined) {
    const { version, path, origin } = metrics.python
    blocks.push(
      `**Python** ${escapeInline(version)} · ${escapeInline(path)} · ${escapeInline(origin)}`,
    )
  }
  const tools = describeTools(metrics)
  if (tools !== undefined) blocks.push(`**Tools** ${escapeInline(tools)}`)
  if (metrics.build !== undefined) blocks.push(buildSection(metrics.build, metrics.artifact))
  if (metrics.history !== undefined) blocks.push(successRateLine(metrics.history))
  if (metrics.lint !== undefined)
    blocks.push(`Code quality: ${escapeInline(describeLint(metrics.lint))}`)
  const run = metrics.test
  if (run !== undefined) {
    blocks.push(testSection(run, options.maxProblems ?? 20, options.maxSlowest ?? 10))
    if (run.coverage !== undefined) {
      blocks.push(
        coverageSection(run.coverage, options.maxFiles ?? 50, metrics.baseline, run.results),
      )
    }
    if (metrics.diffCoverage !== undefined) {
      blocks.push(changedLinesSection(metrics.diffCoverage, options.maxDiffFiles ?? 50))
    }
    if (run.notes.length > 0) blocks.push(notesSection(run.notes))
  }
  if (metrics.publish !== undefined) blocks.push(publishSection(metrics.publish))
  const failures = metrics.stages.filter((s) => s.status === 'failed' && s.detail)
  if (failures.length > 0) blocks.push(failuresSection(failures))
  if (metrics.stages.length > 0) blocks.push(stagesSection(metrics.stages))
  return `${blocks.join('\n\n')}\n`
}

function headline(metrics: Metrics, title: string): string {
  const { ok, reasons } = metrics.verdict
  const lines = [`## ${ok ? '✅' : '❌'} ${escapeInline(title)}: ${ok ? 'passed' : 'failed'}`]
  const numbers = keyNumbers(metrics)
  if (numbers.length > 0) lines.push('', numbers.join(' · '))
  if (reasons.length > 0) lines.push('', ...reasons.map((reason) => `- ${escapeInline(reason)}`))
  return lines.join('\n')
}

function keyNumbers(metrics: Metrics): string[] {
  const numbers: string[] = []
  const results = metrics.test?.results
  if (results !== undefined) {
    const parts = [`**${results.passed}** passed`]
    if (results.failed > 0) parts.push(`**${results.failed}** failed`)
    if (results.errors > 0) parts.push(`**${results.errors}** ${plural(results.errors, 'error')}`)
    if (results.skipped > 0) parts.push(`${results.skipped} skipped`)
    if (results.xfailed > 0) parts.push(`${results.xfailed} xfailed`)
    if (results.xpassed > 0) parts.push(`${results.xpassed} xpassed`)
    numbers.push(parts.join(', '))
  }
  const coverage = metrics.test?.coverage
  if (coverage !== undefined) {
    const delta =
      metrics.baseline?.kind === 'compared' ? ` (${deltaMark(metrics.baseline.deltaDisplay)})` : ''
    const partial = partialCoverage(results)
    const mark = partial === undefined ? '' : ` (${escapeInline(partial)})`
    numbers.push(`coverage **${escapeInline(coverage.percentDisplay)}%**${delta}${mark}`)
  }
  const diff = metrics.diffCoverage
  if (diff?.measured) numbers.push(`changed lines **${escapeInline(diff.percentDisplay)}%**`)
  const build = metrics.build
  if (build !== undefined) {
    const dist = build.wheel ?? build.sdist
    if (!build.ok) numbers.push('build **failed**')
    else if (dist !== undefined) {
      numbers.push(`built ${escapeInline(dist.name)} ${escapeInline(dist.version)}`)
    }
  }
  return numbers
}

function buildSection(build: BuildResult, artifact: ArtifactInfo | undefined): string {
  const lines = ['### Build', '']
  const dists = [build.sdist, build.wheel].filter((dist) => dist !== undefined)
  const dist = build.wheel ?? build.sdist
  const status = build.ok ? '✅' : '❌ Build failed ·'
  const identity =
    dist === undefined ? '' : ` **${escapeInline(dist.name)}** ${escapeInline(dist.version)} ·`
  const kept = artifact ? ` · kept as artifact **${escapeInline(artifact.name)}**` : ''
  lines.push(`${status}${identity} twine check: ${twine(build.twineCheck)}${kept}`)
  if (dists.length > 0) {
    lines.push(
      '',
      ...table(
        ['file', 'size', 'sha256'],
        ['---', '---:', '---'],
        dists.map((file) => [escapeInline(file.fileName), formatSize(file.size), shortSha(file)]),
      ),
      '',
      '<details><summary>Full sha256 digests</summary>',
      '',
      codeBlock(dists.map((file) => `${file.sha256}  ${file.fileName}`).join('\n')),
      '',
      '</details>',
    )
  }
  for (const problem of build.problems) lines.push('', ...noteLines('❌', problem))
  for (const warning of build.warnings) lines.push('', ...noteLines('⚠️', warning))
  if (build.error !== undefined && build.error !== '') lines.push('', codeBlock(build.error))
  return lines.join('\n')
}

function twine(check: BuildResult['twineCheck']): string {
  if (check === 'passed') return 'passed'
  if (check === 'failed') return '**failed**'
  return 'not available'
}

function shortSha(file: DistFile): string {
  const short = file.sha256.slice(0, 12)
  return /^[0-9a-f]+$/i.test(short) ? `\`${short}\`` : escapeInline(short)
}

function testSection(run: TestRun, maxProblems: number, maxSlowest: number): string {
  const lines = ['### Tests', '']
  const results = run.results
  if (results === undefined) {
    const how = run.stopped ?? `pytest exited with code ${run.exitCode}`
    lines.push(`❌ ${escapeInline(how)} and left no test report.`)
    return lines.join('\n')
  }
  const bad = results.failed + results.errors
  lines.push(`${bad > 0 ? '❌' : '✅'} ${testCounts(results)} in ${formatSeconds(results.seconds)}`)
  if (run.stopped !== undefined)
    lines.push('', `⚠️ ${escapeInline(run.stopped)}: the tests after that did not run.`)
  else if (results.interrupted !== undefined)
    lines.push('', `⚠️ ${escapeInline(describeStop(results))}`)
  const shown = results.problems.slice(0, Math.max(0, maxProblems))
  if (shown.length > 0) {
    lines.push('', '#### Failures and errors', '')
    for (const problem of shown) lines.push(problemBlock(problem), '')
    const more = bad - shown.length
    if (more > 0) {
      lines.push(`…and ${more} more failing ${plural(more, 'test')}: see the log of this step.`)
    }
  }
  const slowest = results.slowest.slice(0, Math.max(0, maxSlowest))
  if (slowest.length > 0) {
    lines.push(
      '',
      `<details><summary>Slowest ${plural(slowest.length, 'test')}</summary>`,
      '',
      ...table(
        ['test', 'seconds'],
        ['---', '---:'],
        slowest.map((slow) => [clipInline(slow.id, MAX_ID), slow.seconds.toFixed(2)]),
      ),
      '',
      '</details>',
    )
  }
  return lines.join('\n').trimEnd()
}

/** "4 passed, 2 failed, 3 errors (1 during collection), 2 skipped, 1 xfailed, 1 xpassed". */
export function describeCounts(results: TestResults): string {
  const collection =
    results.collectionErrors > 0 ? ` (${results.collectionErrors} during collection)` : ''
  const parts = [
    `${results.passed} passed`,
    `${results.failed} failed`,
    `${results.errors} ${plural(results.errors, 'error')}${collection}`,
    `${results.skipped} skipped`,
  ]
  // Only pytest's xfail marker makes these; most projects never see one.
  if (results.xfailed > 0) parts.push(`${results.xfailed} xfailed`)
  if (results.xpassed > 0) parts.push(`${results.xpassed} xpassed`)
  return parts.join(', ')
}

function testCounts(results: TestResults): string {
  return `${results.tests} ${plural(results.tests, 'test')}: ${describeCounts(results)}`
}

/** pytest gave up while collecting: no test ran. */
function stoppedAtCollection(results: TestResults): boolean {
  return results.interrupted !== undefined && results.tests === 0 && results.collectionErrors > 0
}

/** Why the tests stopped before the end, in a sentence. */
function describeStop(results: TestResults): string {
  const why = (results.interrupted ?? '').replace(/^Interrupted: /, '')
  if (stoppedAtCollection(results)) return `pytest stopped at collection (${why}): no test ran.`
  return `pytest stopped before the end (${why}): the tests after that did not run.`
}

/**
 * Why the coverage total measures less than the whole suite, when pytest
 * stopped early: the number is still coverage.py's own, for the code that ran.
 */
export function partialCoverage(results: TestResults | undefined): string | undefined {
  if (results?.interrupted === undefined) return undefined
  if (stoppedAtCollection(results)) return 'partial: collection stopped'
  return 'partial: pytest stopped early'
}

/** "pytest 8.4.2 · coverage 7.10.6 · setuptools 80.9.0": what ran the tests and built the wheel. */
export function describeTools(metrics: Metrics): string | undefined {
  const tools = metrics.test?.tools
  const parts = [
    tools?.pytest === undefined ? undefined : `pytest ${tools.pytest}`,
    tools?.coverage === undefined ? undefined : `coverage ${tools.coverage}`,
    metrics.build?.backend,
  ].filter((part) => part !== undefined)
  return parts.length > 0 ? parts.join(' · ') : undefined
}

function problemBlock(problem: TestCaseProblem): string {
  const message = problem.message === '' ? '' : ` — ${clipInline(problem.message, MAX_MESSAGE)}`
  // The blank lines end the HTML block, so the fence is parsed as Markdown.
  return [
    `<details><summary>${clipInline(problem.id, MAX_ID)}${message}</summary>`,
    '',
    codeBlock(problem.details),
    '',
    '</details>',
  ].join('\n')
}

function coverageSection(
  coverage: CoverageResult,
  maxFiles: number,
  baseline: CoverageBaseline | undefined,
  results: TestResults | undefined,
): string {
  const lines = ['### Coverage', '']
  const partial = partialCoverage(results)
  const mark = partial === undefined ? '' : ` (${escapeInline(partial)})`
  const parts = [`**${escapeInline(coverage.percentDisplay)}%**${mark}`]
  parts.push(`lines ${coverage.coveredLines}/${coverage.statements}`)
  if (coverage.branches > 0) parts.push(`branches ${coverage.coveredBranches}/${coverage.branches}`)
  lines.push(parts.join(' · '))
  if (results !== undefined && partial !== undefined) {
    const only = stoppedAtCollection(results)
      ? 'what importing the test modules ran'
      : 'the tests that ran before pytest stopped'
    lines.push('', `⚠️ ${escapeInline(describeStop(results))} The total counts only ${only}.`)
  }
  if (baseline !== undefined) lines.push('', ...baselineLines(baseline, coverage, maxFiles))
  if (coverage.sourceNote !== '') lines.push('', `Measured: ${escapeInline(coverage.sourceNote)}`)
  const files = [...coverage.files].sort(leastCoveredFirst)
  const shown = files.slice(0, Math.max(0, maxFiles))
  if (shown.length > 0) {
    lines.push(
      '',
      ...table(
        ['file', 'stmts', 'miss', 'branch', 'partial', 'cover'],
        ['---', '---:', '---:', '---:', '---:', '---:'],
        shown.map((file) => [
          clipInline(file.path, MAX_ID),
          String(file.statements),
          String(file.missing),
          String(file.branches),
          String(file.partialBranches),
          `${escapeInline(file.percentDisplay)}%`,
        ]),
      ),
    )
  }
  const left = files.length - shown.length
  const next = files[shown.length]
  if (left > 0 && next !== undefined) {
    lines.push(
      '',
      `${left} more ${plural(left, 'file')} not shown, each covered ${escapeInline(next.percentDisplay)}% or more.`,
    )
  }
  return lines.join('\n')
}

// The comment's budget drops these rows with the per-file coverage rows (maxFiles); a few suffice.
const MAX_DELTA_FILES = 20

/** The delta to the base branch, its numbers, and the files whose coverage moved. */
function baselineLines(
  baseline: CoverageBaseline,
  coverage: CoverageResult,
  maxFiles: number,
): string[] {
  const branch = escapeInline(baseline.branch)
  if (baseline.kind !== 'compared') {
    const mark = baseline.kind === 'unreadable' ? '⚠️' : 'ℹ️'
    return [`${mark} Against the base branch: ${escapeInline(baseline.note)}`]
  }
  const { base } = baseline
  const sha = shortCommit(base.sha)
  const numbers = [`lines ${base.coveredLines}/${base.statements}`]
  if (base.branches > 0) numbers.push(`branches ${base.coveredBranches}/${base.branches}`)
  const lines = [
    `**${deltaMark(baseline.deltaDisplay)}** points against **${branch}**: ${escapeInline(base.percentDisplay)}%${sha ? ` at \`${sha}\`` : ''} (${numbers.join(', ')})`,
  ]
  const shown = baseline.files.slice(0, Math.min(MAX_DELTA_FILES, Math.max(0, maxFiles)))
  if (shown.length === 0) return lines
  const precision = precisionOf(coverage.percentDisplay)
  const count = baseline.files.length
  lines.push(
    '',
    `<details><summary>${count} ${plural(count, 'file')} with changed coverage</summary>`,
    '',
    ...table(
      ['file', branch, 'now', '±'],
      ['---', '---:', '---:', '---:'],
      shown.map((file) => [
        clipInline(file.path, MAX_ID),
        file.basePercentDisplay === undefined ? 'new' : `${escapeInline(file.basePercentDisplay)}%`,
        `${escapeInline(file.percentDisplay)}%`,
        file.delta === undefined ? '' : deltaMark(formatDelta(file.delta, precision)),
      ]),
    ),
  )
  if (count > shown.length) lines.push('', `…and ${count - shown.length} more.`)
  lines.push('', '</details>')
  return lines
}

/** Files with uncovered changed lines first, then by path. */
function uncoveredFirst(a: DiffCoverageFile, b: DiffCoverageFile): number {
  const gaps = Number(b.uncoveredLines.length > 0) - Number(a.uncoveredLines.length > 0)
  if (gaps !== 0) return gaps
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

// A file with thousands of scattered uncovered lines must not make one row the size of the comment.
const MAX_RANGES_TEXT = 300

/** "3-5, 9, 12-20", cut at a range when long, with the count of lines it stands for. */
function rangesCell(file: DiffCoverageFile): string {
  const ranges = file.uncoveredRanges
  if (ranges.length <= MAX_RANGES_TEXT) return escapeInline(ranges)
  const cut = ranges.slice(0, ranges.lastIndexOf(', ', MAX_RANGES_TEXT))
  return `${escapeInline(cut)}, … (${file.uncoveredLines.length} lines in all)`
}

/** diff-cover's per-file figure: one decimal, none for a whole number. */
function filePercent(percent: number): string {
  return percent.toFixed(1).replace(/\.0$/, '')
}

/** "from git diff `1a2b3c4`...HEAD" or "from the pull request files API". */
function diffSourceText(diff: DiffCoverageResult, code: (text: string) => string): string {
  if (diff.source === undefined) return ''
  if (diff.source === 'pull request files API') return 'from the pull request files API'
  return `from git diff ${code(shortBase(diff.base ?? ''))}...HEAD`
}

function changedLinesSection(diff: DiffCoverageResult, maxFiles: number): string {
  const lines = ['### Changed lines', '']
  if (!diff.measured) {
    lines.push(`Not measured: ${escapeInline(diff.reason)}`)
    return lines.join('\n')
  }
  const missing = diff.coverableLines - diff.coveredLines
  lines.push(
    [
      `**${escapeInline(diff.percentDisplay)}%** of the changed lines that coverage measures`,
      `${diff.coveredLines}/${diff.coverableLines} covered, ${missing} missing`,
      `${diff.changedLines} ${plural(diff.changedLines, 'line')} changed`,
      diffSourceText(diff, (base) =>
        /^[0-9a-f]+$/.test(base) ? `\`${base}\`` : escapeInline(base),
      ),
    ].join(' · '),
  )
  const files = [...diff.files].sort(uncoveredFirst)
  const shown = files.slice(0, Math.max(0, maxFiles))
  if (shown.length > 0) {
    const rows = table(
      ['file', 'covered', 'cover', 'uncovered lines'],
      ['---', '---:', '---:', '---'],
      shown.map((file) => [
        clipInline(file.path, MAX_ID),
        `${file.covered}/${file.coverable}`,
        `${filePercent(file.percent)}%`,
        rangesCell(file),
      ]),
    )
    // A long list folds away, so the totals above stay in view.
    if (shown.length > 10) {
      const gaps = files.filter((file) => file.uncoveredLines.length > 0).length
      lines.push(
        '',
        `<details><summary>${files.length} changed ${plural(files.length, 'file')}, ${gaps} with uncovered lines</summary>`,
        '',
        ...rows,
        '',
        '</details>',
      )
    } else lines.push('', ...rows)
  }
  const left = files.length - shown.length
  if (left > 0) {
    const gaps = files.slice(shown.length).filter((file) => file.uncoveredLines.length > 0).length
    lines.push(
      '',
      `${left} more changed ${plural(left, 'file')} not shown, ${gaps} of them with uncovered lines.`,
    )
  }
  if (diff.unreadFiles.length > 0) {
    const names = diff.unreadFiles
      .slice(0, 20)
      .map((name) => clipInline(name, MAX_ID))
      .join(', ')
    const more = diff.unreadFiles.length > 20 ? ` and ${diff.unreadFiles.length - 20} more` : ''
    lines.push('', `Not measured (binary, or a diff too large to list): ${names}${more}`)
  }
  return lines.join('\n')
}

function leastCoveredFirst(a: FileCoverage, b: FileCoverage): number {
  if (a.percent !== b.percent) return a.percent - b.percent
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/** What a failed stage's tool printed, so the reason is in the report and not only in the log. */
function failuresSection(stages: readonly StageResult[]): string {
  const lines = ['### What failed']
  for (const stage of stages) {
    lines.push(
      '',
      `❌ **${stage.name}**: ${escapeInline(stage.summary)}`,
      '',
      codeBlock(stage.detail ?? ''),
    )
  }
  return lines.join('\n')
}

/** A note's first line as text; the tool output that may follow it, as a code block. */
function noteLines(mark: string, note: string): string[] {
  const [first = '', ...rest] = note.split(/\r\n?|\n/)
  const output = rest.join('\n').trim()
  return [`${mark} ${escapeInline(first)}`, ...(output === '' ? [] : ['', codeBlock(output)])]
}

function notesSection(notes: readonly string[]): string {
  const lines = ['### Notes']
  for (const note of notes) lines.push('', ...noteLines('⚠️', note))
  return lines.join('\n')
}

const PUBLISH_OUTCOME = {
  uploaded: '✅ uploaded',
  skipped: '⏭️ skipped (already there)',
  failed: '❌ failed',
}

export function publishSection(publish: PublishResult): string {
  const lines = ['### Publish', '']
  const where = publish.repositoryUrl === undefined ? '' : ` to ${escapeUrl(publish.repositoryUrl)}`
  const tag = publish.tag === undefined ? '' : ` ${escapeInline(publish.tag)}`
  const how = publish.credential === undefined ? '' : ` with ${publish.credential}`
  if (publish.status === 'skipped') {
    lines.push(`⏭️ Not published: ${escapeInline(publish.reasons.join('; '))}`)
  } else if (publish.status === 'refused') {
    lines.push(`❌ Refused to publish${tag}${where}; nothing was uploaded:`, '')
    lines.push(...publish.reasons.map((reason) => `- ${escapeInline(reason)}`))
  } else if (publish.status === 'failed') {
    lines.push(
      `❌ Publishing${tag}${where}${how} failed: ${escapeInline(publish.reasons.join('; '))}`,
    )
  } else {
    lines.push(`✅ Published${tag}${where}${how}`)
  }
  if (publish.details.length > 0) lines.push('', codeBlock(publish.details.join('\n')))
  if (publish.files.length > 0) {
    lines.push(
      '',
      ...table(
        ['file', 'size', 'sha256', 'result'],
        ['---', '---:', '---', '---'],
        publish.files.map((file) => [
          escapeInline(file.fileName),
          formatSize(file.size),
          `\`${file.sha256.replace(/[^0-9a-f]/gi, '')}\``,
          `${PUBLISH_OUTCOME[file.outcome]}${file.attempts > 1 ? ` after ${file.attempts} attempts` : ''}${file.message ? `: ${escapeInline(file.message)}` : ''}`,
        ]),
      ),
    )
  }
  if (publish.projectUrl !== undefined && publish.status === 'published') {
    lines.push('', `Project: ${escapeUrl(publish.projectUrl)}`)
  }
  return lines.join('\n')
}

/** Text as a code span; as escaped text when it holds a backtick (a git branch may). */
export function codeSpan(text: string): string {
  const shown = withoutHidden(text).replace(/\n/g, ' ')
  return shown.includes('`') ? escapeInline(shown) : `\`${shown}\``
}

/** The rate and where it was measured, each shown through the given escapers. */
function successRateParts(
  history: BuildHistory,
  branch: (name: string) => string,
  text: (s: string) => string,
): { where: string; value: string } {
  if (history.kind === 'not-measured') {
    return { where: '', value: `not measured (${text(history.reason)})` }
  }
  const where = ` on ${branch(history.branch)}`
  const left =
    history.notCounted > 0 ? `${history.notCounted} skipped or cancelled not counted` : undefined
  if (history.kind === 'no-runs') {
    return { where, value: `no completed runs yet${left ? ` (${left})` : ''}` }
  }
  const runs = `${history.successes} of ${history.completed} completed ${plural(history.completed, 'run')}`
  return { where, value: `${history.percent}% (${runs}${left ? `; ${left}` : ''})` }
}

/** "Build success rate on `main`: 85% (17 of 20 completed runs)". */
function successRateLine(history: BuildHistory): string {
  const { where, value } = successRateParts(history, codeSpan, escapeInline)
  return `Build success rate${where}: ${value}`
}

/** "85% (17 of 20 completed runs) on main", for the log and the terminal. */
export function describeHistory(history: BuildHistory): string {
  const { where, value } = successRateParts(history, plain, plain)
  return `${value}${where}`
}

/** "flake8 5.0.4 found 3 problems". */
export function describeLint(lint: LintResult): string {
  return `${lint.tool} ${lint.version} found ${lint.problems} ${plural(lint.problems, 'problem')}`
}

const STATUS_ICON: Readonly<Record<StageStatus, string>> = {
  ok: '✅ ok',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
}

function stagesSection(stages: readonly StageResult[]): string {
  return [
    '### Stages',
    '',
    ...table(
      ['stage', 'status', 'seconds', 'summary'],
      ['---', '---', '---:', '---'],
      stages.map((stage) => [
        escapeInline(stage.name),
        STATUS_ICON[stage.status],
        (stage.durationMs / 1000).toFixed(1),
        escapeInline(stage.summary),
      ]),
    ),
  ].join('\n')
}

/** Cells must be escaped already. */
function table(
  headers: readonly string[],
  align: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [row(headers), row(align), ...rows.map(row)]
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`
}

const TEXT_STATUS: Readonly<Record<StageStatus, string>> = { ok: '✓', failed: '✗', skipped: '-' }

/** A compact report for a terminal. */
export function renderText(metrics: Metrics): string {
  const lines: string[] = [
    `${metrics.verdict.ok ? '✓' : '✗'} ${DEFAULT_TITLE} ${metrics.verdict.ok ? 'passed' : 'failed'}`,
  ]
  for (const reason of metrics.verdict.reasons) lines.push(`  - ${plain(reason)}`)
  if (metrics.python !== undefined) {
    const { version, path, origin } = metrics.python
    lines.push(`python    ${plain(version)} ${plain(path)} (${plain(origin)})`)
  }
  const tools = describeTools(metrics)
  if (tools !== undefined) lines.push(`tools     ${plain(tools)}`)
  if (metrics.build !== undefined) lines.push(...buildText(metrics.build))
  const run = metrics.test
  if (run !== undefined) {
    lines.push(...testText(run))
    if (run.coverage !== undefined) lines.push(coverageText(run.coverage, run.results))
    if (metrics.baseline !== undefined)
      lines.push(`baseline  ${plain(describeBaseline(metrics.baseline))}`)
    if (metrics.diffCoverage !== undefined) {
      lines.push(`diff      ${describeDiffCoverage(metrics.diffCoverage)}`)
    }
    for (const note of run.notes) lines.push(indent(`note      ${plain(note)}`))
  }
  if (metrics.history !== undefined) lines.push(`history   ${describeHistory(metrics.history)}`)
  if (metrics.lint !== undefined) lines.push(`lint      ${plain(describeLint(metrics.lint))}`)
  if (metrics.publish !== undefined) lines.push(publishText(metrics.publish))
  if (metrics.stages.length > 0) {
    lines.push('stages')
    for (const stage of metrics.stages) {
      const summary = stage.summary === '' ? '' : `: ${plain(stage.summary)}`
      const seconds = (stage.durationMs / 1000).toFixed(1)
      lines.push(`  ${TEXT_STATUS[stage.status]} ${stage.name} ${seconds}s${summary}`)
    }
  }
  return `${lines.join('\n')}\n`
}

function buildText(build: BuildResult): string[] {
  const dists = [build.sdist, build.wheel].filter((dist) => dist !== undefined)
  const files = dists.map((file) => `${plain(file.fileName)} (${formatSize(file.size)})`)
  const dist = build.wheel ?? build.sdist
  const identity = dist === undefined ? '' : `${plain(dist.name)} ${plain(dist.version)}: `
  const lines = [
    `build     ${build.ok ? '' : 'FAILED '}${identity}${files.join(', ') || 'nothing built'}; twine check ${build.twineCheck}`,
  ]
  for (const problem of build.problems) lines.push(`          ! ${plain(problem)}`)
  for (const warning of build.warnings) lines.push(`          ? ${plain(warning)}`)
  if (build.error !== undefined && build.error !== '') lines.push(indent(plain(build.error), 10))
  return lines
}

function publishText(publish: PublishResult): string {
  const files = publish.files.map((f) => `${plain(f.fileName)} ${f.outcome}`).join(', ')
  const why = publish.reasons.length > 0 ? `: ${plain(publish.reasons.join('; '))}` : ''
  return `publish   ${publish.status}${why}${files ? ` (${files})` : ''}`
}

function testText(run: TestRun): string[] {
  const results = run.results
  if (results === undefined)
    return [`tests     ${plain(run.stopped ?? `pytest exited ${run.exitCode}`)}, no test report`]
  const lines = [`tests     ${testCounts(results)} in ${formatSeconds(results.seconds)}`]
  if (results.interrupted !== undefined) lines.push(`          ${plain(describeStop(results))}`)
  for (const problem of results.problems) {
    const label = problem.kind === 'failure' ? 'FAILED' : 'ERROR '
    const message = problem.message === '' ? '' : ` - ${plain(oneLine(problem.message))}`
    lines.push(`          ${label} ${plain(oneLine(problem.id))}${message}`)
  }
  const more = results.failed + results.errors - results.problems.length
  if (more > 0) lines.push(`          …and ${more} more`)
  return lines
}

/** "85% of 20 changed lines (3 missing), from git diff 1a2b3c4...HEAD", or why not measured. */
export function describeDiffCoverage(diff: DiffCoverageResult): string {
  if (!diff.measured) return `not measured: ${plain(diff.reason)}`
  const missing = diff.coverableLines - diff.coveredLines
  const lines = `${diff.coverableLines} changed ${plural(diff.coverableLines, 'line')}`
  return `${diff.percentDisplay}% of ${lines} (${missing} missing), ${diffSourceText(diff, plain)}`
}

function coverageText(coverage: CoverageResult, results: TestResults | undefined): string {
  const branches =
    coverage.branches > 0 ? `, branches ${coverage.coveredBranches}/${coverage.branches}` : ''
  const source = coverage.sourceNote === '' ? '' : ` of ${plain(coverage.sourceNote)}`
  const partial = partialCoverage(results)
  const mark = partial === undefined ? '' : ` (${partial})`
  return `coverage  ${plain(coverage.percentDisplay)}%${mark} (lines ${coverage.coveredLines}/${coverage.statements}${branches})${source}`
}

/** Drops control characters, so project text cannot move the cursor or recolour a terminal. */
function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
  return text.replace(/\r\n?/g, '\n').replace(controls, '?')
}

function oneLine(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ')
}

function indent(text: string, width = 10): string {
  return text.replaceAll('\n', `\n${' '.repeat(width)}`)
}
