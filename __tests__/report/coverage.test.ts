import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  type CoveragePathOptions,
  CoverageReportError,
  mapCoveragePath,
  parseCoverageJson,
} from '../../src/report/coverage.js'

const REPORTS = new URL('../../__fixtures__/reports/', import.meta.url)

function fixture(name: string): string {
  return readFileSync(new URL(name, REPORTS), 'utf8')
}

interface ReportRow {
  name: string
  stmts: number
  miss: number
  branch: number
  brpart: number
  cover: string
}

/** The rows of `coverage report` text output (with branch columns), TOTAL included. */
function reportRows(text: string): ReportRow[] {
  const rows: ReportRow[] = []
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)%$/.exec(line.trimEnd())
    if (match === null) continue
    const [, name, stmts, miss, branch, brpart, cover] = match
    rows.push({
      name,
      stmts: Number(stmts),
      miss: Number(miss),
      branch: Number(branch),
      brpart: Number(brpart),
      cover,
    })
  }
  return rows
}

const keepPath = { mapPath: (file: string) => file, sourceNote: 'demo (coverage configuration)' }

describe('parseCoverageJson on real coverage.py output', () => {
  it.each([
    ['coverage.json', 'coverage-report.txt'],
    ['coverage-precision2.json', 'coverage-precision2-report.txt'],
  ])('%s agrees with `coverage report` (%s)', (json, text) => {
    const rows = reportRows(fixture(text))
    const total = rows.find((row) => row.name === 'TOTAL')
    const result = parseCoverageJson(fixture(json), keepPath)

    expect(result.percentDisplay).toBe(total?.cover)
    expect(result.statements).toBe(total?.stmts)
    expect(result.statements - result.coveredLines).toBe(total?.miss)
    expect(result.branches).toBe(total?.branch)
    expect(result.files.map((file) => [file.path, file.percentDisplay])).toEqual(
      rows.filter((row) => row.name !== 'TOTAL').map((row) => [row.name, row.cover]),
    )
    for (const file of result.files) {
      const row = rows.find((r) => r.name === file.path)
      expect([file.statements, file.missing, file.branches, file.partialBranches]).toEqual([
        row?.stmts,
        row?.miss,
        row?.branch,
        row?.brpart,
      ])
    }
    expect(result.sourceNote).toBe(keepPath.sourceNote)
  })

  it('counts branches in the total, as coverage report does', () => {
    const result = parseCoverageJson(fixture('coverage-precision2.json'), keepPath)
    const combined =
      (100 * (result.coveredLines + result.coveredBranches)) / (result.statements + result.branches)
    expect(result.percentDisplay).toBe(combined.toFixed(2))
    // Lines alone would give another figure; the fixture is chosen so that they differ.
    expect(((100 * result.coveredLines) / result.statements).toFixed(2)).not.toBe(
      result.percentDisplay,
    )
  })

  it('keeps the missing lines of each file', () => {
    const result = parseCoverageJson(fixture('coverage.json'), keepPath)
    expect(result.files.find((file) => file.path === 'demo/shapes.py')?.missingLines).toEqual([
      4, 5, 6, 11, 16,
    ])
  })

  it('maps every path and sorts by the mapped path', () => {
    const mapPath = (file: string) => (file.endsWith('cli.py') ? `a/${file}` : `z/${file}`)
    const result = parseCoverageJson(fixture('coverage.json'), { mapPath, sourceNote: '' })
    expect(result.files.map((file) => file.path)).toEqual([
      'a/demo/cli.py',
      'z/demo/__init__.py',
      'z/demo/shapes.py',
    ])
  })
})

function summary(extra: Record<string, unknown> = {}) {
  return {
    covered_lines: 3,
    num_statements: 4,
    percent_covered: 75,
    percent_covered_display: '75',
    missing_lines: 1,
    excluded_lines: 0,
    ...extra,
  }
}

function report(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    meta: { version: '7.6.1', branch_coverage: false },
    files: { 'pkg/a.py': { executed_lines: [1, 2, 3], summary: summary(), missing_lines: [4] } },
    totals: summary(),
    ...overrides,
  })
}

