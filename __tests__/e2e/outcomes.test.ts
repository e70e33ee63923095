/**
 * Projects whose tests do not simply pass: a failing test, a test module that
 * does not parse, no tests at all, and test names and messages that try to
 * break the Markdown of the job summary. Each fails (or not) cleanly, with the
 * summary written and pytest's and coverage.py's own numbers.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import {
  brokenTableRows,
  countsAgreement,
  coverageAgreement,
  endsInsideFence,
  mapLimit,
  missingReportFiles,
  renderedText,
} from '../harness/agreement.js'
import { FIXTURES } from '../harness/paths.js'
import { failureLocations, type PytestReference, pytestReference } from '../harness/reference.js'
import { type ActionResult, runAction, stackTraceLines } from '../harness/runner.js'

// A run of the action takes seconds; jest's project config cannot set this.
jest.setTimeout(180_000)

const FIXTURE_NAMES = ['failing-test', 'syntax-error', 'no-tests', 'hostile-names'] as const
type Fixture = (typeof FIXTURE_NAMES)[number]

const runs = new Map<Fixture, { result: ActionResult; pytest: PytestReference }>()

beforeAll(async () => {
  await mapLimit(FIXTURE_NAMES, 2, async (fixture) => {
    const [result, pytest] = await Promise.all([
      // Not about building: skip the isolated build's two venvs (seconds each).
      runAction({
        fixture,
        inputs: {},
      }),
      pytestReference(fixture),
    ])
    runs.set(fixture, { result, pytest })
  })
}, 600_000)

afterAll(() => {
  for (const { result } of runs.values()) result.cleanup()
})

function run(fixture: Fixture): { result: ActionResult; pytest: PytestReference } {
  const found = runs.get(fixture)
  if (!found) throw new Error(`${fixture} did not run`)
  return found
}

function log(result: ActionResult): string {
  return result.stdout + result.stderr
}

describe.each(['failing-test', 'syntax-error', 'hostile-names'] as const)('%s', (fixture) => {
  it("reports pytest's own counts", () => {
    const { result, pytest } = run(fixture)
    const { actual, expected } = countsAgreement(result, pytest)
    expect(actual).toEqual(expected)
  })

  it("reports coverage.py's own total", async () => {
    const { result } = run(fixture)
    expect(missingReportFiles(result)).toEqual([])
    const { actual, expected } = await coverageAgreement(result)
    expect(actual).toBe(expected)
  })

  it('fails the step with exit code 1, after writing the summary, without a stack trace', () => {
    const { result } = run(fixture)
    expect(result.timedOut).toBe(false)
    expect(result.exitCode).toBe(1)
    expect(result.summary.trim()).not.toBe('')
    expect(stackTraceLines(log(result))).toEqual([])
  })
})

describe('failing-test', () => {
  it('annotates the failed test with an error at its file and line', () => {
    const { result, pytest } = run('failing-test')
    const failures = failureLocations(pytest.output)
    expect(failures).toHaveLength(pytest.failed)
    const [failure] = failures
    if (!failure) throw new Error(`pytest reported no failure:\n${pytest.output}`)
    const source = readFileSync(path.join(FIXTURES, 'failing-test', failure.file), 'utf8')
    const defLine = source.split('\n').findIndex((l) => l.startsWith(`def ${failure.test}(`)) + 1

    const errors = result.commands.filter((c) => c.name === 'error' && c.properties.file)
    const annotation = errors.find((c) => c.properties.file === failure.file)
    expect(annotation).toBeDefined()
    if (!annotation) return
    // The raising line is the useful place; the def line is what JUnit knows.
    expect([String(failure.line), String(defLine)]).toContain(annotation.properties.line)
    expect(`${annotation.properties.title} ${annotation.message}`).toContain(failure.test)
    expect(annotation.message).toContain('should be 5 in this broken test')
  })

  it('names the failed test in the summary', () => {
    const { result, pytest } = run('failing-test')
    for (const failure of failureLocations(pytest.output)) {
      expect(result.summary).toContain(failure.test)
    }
  })
})

describe('syntax-error', () => {
  it('says in the summary which module does not parse, and why', () => {
    const { result } = run('syntax-error')
    expect(result.summary).toContain('test_broken')
    expect(result.summary).toMatch(/SyntaxError|syntax error/i)
  })

  it('points an error annotation at the module', () => {
    const { result } = run('syntax-error')
    const errors = result.commands.filter((c) => c.name === 'error')
    expect(
      errors.some((c) => `${c.properties.file ?? ''} ${c.message}`.includes('test_broken')),
    ).toBe(true)
  })
})

describe('no-tests', () => {
  it('says that no tests were collected, and does not crash', () => {
    const { result } = run('no-tests')
    expect(result.timedOut).toBe(false)
    // The lead's choice between success and failure; either is a verdict, not a crash.
    expect([0, 1]).toContain(result.exitCode)
    expect(stackTraceLines(log(result))).toEqual([])
    expect(`${result.summary}\n${result.stdout}`).toMatch(
      /no tests (were )?(collected|ran|found)|collected 0 (items|tests)/i,
    )
  })

  it("reports pytest's counts: none", () => {
    const { result, pytest } = run('no-tests')
    expect(pytest.tests).toBe(0)
    const { actual, expected } = countsAgreement(result, pytest)
    expect(actual).toEqual(expected)
  })
})

describe('hostile-names', () => {
  // Inside code (fenced blocks, code spans) GitHub shows HTML as text and
  // mentions do not notify; everywhere else both are live.
  it('lets no HTML from test names or messages through, and keeps code fences closed', () => {
    const { result } = run('hostile-names')
    const rendered = renderedText(result.summary)
    expect(rendered).not.toMatch(/<script/i)
    expect(rendered).not.toContain('<b>')
    expect(endsInsideFence(result.summary)).toBe(false)
  })

  it('never mentions @octocat (a zero-width space follows each @)', () => {
    const { result } = run('hostile-names')
    expect(renderedText(result.summary)).not.toContain('@octocat')
    expect(result.summary).toMatch(/@(\u200b|&#8203;|&#x200b;)octocat/i)
  })

  it('keeps every table row whole despite | and new lines in names and messages', () => {
    const { result } = run('hostile-names')
    expect(brokenTableRows(result.summary)).toEqual([])
  })

  it('annotates each failed test once', () => {
    const { result, pytest } = run('hostile-names')
    const errors = result.commands.filter(
      (c) => c.name === 'error' && c.properties.file === 'tests/test_hostile.py',
    )
    expect(errors).toHaveLength(pytest.failed)
  })
})
