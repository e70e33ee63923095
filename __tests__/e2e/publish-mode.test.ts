/**
 * The two-job release: a test job on a tag keeps the dists and their record
 * (python-ci-dists.json) as an artifact in the results service stand-in, with
 * Azurite behind it; then a job in mode: publish of the same run downloads
 * that artifact, checks it, and uploads to the PyPI stand-in. Every way the
 * artifact or the event can be wrong ends in one error line and no upload.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../harness/azurite.js'
import { DEBIAN_PYTHON, NODE24, REPO_ROOT, tempDir } from '../harness/paths.js'
import { runProcess } from '../harness/process.js'
import { type PypiServer, startPypiServer } from '../harness/pypi-server.js'
import { type ResultsService, startResultsService } from '../harness/results-service.js'
import { type ActionResult, describeRun, type RunOptions, runAction } from '../harness/runner.js'

jest.setTimeout(300_000)

const CLIENTS = path.join(REPO_ROOT, '__tests__', 'harness', 'clients.mjs')
const SDIST = 'demo_setuptools-0.1.0.tar.gz'
const WHEEL = 'demo_setuptools-0.1.0-py3-none-any.whl'
const MANIFEST = 'python-ci-dists.json'
const RUN = '4100'

let azurite: Azurite
let service: ResultsService
let testJob: ActionResult
/** The artifact's files as the test job kept them, by name. */
let kept: Record<string, Buffer>
let manifest: { files: { name: string; sha256: string; size: number }[]; version: string }
const results: ActionResult[] = []
const servers: PypiServer[] = []
let scratch: string
let runs = 0

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  scratch = tempDir('publish-mode')
  testJob = await runAction({
    fixture: 'setuptools-pyproject',
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    // The test job of the two-job layout: no id-token, no pypi-token, no publishing.
    inputs: { cache: 'false', publish: 'false' },
    env: { ...service.env({ run: RUN, job: '1' }), GITHUB_JOB: 'test' },
  })
  results.push(testJob)
  if (testJob.exitCode !== 0) throw new Error(describeRun(testJob))
  const record = service.artifacts.find((a) => a.name === testJob.outputs['dists-artifact'])
  if (!record) throw new Error('the test job uploaded no dists artifact')
  const zip = path.join(scratch, 'kept.zip')
  writeFileSync(zip, await service.artifactBlob(record))
  const unzipped = path.join(scratch, 'kept')
  await python(
    'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
    zip,
    unzipped,
  )
  kept = Object.fromEntries(
    readdirSync(unzipped).map((name) => [name, readFileSync(path.join(unzipped, name))]),
  )
  manifest = JSON.parse(kept[MANIFEST]?.toString('utf8') ?? '{}')
})

afterAll(async () => {
  for (const r of results) r.cleanup()
  for (const s of servers) await s.close()
  await service?.close()
  await azurite?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

async function python(code: string, ...args: string[]): Promise<void> {
  const run = await runProcess(DEBIAN_PYTHON, ['-c', code, ...args], {
    cwd: scratch,
    env: { PATH: '/usr/bin:/bin' },
  })
  if (run.exitCode !== 0) throw new Error(run.stderr)
}

async function pypi(): Promise<PypiServer> {
  const s = await startPypiServer()
  servers.push(s)
  return s
}

/** Uploads `files` as artifact `name` to run `run`, with the real @actions/artifact, as another job would. */
async function keepArtifact(run: string, name: string, files: Record<string, Buffer>) {
  const dir = path.join(scratch, `${run}-${name}`)
  mkdirSync(dir, { recursive: true })
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes)
  const command = {
    op: 'upload',
    name,
    files: Object.keys(files).map((f) => path.join(dir, f)),
    root: dir,
  }
  const upload = await runProcess(NODE24, [CLIENTS, JSON.stringify(command)], {
    cwd: dir,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: scratch,
      RUNNER_TEMP: path.join(scratch, 'temp'),
      GITHUB_WORKSPACE: scratch,
      ...service.env({ run, job: '1' }),
    },
  })
  if (upload.exitCode !== 0) throw new Error(`upload failed:\n${upload.stdout}\n${upload.stderr}`)
}

/** A fresh run id with `artifacts` in it. */
async function runWith(artifacts: Record<string, Record<string, Buffer>>): Promise<string> {
  const run = String(5000 + ++runs)
  for (const [name, files] of Object.entries(artifacts)) await keepArtifact(run, name, files)
  return run
}

