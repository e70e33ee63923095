/**
 * The project's code never sees the step's inputs or the runner's tokens:
 * the env-probe fixture's setup.py fails the build, and its test fails, when
 * any INPUT_* variable, the OIDC request token or URL, the runtime token or
 * URLs, or a file command (GITHUB_OUTPUT, GITHUB_ENV, …) reaches them. pip,
 * the build backend and pytest all run the project's code.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { QUICK_INPUTS } from '../harness/pull-request.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

let result: ActionResult

beforeAll(async () => {
  result = await runAction({
    fixture: 'env-probe',
    toolCachePython: true,
    inputs: { ...QUICK_INPUTS, 'pypi-token': 'pypi-AgEIcHlwaS5vcmcsecret', publish: 'false' },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-secret',
      ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
    },
  })
})
afterAll(() => result?.cleanup())

describe("the project's processes", () => {
  it('build and test without the inputs or the runner tokens in their environment', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    // The build backend ran setup.py for the install, the sdist and the wheel.
    expect(result.outputs.wheel).toMatch(/env_probe-0\.1\.0-py3-none-any\.whl$/)
    expect(result.outputs.passed).toBe('1')
    expect(result.outputs.failed).toBe('0')
  })
})
