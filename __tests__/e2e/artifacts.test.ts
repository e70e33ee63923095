/**
 * The built sdist and wheel kept as a workflow artifact: dist/main.js with the
 * real @actions/artifact inside, against the results service stand-in with
 * Azurite behind it. The artifact's zip holds exactly the files the step built.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../harness/azurite.js'
import { DEBIAN_PYTHON, tempDir } from '../harness/paths.js'
import { runProcess } from '../harness/process.js'
import { type ResultsService, startResultsService } from '../harness/results-service.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

let azurite: Azurite
let service: ResultsService
let result: ActionResult

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  result = await runAction({
    fixture: 'setuptools-pyproject',
    toolCachePython: true,
    inputs: { cache: 'false' },
    env: { ...service.env(), GITHUB_JOB: 'test' },
  })
})
afterAll(async () => {
  result?.cleanup()
  await service?.close()
  await azurite?.stop()
})

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('the dists artifact', () => {
  it('is named for the package, job, system and Python, and given as an output', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const minor = (result.outputs['python-version'] ?? '').split('.').slice(0, 2).join('.')
    const expected = `dists-${result.outputs['package-name']}-test-linux-x64-py${minor}`
    expect(result.outputs['dists-artifact']).toBe(expected)
    expect(service.artifacts.map((a) => a.name)).toEqual([expected])
  })

  it('unzips to the sdist and wheel the step built, byte for byte, and their record', async () => {
    const [record] = service.artifacts
    if (!record) throw new Error('no artifact was uploaded')
    const zip = path.join(tempDir('artifact'), 'dists.zip')
    writeFileSync(zip, await service.artifactBlob(record))
    const listing = await runProcess(
      DEBIAN_PYTHON,
      [
        '-c',
        'import hashlib, json, sys, zipfile\n' +
          'z = zipfile.ZipFile(sys.argv[1])\n' +
          'print(json.dumps({n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}))',
        zip,
      ],
      { cwd: path.dirname(zip), env: { PATH: '/usr/bin:/bin' } },
    )
    const { 'python-ci-dists.json': kept, ...inZip } = JSON.parse(listing.stdout) as Record<
      string,
      string
    >
    const built = [result.outputs.sdist, result.outputs.wheel].map((f) => f ?? '(missing output)')
    expect(inZip).toEqual(Object.fromEntries(built.map((f) => [path.basename(f), sha256(f)])))
    // Beside them, the build's record of them, which a publish job checks them against.
    expect(kept).toMatch(/^[0-9a-f]{64}$/)
  })

  it('says so in the summary', () => {
    expect(result.summary).toContain(`kept as artifact **${result.outputs['dists-artifact']}**`)
  })
})

describe('a dists artifact whose name this run already has', () => {
  let again: ActionResult
  beforeAll(async () => {
    // The same job of the same run again: the first run's artifact holds the name.
    again = await runAction({
      fixture: 'setuptools-pyproject',
      toolCachePython: true,
      inputs: { cache: 'false' },
      env: { ...service.env(), GITHUB_JOB: 'test' },
    })
  })
  afterAll(() => again?.cleanup())

  it('fails the step, naming the artifact, and gives no dists-artifact output', () => {
    const name = result.outputs['dists-artifact'] ?? ''
    expect(again.exitCode).toBe(1)
    expect(again.outputs['dists-artifact']).toBeUndefined()
    const errors = again.commands.filter((c) => c.name === 'error').map((c) => c.message)
    expect(errors).toContain(
      `artifacts failed: artifact ${name} already exists in this run: another job with this dists-artifact, or code this step ran, uploaded it first; the built files were not kept under that name`,
    )
    // The one artifact of that name is still the first run's.
    expect(service.artifacts.filter((a) => a.name === name)).toHaveLength(1)
  })
})
