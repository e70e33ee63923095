/**
 * Factories for the metrics model in report tests: each builds a complete, plausible
 * value with `overrides` applied, so a test states only what it is about.
 */
import type {
  BuildHistory,
  BuildResult,
  CoverageBaseline,
  CoverageResult,
  DiffCoverageResult,
  DistFile,
  FileCoverage,
  Metrics,
  PublishResult,
  TestCaseProblem,
  TestResults,
  TestRun,
} from '../../src/report/metrics.js'

type MeasuredHistory = Extract<BuildHistory, { branch: string }>

export function createDist(kind: DistFile['kind'], overrides: Partial<DistFile> = {}): DistFile {
  const fileName = kind === 'sdist' ? 'demo-0.1.0.tar.gz' : 'demo-0.1.0-py3-none-any.whl'
  return {
    path: `/work/demo/dist/${fileName}`,
    fileName,
    kind,
    size: kind === 'sdist' ? 4096 : 3210,
    sha256: kind === 'sdist' ? 'a'.repeat(64) : 'b'.repeat(64),
    name: 'demo',
    version: '0.1.0',
    ...overrides,
  }
}

export function createBuild(overrides: Partial<BuildResult> = {}): BuildResult {
  return {
    ok: true,
    sdist: createDist('sdist'),
    wheel: createDist('wheel'),
    problems: [],
    warnings: [],
    twineCheck: 'passed',
    backend: 'setuptools 80.9.0',
    ...overrides,
  }
}

export function createProblem(overrides: Partial<TestCaseProblem> = {}): TestCaseProblem {
  return {
    kind: 'failure',
    id: 'tests/test_calc.py::test_add',
    file: 'tests/test_calc.py',
    line: 7,
    message: 'assert 3 == 4',
    details:
      'def test_add():\n>       assert add(1, 2) == 4\nE       assert 3 == 4\n\ntests/test_calc.py:7: AssertionError',
    ...overrides,
  }
}

/**
 * The counts of a run whose pytest said "2 failed, 4 passed, 2 skipped, 1
 * xfailed, 1 xpassed, 3 errors" over 11 tests, one test module not importable.
 */
export const EVERY_OUTCOME = {
  tests: 11,
  passed: 4,
  failed: 2,
  skipped: 2,
  xfailed: 1,
  xpassed: 1,
  errors: 3,
  collectionErrors: 1,
} as const satisfies Partial<TestResults>

export function createResults(overrides: Partial<TestResults> = {}): TestResults {
  return {
    tests: 10,
    passed: 8,
    failed: 1,
    skipped: 1,
    xfailed: 0,
    xpassed: 0,
    errors: 0,
    collectionErrors: 0,
    seconds: 1.25,
    problems: [createProblem()],
    slowest: [{ id: 'tests/test_calc.py::test_slow', seconds: 0.5 }],
    ...overrides,
  }
}

export function createFileCoverage(overrides: Partial<FileCoverage> = {}): FileCoverage {
  return {
    path: 'demo/calc.py',
    statements: 10,
    missing: 2,
    branches: 4,
    partialBranches: 1,
    percent: 78.57,
    percentDisplay: '79',
    missingLines: [5, 9],
    ...overrides,
  }
}

export function createCoverage(overrides: Partial<CoverageResult> = {}): CoverageResult {
  return {
    percent: 78.57,
    percentDisplay: '79',
    coveredLines: 8,
    statements: 10,
    coveredBranches: 3,
    branches: 4,
    files: [createFileCoverage()],
    sourceNote: "demo (the installed project's top-level packages)",
    ...overrides,
  }
}

export function createTestRun(overrides: Partial<TestRun> = {}): TestRun {
  return {
    ok: false,
    exitCode: 1,
    results: createResults(),
    coverage: createCoverage(),
    tools: { pytest: '8.4.2', coverage: '7.10.6' },
    notes: [],
    ...overrides,
  }
}

