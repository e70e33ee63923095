/**
 * The "Changed lines" block of the summary and the comment, and its line in the
 * terminal report.
 */
import { describe, expect, it } from '@jest/globals'
import { formatRanges } from '../../src/report/figures.js'
import { renderSummary, renderText } from '../../src/report/markdown.js'
import { createDiffCoverage, createMetrics } from '../helpers/metrics.js'

type Diff = ReturnType<typeof createDiffCoverage>

function section(markdown: string): string {
  const start = markdown.indexOf('### Changed lines')
  const end = markdown.indexOf('\n### ', start + 1)
  return markdown.slice(start, end < 0 ? undefined : end).trimEnd()
}

const fileRow = (path: string, uncoveredLines: number[]): Diff['files'][number] => ({
  path,
  coverable: 10,
  covered: 10 - uncoveredLines.length,
  percent: 100 - uncoveredLines.length * 10,
  uncoveredLines,
  uncoveredRanges: formatRanges(uncoveredLines),
})

describe('the Changed lines block', () => {
  it('gives the percent, the counts, the source and the uncovered lines per file', () => {
    expect(section(renderSummary(createMetrics()))).toBe(
      [
        '### Changed lines',
        '',
        '**77%** of the changed lines that coverage measures · 7/9 covered, 2 missing · 15 lines changed · from git diff `1a2b3c4`...HEAD',
        '',
        '| file | covered | cover | uncovered lines |',
        '| --- | ---: | ---: | --- |',
        '| demo/core.py | 4/6 | 66.7% | 12-13 |',
        '| demo/util.py | 3/3 | 100% |  |',
      ].join('\n'),
    )
  })

  it('names the API when the lines came from it, and the files it could not read', () => {
    const diffCoverage = createDiffCoverage({
      source: 'pull request files API',
      unreadFiles: ['logo.png', 'huge.py'],
    })
    const block = section(renderSummary(createMetrics({ diffCoverage })))
    expect(block).toContain('· from the pull request files API')
    expect(block).toContain('Not measured (binary, or a diff too large to list): logo.png, huge.py')
  })

  it('says why when not measured', () => {
    const diffCoverage = {
      measured: false,
      reason: 'no base: not a pull request (a push event); set diff-base to compare with a branch',
    } as const
    const markdown = renderSummary(createMetrics({ diffCoverage }))
    expect(section(markdown)).toBe(
      '### Changed lines\n\nNot measured: no base: not a pull request &#40;a push event&#41;; set diff-base to compare with a branch',
    )
    expect(markdown).not.toContain('changed lines **')
  })

  it('escapes file names', () => {
    const diffCoverage = createDiffCoverage({ files: [fileRow('pkg/<b>@x|y_.py', [2])] })
    const block = section(renderSummary(createMetrics({ diffCoverage })))
    expect(block).toContain('| pkg/&lt;b&gt;@&#8203;x&#124;y&#95;.py | 9/10 | 90% | 2 |')
  })

  it('lists files with uncovered lines first, folds a long table, and counts what it leaves out', () => {
    const files = [
      ...Array.from({ length: 8 }, (_, i) => fileRow(`a/full${i}.py`, [])),
      ...Array.from({ length: 8 }, (_, i) => fileRow(`b/gap${i}.py`, [i + 1])),
    ]
    const diffCoverage = createDiffCoverage({ files })
    const block = section(renderSummary(createMetrics({ diffCoverage }), { maxDiffFiles: 12 }))
    const rows = block.split('\n').filter((line) => /^\| [ab]\//.test(line))
    expect(rows.slice(0, 8).every((row) => row.startsWith('| b/gap'))).toBe(true)
    expect(rows).toHaveLength(12)
    expect(block).toContain('<details><summary>16 changed files, 8 with uncovered lines</summary>')
    expect(block).toContain('4 more changed files not shown, 0 of them with uncovered lines.')
  })

  it('cuts a very long list of ranges at a range and gives the count of lines', () => {
    const scattered = Array.from({ length: 500 }, (_, i) => 2 * i + 1)
    const file = { ...fileRow('x.py', scattered), coverable: 1000, covered: 500, percent: 50 }
    const diffCoverage = createDiffCoverage({ files: [file] })
    const row = section(renderSummary(createMetrics({ diffCoverage })))
      .split('\n')
      .find((line) => line.startsWith('| x.py'))
    expect(row).toMatch(
      /^\| x\.py \| 500\/1000 \| 50% \| 1, 3, 5, .*\d, … \(500 lines in all\) \|$/,
    )
    expect(row?.length).toBeLessThan(400)
  })
})

describe('the terminal line', () => {
  it.each([
    [
      createDiffCoverage(),
      'diff      77% of 9 changed lines (2 missing), from git diff 1a2b3c4...HEAD',
    ],
    [
      createDiffCoverage({ source: 'pull request files API', coverableLines: 1, coveredLines: 1 }),
      'diff      77% of 1 changed line (0 missing), from the pull request files API',
    ],
    [
      { measured: false, reason: 'no changed lines' } as const,
      'diff      not measured: no changed lines',
    ],
  ])('%#', (diffCoverage, line) => {
    expect(renderText(createMetrics({ diffCoverage })).split('\n')).toContain(line)
  })
})
