/**
 * Two repositories for changed-lines coverage, each a base commit and a change on top:
 * changed, added, deleted and renamed files, covered and uncovered changed lines. The
 * library test (agreement/diff-cover) and the action's end-to-end test (e2e/diff-coverage)
 * measure them against Debian's diff-cover.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export type Files = Record<string, string | null>

export interface Scenario {
  readonly name: string
  /** Where pytest runs, relative to the repository root. */
  readonly project: string
  readonly base: Files
  /** null deletes; `rename` moves before the writes. */
  readonly change: Files
  readonly rename?: readonly [string, string][]
}

export const lines = (...text: string[]) => `${text.join('\n')}\n`

/** A setuptools pyproject.toml: build system, name and version, then `rest`. */
function pyproject(name: string, ...rest: string[]): string {
  const head = ['[build-system]', 'requires = ["setuptools>=61"]']
  const backend = 'build-backend = "setuptools.build_meta"'
  return lines(
    ...head,
    backend,
    '',
    '[project]',
    `name = "${name}"`,
    'version = "0.1.0"',
    '',
    ...rest,
  )
}

export const FLAT: Scenario = {
  name: 'flat layout: changed, new, renamed and deleted files',
  project: '',
  base: {
    'pyproject.toml': pyproject(
      'calc',
      '[tool.setuptools]',
      'packages = ["calc"]',
      '',
      '[tool.pytest.ini_options]',
      'testpaths = ["tests"]',
    ),
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

export const MONOREPO_SRC: Scenario = {
  name: 'src layout in a subfolder, coverage limited to the package',
  project: 'service',
  base: {
    'service/pyproject.toml': pyproject(
      'shop',
      '[tool.setuptools.packages.find]',
      'where = ["src"]',
      '',
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

export function writeFiles(root: string, files: Files): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name)
    if (text === null) rmSync(file)
    else {
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, text)
    }
  }
}

/** Runs a program with a minimal environment; its stdout. */
export function run(command: string, args: string[], cwd: string, home: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: home, PYTHONDONTWRITEBYTECODE: '1', LC_ALL: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** What diff-cover's --json-report holds. */
export interface DiffCoverReport {
  readonly src_stats: Record<string, { percent_covered: number; violation_lines: number[] }>
  readonly total_num_lines: number
  readonly total_num_violations: number
  readonly total_percent_covered: number
  readonly num_changed_lines: number
}

/**
 * The scenario as a repository at `repo`: the base committed on main, the change
 * committed on feature (checked out). The base commit's sha.
 */
export function commitScenario(repo: string, scenario: Scenario, home: string): string {
  mkdirSync(repo, { recursive: true })
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
  return git('rev-parse', 'main').trim()
}

/** Debian's diff-cover on `coverageXml` against `base`, run in `cwd`; its JSON report. */
export function runDiffCover(
  coverageXml: string,
  base: string,
  cwd: string,
  home: string,
): DiffCoverReport {
  const out = path.join(home, `diff-cover-${Date.now()}-${Math.random()}.json`)
  run(
    '/usr/bin/diff-cover',
    [coverageXml, `--compare-branch=${base}`, `--json-report=${out}`],
    cwd,
    home,
  )
  return JSON.parse(readFileSync(out, 'utf8')) as DiffCoverReport
}
