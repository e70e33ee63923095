/**
 * Diff coverage agrees with Debian's diff-cover: the same repository, the same coverage
 * data and the same base branch give the same changed lines, covered lines, percent and
 * uncovered lines per file. Each scenario is a real git repository with a base branch and
 * a feature branch (changed, added, deleted and renamed files), measured by coverage.py.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { computeDiffCoverage, joinFileLines } from '../../src/diff/diff-coverage.js'
import { changedLinesByFile, parseGitDiff } from '../../src/diff/unified-diff.js'
import { parseCobertura, resolveCoberturaFile } from '../../src/report/cobertura.js'
import { mapCoveragePath } from '../../src/report/coverage.js'
import type { DiffCoverage } from '../../src/report/metrics.js'
import {
  commitScenario,
  type DiffCoverReport,
  FLAT,
  MONOREPO_SRC,
  run,
  runDiffCover,
  type Scenario,
} from '../helpers/diff-scenarios.js'

const PYTHON = '/usr/bin/python3'

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

interface Built {
  readonly repo: string
  readonly projectDir: string
  /** `git diff main...HEAD`, as the action would read it. */
  readonly diff: string
  readonly diffCover: DiffCoverReport
}

function build(scenario: Scenario): Built {
  const home = mkdtempSync(path.join(os.tmpdir(), 'python-ci-diff-cover-'))
  temps.push(home)
  const repo = path.join(home, 'repo')
  mkdirSync(repo)
  const git = (...args: string[]) => run('git', args, repo, home)
  commitScenario(repo, scenario, home)
  const projectDir = path.join(repo, scenario.project)
  const py = (...args: string[]) => run(PYTHON, args, projectDir, home)
  py('-m', 'coverage', 'run', '--branch', '-m', 'pytest', '-q', '-p', 'no:cacheprovider')
  py('-m', 'coverage', 'xml', '-o', 'coverage.xml')
  py('-m', 'coverage', 'json', '-o', 'coverage.json')
  const diff = git(
    '-c',
    'diff.noprefix=false',
    '-c',
    'diff.mnemonicprefix=false',
    'diff',
    'main...HEAD',
  )
  const diffCover = runDiffCover('coverage.xml', 'main', projectDir, home)
  return { repo, projectDir, diff, diffCover }
}

/** The figures diff-cover's JSON report holds, from our result. */
function asDiffCover(result: DiffCoverage): DiffCoverReport {
  return {
    src_stats: Object.fromEntries(
      result.files.map((file) => [
        file.path,
        { percent_covered: file.percent, violation_lines: [...file.uncoveredLines] },
      ]),
    ),
    total_num_lines: result.coverableLines,
    total_num_violations: result.coverableLines - result.coveredLines,
    total_percent_covered: result.percentTruncated,
    num_changed_lines: result.changedLines,
  }
}

describe.each([FLAT, MONOREPO_SRC])('diff-cover agreement: $name', (scenario) => {
  const built = build(scenario)
  const changed = changedLinesByFile(parseGitDiff(built.diff))
  const pathOptions = {
    workingDirectory: built.projectDir,
    sitePackages: [],
    repoPrefix: scenario.project,
    exists: (relative: string) => existsSync(path.join(built.projectDir, relative)),
  }
  const mapPath = (file: string) => mapCoveragePath(file, pathOptions)
  const expected = {
    src_stats: Object.fromEntries(
      Object.entries(built.diffCover.src_stats).map(([file, stats]) => [
        file,
        { percent_covered: stats.percent_covered, violation_lines: stats.violation_lines },
      ]),
    ),
    total_num_lines: built.diffCover.total_num_lines,
    total_num_violations: built.diffCover.total_num_violations,
    total_percent_covered: built.diffCover.total_percent_covered,
    num_changed_lines: built.diffCover.num_changed_lines,
  }

  it('the scenario is not trivial: some changed lines covered, some not, several files', () => {
    expect(built.diffCover.total_num_violations).toBeGreaterThan(0)
    expect(built.diffCover.total_num_lines).toBeGreaterThan(built.diffCover.total_num_violations)
    expect(Object.keys(built.diffCover.src_stats).length).toBeGreaterThanOrEqual(2)
  })

  it('coverage.json would not do: executed_lines holds a module docstring, no statement', () => {
    const json = JSON.parse(readFileSync(path.join(built.projectDir, 'coverage.json'), 'utf8'))
    const report = parseCobertura(readFileSync(path.join(built.projectDir, 'coverage.xml'), 'utf8'))
    const fromJson = Object.values<{ executed_lines: number[]; missing_lines: number[] }>(
      json.files,
    ).reduce((sum, file) => sum + new Set([...file.executed_lines, ...file.missing_lines]).size, 0)
    expect(fromJson).toBeGreaterThan(report.linesValid)
  })

  it('from coverage.xml, equals diff-cover', () => {
    const report = parseCobertura(readFileSync(path.join(built.projectDir, 'coverage.xml'), 'utf8'))
    const exists = (file: string) => existsSync(file)
    const coverage = joinFileLines(report.files, (file) =>
      mapPath(resolveCoberturaFile(file, report.sources, exists)),
    )
    expect(asDiffCover(computeDiffCoverage(changed, coverage))).toEqual(expected)
  })
})
