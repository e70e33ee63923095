/**
 * twine check --strict on every build, with the tools environment's twine (no
 * twine anywhere beforehand: the tool-cache Python has pip only): a broken
 * reStructuredText README fails the check with twine's own message, and a good
 * project's summary says the check passed.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runProcess } from '../harness/process.js'
import { python } from '../harness/reference.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const QUIET = { cache: 'false', 'dists-artifact': 'false', test: 'false' }

/** twine's ERROR lines for `files`, each with its wrapped lines, as the test's own twine prints them. */
async function twineProblems(files: readonly string[], cwd: string): Promise<string[]> {
  const result = await python(['-m', 'twine', 'check', '--strict', ...files], cwd, {
    COLUMNS: '200',
    NO_COLOR: '1',
  })
  expect(result.exitCode).not.toBe(0)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rich colours even with NO_COLOR
  const plain = result.stdout.replace(/\u001b\[[0-9;]*m/g, '')
  return [
    ...new Set(
      plain
        .split('\n')
        .filter((l) => /^\s+line \d+:/.test(l))
        .map((l) => l.trim()),
    ),
  ]
}

describe('a long description that does not render', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await runAction({ fixture: 'broken-readme', toolCachePython: true, inputs: QUIET })
  })
  afterAll(() => result.cleanup())

  it("fails twine check --strict with twine's own message, as a warning of the build", async () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    // The build's own folder, outside the checkout.
    const dist = path.dirname(result.outputs.wheel ?? '')
    const files = readdirSync(dist).map((f) => path.join(dist, f))
    expect(files).toHaveLength(2)
    const expected = await twineProblems(files, dist)
    expect(expected.length).toBeGreaterThan(0)
    const warnings = result.commands.filter(
      (c) => c.name === 'warning' && c.message.startsWith('twine check --strict found problems'),
    )
    expect(warnings).toHaveLength(1)
    for (const line of expected) expect(warnings[0]?.message).toContain(line)
    expect(result.summary).toContain('twine check: **failed**')
  })

  it('got twine from the index into the tools environment, not the project venv', () => {
    expect(result.stdout).toMatch(/tools environment \S+: build [\d.]+, twine [\d.]+ \(installed /)
    expect(result.stdout).not.toContain('twine check: not available')
  })
})

describe('a good project', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await runAction({
      fixture: 'setuptools-pyproject',
      toolCachePython: true,
      inputs: QUIET,
    })
  })
  afterAll(() => result.cleanup())

  it('passes twine check --strict, and the summary says so', async () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.summary).toMatch(/twine check: passed/)
    expect(result.summary).not.toContain('not available')
    // The build's own folder, outside the checkout.
    const dist = path.dirname(result.outputs.wheel ?? '')
    const check = await python(
      ['-m', 'twine', 'check', '--strict', ...readdirSync(dist).map((f) => path.join(dist, f))],
      dist,
    )
    expect(check.exitCode).toBe(0)
  })

  it('never puts build or twine into the project venv', async () => {
    const venv = /virtual environment: (\S+)/.exec(result.stdout)?.[1] ?? ''
    expect(venv).not.toBe('')
    const probe = await runProcess(
      path.join(venv, 'bin', 'python'),
      ['-c', 'import importlib.util as u; print(u.find_spec("twine"), u.find_spec("build"))'],
      { cwd: result.root, env: { PATH: '/usr/bin:/bin' } },
    )
    expect(probe.stdout.trim()).toBe('None None')
  })
})
