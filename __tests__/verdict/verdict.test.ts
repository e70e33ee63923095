import { describe, expect, it } from '@jest/globals'
import type {
  DiffCoverageResult,
  StageResult,
  TestResults,
  TestRun,
} from '../../src/report/metrics.js'
import { describeTests } from '../../src/test/stage.js'
import { verdictOf } from '../../src/verdict/verdict.js'
import { createConfig } from '../helpers/config.js'
import { createDiffCoverage } from '../helpers/metrics.js'

const stage = (
  name: StageResult['name'],
  status: StageResult['status'],
  summary = '',
): StageResult => ({
  name,
  status,
  durationMs: 1,
  summary,
})

const results = {
  tests: 5,
  passed: 3,
  failed: 1,
  skipped: 0,
  xfailed: 0,
  xpassed: 0,
  errors: 1,
  collectionErrors: 0,
  seconds: 1,
  problems: [],
  slowest: [],
}
const COVERAGE = {
  percent: 0,
  percentDisplay: '0',
  coveredLines: 0,
  statements: 10,
  coveredBranches: 0,
  branches: 0,
  files: [],
  sourceNote: '',
}
// exitCode -1 stands for exit 1 without a JUnit report (pytest never ran).
const run = (exitCode: number): TestRun => ({
  ok: exitCode === 0 || exitCode === 5,
  exitCode: Math.abs(exitCode),
  results: exitCode === -1 ? undefined : results,
  notes: [],
})

