/**
 * dist/cli.js on a developer's machine: no GitHub variables, a project path
 * and flags; the report lands in the current directory and the exit code is
 * the verdict.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { mapLimit } from '../harness/agreement.js'
import { REPO_ROOT } from '../harness/paths.js'
import { failureLocations, pytestReference } from '../harness/reference.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../harness/runner.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

const DESELECT = "-k 'not slow'"
const CASES = [
  { name: 'setuptools-pyproject', flags: [] },
  { name: 'failing-test', flags: ['--no-build'] },
  // Values that start with '-' given as the next argument, as a shell passes them.
  {
    name: 'deselect',
    fixture: 'subprocess-cli',
    flags: ['--no-build', '--pytest-args', DESELECT, '--reports-dir', 'reports'],
  },
  {
    name: 'pre',
    fixture: 'subprocess-cli',
    flags: ['--no-build', '--pip-args', '--pre', '--fail-under', '50', '--reports-dir', 'out/ci'],
  },
  {
    name: 'fail-under',
    fixture: 'subprocess-cli',
    flags: ['--no-build', '--pytest-args', DESELECT, '--fail-under', '100'],
  },
] as const
const runs = new Map<string, ActionResult>()

beforeAll(async () => {
  await mapLimit(CASES, 2, async (c) => {
    // The project in a folder of its own, so "the cwd" and "the project" differ.
    const result = await runAction({
      entry: 'cli',
      fixture: 'fixture' in c ? c.fixture : c.name,
      into: 'project',
      args: ['project', ...c.flags],
      toolCachePython: true,
    })
    runs.set(c.name, result)
  })
}, 600_000)

afterAll(() => {
  for (const result of runs.values()) result.cleanup()
})

function run(fixture: string): ActionResult {
  const found = runs.get(fixture)
  if (!found) throw new Error(`${fixture} did not run`)
  return found
}

describe('cli on setuptools-pyproject', () => {
  it('exits 0 and writes python-ci-report.md in the current directory', () => {
    const result = run('setuptools-pyproject')
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const report = path.join(result.workspace, 'python-ci-report.md')
    expect(existsSync(report)).toBe(true)
    expect(readFileSync(report, 'utf8')).toContain('demo-setuptools')
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })

  it('writes no GitHub workflow commands or files outside GitHub', () => {
    const result = run('setuptools-pyproject')
    expect(result.commands.filter((c) => ['error', 'warning'].includes(c.name))).toEqual([])
  })

  it('keeps the built files outside the project, and names them', () => {
    const result = run('setuptools-pyproject')
    const built = /^Built: (.+)$/m.exec(result.stdout)?.[1]?.split(', ') ?? []
    expect(built.map((f) => path.basename(f)).sort()).toEqual(
      ['demo_setuptools-0.1.0-py3-none-any.whl', 'demo_setuptools-0.1.0.tar.gz'].sort(),
    )
    for (const file of built) {
      expect(path.isAbsolute(file)).toBe(true)
      expect(existsSync(file)).toBe(true)
      expect(file.startsWith(result.projectDir)).toBe(false)
    }
    expect(existsSync(path.join(result.projectDir, 'dist'))).toBe(false)
  })
})

describe('cli on failing-test, with --no-build', () => {
  it('exits 1, with the report naming the failed test', async () => {
    const result = run('failing-test')
    expect(result.exitCode).toBe(1)
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
    const report = path.join(result.workspace, 'python-ci-report.md')
    expect(existsSync(report)).toBe(true)
    const pytest = await pytestReference('failing-test')
    const failures = failureLocations(pytest.output)
    expect(failures.length).toBeGreaterThan(0)
    const text = existsSync(report) ? readFileSync(report, 'utf8') : ''
    for (const failure of failures) expect(text).toContain(failure.test)
  })

  it('builds nothing', () => {
    const result = run('failing-test')
    expect(result.stdout).toMatch(/– build.*build: false|build: false/)
    expect(result.stdout).not.toMatch(/^Built: /m)
  })
})

interface CoverageJson {
  totals: { percent_covered_display: string }
}

function coverageJson(dir: string): CoverageJson {
  return JSON.parse(readFileSync(path.join(dir, 'coverage.json'), 'utf8')) as CoverageJson
}

/** The testcase names in a JUnit file. */
function junitCases(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/<testcase [^>]*\bname="([^"]*)"/g)].map(
    (m) => m[1] ?? '',
  )
}

