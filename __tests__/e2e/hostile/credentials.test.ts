/**
 * A test that plants a start-up (.pth) file in the project's venv, to catch
 * the credentials of the twine that uploads in the same job: twine runs from
 * the action's own tools environment, so the planted line never sees them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type PypiServer, startPypiServer } from '../../harness/pypi-server.js'
import { type ActionResult, describeRun, runAction } from '../../harness/runner.js'

jest.setTimeout(240_000)

let pypi: PypiServer
let result: ActionResult

const stolen = () => path.join(result.projectDir, 'stolen-credentials.txt')

/** The project's venv the run left in RUNNER_TEMP. */
function projectPython(): string {
  const ours = readdirSync(result.runnerTemp).filter((d) => d.startsWith('python-ci-'))
  const pythons = ours
    .map((d) => path.join(result.runnerTemp, d, 'venv', 'bin', 'python'))
    .filter(existsSync)
  if (pythons.length !== 1) throw new Error(`expected one project venv, found ${pythons.length}`)
  return pythons[0] ?? ''
}

beforeAll(async () => {
  pypi = await startPypiServer()
  result = await runAction({
    fixture: 'hostile-pth',
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    inputs: { 'repository-url': pypi.uploadUrl, 'pypi-token': pypi.apiToken },
  })
})

afterAll(async () => {
  result?.cleanup()
  await pypi?.close()
})

describe('a .pth file planted in the project venv by a test', () => {
  it('is live: any Python of that venv runs it', () => {
    const planted = execFileSync(projectPython(), ['-c', 'pass'], {
      env: { PATH: '/usr/bin:/bin', TWINE_PASSWORD: 'probe-value' },
      cwd: result.projectDir,
    })
    expect(planted.toString()).toBe('')
    expect(readFileSync(stolen(), 'utf8')).toContain("'TWINE_PASSWORD': 'probe-value'")
  })

  it('never sees the credentials of the upload in the same job', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.outputs.published).toBe('true')
    expect([...pypi.files.keys()].sort()).toEqual(
      JSON.parse(result.outputs['published-files'] ?? '').sort(),
    )
    expect(pypi.files.size).toBe(2)
    const seen = existsSync(stolen()) ? readFileSync(stolen(), 'utf8') : ''
    expect(seen).not.toContain(pypi.apiToken)
  })
})
