/**
 * What the action and the CLI report about a test run, beside what pytest and
 * coverage.py print themselves, run with the very interpreter of the action's
 * venv: every kind of outcome pytest counts, a run that stopped at collection,
 * the versions of the tools that ran, and an install that fails.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  actionVenvPython,
  countsAgreement,
  coverageAgreement,
  mapLimit,
} from '../harness/agreement.js'
import {
  coverageReference,
  type PytestReference,
  pytestReference,
  python,
} from '../harness/reference.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../harness/runner.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

interface Case {
  readonly name: string
  readonly fixture: string
  readonly entry: 'main' | 'cli'
  readonly inputs?: Readonly<Record<string, string>>
  readonly args?: readonly string[]
}

const CASES: readonly Case[] = [
  { name: 'every-outcome', fixture: 'every-outcome', entry: 'main' },
  { name: 'every-outcome cli', fixture: 'every-outcome', entry: 'cli', args: ['project'] },
  // Not about building: the tests alone.
  { name: 'syntax-error', fixture: 'syntax-error', entry: 'main', inputs: { build: 'false' } },
  {
    name: 'syntax-error cli',
    fixture: 'syntax-error',
    entry: 'cli',
    args: ['project', '--no-build'],
  },
  { name: 'install-fails', fixture: 'install-fails', entry: 'main' },
]

const runs = new Map<string, ActionResult>()
const references = new Map<string, PytestReference>()

beforeAll(async () => {
  await mapLimit(CASES, 2, async ({ name, fixture, entry, inputs, args }) => {
    const result = await runAction({
      fixture,
      entry,
      inputs,
      args,
      // Outside GitHub the machine's python3 is the laid-out one.
      ...(entry === 'cli' && { into: 'project', toolCachePython: true }),
    })
    runs.set(name, result)
  })
  // The CLI keeps no venv; its main run made one of the same Python and tools.
  await mapLimit(['every-outcome', 'syntax-error'], 2, async (fixture) => {
    references.set(fixture, await pytestReference(fixture, [], actionVenvPython(run(fixture))))
  })
}, 900_000)

afterAll(() => {
  for (const result of runs.values()) result.cleanup()
})

function run(name: string): ActionResult {
  const found = runs.get(name)
  if (!found) throw new Error(`${name} did not run`)
  return found
}

function reference(fixture: string): PytestReference {
  const found = references.get(fixture)
  if (!found) throw new Error(`no pytest reference for ${fixture}`)
  return found
}

/** The CLI's report line that starts with `label`, e.g. "tests     ". */
function textLine(result: ActionResult, label: string): string {
  const line = result.stdout.split('\n').find((l) => l.startsWith(label.padEnd(10)))
  if (line === undefined) throw new Error(`no ${label} line:\n${describeRun(result)}`)
  return line
}

/** pytest's summary counts as the report words them: "4 passed", "3 errors (1 during collection)". */
function countWords(pytest: PytestReference): string[] {
  const errors = `${pytest.errors} ${pytest.errors === 1 ? 'error' : 'errors'}`
  const collection =
    pytest.collectionErrors > 0 ? ` (${pytest.collectionErrors} during collection)` : ''
  return [
    `${pytest.tests} ${pytest.tests === 1 ? 'test' : 'tests'}: ${pytest.passed} passed`,
    `${pytest.failed} failed`,
    `${errors}${collection}`,
    `${pytest.skipped} skipped`,
    ...(pytest.xfailed > 0 ? [`${pytest.xfailed} xfailed`] : []),
    ...(pytest.xpassed > 0 ? [`${pytest.xpassed} xpassed`] : []),
  ]
}

/** The "pytest X" and "coverage Y" the venv's interpreter prints, and the wheel's Generator. */
async function toolVersions(interpreter: string, wheel: string | undefined): Promise<string[]> {
  const cwd = path.dirname(interpreter)
  const [pytest, coverage] = await Promise.all([
    python(['-m', 'pytest', '--version'], cwd, {}, interpreter),
    python(['-m', 'coverage', '--version'], cwd, {}, interpreter),
  ])
  // "pytest 8.4.2"; "Coverage.py, version 7.10.6 with C extension".
  const pytestVersion = /pytest (\S+)/.exec(pytest.stdout + pytest.stderr)?.[1]
  const coverageVersion = /version (\S+)/.exec(coverage.stdout)?.[1]
  if (!pytestVersion || !coverageVersion) {
    throw new Error(`no versions: ${pytest.stdout}${pytest.stderr}${coverage.stdout}`)
  }
  const versions = [`pytest ${pytestVersion}`, `coverage ${coverageVersion}`]
  if (wheel === undefined) return versions
  const read = await python(
    [
      '-c',
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); w = next(n for n in z.namelist() if n.endswith('.dist-info/WHEEL')); print(next(l for l in z.read(w).decode().splitlines() if l.startswith('Generator:')))",
      wheel,
    ],
    cwd,
  )
  // "Generator: setuptools (80.9.0)", "Generator: hatchling 1.27.0".
  const generator = /^Generator: (\S+) \(?([^)\s]+)\)?$/.exec(read.stdout.trim())
  if (!generator) throw new Error(`no Generator in ${wheel}: ${read.stdout}${read.stderr}`)
  return [...versions, `${generator[1]} ${generator[2]}`]
}

