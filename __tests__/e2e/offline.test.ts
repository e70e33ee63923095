/**
 * With pip offline (PIP_NO_INDEX) and no system-site-packages input, a plain
 * venv could never get pytest, coverage and build; the action sees that the
 * base Python has them and lets the venv reuse them, and says so.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { countsAgreement } from '../harness/agreement.js'
import { type PytestReference, pytestReference } from '../harness/reference.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

describe('pip offline, system-site-packages left at its default', () => {
  let result: ActionResult
  let pytest: PytestReference
  beforeAll(async () => {
    pytest = await pytestReference('setuptools-legacy')
    result = await runAction({
      fixture: 'setuptools-legacy',
      toolCachePython: true,
      world: 'offline',
      inputs: { 'build-isolation': 'false' },
    })
  })
  afterAll(() => result.cleanup())

  it('reuses the base Python’s tools and says why', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.stdout).toMatch(
      /pip is offline \(PIP_NO_INDEX\) and \S+ has pytest, coverage: the venv reuses them/,
    )
    const { actual, expected } = countsAgreement(result, pytest)
    expect(actual).toEqual(expected)
  })
})
