import { describe, expect, it } from '@jest/globals'
import {
  commentResultsOf,
  defang,
  ResultsSchemaError,
  readCommentResults,
} from '../../src/comment/results.js'
import {
  createBaseline,
  createDiffCoverage,
  createMetrics,
  createProblem,
  createResults,
  createTestRun,
} from '../helpers/metrics.js'

const metrics = createMetrics({
  baseline: createBaseline(),
  diffCoverage: createDiffCoverage(),
  test: createTestRun({ results: createResults({ problems: [createProblem()] }) }),
})
const results = commentResultsOf(metrics)
const roundTrip = (value: unknown) => readCommentResults(JSON.parse(JSON.stringify(value)))

describe('the results a fork run keeps', () => {
  it('come back as they were kept', () => {
    expect(roundTrip(results)).toEqual(results)
    expect(results.test?.results?.problems[0]?.id).toBe(metrics.test?.results?.problems[0]?.id)
    expect(results.baseline).toEqual(metrics.baseline)
  })

  it('stay within the bounds the companion reads, however large the run', () => {
    const many = createMetrics({
      test: createTestRun({
        results: createResults({
          problems: Array.from({ length: 80 }, (_, i) =>
            createProblem({ id: `t${i}${'x'.repeat(30_000)}`, details: 'y'.repeat(10_000) }),
          ),
        }),
      }),
      verdict: { ok: false, reasons: Array.from({ length: 30 }, () => 'z'.repeat(5_000)) },
    })
    const kept = commentResultsOf(many)
    expect(kept.test?.results?.problems).toHaveLength(50)
    expect(() => roundTrip(kept)).not.toThrow()
  })

  it("keep why pytest stopped, as the run's own comment says it", () => {
    const stopped = 'tests timed out after 10 minutes (test-timeout)'
    const kept = commentResultsOf(createMetrics({ test: createTestRun({ stopped }) }))
    expect(roundTrip(kept).test?.stopped).toBe(stopped)
  })

  it('are not refused for a long diff base, branch or Python version', () => {
    const long = 'feature/'.padEnd(300, 'x')
    const kept = commentResultsOf(
      createMetrics({
        python: { version: `3.12.4${'+'.repeat(60)}`, path: '/py', origin: 'tool cache' },
        diffCoverage: { ...createDiffCoverage(), base: long },
        baseline: { ...createBaseline(), branch: long },
      }),
    )
    expect(() => roundTrip(kept)).not.toThrow()
    expect(roundTrip(kept).diffCoverage?.base).toBe(`${long.slice(0, 79)}…`)
  })

  it('ignore fields they do not know', () => {
    expect(roundTrip({ ...results, markdown: '## ✅ passed', html: '<img src=x>' })).toEqual(
      results,
    )
  })

  it.each<[string, unknown, string]>([
    ['not an object', '## ✅ passed', 'results is not an object'],
    ['no verdict', { ...results, verdict: undefined }, 'results.verdict is missing'],
    ['a verdict as text', { ...results, verdict: 'passed' }, 'results.verdict is not an object'],
    [
      'too many reasons',
      { ...results, verdict: { ok: false, reasons: Array(21).fill('x') } },
      'results.verdict.reasons has more than 20 items',
    ],
    [
      'a coverage total over 100',
      {
        ...results,
        test: { ...results.test, coverage: { ...results.test?.coverage, percent: 101 } },
      },
      'results.test.coverage.percent is not a number from 0 to 100',
    ],
    [
      'a coverage total shown as Markdown',
      {
        ...results,
        test: {
          ...results.test,
          coverage: { ...results.test?.coverage, percentDisplay: '100](x)' },
        },
      },
      'results.test.coverage.percentDisplay has an unexpected form',
    ],
    [
      'a negative count',
      { ...results, test: { ...results.test, results: { ...results.test?.results, passed: -1 } } },
      'results.test.results.passed is not a whole number',
    ],
    [
      'an unknown stage',
      { ...results, stages: [{ name: 'deploy', status: 'ok', durationMs: 1, summary: '' }] },
      'results.stages[0].name is not one of',
    ],
    [
      'a message over 1000 characters',
      {
        ...results,
        test: {
          ...results.test,
          results: {
            ...results.test?.results,
            problems: [{ ...createProblem(), message: 'm'.repeat(1001) }],
          },
        },
      },
      'results.test.results.problems[0].message is longer than 1000 characters',
    ],
    [
      'a sha256 that is not hex',
      {
        ...results,
        build: { ...results.build, wheel: { ...results.build?.wheel, sha256: '<b>' } },
      },
      'results.build.wheel.sha256 has an unexpected form',
    ],
    [
      'a delta that is not a number',
      { ...results, baseline: { ...results.baseline, deltaDisplay: '+100 🎉' } },
      'results.baseline.deltaDisplay has an unexpected form',
    ],
  ])('are refused when %s', (_, value, message) => {
    expect(() => roundTrip(value)).toThrow(ResultsSchemaError)
    expect(() => roundTrip(value)).toThrow(message)
  })
})

describe('defang', () => {
  it.each([
    ['see https://evil.example/login', 'see https\u200b://evil.example/login'],
    ['HTTP://x.y and ftp://z', 'HTTP\u200b://x.y and ftp\u200b://z'],
    ['www.evil.example', 'www\u200b.evil.example'],
    ['tests/test_www.py::test_http', 'tests/test_www.py::test_http'],
  ])('%j -> %j', (text, inert) => expect(defang(text)).toBe(inert))
})