/** A run where every stage ran and one test failed. */
export function createPublish(overrides: Partial<PublishResult> = {}): PublishResult {
  const file = (kind: DistFile['kind']) => {
    const { fileName, size, sha256 } = createDist(kind)
    return { fileName, size, sha256, outcome: 'uploaded' as const, attempts: 1 }
  }
  return {
    status: 'published',
    reasons: [],
    details: [],
    repositoryUrl: 'https://upload.pypi.org/legacy/',
    credential: 'Trusted Publishing',
    tag: 'v0.1.0',
    projectUrl: 'https://pypi.org/project/demo/0.1.0/',
    files: [file('sdist'), file('wheel')],
    ...overrides,
  }
}

/** A measured build success rate: 17 of 20 completed runs on main. */
export function createHistory(overrides: Partial<MeasuredHistory> = {}): MeasuredHistory {
  return {
    kind: 'measured',
    branch: 'main',
    workflow: 'ci.yml',
    window: 20,
    successes: 17,
    completed: 20,
    notCounted: 0,
    percent: 85,
    ...overrides,
  }
}

type MeasuredDiff = Extract<DiffCoverageResult, { measured: true }>

/** Changed lines from git: 7 of 9 measured changed lines covered, in two files. */
export function createDiffCoverage(overrides: Partial<MeasuredDiff> = {}): MeasuredDiff {
  return {
    measured: true,
    source: 'git diff base...HEAD',
    base: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
    changedLines: 15,
    coverableLines: 9,
    coveredLines: 7,
    percent: (7 / 9) * 100,
    percentTruncated: 77,
    percentDisplay: '77',
    files: [
      {
        path: 'demo/core.py',
        coverable: 6,
        covered: 4,
        percent: 100 - (2 / 6) * 100,
        uncoveredLines: [12, 13],
        uncoveredRanges: '12-13',
      },
      {
        path: 'demo/util.py',
        coverable: 3,
        covered: 3,
        percent: 100,
        uncoveredLines: [],
        uncoveredRanges: '',
      },
    ],
    unreadFiles: [],
    ...overrides,
  }
}

type ComparedBaseline = Extract<CoverageBaseline, { kind: 'compared' }>

/** The base branch at 79.82% (shown "80"): this run's 78.57% is a drop of 1 point at precision 0. */
export function createBaseline(overrides: Partial<ComparedBaseline> = {}): ComparedBaseline {
  return {
    kind: 'compared',
    branch: 'main',
    artifact: 'python-ci-coverage',
    base: {
      sha: '89abcdef0123456789abcdef0123456789abcdef',
      percent: 79.82,
      percentDisplay: '80',
      coveredLines: 9,
      statements: 10,
      coveredBranches: 3,
      branches: 4,
    },
    delta: 78.57 - 79.82,
    deltaDisplay: '-1',
    files: [],
    ...overrides,
  }
}

export function createMetrics(overrides: Partial<Metrics> = {}): Metrics {
  return {
    python: {
      version: '3.12.4',
      path: '/opt/hostedtoolcache/Python/3.12.4/x64/bin/python',
      origin: 'tool cache, requires-python >=3.10',
    },
    build: createBuild(),
    artifact: {
      name: 'dists-demo-test-linux-x64-py3.12',
      files: ['demo-0.1.0.tar.gz', 'demo-0.1.0-py3-none-any.whl'],
      id: 7,
    },
    test: createTestRun(),
    diffCoverage: createDiffCoverage(),
    baseline: createBaseline(),
    publish: createPublish(),
    cache: { hit: false },
    comment: { url: 'https://github.com/owner/repo/pull/7#issuecomment-1', action: 'created' },
    history: createHistory(),
    stages: [
      { name: 'python', status: 'ok', durationMs: 1200, summary: 'Python 3.12.4' },
      { name: 'build', status: 'ok', durationMs: 2100, summary: 'demo-0.1.0.tar.gz (4 KB)' },
      { name: 'test', status: 'failed', durationMs: 3400, summary: '1 failed, 8 passed' },
    ],
    verdict: { ok: false, reasons: ['1 test failed'] },
    ...overrides,
  }
}
