/**
 * One clear message per failure: a setup.py that raises, a backend that
 * refuses to build, and a pytest option pytest does not know each give one
 * error annotation, on one line, that carries the tool's own reason, not
 * pip's "This error originates from a subprocess" or build's wrapping.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { runEach } from '../harness/run-each.js'
import { type ActionResult, describeRun } from '../harness/runner.js'

jest.setTimeout(300_000)

interface Failure {
  readonly name: string
  readonly fixture: string
  readonly inputs: Readonly<Record<string, string>>
  /** The reason, as the tool itself says it. */
  readonly reason: string
  /** The stage the one error names. */
  readonly stage: string
}

const FAILURES: readonly Failure[] = [
  {
    name: 'a setup.py that raises when pip installs the project',
    fixture: 'install-fails',
    inputs: {},
    reason: 'demo-install-fails: this setup.py refuses to build, on purpose',
    stage: 'install failed: ',
  },
  {
    name: 'a build backend that raises when asked for the sdist',
    fixture: 'build-fails',
    inputs: { test: 'false' },
    reason: 'RuntimeError: demo-build-fails: the backend refuses to make an sdist, on purpose',
    stage: 'build failed: ',
  },
  {
    name: 'a pytest option pytest does not know',
    fixture: 'setuptools-pyproject',
    inputs: { 'pytest-args': '--no-such-flag', build: 'false' },
    reason: 'error: unrecognized arguments: --no-such-flag',
    stage: 'test failed: ',
  },
]

const runOf = runEach(FAILURES, 2, (f) => ({
  fixture: f.fixture,
  toolCachePython: true,
  inputs: f.inputs,
}))

describe.each(FAILURES)('$name', (f) => {
  const result = (): ActionResult => runOf(f).result
  const annotations = (name: string) =>
    result()
      .commands.filter((c) => c.name === name)
      .map((c) => c.message)

  it('fails the step with one error that gives the real reason', () => {
    const errors = annotations('error')
    if (result().exitCode !== 1 || errors.length !== 1) throw new Error(describeRun(result()))
    const [error = ''] = errors
    expect(error.startsWith(f.stage)).toBe(true)
    expect(error).toContain(f.reason)
    expect(error).not.toMatch(/originates from a subprocess|subprocess-exited-with-error/)
  })

  it('keeps every annotation on one line, with no escape shown as text', () => {
    for (const message of [...annotations('error'), ...annotations('warning')])
      expect(message).not.toMatch(/\n|%0A|%25/)
  })
})