/** A publish job of run `run` on tag v0.1.0: no checkout, Trusted Publishing unless told otherwise. */
async function publishJob(
  s: PypiServer,
  run: string,
  options: RunOptions = {},
): Promise<ActionResult> {
  const result = await runAction({
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    ...options,
    inputs: { mode: 'publish', 'repository-url': s.uploadUrl, ...options.inputs },
    env: {
      ...service.env({ run, job: '2' }),
      GITHUB_JOB: 'publish',
      ACTIONS_ID_TOKEN_REQUEST_URL: s.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: s.idTokenRequestToken,
      ...options.env,
    },
  })
  results.push(result)
  return result
}

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.name === 'error').map((c) => c.message)
}

function expectUploaded(s: PypiServer, result: ActionResult): void {
  if (result.exitCode !== 0) throw new Error(describeRun(result))
  expect(Object.fromEntries([...s.files].map(([name, f]) => [name, f.sha256]))).toEqual(
    Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256])),
  )
  expect(result.outputs.published).toBe('true')
  expect(JSON.parse(result.outputs['published-files'] ?? '')).toEqual([SDIST, WHEEL])
  for (const f of manifest.files) {
    expect(result.summary).toContain(`\`${f.sha256}\``)
  }
  expect(result.summary).toContain(`Artifact **${testJob.outputs['dists-artifact']}**`)
  expect(result.summary).toContain('✅ Published v0.1.0')
}

/** One error line that matches, nothing sent to the index, published false. */
function expectRefused(s: PypiServer, result: ActionResult, reason: RegExp): void {
  expect(result.exitCode).toBe(1)
  expect(errors(result)).toHaveLength(1)
  expect(errors(result)[0]).toMatch(reason)
  expect(errors(result)[0]).not.toContain('\n')
  expect(s.attempts).toEqual([])
  expect(s.mintedTokens).toEqual([])
  expect(result.outputs.published).toBe('false')
  expect(result.summary).toContain('❌ Refused to publish v0.1.0')
}

describe('the test job', () => {
  it('keeps the dists with a record of their sha256, package, version and commit', () => {
    expect(Object.keys(kept).sort()).toEqual([MANIFEST, SDIST, WHEEL].sort())
    expect(manifest).toEqual({
      format: 1,
      package: 'demo-setuptools',
      version: '0.1.0',
      commit: testJob.startEnv.GITHUB_SHA,
      files: [SDIST, WHEEL].map((name) => ({
        name,
        kind: name.endsWith('.whl') ? 'wheel' : 'sdist',
        size: kept[name]?.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      })),
    })
    const sha256s = [testJob.outputs.sdist, testJob.outputs.wheel].map((f) =>
      readFileSync(f ?? '').toString('base64'),
    )
    expect(sha256s).toEqual([kept[SDIST], kept[WHEEL]].map((b) => b?.toString('base64')))
  })
})

describe('a publish job of the same run', () => {
  it('uploads exactly the recorded files by Trusted Publishing, with no checkout', async () => {
    const s = await pypi()
    const result = await publishJob(s, RUN, {
      inputs: { 'dists-artifact': testJob.outputs['dists-artifact'] ?? '' },
    })
    expectUploaded(s, result)
    expect(s.mintedTokens).toHaveLength(1)
    expect(s.files.get(WHEEL)?.token).toBe(s.mintedTokens[0])
    expect(result.summary).toContain('with Trusted Publishing')
    expect(result.outputs['package-version']).toBe('0.1.0')
    // Nothing of a project: no venv but the action's tools, no report.
    expect(readdirSync(result.runnerTemp).filter((d) => d.startsWith('python-ci'))).toEqual([
      'python-ci-publish',
    ])
    expect(readdirSync(path.join(result.runnerTemp, 'python-ci-publish')).sort()).toEqual([
      'dists',
      'tools',
    ])
  })

  it('uploads with pypi-token, taking the only dists artifact with auto', async () => {
    const s = await pypi()
    const result = await publishJob(s, RUN, {
      inputs: { 'pypi-token': s.apiToken },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    })
    expectUploaded(s, result)
    expect(s.mintedTokens).toEqual([])
    expect(s.files.get(SDIST)?.token).toBe(s.apiToken)
    expect(result.summary).toContain('with pypi-token')
  })
})

