/**
 * dist/cli.js on a developer's machine: no GitHub variables, a project path
 * and flags; the report lands in the current directory and the exit code is
 * the verdict.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mapLimit } from '../harness/agreement.js'
import { failureLocations, pytestReference } from '../harness/reference.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../harness/runner.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

const CASES = [
  { fixture: 'setuptools-pyproject', flags: [] },
  { fixture: 'failing-test', flags: ['--no-build'] },
] as const
const runs = new Map<string, ActionResult>()

beforeAll(async () => {
  await mapLimit(CASES, 2, async ({ fixture, flags }) => {
    // The project in a folder of its own, so "the cwd" and "the project" differ.
    const result = await runAction({
      entry: 'cli',
      fixture,
      into: 'project',
      args: ['project', ...flags],
      toolCachePython: true,
    })
    runs.set(fixture, result)
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
    expect(existsSync(path.join(result.projectDir, 'dist'))).toBe(false)
  })
})