describe('every-outcome: pass, fail, skip, xfail, xpass, strict xpass, fixture errors, a module that does not import', () => {
  it('has every kind, by pytest itself', () => {
    const pytest = reference('every-outcome')
    const kinds = ['passed', 'failed', 'skipped', 'xfailed', 'xpassed'] as const
    expect(kinds.filter((kind) => pytest[kind] === 0)).toEqual([])
    expect(pytest.collectionErrors).toBe(1)
    expect(pytest.errors).toBeGreaterThan(pytest.collectionErrors)
  })

  it("gives pytest's own counts as outputs", () => {
    const result = run('every-outcome')
    expect(result.exitCode).toBe(1)
    const { actual, expected } = countsAgreement(result, reference('every-outcome'))
    expect(actual).toEqual(expected)
  })

  it("shows pytest's counts in the job summary and the CLI report", () => {
    const words = countWords(reference('every-outcome'))
    const summaryLine = run('every-outcome')
      .summary.split('\n')
      .find((line) => line.includes(' tests: '))
    expect(summaryLine).toContain(words.join(', '))
    expect(textLine(run('every-outcome cli'), 'tests')).toContain(words.join(', '))
    expect(run('every-outcome cli').exitCode).toBe(1)
  })

  it("reports coverage.py's own total", async () => {
    const { actual, expected } = await coverageAgreement(run('every-outcome'))
    expect(actual).toBe(expected)
  })

  it('annotates the module that does not import once, with its exception at its file and line', () => {
    const pytest = reference('every-outcome')
    // pytest's own block: "___ ERROR collecting tests/test_x.py ___", then the traceback.
    const block = /^_+ ERROR collecting (\S+) _+$([\s\S]*?)^_+ /m.exec(pytest.output)
    const [file = '', text = ''] = block?.slice(1) ?? []
    const exception = [...text.matchAll(/^E {3}(\S.*)$/gm)].at(-1)?.[1]
    const line = new RegExp(`^${file.replaceAll('.', '\\.')}:(\\d+): in <module>$`, 'm').exec(
      text,
    )?.[1]
    expect([file, exception, line]).toEqual([
      'tests/test_missing_dependency.py',
      expect.stringMatching(/^ModuleNotFoundError: /),
      expect.any(String),
    ])
    const annotations = run('every-outcome').commands.filter(
      (c) => c.name === 'error' && c.properties.file === file,
    )
    expect(annotations).toHaveLength(1)
    expect(annotations[0]?.properties.line).toBe(line)
    expect(annotations[0]?.properties.title).toBe(`Collection error: ${file}`)
    expect(annotations[0]?.message.split('\n')[0]).toBe(exception)
  })

  it('names the pytest, coverage and build backend that ran, in the summary and the CLI report', async () => {
    const result = run('every-outcome')
    const versions = await toolVersions(actionVenvPython(result), result.outputs.wheel)
    expect(versions).toHaveLength(3)
    const tools = result.summary.split('\n').find((line) => line.startsWith('**Tools** '))
    // As GitHub shows it: the summary escapes Markdown's characters (bdist&#95;wheel).
    const shown = tools?.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    expect(shown).toBe(`**Tools** ${versions.join(' · ')}`)
    expect(textLine(run('every-outcome cli'), 'tools')).toBe(`tools     ${versions.join(' · ')}`)
  })

  it('ends cleanly', () => {
    for (const name of ['every-outcome', 'every-outcome cli']) {
      const result = run(name)
      expect(result.timedOut).toBe(false)
      expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
    }
  })
})

describe('syntax-error: pytest stops at collection', () => {
  it('is interrupted, by pytest itself', () => {
    const pytest = reference('syntax-error')
    expect(pytest.output).toMatch(/Interrupted: 1 error during collection/)
    expect([pytest.tests, pytest.collectionErrors]).toEqual([0, 1])
  })

  it("gives pytest's counts: no tests, one error", () => {
    const { actual, expected } = countsAgreement(run('syntax-error'), reference('syntax-error'))
    expect(actual).toEqual(expected)
  })

  it("gives coverage.py's own total as the output, and marks it partial in the summary", async () => {
    const result = run('syntax-error')
    const { actual, expected } = await coverageAgreement(result)
    expect(actual).toBe(expected)
    expect(result.summary).toContain(`coverage **${expected}%** (partial: collection stopped)`)
    expect(result.summary).toContain('pytest stopped at collection')
  })

  it('marks it partial in the CLI report too', async () => {
    const result = run('syntax-error cli')
    expect(result.exitCode).toBe(1)
    const dir = /JUnit and coverage files in (\S+)\)/.exec(result.stdout)?.[1]
    if (!dir) throw new Error(describeRun(result))
    const { total } = await coverageReference(path.join(dir, '.coverage'), result.projectDir)
    expect(textLine(result, 'coverage')).toMatch(
      new RegExp(`^coverage {2}${total.replace('.', '\\.')}% \\(partial: collection stopped\\) `),
    )
  })
})

describe('install-fails: setup.py raises', () => {
  it('fails the step with exactly one error annotation, naming the install', () => {
    const result = run('install-fails')
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error')
    expect(errors.map((c) => c.message)).toEqual([expect.stringMatching(/^install failed: /)])
    expect(result.summary).toContain('install')
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })
})
