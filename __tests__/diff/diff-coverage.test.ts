import { describe, expect, it } from '@jest/globals'
import { computeDiffCoverage, type FileLines, joinFileLines } from '../../src/diff/diff-coverage.js'
import { mapCoveragePath } from '../../src/report/coverage.js'
import { formatRanges } from '../../src/report/figures.js'

function lines(covered: number[], missing: number[]): FileLines {
  return { covered, missing }
}

describe('formatRanges', () => {
  it.each<[number[], string]>([
    [[], ''],
    [[7], '7'],
    [[3, 4, 5, 9], '3-5, 9'],
    [[1, 3, 5], '1, 3, 5'],
    [[1, 2, 4, 5, 6, 10], '1-2, 4-6, 10'],
  ])('%j → %s', (input, expected) => {
    expect(formatRanges(input)).toBe(expected)
  })
})

describe('computeDiffCoverage', () => {
  const coverage = new Map<string, FileLines>([
    ['pkg/a.py', lines([1, 2, 3, 6], [4, 5, 9])],
    ['pkg/b.py', lines([1, 2], [])],
  ])

  it('counts changed statements, covered ones and uncovered ranges', () => {
    const result = computeDiffCoverage(
      new Map([
        // 7 and 8 are blank or comments: changed, but not statements.
        ['pkg/a.py', [2, 3, 4, 5, 7, 8, 9]],
        ['pkg/b.py', [2]],
        ['README.md', [1, 2, 3]],
      ]),
      coverage,
    )
    expect(result).toEqual({
      changedLines: 11,
      coverableLines: 6,
      coveredLines: 3,
      percent: 50,
      percentTruncated: 50,
      files: [
        {
          path: 'pkg/a.py',
          coverable: 5,
          covered: 2,
          percent: 40,
          uncoveredLines: [4, 5, 9],
          uncoveredRanges: '4-5, 9',
        },
        {
          path: 'pkg/b.py',
          coverable: 1,
          covered: 1,
          percent: 100,
          uncoveredLines: [],
          uncoveredRanges: '',
        },
      ],
    })
  })

  it('is 100% when no changed line is a statement, as diff-cover says', () => {
    const result = computeDiffCoverage(new Map([['docs/x.md', [1]]]), coverage)
    expect(result).toMatchObject({ changedLines: 1, coverableLines: 0, percent: 100 })
    expect(result.files).toEqual([])
  })

  it('truncates the whole percent like diff-cover (2 of 3 is 66)', () => {
    const result = computeDiffCoverage(new Map([['pkg/a.py', [1, 2, 4]]]), coverage)
    expect(result.percent).toBeCloseTo(66.667, 3)
    expect(result.percentTruncated).toBe(66)
  })
})

describe('joinFileLines: coverage names to repository paths', () => {
  const options = {
    workingDirectory: '/repo/service',
    sitePackages: ['/repo/service/.venv/lib/python3.11/site-packages'],
    repoPrefix: 'service',
    exists: (relative: string) => ['src/demo/core.py', 'demo/__init__.py'].includes(relative),
  }
  const mapPath = (file: string) => mapCoveragePath(file, options)

  it.each([
    ['relative to the working directory', 'demo/__init__.py', 'service/demo/__init__.py'],
    [
      'absolute in the working directory',
      '/repo/service/demo/__init__.py',
      'service/demo/__init__.py',
    ],
    [
      'installed copy of a src/ layout',
      '/repo/service/.venv/lib/python3.11/site-packages/demo/core.py',
      'service/src/demo/core.py',
    ],
    [
      'outside the project',
      '/usr/lib/python3/dist-packages/x.py',
      '/usr/lib/python3/dist-packages/x.py',
    ],
  ])('%s', (_name, file, expected) => {
    const joined = joinFileLines([{ filename: file, covered: [1], missing: [] }], mapPath)
    expect([...joined.keys()]).toEqual([expected])
  })

  it('lets a diff path meet the coverage path', () => {
    const joined = joinFileLines(
      [
        {
          filename: '/repo/service/.venv/lib/python3.11/site-packages/demo/core.py',
          covered: [1, 2],
          missing: [3],
        },
      ],
      mapPath,
    )
    const result = computeDiffCoverage(new Map([['service/src/demo/core.py', [2, 3]]]), joined)
    expect(result.files.map((f) => [f.path, f.uncoveredRanges])).toEqual([
      ['service/src/demo/core.py', '3'],
    ])
  })

  it('merges two entries for one path: missing in either is missing', () => {
    const joined = joinFileLines(
      [
        { filename: 'a.py', covered: [1, 2], missing: [3] },
        { filename: './a.py', covered: [3], missing: [2] },
      ],
      (file) => file.replace(/^\.\//, ''),
    )
    const merged = joined.get('a.py')
    expect([...(merged?.covered ?? [])].sort()).toEqual([1])
    expect([...(merged?.missing ?? [])].sort()).toEqual([2, 3])
  })
})
