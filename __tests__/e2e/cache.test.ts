/**
 * Dependency caching, end to end: dist/main.js with the real @actions/cache
 * inside, against the results service stand-in with Azurite behind it, and a
 * loopback package index, so pip really downloads (and caches) the fixture's
 * test dependency. Runs of one "job" share a root folder, emptied between
 * runs: same paths, fresh contents, as on hosted runners.
 */
import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../harness/azurite.js'
import {
  indexPip,
  makeWheel,
  type PackageIndex,
  startPackageIndex,
  wheelhouseWheels,
} from '../harness/package-index.js'
import { tempDir } from '../harness/paths.js'
import { type ResultsService, startResultsService } from '../harness/results-service.js'
import { type ActionResult, describeRun, type RunOptions, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

let azurite: Azurite
let service: ResultsService
let index: PackageIndex
let scratch: string

beforeAll(async () => {
  scratch = tempDir('cache')
  mkdirSync(path.join(scratch, 'wheels'))
  const wheel = makeWheel(path.join(scratch, 'wheels'), 'cachedep', '1.0', 'VALUE = 42\n')
  azurite = await startAzurite()
  // The wheelhouse too: pytest, coverage, build and the backends come from this index.
  index = await startPackageIndex([wheel, ...wheelhouseWheels()])
})
afterAll(async () => {
  await service?.close()
  await index?.close()
  await azurite?.stop()
  rmSync(scratch, { recursive: true, force: true })
})
/** A fresh service: no entries, no faults. */
async function freshService(): Promise<void> {
  await service?.close()
  service = await startResultsService(azurite)
}

const FIXTURE = 'cache-deps'

function run(root: string, options: RunOptions = {}): Promise<ActionResult> {
  return runAction({
    fixture: FIXTURE,
    toolCachePython: true,
    root,
    ...options,
    // The artifact service shares the stand-in; these tests are about the cache alone.
    inputs: {
      'dists-artifact': 'false',
      ...options.inputs,
    },
    env: {
      ...service.env(),
      // This file's own index, whose downloads the tests count.
      ...indexPip(index),
      ...options.env,
    },
  })
}

function green(result: ActionResult): void {
  if (result.exitCode !== 0) throw new Error(describeRun(result))
  expect(result.outputs.tests).toBe('2')
  expect(result.outputs.passed).toBe('2')
}

const warnings = (r: ActionResult) => r.commands.filter((c) => c.name === 'warning')
const errors = (r: ActionResult) => r.commands.filter((c) => c.name === 'error')
const installLine = (r: ActionResult) => /^✓ install [\d.]+s: (.*)$/m.exec(r.stdout)?.[1] ?? ''

/** The names in an entry's blob, extracted with tar and zstd under a scratch folder. */
async function untar(entryKey: string): Promise<string> {
  const entry = service.cacheEntries.find((e) => e.key === entryKey)
  if (!entry) throw new Error(`no entry ${entryKey} in ${JSON.stringify(service.cacheEntries)}`)
  const dir = path.join(scratch, `untar-${entry.id}`)
  // The archive's paths are relative to GITHUB_WORKSPACE (work/repo/repo), so ../../ lands in dir.
  const into = path.join(dir, 'work', 'repo', 'repo')
  mkdirSync(into, { recursive: true })
  const archive = path.join(dir, 'cache.tzst')
  writeFileSync(archive, await service.blob(entry))
  execFileSync('tar', ['--zstd', '-xPf', archive, '-C', into])
  return dir
}

/** The one file named `name` under `dir`. */
function only(dir: string, name: string, under = ''): string {
  const test = under === '' ? ['-name', name] : ['-path', `*/${under}/${name}`]
  const found = execFileSync('find', [dir, ...test], { encoding: 'utf8' })
    .trim()
    .split('\n')
  if (found.length !== 1 || found[0] === '') throw new Error(`${name} under ${dir}: ${found}`)
  return found[0] ?? ''
}

describe('a second run of the same job', () => {
  let root: string
  let first: ActionResult
  let second: ActionResult
  let downloadsAfterFirst: number
  beforeAll(async () => {
    await freshService()
    root = tempDir('cache-job')
    first = await run(root)
    downloadsAfterFirst = index.fileDownloads().length
    second = await run(root)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('misses, installs from the index and saves both layers', async () => {
    green(first)
    expect(first.outputs['cache-hit']).toBe('false')
    expect(warnings(first)).toEqual([])
    // cachedep once, beside the pinned tools (pytest, coverage, build, twine, the backend).
    expect(index.fileDownloads().filter((f) => f.includes('cachedep'))).toHaveLength(1)
    expect(downloadsAfterFirst).toBeGreaterThan(1)
    const keys = service.cacheEntries.map((e) => e.key)
    expect(keys).toHaveLength(2)
    const venvKey = keys.find((k) => k.startsWith('python-ci-venv-Linux-')) ?? ''
    const pipKey = keys.find((k) => k.startsWith('python-ci-pip-Linux-')) ?? ''
    expect(venvKey).toMatch(/-[0-9a-f]{64}$/)
    expect(pipKey).toMatch(/-[0-9a-f]{64}$/)
    expect(service.cacheEntries.every((e) => (e.sizeBytes ?? 0) > 0)).toBe(true)

    // The environment layer holds the project's venv and the action's tools venv.
    const tree = await untar(venvKey)
    const venv = path.dirname(only(tree, 'pyvenv.cfg', 'venv'))
    expect(path.dirname(only(tree, 'pyvenv.cfg', 'tools'))).toBe(
      path.join(path.dirname(venv), 'tools'),
    )
    expect(venv).toMatch(/\/_temp\/python-ci-[0-9a-f]{8}\/venv$/)
    const marker = JSON.parse(readFileSync(path.join(venv, 'python-ci-cache.json'), 'utf8'))
    expect(marker.key).toBe(venvKey)
    const site = execFileSync('find', [venv, '-path', '*site-packages/cachedep/__init__.py'], {
      encoding: 'utf8',
    }).trim()
    expect(readFileSync(site, 'utf8')).toBe('VALUE = 42\n')

    // pip's own HTTP cache holds the wheel it downloaded.
    const pipCache = only(await untar(pipKey), 'pip-cache')
    expect(pipCache).toMatch(/\/_temp\/python-ci-[0-9a-f]{8}\/pip-cache$/)
    const cached = execFileSync('grep', ['-rlc', 'cachedep/__init__.py', pipCache], {
      encoding: 'utf8',
    })
    expect(cached.trim()).not.toBe('')
  })

  it('hits: restores the environment, keeps the project installed from the same checkout, downloads nothing', () => {
    green(second)
    expect(second.outputs['cache-hit']).toBe('true')
    expect(warnings(second)).toEqual([])
    expect(installLine(second)).toMatch(/^cache-demo unchanged in the cached environment /)
    expect(second.stdout).toMatch(
      /the checkout is the one cache-demo was installed from into the cached environment \(fingerprint [0-9a-f]{12}\): not reinstalled/,
    )
    expect(second.stdout).not.toMatch(/ -m pip /)
    // Nothing for the environments; only the build stage's isolated builds
    // fetch their backend again (pip's cache layer is not restored on a hit).
    const again = index.fileDownloads().slice(downloadsAfterFirst)
    expect(again.filter((f) => !/^\/files\/setuptools-/.test(f))).toEqual([])
    // Nothing new to save: still the two entries of the first run.
    expect(service.cacheEntries).toHaveLength(2)
  })
})

/**
 * The fixture in a src layout, so its tests import the installed copy of the
 * package (in a flat layout they would import the checkout whatever was installed).
 */
function srcLayout(projectDir: string): void {
  renameSync(path.join(projectDir, 'cache_demo'), path.join(projectDir, 'src', 'cache_demo'))
  const pyproject = path.join(projectDir, 'pyproject.toml')
  const text = readFileSync(pyproject, 'utf8')
  writeFileSync(pyproject, text.replace(/^packages = .*$/m, '$&\npackage-dir = { "" = "src" }'))
}

const CHANGED_DOC = 'Doubles what the dependency gives, changed after the cache was saved.'

/** The next commit: the module's docstring and the test that checks it, both changed. */
function changeModule(projectDir: string, packageDir: string): void {
  const module = path.join(projectDir, packageDir, 'cache_demo', '__init__.py')
  const test = path.join(projectDir, 'tests', 'test_demo.py')
  const old = 'Doubles what the dependency gives.'
  for (const file of [module, test])
    writeFileSync(file, readFileSync(file, 'utf8').replace(old, CHANGED_DOC))
}

/** The project's module as installed in the run's venv. */
function installedModule(result: ActionResult): string {
  const installed = execFileSync(
    'find',
    [result.runnerTemp, '-path', '*/venv/*site-packages/cache_demo/__init__.py'],
    { encoding: 'utf8' },
  ).trim()
  return readFileSync(installed, 'utf8')
}

describe('a changed module, the same dependency files', () => {
  it('hits the environment, reinstalls the project, and the tests run the new code', async () => {
    await freshService()
    const root = tempDir('cache-edited')
    try {
      const first = await run(root, {
        prepare: (ctx) => {
          mkdirSync(path.join(ctx.projectDir, 'src'))
          srcLayout(ctx.projectDir)
        },
      })
      green(first)
      expect(first.outputs['cache-hit']).toBe('false')
      const second = await run(root, {
        prepare: (ctx) => {
          mkdirSync(path.join(ctx.projectDir, 'src'))
          srcLayout(ctx.projectDir)
          changeModule(ctx.projectDir, 'src')
        },
      })
      // test_checkout_is_tested asserts the new docstring: the old copy would fail it.
      green(second)
      expect(second.outputs['cache-hit']).toBe('true')
      expect(warnings(second)).toEqual([])
      expect(second.stdout).toMatch(
        /the checkout differs from the one the cached environment was made from: reinstalling the project/,
      )
      expect(installLine(second)).toMatch(/^cache-demo reinstalled into the cached environment /)
      expect(second.stdout).toMatch(/ install (--report \S+ )?--no-deps --force-reinstall \S+\.whl/)
      expect(service.cacheEntries).toHaveLength(2)
      // The venv now holds the new code, installed from the wheel built from the checkout.
      expect(installedModule(second)).toContain(CHANGED_DOC)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('a changed module with build-isolation: true (the default)', () => {
  it('rebuilds the project isolated, from the build environment kept in the cached venv', async () => {
    await freshService()
    const root = tempDir('cache-isolated')
    const isolated = { inputs: { 'build-isolation': 'true' } }
    try {
      const first = await run(root, isolated)
      green(first)
      expect(first.stdout).not.toMatch(/could not be kept in the environment/)
      const second = await run(root, {
        ...isolated,
        prepare: (ctx) => changeModule(ctx.projectDir, ''),
      })
      green(second)
      expect(second.outputs['cache-hit']).toBe('true')
      expect(warnings(second)).toEqual([])
      expect(second.stdout).toMatch(
        /building the project's wheel with setuptools\.build_meta in the cached environment, isolated \(only python-ci-build-env importable\)/,
      )
      expect(second.stdout).toMatch(/ install (--report \S+ )?--no-deps --force-reinstall \S+\.whl/)
      expect(installLine(second)).toMatch(/^cache-demo reinstalled into the cached environment /)
      expect(installedModule(second)).toContain(CHANGED_DOC)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('a changed dependency file', () => {
  it('misses the environment, restores pip’s cache by restore key, and pip uses it', async () => {
    await freshService()
    const root = tempDir('cache-changed')
    try {
      green(await run(root))
      const before = index.fileDownloads().length
      const changed = await run(root, {
        prepare: (ctx) =>
          appendFileSync(path.join(ctx.projectDir, 'requirements-test.txt'), '# pinned\n'),
        env: { RUNNER_DEBUG: '1' },
      })
      green(changed)
      expect(changed.outputs['cache-hit']).toBe('false')
      expect(changed.stdout).toMatch(/no cached environment for python-ci-venv-/)
      expect(changed.stdout).toMatch(/pip's cache restored \(restore key\): python-ci-pip-/)
      // pip's own word (debug output), and the index's log: the wheel was not fetched again.
      expect(changed.stdout).toMatch(/Using cached \S*cachedep-1\.0-py3-none-any\.whl/)
      expect(index.fileDownloads()).toHaveLength(before)
      expect(warnings(changed)).toEqual([])
      // A new environment entry and a new pip entry under the new hash.
      expect(service.cacheEntries).toHaveLength(4)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('events where cache: auto stays off', () => {
  it.each([
    [
      'a tag push',
      { eventName: 'push', ref: 'refs/tags/v0.1.0' },
      /off for a tag push \(v0\.1\.0\)/,
    ],
    ['a release', { eventName: 'release', ref: 'refs/heads/main' }, /off for a release event/],
    [
      'pull_request_target',
      { eventName: 'pull_request_target' },
      /off for a pull_request_target event/,
    ],
    ['workflow_run', { eventName: 'workflow_run' }, /off for a workflow_run event/],
  ])('%s: no restore, no save, one line why', async (_what, event, why) => {
    await freshService()
    const root = tempDir('cache-off')
    try {
      // Tag and release runs would publish; this test is about the cache only.
      const result = await run(root, { ...event, inputs: { publish: 'false' } })
      green(result)
      expect(result.stdout.split('\n').filter((l) => why.test(l))).toHaveLength(1)
      expect(service.calls).toEqual([])
      expect(result.outputs['cache-hit']).toBe('false')
      expect(warnings(result)).toEqual([])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('cache: true overrides auto on a tag push', async () => {
    await freshService()
    const root = tempDir('cache-forced')
    try {
      const result = await run(root, {
        ref: 'refs/tags/v0.1.0',
        inputs: { cache: 'true', publish: 'false' },
      })
      green(result)
      expect(result.stdout).toMatch(/cache: true/)
      const saved = service.cacheEntries.filter((e) => e.sizeBytes)
      if (saved.length !== 2) throw new Error(describeRun(result))
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('faults of the cache service', () => {
  /** Runs once to fill the cache (no fault), then again with `fault` switched on. */
  async function faulted(fault: () => void, env: Record<string, string> = {}) {
    await freshService()
    const root = tempDir('cache-fault')
    try {
      green(await run(root))
      fault()
      return await run(root, { env })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  function oneWarningAndGreen(result: ActionResult, pattern: RegExp): void {
    green(result)
    expect(warnings(result).map((w) => w.message)).toEqual([expect.stringMatching(pattern)])
    // One line, with no escape shown as text.
    expect(warnings(result).map((w) => w.message)).toEqual([expect.not.stringMatching(/\n|%0A/)])
    expect(errors(result)).toEqual([])
    expect(result.outputs['cache-hit']).toBe('false')
    expect(result.outputs.coverage).toBeDefined()
  }

  it('unreachable service: one warning, the run goes on cold', async () => {
    const result = await faulted(() => {}, { ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' })
    oneWarningAndGreen(result, /cache could not be restored .*ECONNREFUSED/)
  })

  it('a blob download cut short: one warning, cold install', async () => {
    const result = await faulted(() => service.truncateDownloads(10))
    oneWarningAndGreen(result, /cache could not be restored/)
    expect(installLine(result)).not.toMatch(/cached environment/)
    expect(service.truncatedDownloads).toHaveLength(1)
  })

  it('5xx after the client’s retries: one warning, nothing more asked of the service', async () => {
    const result = await faulted(() =>
      service.faults.set('GetCacheEntryDownloadURL', { kind: 'status', status: 503, times: 99 }),
    )
    oneWarningAndGreen(result, /cache could not be restored .*503/)
    // The one failing restore (the client's 5 attempts) and no call after it: no other restore, no save.
    const after = service.calls.slice(service.calls.findIndex((c) => c.status === 503))
    expect(after.map((c) => `${c.method} ${c.status}`)).toEqual(
      Array(5).fill('GetCacheEntryDownloadURL 503'),
    )
  })

  it('malformed JSON: one warning, green', async () => {
    const result = await faulted(() =>
      service.faults.set('GetCacheEntryDownloadURL', { kind: 'malformed-json', times: 99 }),
    )
    oneWarningAndGreen(result, /cache could not be restored .*JSON/)
  })

  it('no cache service on this runner: one warning', async () => {
    const result = await faulted(() => {}, { ACTIONS_RESULTS_URL: '' })
    oneWarningAndGreen(result, /cache service is not available/)
  })
})