describe('parseCoverageJson', () => {
  it('reads a report without branch coverage', () => {
    expect(parseCoverageJson(report(), keepPath)).toEqual({
      percent: 75,
      percentDisplay: '75',
      coveredLines: 3,
      statements: 4,
      coveredBranches: 0,
      branches: 0,
      files: [
        {
          path: 'pkg/a.py',
          statements: 4,
          missing: 1,
          branches: 0,
          partialBranches: 0,
          percent: 75,
          percentDisplay: '75',
          missingLines: [4],
        },
      ],
      sourceNote: keepPath.sourceNote,
    })
  })

  it('reads a report of no files', () => {
    const json = report({ files: {}, totals: summary({ covered_lines: 0, num_statements: 0 }) })
    expect(parseCoverageJson(json, keepPath).files).toEqual([])
  })

  it.each([
    ['not JSON', '{"files": ', /not valid JSON/],
    ['a list', '[]', /the coverage JSON report must be an object/],
    ['no totals', report({ totals: undefined }), /"totals" must be an object/],
    ['no files', report({ files: null }), /"files" must be an object/],
    [
      'no display percentage (coverage before 5.6)',
      report({ totals: { ...summary(), percent_covered_display: undefined } }),
      /"totals".percent_covered_display is missing; it is written by coverage 5.6 and later/,
    ],
    [
      'a count that is not a number',
      report({ totals: summary({ num_statements: '4' }) }),
      /"totals".num_statements must be a whole number, not "4"/,
    ],
    [
      'a percentage out of range',
      report({ totals: summary({ percent_covered: 140 }) }),
      /"totals".percent_covered must be a number from 0 to 100, not 140/,
    ],
    [
      'a file without summary',
      report({ files: { 'a.py': { missing_lines: [] } } }),
      /"files"\["a.py"\].summary must be an object/,
    ],
    [
      'missing lines that are not numbers',
      report({ files: { 'a.py': { summary: summary(), missing_lines: ['4'] } } }),
      /"files"\["a.py"\].missing_lines must be a list of line numbers/,
    ],
  ])('rejects %s', (_label, json, message) => {
    expect(() => parseCoverageJson(json, keepPath)).toThrow(CoverageReportError)
    expect(() => parseCoverageJson(json, keepPath)).toThrow(message)
  })
})

describe('mapCoveragePath', () => {
  const existing = new Set(['src/demo/calc.py', 'flat/mod.py'])
  const base: CoveragePathOptions = {
    workingDirectory: '/home/runner/work/repo/repo/project',
    sitePackages: ['/home/runner/work/repo/repo/project/.venv/lib/python3.12/site-packages'],
    repoPrefix: '',
    exists: (relative) => existing.has(relative),
  }
  const site = '/home/runner/work/repo/repo/project/.venv/lib/python3.12/site-packages'

  it.each<[string, string, Partial<CoveragePathOptions>, string]>([
    ['a relative path stays', 'demo/calc.py', {}, 'demo/calc.py'],
    [
      'a relative path gets the prefix',
      'demo/calc.py',
      { repoPrefix: 'project' },
      'project/demo/calc.py',
    ],
    [
      'a prefix with a trailing slash',
      'demo/calc.py',
      { repoPrefix: 'project/' },
      'project/demo/calc.py',
    ],
    ['"./" is dropped', './demo/calc.py', {}, 'demo/calc.py'],
    ['".." leaves the working directory', '../lib/x.py', { repoPrefix: 'project' }, 'lib/x.py'],
    [
      'under the working directory',
      '/home/runner/work/repo/repo/project/demo/calc.py',
      {},
      'demo/calc.py',
    ],
    [
      'under the working directory, with the prefix',
      '/home/runner/work/repo/repo/project/demo/calc.py',
      { repoPrefix: 'project' },
      'project/demo/calc.py',
    ],
    ['installed copy of a src layout', `${site}/demo/calc.py`, {}, 'src/demo/calc.py'],
    [
      'installed copy, with the prefix',
      `${site}/demo/calc.py`,
      { repoPrefix: 'project' },
      'project/src/demo/calc.py',
    ],
    ['installed copy of a flat layout', `${site}/flat/mod.py`, {}, 'flat/mod.py'],
    ['installed file not in the project', `${site}/other/mod.py`, {}, `${site}/other/mod.py`],
    [
      'outside everything',
      '/usr/lib/python3/dist-packages/six.py',
      {},
      '/usr/lib/python3/dist-packages/six.py',
    ],
    [
      'a sibling folder with the same start',
      '/home/runner/work/repo/repo/project2/a.py',
      {},
      '/home/runner/work/repo/repo/project2/a.py',
    ],
    [
      'Windows paths',
      'D:\\a\\repo\\repo\\demo\\calc.py',
      { workingDirectory: 'D:\\a\\repo\\repo', sitePackages: [] },
      'demo/calc.py',
    ],
    [
      'Windows paths in another case',
      'd:\\A\\Repo\\repo\\demo\\calc.py',
      { workingDirectory: 'D:\\a\\repo\\repo', sitePackages: [] },
      'demo/calc.py',
    ],
    [
      'Windows installed copy',
      'C:\\venv\\Lib\\site-packages\\demo\\calc.py',
      { sitePackages: ['C:\\venv\\Lib\\site-packages'] },
      'src/demo/calc.py',
    ],
    ['a relative Windows path', 'demo\\calc.py', { repoPrefix: 'project' }, 'project/demo/calc.py'],
  ])('%s: %s', (_label, file, overrides, expected) => {
    expect(mapCoveragePath(file, { ...base, ...overrides })).toBe(expected)
  })
})
