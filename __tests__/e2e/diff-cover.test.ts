/**
 * Diff coverage agrees with Debian's diff-cover: the same repository, the same coverage
 * data and the same base branch give the same changed lines, covered lines, percent and
 * uncovered lines per file. Each scenario is a real git repository with a base branch and
 * a feature branch (changed, added, deleted and renamed files), measured by coverage.py.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parseCobertura, resolveCoberturaFile } from '../../src/report/cobertura.js'
import { mapCoveragePath } from '../../src/report/coverage.js'
import { changedLinesByFile, parseGitDiff } from '../../src/report/diff.js'
import {
  computeDiffCoverage,
  type DiffCoverage,
  joinFileLines,
} from '../../src/report/diff-coverage.js'

const PYTHON = '/usr/bin/python3'
const DIFF_COVER = '/usr/bin/diff-cover'

type Files = Record<string, string | null>

interface Scenario {
  readonly name: string
  /** Where pytest runs, relative to the repository root. */
  readonly project: string
  readonly base: Files
  /** null deletes; `rename` moves before the writes. */
  readonly change: Files
  readonly rename?: readonly [string, string][]
}

const lines = (...text: string[]) => `${text.join('\n')}\n`

const FLAT: Scenario = {
  name: 'flat layout: changed, new, renamed and deleted files',
  project: '',
  base: {
    'pyproject.toml': lines('[tool.pytest.ini_options]', 'testpaths = ["tests"]'),
    'calc/__init__.py': lines('from calc.ops import add', ''),
    'calc/ops.py': lines(
      'def add(a, b):',
      '    return a + b',
      '',
      '',
      'def sub(a, b):',
      '    # old comment',
      '    return a - b',
      '',
      '',
      'def unused():',
      '    return 0',
    ),
    'calc/util.py': lines(
      'def clamp(x, lo, hi):',
      '    if x < lo:',
      '        return lo',
      '    if x > hi:',
      '        return hi',
      '    return x',
    ),
    'calc/legacy.py': lines('def old():', '    return 1'),
    'tests/test_ops.py': lines(
      'from calc.ops import add, sub',
      'from calc.helpers import clamp',
      '',
      '',
      'def test_add():',
      '    assert add(1, 2) == 3',
      '',
      '',
      'def test_clamp():',
      '    assert clamp(5, 0, 3) == 3',
    ),
    'README.md': lines('# calc'),
  },
  rename: [['calc/util.py', 'calc/helpers.py']],
  change: {
    'calc/ops.py': lines(
      'def add(a, b):',
      '    if a is None:',
      '        raise ValueError("a")',
      '    return a + b',
      '',
      '',
      'def sub(a, b):',
      '    return a - b',
      '',
      '',
      'def mul(a, b):',
      '    result = 0',
      '    for _ in range(b):',
      '        result += a',
      '    return result',
      '',
      '',
      'def unused():',
      '    return 0',
    ),
    'calc/helpers.py': lines(
      'def clamp(x, lo, hi):',
      '    if x < lo:',
      '        return lo',
      '    if x > hi:  # partial: only the true side runs',
      '        return hi',
      '    return x',
      '',
      '',
      'def spread(lo, hi):',
      '    return hi - lo',
    ),
    'calc/legacy.py': null,
    'calc/fresh.py': lines(
      '"""A new module."""',
      '',
      'LIMIT = 10',
      '',
      '',
      'def check(x):',
      '    if x > LIMIT:',
      '        return "big"',
      '    return "small"',
    ),
    'tests/test_ops.py': lines(
      'from calc.fresh import check',
      'from calc.ops import add, mul, sub',
      'from calc.helpers import clamp',
      '',
      '',
      'def test_add():',
      '    assert add(1, 2) == 3',
      '',
      '',
      'def test_clamp():',
      '    assert clamp(5, 0, 3) == 3',
      '',
      '',
      'def test_check():',
      '    assert check(1) == "small"',
    ),
    'README.md': lines('# calc', '', 'Adds, subtracts and multiplies.'),
  },
}

