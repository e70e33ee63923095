import { describe, expect, it } from '@jest/globals'
import {
  coverageByRepositoryPath,
  measureDiffCoverage,
  sitePackagesOf,
} from '../../src/diff/measure.js'
import type { FileDiff } from '../../src/diff/unified-diff.js'
import type { CoberturaFile, CoberturaReport } from '../../src/report/cobertura.js'

const file = (filename: string, covered: number[], missing: number[]): CoberturaFile => ({
  filename,
  covered,
  missing,
  branches: 0,
  coveredBranches: 0,
  partialBranches: 0,
})

const report = (sources: string[], files: CoberturaFile[]): CoberturaReport => ({
  sources,
  linesValid: 0,
  linesCovered: 0,
  branchesValid: 0,
  branchesCovered: 0,
  percent: 0,
  files,
})

const diff = (path: string, addedLines: number[], extra: Partial<FileDiff> = {}): FileDiff => ({
  path,
  status: 'modified',
  binary: false,
  addedLines,
  ...extra,
})

describe('sitePackagesOf', () => {
  it.each([
    [['/venv/lib/python3.12/site-packages/demo/a.py'], ['/venv/lib/python3.12/site-packages']],
    [['/usr/lib/python3/dist-packages/x/y.py'], ['/usr/lib/python3/dist-packages']],
    [['C:\\venv\\Lib\\site-packages\\demo\\a.py'], ['C:\\venv\\Lib\\site-packages']],
    [['/work/repo/demo/a.py', 'demo/b.py'], []],
  ])('%j', (files, expected) => {
    expect(sitePackagesOf(files)).toEqual(expected)
  })
})

describe('coverageByRepositoryPath', () => {
  const exists = (present: string[]) => (p: string) => present.includes(p)

  it('resolves names against the sources and prefixes the working directory', () => {
    const xml = report(['/ws/service'], [file('shop/cart.py', [1, 2], [3])])
    const byPath = coverageByRepositoryPath(xml, {
      workingDirectory: '/ws/service',
      repoPrefix: 'service',
      exists: exists(['/ws/service/shop/cart.py']),
    })
    expect([...byPath]).toEqual([['service/shop/cart.py', { covered: [1, 2], missing: [3] }]])
  })

  it('takes an installed copy back to src/ (a src layout)', () => {
    const site = '/tmp/venv/lib/python3.11/site-packages'
    const xml = report([site], [file('shop/cart.py', [1], [2]), file('six.py', [1], [])])
    const byPath = coverageByRepositoryPath(xml, {
      workingDirectory: '/ws',
      repoPrefix: '',
      exists: exists([`${site}/shop/cart.py`, `${site}/six.py`, '/ws/src/shop/cart.py']),
    })
    expect([...byPath.keys()]).toEqual(['src/shop/cart.py', `${site}/six.py`])
  })
})

describe('measureDiffCoverage', () => {
  const coverage = new Map([
    ['a.py', { covered: [1, 2, 3], missing: [4, 5] }],
    ['b.py', { covered: [1], missing: [] }],
  ])
  const measure = (files: FileDiff[]) =>
    measureDiffCoverage({ files, coverage, source: 'pull request files API', base: 'abc' })

  it('counts changed statements, as diff-cover does', () => {
    const result = measure([
      diff('a.py', [2, 4, 5, 6]),
      diff('b.py', [1]),
      diff('README.md', [1, 2]),
      diff('logo.png', [], { binary: true }),
      diff('gone.bin', [], { binary: true, status: 'deleted' }),
    ])
    expect(result).toMatchObject({
      measured: true,
      source: 'pull request files API',
      base: 'abc',
      changedLines: 7,
      coverableLines: 4,
      coveredLines: 2,
      percentDisplay: '50',
      unreadFiles: ['logo.png'],
    })
    if (!result.measured) throw new Error('measured')
    expect(result.files.map((f) => [f.path, f.uncoveredRanges])).toEqual([
      ['a.py', '4-5'],
      ['b.py', ''],
    ])
  })

  it('shows the whole percent, cut down as diff-cover prints it', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => i + 1)
    const big = new Map([['c.py', { covered: lines.slice(1), missing: [1] }]])
    const result = measureDiffCoverage({
      files: [diff('c.py', lines)],
      coverage: big,
      source: 'git diff base...HEAD',
      base: 'main',
    })
    expect(result.measured && result.percentDisplay).toBe('99')
  })

  it.each([
    [[], 'no changed lines'],
    [[diff('gone.py', [], { status: 'deleted' })], 'no changed lines'],
    [
      [diff('README.md', [1, 2, 3])],
      'no changed Python lines that coverage measures (3 changed lines, none a measured statement)',
    ],
    [
      [diff('a.py', [7])],
      'no changed Python lines that coverage measures (1 changed line, none a measured statement)',
    ],
  ])('is not measured for %j', (files, reason) => {
    expect(measure(files)).toEqual({
      measured: false,
      reason,
      source: 'pull request files API',
      base: 'abc',
    })
  })
})
