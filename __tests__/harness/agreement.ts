/**
 * What the action reported beside what the real tools say, as pairs for
 * `expect(actual).toEqual(expected)`; and checks of what a user reads.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { coverageReference, type PytestReference } from './reference.js'
import type { ActionResult } from './runner.js'

export interface Agreement<T> {
  readonly actual: T
  readonly expected: T
}

const COUNTS = ['tests', 'passed', 'failed', 'skipped', 'xfailed', 'xpassed', 'errors'] as const
export type TestCounts = Readonly<Record<(typeof COUNTS)[number], string | undefined>>

/** The outputs tests, passed, failed, skipped, xfailed, xpassed and errors beside pytest's own summary line. */
export function countsAgreement(
  result: ActionResult,
  pytest: PytestReference,
): Agreement<TestCounts> {
  const pick = (value: (name: (typeof COUNTS)[number]) => string | undefined) =>
    Object.fromEntries(COUNTS.map((name) => [name, value(name)])) as TestCounts
  return {
    actual: pick((name) => result.outputs[name]),
    expected: pick((name) => String(pytest[name])),
  }
}

/**
 * The interpreter of the venv the action made and left in RUNNER_TEMP: the one
 * that ran pytest and coverage.
 */
export function actionVenvPython(result: ActionResult): string {
  const found = readdirSync(result.runnerTemp)
    .filter((name) => name.startsWith('python-ci-'))
    .map((name) => path.join(result.runnerTemp, name, 'venv', 'bin', 'python'))
    .filter((file) => existsSync(file))
  if (found.length !== 1)
    throw new Error(`expected one venv in ${result.runnerTemp}, found ${found}`)
  return found[0] as string
}

/** The files action.yml promises beside the report. */
export const REPORT_COMPANIONS = ['junit.xml', 'coverage.json', 'coverage.xml', '.coverage']

export function missingReportFiles(result: ActionResult): string[] {
  const report = result.outputs['report-path']
  if (!report) return ['report-path output']
  const dir = path.dirname(report)
  return [report, ...REPORT_COMPANIONS.map((f) => path.join(dir, f))].filter((f) => !existsSync(f))
}

/**
 * The coverage output beside `coverage report`'s TOTAL on the same data file
 * (COVERAGE_FILE=<report folder>/.coverage, run in the project's folder).
 */
export async function coverageAgreement(result: ActionResult): Promise<Agreement<string>> {
  const report = result.outputs['report-path']
  const actual = result.outputs.coverage ?? '(no coverage output)'
  if (!report) return { actual, expected: '(no report-path output, so no data file to check)' }
  const dataFile = path.join(path.dirname(report), '.coverage')
  if (!existsSync(dataFile)) return { actual, expected: `(no data file at ${dataFile})` }
  const reference = await coverageReference(dataFile, result.projectDir)
  return { actual, expected: reference.total }
}

interface MarkdownLine {
  readonly text: string
  /** Inside a fenced code block, or one of its fence lines. */
  readonly code: boolean
}

/**
 * Lines of Markdown, marked when inside a fenced code block as CommonMark reads
 * them: a fence of 3+ backticks or tildes is closed only by a line of at least
 * as many of the same character, so content can close a fence that is too short.
 */
export function markdownLines(markdown: string): MarkdownLine[] {
  return scanMarkdown(markdown).lines
}

/** True when the document ends inside a fenced code block (a fence was never closed). */
export function endsInsideFence(markdown: string): boolean {
  return scanMarkdown(markdown).open
}

function scanMarkdown(markdown: string): { lines: MarkdownLine[]; open: boolean } {
  const lines: MarkdownLine[] = []
  let fence: { char: string; length: number } | undefined
  for (const text of markdown.split(/\r?\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text)
    if (fence === undefined) {
      const run = m?.[1]
      // A backtick fence's info string may not hold a backtick.
      if (run && !(run[0] === '`' && (m?.[2] ?? '').includes('`'))) {
        fence = { char: run[0] ?? '`', length: run.length }
        lines.push({ text, code: true })
      } else {
        lines.push({ text, code: false })
      }
    } else {
      const run = m?.[1]
      if (
        run &&
        run[0] === fence.char &&
        run.length >= fence.length &&
        (m?.[2] ?? '').trim() === ''
      ) {
        fence = undefined
      }
      lines.push({ text, code: true })
    }
  }
  return { lines, open: fence !== undefined }
}

/**
 * What GitHub renders as Markdown and HTML: the text outside fenced code blocks
 * and inline code spans, where HTML is live and @mentions notify.
 */
export function renderedText(markdown: string): string {
  return markdownLines(markdown)
    .filter((line) => !line.code)
    .map((line) => line.text.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ''))
    .join('\n')
}

/**
 * Markdown tables whose rows do not all have the header's number of cells, or
 * that a stray line split. Fenced code blocks are skipped; `\|` is a literal pipe.
 */
export function brokenTableRows(markdown: string): string[] {
  const problems: string[] = []
  const cells = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0
  let table: string[] = []
  const flush = () => {
    if (table.length > 0) {
      const [header = '', separator = ''] = table
      if (table.length < 2 || !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(separator)) {
        problems.push(`a table without a separator row starts at: ${header}`)
      } else {
        const width = cells(header)
        for (const row of table.slice(2)) {
          if (cells(row) !== width)
            problems.push(`${cells(row)} pipes, header has ${width}: ${row}`)
        }
      }
    }
    table = []
  }
  for (const line of markdownLines(markdown)) {
    if (!line.code && line.text.startsWith('|')) table.push(line.text)
    else flush()
  }
  flush()
  return problems
}

/** Limits concurrency: the machine that runs these has two cores. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