const MONOREPO_SRC: Scenario = {
  name: 'src layout in a subfolder, coverage limited to the package',
  project: 'service',
  base: {
    'service/pyproject.toml': lines(
      '[tool.pytest.ini_options]',
      'pythonpath = ["src"]',
      'testpaths = ["tests"]',
      '',
      '[tool.coverage.run]',
      'source = ["shop"]',
    ),
    'service/src/shop/__init__.py': '',
    'service/src/shop/cart.py': lines(
      'class Cart:',
      '    def __init__(self):',
      '        self.items = []',
      '',
      '    def add(self, name, price):',
      '        self.items.append((name, price))',
      '',
      '    def total(self):',
      '        return sum(price for _, price in self.items)',
    ),
    'service/tests/test_cart.py': lines(
      'from shop.cart import Cart',
      '',
      '',
      'def test_total():',
      '    cart = Cart()',
      '    cart.add("a", 2)',
      '    assert cart.total() == 2',
    ),
    'docs/index.md': lines('# shop'),
  },
  rename: [['service/src/shop/__init__.py', 'service/src/shop/base.py']],
  change: {
    'service/src/shop/__init__.py': lines('"""Shop."""', 'VERSION = "1.0"'),
    'service/src/shop/base.py': lines('def noop():', '    pass'),
    'service/src/shop/cart.py': lines(
      'class Cart:',
      '    def __init__(self, discount=0):',
      '        self.items = []',
      '        self.discount = discount',
      '',
      '    def add(self, name, price):',
      '        if price < 0:',
      '            raise ValueError(name)',
      '        self.items.append((name, price))',
      '',
      '    def remove(self, name):',
      '        self.items = [i for i in self.items if i[0] != name]',
      '',
      '    def total(self):',
      '        gross = sum(price for _, price in self.items)',
      '        if self.discount:',
      '            return gross * (100 - self.discount) / 100',
      '        return gross',
    ),
    'service/src/shop/tax.py': lines(
      'RATE = 0.2',
      '',
      '',
      'def with_tax(amount):',
      '    return amount * (1 + RATE)',
    ),
    'service/tests/test_cart.py': lines(
      'from shop.cart import Cart',
      'from shop.tax import with_tax',
      '',
      '',
      'def test_total():',
      '    cart = Cart(discount=50)',
      '    cart.add("a", 2)',
      '    assert cart.total() == 1',
      '',
      '',
      'def test_tax():',
      '    assert with_tax(10) == 12',
    ),
    'docs/index.md': lines('# shop', '', 'Carts and taxes.'),
  },
}

const temps: string[] = []
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

function run(command: string, args: string[], cwd: string, home: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: home, PYTHONDONTWRITEBYTECODE: '1', LC_ALL: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

function writeFiles(root: string, files: Files): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name)
    if (text === null) rmSync(file)
    else {
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, text)
    }
  }
}

interface Built {
  readonly repo: string
  readonly projectDir: string
  /** `git diff main...HEAD`, as the action would read it. */
  readonly diff: string
  readonly diffCover: DiffCoverReport
}

interface DiffCoverReport {
  readonly src_stats: Record<string, { percent_covered: number; violation_lines: number[] }>
  readonly total_num_lines: number
  readonly total_num_violations: number
  readonly total_percent_covered: number
  readonly num_changed_lines: number
}

function build(scenario: Scenario): Built {
  const home = mkdtempSync(path.join(os.tmpdir(), 'python-ci-diff-cover-'))
  temps.push(home)
  const repo = path.join(home, 'repo')
  mkdirSync(repo)
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args], repo, home)
  git('init', '-q', '-b', 'main')
  writeFiles(repo, scenario.base)
  git('add', '-A')
  git('commit', '-qm', 'base')
  git('checkout', '-qb', 'feature')
  for (const [from, to] of scenario.rename ?? []) git('mv', from, to)
  writeFiles(repo, scenario.change)
  git('add', '-A')
  git('commit', '-qm', 'change')
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
  const out = path.join(home, 'diff-cover.json')
  run(
    DIFF_COVER,
    ['coverage.xml', '--compare-branch=main', `--json-report=${out}`],
    projectDir,
    home,
  )
  return { repo, projectDir, diff, diffCover: JSON.parse(readFileSync(out, 'utf8')) }
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