describe('verdictOf', () => {
  it.each<[number | undefined, TestRun['coverage'], string[]]>([
    [
      80,
      { ...COVERAGE, percent: 79.4, percentDisplay: '79' },
      ['coverage 79% is under fail-under 80%'],
    ],
    [80, { ...COVERAGE, percent: 79.6, percentDisplay: '80' }, []],
    [undefined, { ...COVERAGE, percent: 10, percentDisplay: '10' }, []],
    [80, undefined, ['fail-under 80%: no total coverage was measured']],
  ])('fail-under %s', (failUnder, coverage, reasons) => {
    const stages = [stage('python', 'ok'), stage('test', 'ok')]
    const verdict = verdictOf(createConfig({ failUnder }), stages, { ...run(0), coverage })
    expect(verdict).toEqual({ ok: reasons.length === 0, reasons })
  })

  it.each<[number | undefined, DiffCoverageResult | undefined, string[]]>([
    [
      80,
      createDiffCoverage({ percentTruncated: 77, percentDisplay: '77' }),
      ['changed-lines coverage 77% is under fail-under-diff 80%'],
    ],
    [70, createDiffCoverage({ percentTruncated: 77, percentDisplay: '77' }), []],
    [80, { measured: false, reason: 'no changed lines' }, []],
    [80, undefined, []],
  ])('fail-under-diff %s', (failUnderDiff, diff, reasons) => {
    const stages = [stage('python', 'ok'), stage('test', 'ok')]
    const verdict = verdictOf(createConfig({ failUnderDiff }), stages, run(0), undefined, diff)
    expect(verdict).toEqual({ ok: reasons.length === 0, reasons })
  })

  it('passes when every stage passed', () => {
    const stages = [
      stage('python', 'ok'),
      stage('install', 'ok'),
      stage('build', 'ok'),
      stage('test', 'ok'),
    ]
    expect(verdictOf(createConfig(), stages, run(0))).toEqual({ ok: true, reasons: [] })
  })

  it.each<[string, boolean, number, string[]]>([
    ['failures', true, 1, ['tests failed: 1 failure, 1 error in 5 tests']],
    ['collection errors', true, 2, ['tests failed: 1 failure, 1 error in 5 tests']],
    ['failures, not failing on them', false, 1, []],
    ['a usage error, whatever the setting', false, 4, ['test failed: pytest could not start']],
    [
      'exit 1 with no JUnit report, whatever the setting',
      false,
      -1,
      ['test failed: pytest could not start'],
    ],
  ])('%s', (_, failOnTestFailure, exitCode, reasons) => {
    const stages = [stage('python', 'ok'), stage('test', 'failed', 'pytest could not start')]
    const verdict = verdictOf(createConfig({ failOnTestFailure }), stages, run(exitCode))
    expect(verdict).toEqual({ ok: reasons.length === 0, reasons })
  })

  it.each<[string, boolean, string[]]>([
    [
      'no test collected',
      false,
      [
        'tests failed: pytest collected no tests; allow-no-tests: true lets a project with no tests yet pass',
      ],
    ],
    ['no test collected, allow-no-tests', true, []],
  ])('%s', (_, allowNoTests, reasons) => {
    const none = { ...results, tests: 0, passed: 0, failed: 0, errors: 0 }
    const test: TestRun = { ok: allowNoTests, exitCode: 5, results: none, notes: [] }
    const stages = [
      stage('python', 'ok'),
      stage('test', allowNoTests ? 'ok' : 'failed', '0 passed'),
    ]
    expect(verdictOf(createConfig({ allowNoTests }), stages, test)).toEqual({
      ok: reasons.length === 0,
      reasons,
    })
  })

  it('fails a run with no JUnit report whatever pytest exited with', () => {
    const summary = 'pytest wrote no JUnit report (it exited 0; a test may have ended the process)'
    const test: TestRun = { ok: false, exitCode: 0, notes: [summary] }
    const stages = [stage('python', 'ok'), stage('test', 'failed', summary)]
    expect(verdictOf(createConfig({ allowNoTests: true }), stages, test).reasons).toEqual([
      `test failed: ${summary}`,
    ])
  })

  it.each<[string, string[], string[]]>([
    [
      'refused for a reason the step fails for anyway: said once',
      ['coverage 10.00% is under fail-under 80%'],
      ['coverage 10.00% is under fail-under 80%'],
    ],
    [
      'refused for that and its own reason: the own one added',
      [
        'coverage 10.00% is under fail-under 80%',
        'tag v9 is version 9, but the built version is 0.1.0',
      ],
      [
        'coverage 10.00% is under fail-under 80%',
        'publish refused: tag v9 is version 9, but the built version is 0.1.0',
      ],
    ],
  ])('publishing %s', (_, publishReasons, reasons) => {
    const coverage = { ...COVERAGE, percent: 10, percentDisplay: '10.00' }
    const stages = [stage('test', 'ok'), stage('publish', 'failed', 'refused')]
    const publish = {
      status: 'refused' as const,
      reasons: publishReasons,
      details: [],
      files: [],
      repositoryUrl: 'https://upload.pypi.org/legacy/',
    }
    const verdict = verdictOf(
      createConfig({ failUnder: 80 }),
      stages,
      { ...run(0), coverage },
      publish,
    )
    expect(verdict.reasons).toEqual(reasons)
  })

  it.each<[string, Partial<TestResults>, string]>([
    [
      'collection errors beside the tests',
      { tests: 11, failed: 2, errors: 3, collectionErrors: 1 },
      'tests failed: 2 failures, 3 errors (1 during collection) in 11 tests',
    ],
    [
      'a run that stopped at collection',
      { tests: 0, failed: 0, errors: 2, collectionErrors: 2, interrupted: 'Interrupted: 2 errors' },
      'tests failed: pytest stopped at 2 collection errors, no test ran',
    ],
  ])('says what failed for %s', (_, counts, reason) => {
    const stages = [stage('python', 'ok'), stage('test', 'failed', 'tests failed')]
    const test = { ...run(2), results: { ...results, ...counts } }
    expect(verdictOf(createConfig(), stages, test).reasons).toEqual([reason])
  })

  it.each<[string, Partial<TestRun>, boolean, string[]]>([
    [
      'a timeout after passing tests',
      { stopped: 'tests timed out after 0.2 minutes (test-timeout)', exitCode: 2 },
      false,
      ['tests timed out after 0.2 minutes (test-timeout)'],
    ],
    [
      'a timeout after failures, failing on them',
      { stopped: 'tests timed out after 1.5 minutes (test-timeout)', exitCode: 2 },
      true,
      [
        'tests timed out after 1.5 minutes (test-timeout)',
        'tests failed: 1 failure, 1 error in 5 tests',
      ],
    ],
    [
      'a signal, with no JUnit report',
      { stopped: 'pytest was killed by SIGSEGV (signal 11)', exitCode: 139, results: undefined },
      true,
      ['pytest was killed by SIGSEGV (signal 11)'],
    ],
  ])('says why pytest stopped: %s', (_, stopped, failOnTestFailure, reasons) => {
    const stages = [stage('python', 'ok'), stage('test', 'failed', 'whatever the summary')]
    const test = { ...run(2), ok: false, ...stopped }
    expect(verdictOf(createConfig({ failOnTestFailure }), stages, test)).toEqual({
      ok: false,
      reasons,
    })
  })

  it('names each failed stage once, and not the skipped ones', () => {
    const stages = [
      stage('python', 'ok'),
      stage('install', 'failed', 'pip install failed (exit 1):'),
      stage('build', 'skipped'),
      stage('test', 'skipped'),
    ]
    expect(verdictOf(createConfig(), stages, undefined).reasons).toEqual([
      'install failed: pip install failed (exit 1):',
    ])
  })
})

describe('describeTests', () => {
  it.each<[string, Partial<TestRun>, string]>([
    ['counts', {}, '3 passed, 1 failed, 1 error, 0 skipped'],
    [
      'a timeout, then the counts of what finished',
      { stopped: 'tests timed out after 0.2 minutes (test-timeout)' },
      'tests timed out after 0.2 minutes (test-timeout); 3 passed, 1 failed, 1 error, 0 skipped',
    ],
    [
      'a signal and no report: the note',
      {
        stopped: 'pytest was killed by SIGSEGV (signal 11)',
        results: undefined,
        notes: [
          'pytest was killed by SIGSEGV (signal 11) and wrote no JUnit report\nFatal Python error',
        ],
      },
      'pytest was killed by SIGSEGV (signal 11) and wrote no JUnit report',
    ],
  ])('%s', (_, overrides, summary) => {
    expect(describeTests({ ...run(1), ...overrides }).summary).toBe(summary)
  })
})
