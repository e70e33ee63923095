/**
 * One project per build backend through dist/main.js: sdist and wheel are
 * built and named for their metadata, and the test numbers are pytest's and
 * coverage.py's own.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  countsAgreement,
  coverageAgreement,
  mapLimit,
  missingReportFiles,
} from '../harness/agreement.js'
import {
  distFileParts,
  distMetadata,
  normalizeName,
  type PytestReference,
  pytestReference,
} from '../harness/reference.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../harness/runner.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

interface Backend {
  readonly fixture: string
  readonly inputs: Readonly<Record<string, string>>
}

// Offline, isolated builds work only for setuptools (its wheels are in
// /usr/share/python-wheels); the other backends come from apt.
const BACKENDS: readonly Backend[] = [
  { fixture: 'setuptools-pyproject', inputs: {} },
  { fixture: 'setuptools-legacy', inputs: {} },
  { fixture: 'hatchling', inputs: {} },
  { fixture: 'poetry-core', inputs: {} },
  { fixture: 'flit', inputs: {} },
  { fixture: 'src-layout', inputs: {} },
  // pytest-cov in addopts, warnings as errors, coverage source and precision 2.
  { fixture: 'project-config', inputs: {} },
]

const runs = new Map<string, { result: ActionResult; pytest: PytestReference }>()

beforeAll(async () => {
  await mapLimit(BACKENDS, 2, async ({ fixture, inputs }) => {
    const [result, pytest] = await Promise.all([
      runAction({
        fixture,
        toolCachePython: true,
        inputs,
      }),
      pytestReference(fixture),
    ])
    runs.set(fixture, { result, pytest })
  })
}, 600_000)

afterAll(() => {
  for (const { result } of runs.values()) result.cleanup()
})

function run(fixture: string): { result: ActionResult; pytest: PytestReference } {
  const found = runs.get(fixture)
  if (!found) throw new Error(`${fixture} did not run`)
  return found
}

describe.each(BACKENDS.map((b) => b.fixture))('%s', (fixture) => {
  it('succeeds', () => {
    const { result } = run(fixture)
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.exitCode).toBe(0)
  })

  it('builds an sdist and a wheel named for the metadata inside them', async () => {
    const { result } = run(fixture)
    const { sdist, wheel } = result.outputs
    expect({ sdist, wheel }).toEqual({
      sdist: expect.stringMatching(/\.tar\.gz$/),
      wheel: expect.stringMatching(/\.whl$/),
    })
    if (sdist === undefined || wheel === undefined) return
    expect(path.isAbsolute(sdist) && existsSync(sdist)).toBe(true)
    expect(path.isAbsolute(wheel) && existsSync(wheel)).toBe(true)

    const [wheelMeta, sdistMeta] = await Promise.all([distMetadata(wheel), distMetadata(sdist)])
    expect(sdistMeta).toEqual(wheelMeta)
    expect({
      name: result.outputs['package-name'],
      version: result.outputs['package-version'],
    }).toEqual(wheelMeta)

    for (const file of [sdist, wheel]) {
      const parts = distFileParts(file)
      expect(parts && { name: normalizeName(parts.name), version: parts.version }).toEqual({
        name: normalizeName(wheelMeta.name),
        version: wheelMeta.version,
      })
    }
  })

  it("reports pytest's own counts", () => {
    const { result, pytest } = run(fixture)
    const { actual, expected } = countsAgreement(result, pytest)
    expect(actual).toEqual(expected)
  })

  it("reports coverage.py's own total, with the data and reports beside the Markdown report", async () => {
    const { result } = run(fixture)
    expect(missingReportFiles(result)).toEqual([])
    const { actual, expected } = await coverageAgreement(result)
    expect(actual).toBe(expected)
  })

  it('writes the job summary and uses no stack trace', () => {
    const { result } = run(fixture)
    expect(result.summary).not.toBe('')
    expect(stackTraceLines(result.stdout + result.stderr)).toEqual([])
  })
})

describe("a project's own pytest and coverage configuration", () => {
  it('is measured with its configured source, not taken over by the --cov in its addopts', async () => {
    const { result } = run('project-config')
    expect(result.stdout).toContain(
      "coverage measures demo_conf (the project's coverage configuration)",
    )
    // Were pytest-cov's own tracer running, coverage run would have collected nothing.
    expect(result.stdout).not.toContain('No data was collected')
    const { expected } = await coverageAgreement(result)
    expect(Number.parseFloat(expected)).toBeGreaterThan(50)
    // [tool.coverage.report] precision = 2 shows in the output as coverage.py prints it.
    expect(result.outputs.coverage).toMatch(/^\d+\.\d\d$/)
  })
})
