/**
 * A command line tested only through `subprocess.run([sys.executable, "-m",
 * "greeter", ...])`: with subprocess-coverage (the default) its main() counts
 * as covered, and the coverage output is what coverage.py itself says after
 * combining the action's per-process data files, with the same coverage.py
 * (the venv's) that the action ran: the hosted world's current one (patch =
 * subprocess) and Debian's 6.5 of the offline world (COVERAGE_PROCESS_START).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mapLimit } from '../harness/agreement.js'
import { FIXTURES } from '../harness/paths.js'
import {
  combinedCoverageReference,
  coverageReference,
  type PytestReference,
  pytestReference,
} from '../harness/reference.js'
import { type ActionResult, describeRun, type RunContext, runAction } from '../harness/runner.js'
import type { World } from '../harness/tool-cache.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

const FIXTURE = 'subprocess-cli'

interface Case {
  readonly name: string
  /** The file holding the project's coverage settings; default pyproject.toml. */
  readonly settings?: string
  readonly inputs?: Readonly<Record<string, string>>
  readonly world?: World
  readonly prepare?: (ctx: RunContext) => void
}

const DEFAULT: Case = { name: 'default' }
const OFF: Case = { name: 'off', inputs: { 'subprocess-coverage': 'false' } }
// The same settings in setup.cfg, beside another tool's section, instead of pyproject.toml.
const SETUP_CFG: Case = {
  name: 'setup.cfg',
  settings: 'setup.cfg',
  prepare: (ctx) => {
    const pyproject = path.join(ctx.projectDir, 'pyproject.toml')
    const text = readFileSync(pyproject, 'utf8')
    writeFileSync(pyproject, text.slice(0, text.indexOf('[tool.coverage.run]')))
    writeFileSync(
      path.join(ctx.projectDir, 'setup.cfg'),
      [
        '[flake8]',
        'max-line-length = 100',
        '',
        '[coverage:run]',
        'omit =',
        '    */greeter/debugging.py',
        '',
        '[coverage:report]',
        'exclude_lines =',
        '    pragma: no cover',
        '    if TYPE_CHECKING:',
        'precision = 2',
        '',
      ].join('\n'),
    )
  },
}
// Debian's coverage 6.5, which has no patch = subprocess: a project that pins an old coverage.
const OLD: Case = { name: 'offline, Debian coverage', world: 'offline' }
const ON = [DEFAULT, SETUP_CFG, OLD]
const CASES = [...ON, OFF]

interface Run {
  readonly result: ActionResult
  /** The action's venv interpreter: the coverage.py the action ran. */
  readonly python: string
  readonly coverageVersion: string
  readonly reports: string
}

const runs = new Map<string, Run>()
let pytest: PytestReference

beforeAll(async () => {
  pytest = await pytestReference(FIXTURE)
  await mapLimit(CASES, 2, async (c) => {
    const result = await runAction({
      fixture: FIXTURE,
      toolCachePython: true,
      inputs: { build: 'false', ...c.inputs },
      world: c.world,
      prepare: c.prepare,
    })
    const reportPath = result.outputs['report-path'] ?? ''
    const reports = path.dirname(reportPath)
    const python = path.join(path.dirname(reports), 'venv', 'bin', 'python')
    const coverageVersion = existsSync(python)
      ? execFileSync(python, ['-c', 'import coverage; print(coverage.__version__)'], {
          encoding: 'utf8',
        }).trim()
      : '(no venv)'
    runs.set(c.name, { result, python, coverageVersion, reports })
  })
}, 600_000)

afterAll(() => {
  for (const { result } of runs.values()) result.cleanup()
})

function run(c: Case): Run {
  const found = runs.get(c.name)
  if (!found) throw new Error(`${c.name} did not run`)
  if (found.result.exitCode !== 0) throw new Error(describeRun(found.result))
  return found
}

interface FileData {
  executed_lines: number[]
  missing_lines: number[]
}

function coverageJson(r: Run): Record<string, FileData> {
  const data = JSON.parse(readFileSync(path.join(r.reports, 'coverage.json'), 'utf8')) as {
    files: Record<string, FileData>
  }
  return data.files
}

