/**
 * Projects that try to pass a verdict they have not earned, or to publish
 * what was not built: a test that ends pytest before its report, no test at
 * all, coverage under fail-under, and tests that rewrite, delete or add to the
 * built files while the build runs beside them. Each is a tag push with a
 * token to the loopback PyPI: the step fails with one line and nothing
 * reaches the index, or, where the project is within its rights, exactly the
 * built files do.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mapLimit } from '../../harness/agreement.js'
import { type Azurite, startAzurite } from '../../harness/azurite.js'
import { type PypiServer, startPypiServer } from '../../harness/pypi-server.js'
import { type ResultsService, startResultsService } from '../../harness/results-service.js'
import { type ActionResult, describeRun, runAction } from '../../harness/runner.js'

jest.setTimeout(240_000)

interface Case {
  readonly fixture: string
  readonly tag?: string
  readonly inputs?: Readonly<Record<string, string>>
  /** Run against the results service (Azurite behind it), so the artifact stage uploads. */
  readonly artifacts?: boolean
}

const CASES = {
  'exit-zero': { fixture: 'hostile-exit-zero' },
  'no-tests': { fixture: 'no-tests', tag: 'v0.8.0', inputs: { 'verify-metadata': 'false' } },
  // The fixture has no README, which twine check --strict refuses: not what these are about.
  'no-tests-allowed': {
    fixture: 'no-tests',
    tag: 'v0.8.0',
    inputs: { 'allow-no-tests': 'true', 'verify-metadata': 'false' },
  },
  'under-fail-under': { fixture: 'under-fail-under', inputs: { 'fail-under': '90' } },
  'rewrite-wheel': {
    fixture: 'hostile-rewrite',
    inputs: { 'pytest-args': '-k test_rewrite_wheel' },
  },
  'rewrite-sdist': {
    fixture: 'hostile-rewrite',
    inputs: { 'pytest-args': '-k test_rewrite_sdist' },
  },
  'delete-wheel': { fixture: 'hostile-rewrite', inputs: { 'pytest-args': '-k test_delete_wheel' } },
  // With the artifact service: the rewritten wheel is not kept either.
  'rewrite-wheel-artifact': {
    fixture: 'hostile-rewrite',
    inputs: { 'pytest-args': '-k test_rewrite_wheel' },
    artifacts: true,
  },
  'extra-file': {
    fixture: 'hostile-rewrite',
    inputs: { 'pytest-args': '-k test_drop_extra_file' },
  },
} satisfies Record<string, Case>
type Name = keyof typeof CASES

const WHEEL = 'hostile_rewrite-0.1.0-py3-none-any.whl'
const SDIST = 'hostile_rewrite-0.1.0.tar.gz'

const runs = new Map<Name, { result: ActionResult; pypi: PypiServer }>()
let azurite: Azurite | undefined
let service: ResultsService | undefined

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  await mapLimit(Object.keys(CASES) as Name[], 2, async (name) => {
    const c: Case = CASES[name]
    const pypi = await startPypiServer()
    const result = await runAction({
      fixture: c.fixture,
      toolCachePython: true,
      ref: `refs/tags/${c.tag ?? 'v0.1.0'}`,
      timeoutMs: 220_000,
      inputs: { 'repository-url': pypi.uploadUrl, 'pypi-token': pypi.apiToken, ...c.inputs },
      env: c.artifacts && service ? { ...service.env(), GITHUB_JOB: 'test' } : {},
    })
    runs.set(name, { result, pypi })
  })
}, 1_200_000)

afterAll(async () => {
  for (const { result, pypi } of runs.values()) {
    result.cleanup()
    await pypi.close()
  }
  await service?.close()
  await azurite?.stop()
})

function run(name: Name): { result: ActionResult; pypi: PypiServer } {
  const found = runs.get(name)
  if (!found) throw new Error(`${name} did not run`)
  return found
}

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.name === 'error').map((c) => c.message)
}

