/**
 * A test that reads /proc/<pid>/environ of every process above it in the job
 * (hostile-environ). In the two-job release the test job holds no id-token and
 * no pypi-token, so the reader finds neither; the publish job, which holds
 * them, runs no project code at all, even with the hostile checkout present.
 * The same-job layout is the control: there the reader finds both, which is
 * why that layout needs an environment with required reviewers.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../../harness/azurite.js'
import { type PypiServer, startPypiServer } from '../../harness/pypi-server.js'
import { type ResultsService, startResultsService } from '../../harness/results-service.js'
import { type ActionResult, describeRun, runAction } from '../../harness/runner.js'

jest.setTimeout(300_000)

const RUN = '4200'
const MARKER = 'environ-found.json'

interface Found {
  readonly walked: number[]
  readonly names: string[]
  readonly pypi_token: boolean
}

let azurite: Azurite
let service: ResultsService
let pypi: PypiServer
let sameJobPypi: PypiServer
let testJob: ActionResult
let publishJob: ActionResult
let sameJob: ActionResult

const found = (result: ActionResult): Found =>
  JSON.parse(readFileSync(path.join(result.projectDir, MARKER), 'utf8')) as Found

/** The credentials a job may hold, by the names the reader would see them under. */
const CREDENTIALS = [
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'INPUT_PYPI-TOKEN',
]

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  pypi = await startPypiServer()
  sameJobPypi = await startPypiServer()
  testJob = await runAction({
    fixture: 'hostile-environ',
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    inputs: { cache: 'false', publish: 'false' },
    env: { ...service.env({ run: RUN, job: '1' }), GITHUB_JOB: 'test' },
  })
  publishJob = await runAction({
    // The checkout is there, and more hostile still: a twine.py that Python
    // would import from the current folder writes the marker too.
    fixture: 'hostile-environ',
    prepare: (ctx) =>
      writeFileSync(
        path.join(ctx.projectDir, 'twine.py'),
        `import pathlib; pathlib.Path(${JSON.stringify(path.join(ctx.projectDir, MARKER))}).write_text('{}')\n`,
      ),
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    inputs: {
      mode: 'publish',
      'repository-url': pypi.uploadUrl,
      'dists-artifact': testJob.outputs['dists-artifact'] ?? 'auto',
    },
    env: {
      ...service.env({ run: RUN, job: '2' }),
      GITHUB_JOB: 'publish',
      ACTIONS_ID_TOKEN_REQUEST_URL: pypi.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: pypi.idTokenRequestToken,
    },
  })
  sameJob = await runAction({
    fixture: 'hostile-environ',
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    inputs: {
      cache: 'false',
      'repository-url': sameJobPypi.uploadUrl,
      'pypi-token': sameJobPypi.apiToken,
    },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: sameJobPypi.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sameJobPypi.idTokenRequestToken,
    },
  })
})

afterAll(async () => {
  for (const r of [testJob, publishJob, sameJob]) r?.cleanup()
  for (const s of [pypi, sameJobPypi]) await s?.close()
  await service?.close()
  await azurite?.stop()
})

describe('the test job of the two-job release', () => {
  it('ran the reader, which walked up to the action', () => {
    if (testJob.exitCode !== 0) throw new Error(describeRun(testJob))
    expect(found(testJob).walked.length).toBeGreaterThan(0)
  })

  it('holds no OIDC request token and no PyPI token for it to find', () => {
    const { names, pypi_token } = found(testJob)
    expect(names.filter((n) => CREDENTIALS.includes(n))).toEqual([])
    expect(pypi_token).toBe(false)
  })
})

describe('the publish job, which holds id-token', () => {
  it('publishes the test job’s files', () => {
    if (publishJob.exitCode !== 0) throw new Error(describeRun(publishJob))
    expect(publishJob.outputs.published).toBe('true')
    expect([...pypi.files.keys()].sort()).toEqual(
      JSON.parse(publishJob.outputs['published-files'] ?? '[]').sort(),
    )
    expect(pypi.mintedTokens).toHaveLength(1)
  })

  it('runs no project code: the marker is never written and no project venv is made', () => {
    expect(existsSync(path.join(publishJob.projectDir, MARKER))).toBe(false)
    const ours = readdirSync(publishJob.runnerTemp).filter((d) => d.startsWith('python-ci'))
    expect(ours).toEqual(['python-ci-publish'])
    expect(readdirSync(path.join(publishJob.runnerTemp, 'python-ci-publish'))).not.toContain('venv')
  })
})

describe('the same-job layout (the control)', () => {
  it('lets the reader find the OIDC request token and the PyPI token: any code in a job with id-token can mint', () => {
    if (sameJob.exitCode !== 0) throw new Error(describeRun(sameJob))
    const { names, pypi_token } = found(sameJob)
    expect(names).toEqual(expect.arrayContaining(CREDENTIALS))
    expect(pypi_token).toBe(true)
  })
})
