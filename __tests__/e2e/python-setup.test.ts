/**
 * Where the Python comes from: the runner's tool cache, a download through the
 * versions manifest (served on loopback), .python-version, requires-python;
 * and a bad python-version failing cleanly.
 */
import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  type ManifestServer,
  type ManifestServerOptions,
  start,
} from '../harness/manifest-server.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../harness/runner.js'
import { debianPythonVersion, majorMinor } from '../harness/tool-cache.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

const version = debianPythonVersion()
const results: ActionResult[] = []

async function action(...args: Parameters<typeof runAction>): Promise<ActionResult> {
  const result = await runAction(...args)
  results.push(result)
  return result
}

afterAll(() => {
  for (const result of results) result.cleanup()
})

function expectSuccess(result: ActionResult): void {
  if (result.exitCode !== 0) throw new Error(describeRun(result))
}

/** The Python of the run is the tool cache's, and later steps will see it. */
function expectToolCachePython(result: ActionResult): void {
  const installDir = path.join(result.toolCache, 'Python', version, 'x64')
  expect(result.outputs['python-version']).toBe(version)
  expect(result.outputs['python-path']?.startsWith(`${installDir}${path.sep}`)).toBe(true)
  expect(result.path).toContain(path.join(installDir, 'bin'))
  expect(result.env.pythonLocation).toBe(installDir)
}

describe('python-version from the tool cache', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await action({
      fixture: 'setuptools-legacy',
      toolCachePython: true,
      inputs: {
        'python-version': majorMinor(version),
      },
    })
  })

  it('succeeds with the tool-cache Python, put on PATH for later steps', () => {
    expectSuccess(result)
    expectToolCachePython(result)
  })
})

/** A manifest server, and a run that asks it for this machine's version; for one describe. */
function throughManifest(options: ManifestServerOptions = {}) {
  const run = {} as { server: ManifestServer; result: ActionResult }
  beforeAll(async () => {
    run.server = await start(options)
    run.result = await action({
      fixture: 'setuptools-legacy',
      inputs: {
        'python-version': majorMinor(version),
        'python-manifest-url': run.server.manifestUrl,
      },
    })
  })
  afterAll(() => run.server.close())
  return run
}

describe('python-version downloaded through the manifest', () => {
  const run = throughManifest()

  it('reads the manifest and downloads the tarball once', () => {
    const { server } = run
    expect(server.requests.get('/versions-manifest.json')).toBeGreaterThanOrEqual(1)
    expect(server.requests.get(server.tarballPath)).toBe(1)
  })

  it('installs it into the tool cache with setup.sh and uses it', () => {
    const { result } = run
    expectSuccess(result)
    expect(existsSync(path.join(result.toolCache, 'Python', version, 'x64.complete'))).toBe(true)
    expect(existsSync(path.join(result.toolCache, 'Python', version, 'x64', 'release.txt'))).toBe(
      true,
    )
    expectToolCachePython(result)
  })
})

describe('a manifest that gives a plain http download', () => {
  const run = throughManifest({ downloadBase: 'http://python-mirror.example.org' })

  it('downloads nothing and fails with one error naming the URL', () => {
    const { server, result } = run
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error').map((c) => c.message)
    expect(errors).toEqual([
      expect.stringContaining(
        `"http://python-mirror.example.org${server.tarballPath}", which is http:// on a host that is not loopback, so the interpreter and its setup.sh would arrive unverified`,
      ),
    ])
    expect(existsSync(path.join(result.toolCache, 'Python', version))).toBe(false)
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })
})

describe('.python-version in the workspace', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await action({
      // No requires-python in a setup.py-only project: the file is the only hint.
      fixture: 'setuptools-legacy',
      toolCachePython: true,
      inputs: {},
      prepare: (ctx) =>
        writeFileSync(path.join(ctx.workspace, '.python-version'), `${majorMinor(version)}\n`),
    })
  })

  it('picks the version it names from the tool cache', () => {
    expectSuccess(result)
    expectToolCachePython(result)
  })
})

describe("pyproject's requires-python", () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await action({
      // requires-python = ">=3.9", no python-version input, no .python-version.
      fixture: 'setuptools-pyproject',
      toolCachePython: true,
      inputs: { test: 'false' },
    })
  })

  it('picks the highest matching version in the tool cache', () => {
    expectSuccess(result)
    expectToolCachePython(result)
  })
})

describe('a bad python-version', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await action({
      fixture: 'setuptools-legacy',
      toolCachePython: true,
      inputs: { 'python-version': 'abc' },
    })
  })

  it('fails with one error naming the input, and no stack trace', () => {
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toContain('python-version')
    expect(errors[0]?.message).toContain('abc')
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })
})
