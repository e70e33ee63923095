/**
 * Test dependencies where projects keep them, through dist/main.js with
 * default inputs: tests/requirements.txt, requirements/tests.txt, Poetry's
 * groups, PDM's dev-dependencies. Each fixture's tests import helperdep, listed
 * only there; pip finds it among wheels made here, beside helperdep 2.0, which
 * only the project's constraint keeps out. The log names each source.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { countsAgreement, mapLimit } from '../harness/agreement.js'
import { makeWheel } from '../harness/package-index.js'
import { cleanEnv, tempDir } from '../harness/paths.js'
import { type PytestReference, pytestReference } from '../harness/reference.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

interface Layout {
  readonly fixture: string
  /** What the log's first install line must name. */
  readonly sources: string
  /** Further lines the install group must hold. */
  readonly lines: readonly string[]
}

const LAYOUTS: readonly Layout[] = [
  {
    fixture: 'deps-tests-requirements',
    sources: 'tests/requirements.txt',
    lines: [
      "tests/requirements.txt: '-e .' is the project itself, which the action installs once (not editable); that line is left out",
    ],
  },
  { fixture: 'deps-requirements-folder', sources: 'requirements/tests.txt', lines: [] },
  {
    fixture: 'deps-poetry-groups',
    sources: 'poetry group dev (pyproject.toml)',
    lines: [
      `poetry group dev: otherdep>=0.3,<0.4, helperdep>=1.2,<2.0, winonly; sys_platform == 'win32', oldpython>=1.0,<2.0; python_version < "3.0"`,
    ],
  },
  {
    fixture: 'deps-pdm-dev',
    sources: 'pdm group test (pyproject.toml)',
    lines: [
      'pdm group test: helperdep>=1.2,<2',
      `pdm group test: '-e file:///\${PROJECT_ROOT}/#egg=pdm-dev-demo' is the project itself, installed by the action`,
    ],
  },
]

const runs = new Map<string, { result: ActionResult; pytest: PytestReference }>()
let wheels: string

/** The venv the run made: its pytest and test dependencies are the ones the action used. */
function venvPython(result: ActionResult): string {
  const [own] = readdirSync(result.runnerTemp).filter((d) => d.startsWith('python-ci-'))
  if (own === undefined) throw new Error(`no python-ci-* folder in ${result.runnerTemp}`)
  return path.join(result.runnerTemp, own, 'venv', 'bin', 'python')
}

beforeAll(async () => {
  wheels = tempDir('test-deps-wheels')
  makeWheel(wheels, 'helperdep', '1.4', 'MAJOR = 1\n')
  makeWheel(wheels, 'helperdep', '2.0', 'MAJOR = 2\n')
  makeWheel(wheels, 'otherdep', '0.3.1', 'VERSION = "0.3.1"\n')
  makeWheel(wheels, 'otherdep', '0.4.0', 'VERSION = "0.4.0"\n')
  // Beside whatever pip reaches in this test world (an index, Debian's
  // wheels), so pip really resolves the project's constraints against both versions.
  const findLinks = [cleanEnv('/').PIP_FIND_LINKS, wheels].filter(Boolean).join(' ')
  await mapLimit(LAYOUTS, 2, async ({ fixture }) => {
    const result = await runAction({
      fixture,
      toolCachePython: true,
      env: { PIP_FIND_LINKS: findLinks },
    })
    const pytest = await pytestReference(fixture, [], venvPython(result))
    runs.set(fixture, { result, pytest })
  })
}, 600_000)

afterAll(() => {
  for (const { result } of runs.values()) result.cleanup()
  rmSync(wheels, { recursive: true, force: true })
})

/** The lines of the install's log group. */
function installGroup(result: ActionResult): string[] {
  const lines = result.stdout.split('\n').map((l) => l.trimEnd())
  const start = lines.indexOf('::group::Install the project')
  const end = lines.indexOf('::endgroup::', start)
  if (start < 0 || end < 0) throw new Error(`no install group:\n${describeRun(result)}`)
  return lines.slice(start + 1, end)
}

function run(fixture: string): { result: ActionResult; pytest: PytestReference } {
  const found = runs.get(fixture)
  if (!found) throw new Error(`${fixture} did not run`)
  return found
}

describe.each(LAYOUTS)('$fixture', ({ fixture, sources, lines }) => {
  it("goes green, with pytest's own counts", () => {
    const { result, pytest } = run(fixture)
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(pytest.failed + pytest.errors).toBe(0)
    const { actual, expected } = countsAgreement(result, pytest)
    expect(actual).toEqual(expected)
  })

  it('names where the test dependencies came from', () => {
    const install = installGroup(run(fixture).result)
    expect(install).toContain(`test dependencies: ${sources}`)
    for (const line of lines) expect(install).toContain(line)
  })

  it('installs nothing else, and the install warns of nothing', () => {
    const { result } = run(fixture)
    // requirements/docs.txt, Poetry's docs group, PDM's lint group: all left alone.
    expect(result.stdout).not.toMatch(/not-there/)
    const install = installGroup(result)
    expect(install).toContain(`test dependencies: ${sources}`)
    expect(install.filter((l) => l.startsWith('::warning'))).toEqual([])
  })
})

describe('a project whose requirement file installs the project too', () => {
  it('installs it once, from the checkout, not editable', () => {
    const { result } = run('deps-tests-requirements')
    const venv = path.dirname(path.dirname(venvPython(result)))
    const found = (pattern: string) =>
      execFileSync('find', [venv, '-path', pattern], { encoding: 'utf8' }).trim()
    expect(found('*/site-packages/tests_req_demo/__init__.py')).not.toBe('')
    expect(found('*/site-packages/__editable__*')).toBe('')
    expect(found('*/site-packages/*.egg-link')).toBe('')
  })
})