/** The step failed, one error line matches `reason` and is one line, nothing reached the index. */
function expectNothingUploaded(name: Name, reason: RegExp): void {
  const { result, pypi } = run(name)
  expect(result.timedOut).toBe(false)
  expect(pypi.attempts).toEqual([])
  expect(result.outputs.published).toBe('false')
  expect(result.exitCode).toBe(1)
  const matching = errors(result).filter((e) => reason.test(e))
  expect(matching).toHaveLength(1)
  expect(matching[0]).not.toContain('\n')
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('a test that calls os._exit(0)', () => {
  it('fails the step for the missing JUnit report and publishes nothing', () => {
    expectNothingUploaded(
      'exit-zero',
      /^test failed: pytest wrote no JUnit report \(it exited 0; a test may have ended the process\)$/,
    )
    expect(run('exit-zero').result.summary).toContain('pytest wrote no JUnit report')
  })
})

describe('a project with no tests', () => {
  it('fails the step on a tag and publishes nothing', () => {
    expectNothingUploaded('no-tests', /^tests failed: pytest collected no tests; allow-no-tests/)
  })

  it('passes and publishes with allow-no-tests: true', () => {
    const { result, pypi } = run('no-tests-allowed')
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.outputs.published).toBe('true')
    expect([...pypi.files.keys()].sort()).toEqual(
      ['demo_empty-0.8.0-py3-none-any.whl', 'demo_empty-0.8.0.tar.gz'].sort(),
    )
  })
})

describe('green tests under fail-under', () => {
  it('publish nothing: the threshold is checked before the upload', () => {
    expectNothingUploaded('under-fail-under', /fail-under 90/)
    const { result } = run('under-fail-under')
    expect(result.stdout).toMatch(/✗ publish 0\.0s: refused: .*fail-under 90/)
  })
})

describe('a test that changes the built files while the build runs beside it', () => {
  const changed = (file: string) =>
    new RegExp(
      `${file.replaceAll('.', '\\.')} changed after the build \\(sha256 [0-9a-f]{12}… at build, [0-9a-f]{12}… now\\)`,
    )

  it.each([
    ['rewrites the wheel', 'rewrite-wheel', changed(WHEEL)],
    ['rewrites the sdist', 'rewrite-sdist', changed(SDIST)],
    [
      'deletes the wheel',
      'delete-wheel',
      new RegExp(`${WHEEL.replaceAll('.', '\\.')} is gone since the build`),
    ],
  ] as const)('%s: nothing uploaded, one line naming the file', (_, name, line) => {
    expectNothingUploaded(name, line)
  })

  it('is not kept as an artifact either, and is said once', () => {
    expectNothingUploaded('rewrite-wheel-artifact', changed(WHEEL))
    const { result } = run('rewrite-wheel-artifact')
    expect(errors(result).find((e) => changed(WHEEL).test(e))).toMatch(
      /^artifacts failed: .* was not uploaded$/,
    )
    expect(service?.artifacts).toEqual([])
    expect(result.outputs['dists-artifact'] ?? '').toBe('')
  })

  it('lists, at build, the bytes it had before the rewrite', () => {
    const { result } = run('rewrite-wheel')
    const wheel = result.outputs.wheel ?? ''
    expect(wheel).toMatch(new RegExp(`^/.*/${WHEEL.replaceAll('.', '\\.')}$`))
    expect(wheel.startsWith(result.projectDir)).toBe(false)
    // The summary's digests block: "<sha256>  <file name>", as sha256sum prints.
    const listed = new RegExp(`([0-9a-f]{64})  ${WHEEL.replaceAll('.', '\\.')}`).exec(
      result.summary,
    )?.[1]
    expect(listed).toBeDefined()
    expect(listed).not.toBe(sha256(wheel))
  })
})

describe('a test that drops another file beside the built ones', () => {
  it('publishes exactly the built files, byte for byte', () => {
    const { result, pypi } = run('extra-file')
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect([...pypi.files.keys()].sort()).toEqual([SDIST, WHEEL].sort())
    expect(pypi.files.get(SDIST)?.sha256).toBe(sha256(result.outputs.sdist ?? ''))
    expect(pypi.files.get(WHEEL)?.sha256).toBe(sha256(result.outputs.wheel ?? ''))
  })
})