/** Statement lines of main() in greeter/cli.py (it is the module's last function). */
function mainStatements(r: Run): { executed: number[]; missing: number[] } {
  const source = readFileSync(path.join(FIXTURES, FIXTURE, 'greeter', 'cli.py'), 'utf8')
  const first = source.split('\n').findIndex((line) => line.startsWith('def main(')) + 1
  expect(first).toBeGreaterThan(0)
  const file = coverageJson(r)['greeter/cli.py']
  if (!file)
    throw new Error(`greeter/cli.py is not in coverage.json: ${Object.keys(coverageJson(r))}`)
  return {
    executed: file.executed_lines.filter((n) => n > first),
    missing: file.missing_lines.filter((n) => n > first),
  }
}

/** How the action said it follows the processes, given the coverage.py it ran. */
function mechanism(version: string): string {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 7 || (major === 7 && minor >= 10)
    ? `through patch = subprocess (coverage ${version})`
    : `through COVERAGE_PROCESS_START (coverage ${version} has no patch = subprocess)`
}

it("tries both of coverage.py's ways: patch = subprocess, and COVERAGE_PROCESS_START", () => {
  const ways = new Set(ON.map((c) => mechanism(run(c).coverageVersion).split(' (')[0]))
  expect([...ways].sort()).toEqual(['through COVERAGE_PROCESS_START', 'through patch = subprocess'])
})

describe.each(ON)('subprocess-coverage on ($name)', (c) => {
  it("counts main()'s lines, which only a child process ran, as covered", () => {
    const { executed, missing } = mainStatements(run(c))
    expect(missing).toEqual([])
    expect(executed.length).toBeGreaterThan(5)
    expect(coverageJson(run(c))['greeter/__main__.py']?.missing_lines).toEqual([])
  })

  it("keeps the project's own settings in the children: its omit holds there too", () => {
    // debugging.py is imported only inside `python -m greeter --debug`.
    expect(Object.keys(coverageJson(run(c))).filter((f) => f.includes('debugging'))).toEqual([])
  })

  it('reports what coverage combine + coverage report say about its data files', async () => {
    const r = run(c)
    const reference = await combinedCoverageReference(
      path.join(r.reports, 'coverage-parts'),
      r.result.projectDir,
      r.python,
    )
    // pytest's process and the `python -m greeter` ones each wrote a file.
    expect(reference.files).toBeGreaterThan(1)
    expect(r.result.outputs.coverage).toBe(reference.total)
    // The combined .coverage the action leaves says the same.
    const combined = await coverageReference(
      path.join(r.reports, '.coverage'),
      r.result.projectDir,
      r.python,
    )
    expect(combined.total).toBe(reference.total)
  })

  it('says in the log how the children are measured, and leaves nothing in the venv', () => {
    const r = run(c)
    expect(r.result.stdout).toContain(
      `the processes the tests start are measured too, ${mechanism(r.coverageVersion)}, with a copy of ${c.settings ?? 'pyproject.toml'}'s coverage settings`,
    )
    const pth = execFileSync(
      r.python,
      ['-c', 'import sysconfig, os; print(os.listdir(sysconfig.get_paths()["purelib"]))'],
      { encoding: 'utf8' },
    )
    expect(pth).not.toContain('python_ci_coverage.pth')
  })

  it('counts the tests as pytest does', () => {
    const o = run(c).result.outputs
    expect([o.tests, o.passed, o.failed]).toEqual([
      String(pytest.tests),
      String(pytest.passed),
      String(pytest.failed),
    ])
  })
})

describe('subprocess-coverage: false', () => {
  it("leaves main()'s lines uncovered, as coverage run alone does", () => {
    const { executed, missing } = mainStatements(run(OFF))
    expect(executed).toEqual([])
    expect(missing.length).toBeGreaterThan(5)
  })

  it('reports what coverage report says about its one data file, below the default', async () => {
    const r = run(OFF)
    const reference = await coverageReference(
      path.join(r.reports, '.coverage'),
      r.result.projectDir,
      r.python,
    )
    expect(r.result.outputs.coverage).toBe(reference.total)
    expect(Number(reference.total)).toBeLessThan(Number(run(DEFAULT).result.outputs.coverage))
    expect(existsSync(path.join(r.reports, 'coverage-parts'))).toBe(false)
    expect(r.result.stdout).not.toContain('the processes the tests start are measured')
  })
})