describe('a publish job refuses, in one line, uploading nothing', () => {
  const name = 'dists-demo-setuptools-test-linux-x64-py3'
  const tampered = (changes: Record<string, Buffer | undefined>) => {
    const files = { ...kept, ...changes }
    return Object.fromEntries(
      Object.entries(files).filter((e): e is [string, Buffer] => e[1] !== undefined),
    )
  }

  it('a file altered in the artifact', async () => {
    const s = await pypi()
    const wheel = Buffer.concat([kept[WHEEL] ?? Buffer.alloc(0), Buffer.from('planted')])
    const run = await runWith({ [name]: tampered({ [WHEEL]: wheel }) })
    const result = await publishJob(s, run)
    const recorded = manifest.files.find((f) => f.name === WHEEL)?.sha256
    expectRefused(
      s,
      result,
      new RegExp(
        `^publish refused: artifact ${name}: ${WHEEL.replace(/\./g, '\\.')} changed after the build \\(sha256 ${recorded?.slice(0, 12)}… at build, [0-9a-f]{12}… now\\)$`,
      ),
    )
  })

  it('an extra file', async () => {
    const s = await pypi()
    const run = await runWith({
      [name]: tampered({ 'demo_setuptools-9.9.9.tar.gz': kept[SDIST] }),
    })
    expectRefused(
      s,
      await publishJob(s, run),
      /^publish refused: artifact \S+: the artifact holds demo_setuptools-9\.9\.9\.tar\.gz, which the build did not record$/,
    )
  })

  it('a missing file', async () => {
    const s = await pypi()
    const run = await runWith({ [name]: tampered({ [SDIST]: undefined }) })
    expectRefused(
      s,
      await publishJob(s, run),
      /^publish refused: artifact \S+: the artifact lacks demo_setuptools-0\.1\.0\.tar\.gz, which the build recorded$/,
    )
  })

  it('no record of the build', async () => {
    const s = await pypi()
    const run = await runWith({ [name]: tampered({ [MANIFEST]: undefined }) })
    expectRefused(
      s,
      await publishJob(s, run),
      /^publish refused: artifact \S+: the artifact holds no python-ci-dists\.json, the record of the files the build made$/,
    )
  })

  it('no artifact', async () => {
    const s = await pypi()
    const run = await runWith({})
    expectRefused(
      s,
      await publishJob(s, run),
      /^publish refused: dists-artifact: auto found no dists-\* artifact in this run \(artifacts: none\);/,
    )
  })

  it('two dists artifacts with auto', async () => {
    const s = await pypi()
    const run = await runWith({ 'dists-a': kept, 'dists-b': kept })
    expectRefused(
      s,
      await publishJob(s, run),
      /^publish refused: dists-artifact: auto found 2 dists-\* artifacts in this run \(dists-a, dists-b\); name the one to publish/,
    )
  })

  it('a tag that is not the recorded version', async () => {
    const s = await pypi()
    const result = await publishJob(s, RUN, { ref: 'refs/tags/v0.2.0' })
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      'publish refused: tag v0.2.0 is version 0.2.0, but the built version is 0.1.0; tag the commit whose version matches, or fix the version',
    ])
    expect(s.attempts).toEqual([])
    expect(result.summary).toContain('❌ Refused to publish v0.2.0')
  })

  it('a pull_request event with publish: true (and skips it with auto)', async () => {
    const s = await pypi()
    const pr = { eventName: 'pull_request', ref: 'refs/pull/1/merge' }
    const forced = await publishJob(s, RUN, { ...pr, inputs: { publish: 'true' } })
    expect(forced.exitCode).toBe(1)
    expect(errors(forced)).toEqual([
      'publish refused: publish: true, but a pull_request event never publishes; release from a tag push',
    ])
    const auto = await publishJob(s, RUN, pr)
    if (auto.exitCode !== 0) throw new Error(describeRun(auto))
    expect(auto.stdout).toContain(
      '– publish: a pull_request event never publishes; release from a tag push (publish: auto)',
    )
    expect(auto.outputs.published).toBe('false')
    expect(s.attempts).toEqual([])
    // Decided from the event alone: nothing was downloaded.
    expect(readdirSync(auto.runnerTemp).filter((d) => d.startsWith('python-ci'))).toEqual([])
  })

  it('a fork with publish: true (and skips it with auto)', async () => {
    const s = await pypi()
    const payload = { repository: { full_name: 'owner/repo', fork: true } }
    const forced = await publishJob(s, RUN, { payload, inputs: { publish: 'true' } })
    expect(forced.exitCode).toBe(1)
    expect(errors(forced)).toEqual([
      'publish refused: publish: true, but owner/repo is a fork; publishing runs from the original repository only',
    ])
    const auto = await publishJob(s, RUN, { payload })
    if (auto.exitCode !== 0) throw new Error(describeRun(auto))
    expect(auto.outputs.published).toBe('false')
    expect(s.attempts).toEqual([])
  })

  it('dists-artifact: false, before any work', async () => {
    const s = await pypi()
    const result = await publishJob(s, RUN, { inputs: { 'dists-artifact': 'false' } })
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      'dists-artifact: "false" leaves mode: publish nothing to publish; accepted: auto (the only dists-* artifact of this run) or the name the test job gave as its dists-artifact output',
    ])
    expect(result.summary).toBe('')
  })
})