describe('cli --pytest-args "-k \'not slow\'" --reports-dir reports', () => {
  it('exits 0 and writes junit.xml, coverage.xml, coverage.json and the report into ./reports', () => {
    const result = run('deselect')
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const reports = path.join(result.workspace, 'reports')
    for (const file of ['junit.xml', 'coverage.xml', 'coverage.json', 'python-ci-report.md'])
      expect(existsSync(path.join(reports, file))).toBe(true)
    expect(existsSync(path.join(result.workspace, 'python-ci-report.md'))).toBe(false)
    expect(readFileSync(path.join(reports, 'coverage.xml'), 'utf8')).toMatch(
      /<coverage [^>]*line-rate=/,
    )
    expect(result.stdout).toContain(`Report: ${path.join(reports, 'python-ci-report.md')}`)
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })

  it("runs the tests pytest's own -k 'not slow' runs, and not the deselected ones", async () => {
    const result = run('deselect')
    const [all, kept] = await Promise.all([
      pytestReference('subprocess-cli'),
      pytestReference('subprocess-cli', ['-k', 'not slow']),
    ])
    expect(kept.deselected).toBeGreaterThan(0)
    expect(kept.tests + kept.deselected).toBe(all.tests)
    const cases = junitCases(path.join(result.workspace, 'reports', 'junit.xml'))
    expect(cases.length).toBe(kept.tests)
    expect(cases.filter((name) => name.includes('slow'))).toEqual([])
  })

  it("prints a coverage line the README's GitLab regex reads as coverage.py's total", () => {
    const result = run('deselect')
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
    const block = /```yaml\n(python-ci:[\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const job = (parseYaml(block) as Record<string, { coverage: string }>)['python-ci']
    const pattern = new RegExp(/^\/(.*)\/$/.exec(job?.coverage ?? '')?.[1] ?? '$^')
    const lines = result.stdout.split('\n').filter((line) => pattern.test(line))
    // GitLab takes the last matching line, and the first number in its match.
    const match = pattern.exec(lines.at(-1) ?? '')?.[0] ?? ''
    const total = coverageJson(path.join(result.workspace, 'reports')).totals
    expect(/\d+(?:\.\d+)?/.exec(match)?.[0]).toBe(total.percent_covered_display)
  })
})

describe('cli --pip-args --pre --fail-under 50 --reports-dir out/ci', () => {
  it('exits 0 with coverage at or over 50, the reports in out/ci', () => {
    const result = run('pre')
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const reports = path.join(result.workspace, 'out', 'ci')
    expect(existsSync(path.join(reports, 'python-ci-report.md'))).toBe(true)
    expect(Number(coverageJson(reports).totals.percent_covered_display)).toBeGreaterThanOrEqual(50)
  })
})

describe('cli --fail-under 100 with the slow tests deselected', () => {
  it('exits 1, naming the total coverage.py reports and the threshold', () => {
    const result = run('fail-under')
    expect(result.exitCode).toBe(1)
    const report = readFileSync(path.join(result.workspace, 'python-ci-report.md'), 'utf8')
    // Without --reports-dir the reports stay where the last line says.
    const dir = /\(JUnit and coverage files in (.+)\)$/m.exec(result.stdout)?.[1] ?? ''
    const total = coverageJson(dir).totals.percent_covered_display
    expect(Number(total)).toBeLessThan(100)
    expect(result.stderr).toContain(`coverage ${total}% is under fail-under 100%`)
    expect(report).toContain('fail-under 100%')
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })
})
