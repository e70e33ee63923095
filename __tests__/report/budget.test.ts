import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { fitComment } from '../../src/comment/sticky.js'
import {
  cutAtLine,
  describeLeftOut,
  fitReport,
  LADDER,
  SUMMARY_BUDGET,
} from '../../src/report/budget.js'
import { renderSummary } from '../../src/report/markdown.js'
import { writeReport } from '../../src/report/write.js'
import { renderGfm, textOf, unbalancedElements } from '../helpers/gfm.js'
import {
  createCoverage,
  createFileCoverage,
  createMetrics,
  createProblem,
  createResults,
  createTestRun,
} from '../helpers/metrics.js'

const chars = (text: string): number => text.length

describe('cutAtLine', () => {
  it.each([
    ['whole lines only', 'one\ntwo\nthree', 8, 'one\ntwo'],
    ['a fence left open is closed', 'a\n```\nx\nx\nx', 12, 'a\n```\nx\n```'],
    [
      'a <details> left open is closed after a blank line',
      '<details><summary>s</summary>\n\nbody\nmore',
      50,
      '<details><summary>s</summary>\n\nbody\n\n</details>',
    ],
    [
      'a tag in a code block does not count',
      '```\n<details>\n```\nafter\nmore',
      23,
      '```\n<details>\n```\nafter',
    ],
    [
      'nested elements close innermost first',
      '<details><summary>a</summary>\n<table>\nrow\nrow',
      63,
      '<details><summary>a</summary>\n<table>\nrow\n\n</table>\n\n</details>',
    ],
    ['nothing fits', 'a long first line', 3, ''],
  ])('%s', (_name, markdown, room, expected) => {
    const cut = cutAtLine(markdown, room, chars)
    expect(cut).toBe(expected)
    expect(cut.length).toBeLessThanOrEqual(room)
  })

  it('never splits a multi-byte character or an entity when it counts bytes', () => {
    const markdown = `${'é&amp;'.repeat(10)}\n${'😀'.repeat(10)}\n`
    const cut = cutAtLine(markdown, 100, (t) => Buffer.byteLength(t))
    expect(cut).toBe('é&amp;'.repeat(10))
  })
})

describe('describeLeftOut', () => {
  const metrics = createMetrics({
    test: createTestRun({
      results: createResults({
        failed: 30,
        problems: Array.from({ length: 30 }, (_, i) => createProblem({ id: `t::${i}` })),
        slowest: [{ id: 't::0', seconds: 1 }],
      }),
      coverage: createCoverage({
        files: Array.from({ length: 70 }, (_, i) => createFileCoverage({ path: `m${i}.py` })),
      }),
    }),
  })
  it.each([
    [0, 'nothing left out'],
    [1, '30 coverage rows left out'],
    [3, '10 failure details, 50 coverage rows and 2 changed-lines rows left out'],
    [
      5,
      '20 failure details, 50 coverage rows, 2 changed-lines rows and 1 slowest-test row left out',
    ],
  ])('rung %d: %s', (rung, expected) => {
    const limits = LADDER[rung]
    if (limits === undefined) throw new Error(`no rung ${rung}`)
    expect(describeLeftOut(metrics, limits)).toBe(expected)
  })
})

/** A report whose failure details alone pass 1 MiB: tracebacks of 20,000 four-byte characters. */
function hugeSummaryMetrics() {
  const problems = Array.from({ length: 40 }, (_, i) =>
    createProblem({ id: `tests/test_emoji.py::test_${i}`, details: '😀'.repeat(20_000) }),
  )
  return createMetrics({
    test: createTestRun({ results: createResults({ failed: 40, problems }) }),
  })
}

describe('the job summary budget', () => {
  let dir = ''
  afterEach(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('stays within 1 MiB, says what it left out and where the full report is; the file keeps all', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'budget-'))
    const metrics = hugeSummaryMetrics()
    const report = writeReport(metrics, dir)
    expect(Buffer.byteLength(report.markdown)).toBeGreaterThan(SUMMARY_BUDGET.limit)
    expect(readFileSync(report.path, 'utf8')).toBe(report.markdown)
    expect(Buffer.byteLength(report.summary)).toBeLessThanOrEqual(SUMMARY_BUDGET.limit)
    const cut = '10 failure details, 1 coverage row and 2 changed-lines rows left out'
    expect(report.cut).toBe(cut)
    const lines = report.summary.trimEnd().split('\n')
    expect(lines[lines.length - 1]).toBe(
      `> ✂️ ${cut} to stay under GitHub's 1 MiB summary limit; the full report is in \`${report.path}\`.`,
    )
    const html = renderGfm(report.summary)
    expect(unbalancedElements(html)).toEqual([])
    expect(textOf(html)).toContain('coverage 79%')
  })

  it('leaves a summary that fits as it is', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'budget-'))
    const report = writeReport(createMetrics(), dir)
    expect(report.cut).toBeUndefined()
    expect(report.summary).toBe(report.markdown)
  })
})

describe('the last-resort cut', () => {
  it('keeps the head and the key numbers, and leaves balanced HTML under GitHub’s renderer', () => {
    // A failed stage's output is not a row: even the fewest rows do not fit, and the cut is at a line.
    const metrics = {
      ...hugeSummaryMetrics(),
      stages: [
        {
          name: 'build',
          status: 'failed',
          durationMs: 10,
          summary: 'exit 1',
          detail: 'err\n'.repeat(9000),
        },
      ] as const,
    }
    const { body, cut } = fitComment(
      '<!-- m -->',
      (limits) => renderSummary(metrics, limits),
      (limits) => describeLeftOut(metrics, limits),
      3000,
    )
    expect(body.length).toBeLessThanOrEqual(3000)
    expect(cut).toMatch(/^the report was cut after \d+ characters$/)
    const html = renderGfm(body)
    expect(unbalancedElements(html)).toEqual([])
    const text = textOf(html)
    expect(text).toContain('❌ Python CI: failed')
    expect(text).toContain('8 passed, 40 failed, 1 skipped · coverage 79%')
    expect(text).toMatch(/The report was cut after \d+ characters to stay under GitHub's 65,536/)
  })

  it('fits the byte budget when every line is multi-byte', () => {
    const render = () =>
      `# ✅\n<details><summary>é</summary>\n\n${'é\n'.repeat(5000)}\n</details>\n`
    const { body } = fitReport('', render, () => 'rows left out', {
      ...SUMMARY_BUDGET,
      limit: 4000,
      fullReport: 'the full report is in `r.md`',
    })
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4000)
    expect(unbalancedElements(renderGfm(body))).toEqual([])
  })
})
