/**
 * The one metrics object every report is rendered from: the job summary, the
 * outputs, the annotations and the CLI's terminal report. Pure data.
 */

export type StageName =
  | 'python'
  | 'cache'
  | 'install'
  | 'build'
  | 'test'
  | 'artifacts'
  | 'publish'
  | 'comment'
export type StageStatus = 'ok' | 'failed' | 'skipped'

export interface StageResult {
  readonly name: StageName
  readonly status: StageStatus
  readonly durationMs: number
  /** One line, e.g. "demo-0.1.0.tar.gz (4 KB), demo-0.1.0-py3-none-any.whl (3 KB)". */
  readonly summary: string
  /** When the stage failed: the end of what the tool printed, for the report. */
  readonly detail?: string
}

export interface PythonInfo {
  readonly version: string
  readonly path: string
  /** Where the interpreter came from and why this version, e.g. "tool cache, requires-python >=3.9". */
  readonly origin: string
}

export interface DistFile {
  readonly path: string
  readonly fileName: string
  readonly kind: 'sdist' | 'wheel'
  readonly size: number
  readonly sha256: string
  readonly name: string
  readonly version: string
}

export interface BuildResult {
  readonly ok: boolean
  readonly sdist?: DistFile
  readonly wheel?: DistFile
  /** Problems found by inspection (names or versions disagree, twine check output). */
  readonly problems: readonly string[]
  /** Worth fixing, but the build stands: a version guessed without git tags, odd wheel contents, twine's findings. */
  readonly warnings: readonly string[]
  readonly twineCheck: 'passed' | 'failed' | 'not available'
  /** Why the build failed, when it did: the tail of the backend's output. */
  readonly error?: string
  /** What built the wheel, from its WHEEL file's Generator: "setuptools 80.9.0", "hatchling 1.27.0". */
  readonly backend?: string
}

export interface TestCaseProblem {
  /** collection: a test module (or conftest) pytest could not collect. */
  readonly kind: 'failure' | 'error' | 'collection'
  /** "tests/test_x.py::TestY::test_z" when the report allows it, else classname.name. */
  readonly id: string
  readonly file?: string
  readonly line?: number
  /** The one-line message (JUnit's message attribute). */
  readonly message: string
  /** The traceback text, possibly cut. */
  readonly details: string
}

export interface SlowTest {
  readonly id: string
  readonly seconds: number
}

/** The counts are pytest's own, as its final summary line gives them. */
export interface TestResults {
  /** Tests that ran, each once (a pass whose teardown errored too); collection errors are not tests. */
  readonly tests: number
  readonly passed: number
  /** Strict xpasses included, as pytest counts them. */
  readonly failed: number
  /** xfail not included: that is xfailed. */
  readonly skipped: number
  readonly xfailed: number
  readonly xpassed: number
  /** Errors in setup or teardown, and collection errors. */
  readonly errors: number
  /** Of the errors: test modules or conftests that could not be collected. */
  readonly collectionErrors: number
  /** Why pytest stopped the session early: "Interrupted: 1 error during collection". */
  readonly interrupted?: string
  readonly seconds: number
  readonly problems: readonly TestCaseProblem[]
  readonly slowest: readonly SlowTest[]
}

export interface FileCoverage {
  /** Repository-relative, forward slashes. */
  readonly path: string
  readonly statements: number
  readonly missing: number
  readonly branches: number
  readonly partialBranches: number
  readonly percent: number
  /** As coverage report prints it, with the configured precision. */
  readonly percentDisplay: string
  readonly missingLines: readonly number[]
}

export interface CoverageResult {
  readonly percent: number
  /** As coverage report prints it: (covered lines + covered branches) / (statements + branches). */
  readonly percentDisplay: string
  readonly coveredLines: number
  readonly statements: number
  readonly coveredBranches: number
  readonly branches: number
  readonly files: readonly FileCoverage[]
  /** What was measured and how that was chosen, e.g. "demo (from the wheel's packages)". */
  readonly sourceNote: string
}

/** The versions of the tools in the environment that ran the tests. */
export interface TestTools {
  readonly pytest?: string
  readonly coverage?: string
}

export interface TestRun {
  readonly ok: boolean
  readonly exitCode: number
  readonly results?: TestResults
  readonly coverage?: CoverageResult
  readonly tools?: TestTools
  /** Something the user must know: no tests collected, pytest could not start, no coverage data. */
  readonly notes: readonly string[]
  /** Why pytest ended early, one line: "tests timed out after 1.5 minutes (test-timeout)", "pytest was killed by SIGSEGV (signal 11)". */
  readonly stopped?: string
}

export interface Metrics {
  readonly python?: PythonInfo
  readonly build?: BuildResult
  /** The artifact with the built files, when one was uploaded. */
  readonly artifact?: ArtifactInfo
  readonly test?: TestRun
  /** Coverage of the lines this change adds or modifies; absent when the tests measured no coverage. */
  readonly diffCoverage?: DiffCoverageResult
  readonly publish?: PublishResult
  /** Present when the cache stage ran. */
  readonly cache?: CacheInfo
  /** The pull request comment, when one was created, updated or found unchanged. */
  readonly comment?: CommentInfo
  /** The base branch's coverage and the delta to it, on pull requests; absent on other events. */
  readonly baseline?: CoverageBaseline
  /** The build success rate of this workflow on the base branch; absent when the pipeline did not look. */
  readonly history?: BuildHistory
  /** Findings of a linter already in the project's environment; absent when there is none. */
  readonly lint?: LintResult
  readonly stages: readonly StageResult[]
  /** The signal that cancelled the run; absent when it ran to its end. */
  readonly cancelled?: string
  readonly verdict: Verdict
}

export interface PublishedFile {
  readonly fileName: string
  readonly size: number
  readonly sha256: string
  /** skipped: the index already had it (skip-existing). */
  readonly outcome: 'uploaded' | 'skipped' | 'failed'
  /** Uploads of this file by this step. */
  readonly attempts: number
  /** What the index said when the upload failed. */
  readonly message?: string
}

export interface PublishResult {
  /** skipped: not a release run; refused: a guard failed, nothing was uploaded; failed: an upload failed. */
  readonly status: 'published' | 'skipped' | 'refused' | 'failed'
  /** One line each: why it was skipped or refused, or what failed. */
  readonly reasons: readonly string[]
  /** More lines that explain a refusal (the OIDC claims the index checked). */
  readonly details: readonly string[]
  readonly repositoryUrl?: string
  readonly credential?: 'Trusted Publishing' | 'pypi-token'
  readonly tag?: string
  readonly projectUrl?: string
  readonly files: readonly PublishedFile[]
}

export interface CacheInfo {
  /** The environment came back under its exact key: the full install was skipped. */
  readonly hit: boolean
}

export interface Verdict {
  readonly ok: boolean
  /** One line per reason the step fails. */
  readonly reasons: readonly string[]
}

/** The workflow artifact that holds the built files. */
export interface ArtifactInfo {
  readonly name: string
  readonly files: readonly string[]
  readonly id?: number
  readonly size?: number
}

/** The action's sticky comment on the pull request. */
export interface CommentInfo {
  readonly url: string
  readonly action: 'created' | 'updated' | 'unchanged'
}

/**
 * The build success rate: successful runs over the completed runs of this
 * workflow on the base branch, from the newest `window` completed runs.
 * Skipped, neutral, action_required and stale runs say nothing about whether
 * the build works, so they are left out of both numbers (`notCounted`).
 */
export type BuildHistory =
  | {
      /** measured: at least one counted run; no-runs: none yet (a new workflow or branch). */
      readonly kind: 'measured' | 'no-runs'
      readonly branch: string
      /** The workflow file name, e.g. ci.yml. */
      readonly workflow: string
      /** history-window: how many of the newest completed runs were asked for. */
      readonly window: number
      readonly successes: number
      /** Completed runs that count: successes plus failures, cancellations, time-outs, start-up failures. */
      readonly completed: number
      readonly notCounted: number
      /** successes / completed in percent, to one decimal (85, 87.5); 0 when no runs counted. */
      readonly percent: number
    }
  | {
      /** Outside GitHub, without a token or workflow, or the API failed (a warning said so). */
      readonly kind: 'not-measured'
      readonly reason: string
    }

/** Where the changed lines came from. */
export type DiffSource = 'git diff base...HEAD' | 'pull request files API'

/**
 * Coverage of the changed lines ("diff coverage"), counted as diff-cover counts it
 * from coverage.xml. Not measured says why: no base to compare with (not a pull
 * request and no diff-base), the base not in the checkout and no API to ask, or no
 * changed line that coverage measures; a change like that never fails fail-under-diff.
 */
export type DiffCoverageResult =
  | (DiffCoverage & {
      readonly measured: true
      readonly source: DiffSource
      /** The base commit or ref compared with: the pull request's base sha, or diff-base. */
      readonly base: string
      /** As diff-cover prints the total: the whole percent, cut down (99.9 shows as 99). */
      readonly percentDisplay: string
      /** Changed files whose lines could not be read (binary, or a patch GitHub left out as too large). */
      readonly unreadFiles: readonly string[]
    })
  | {
      readonly measured: false
      /** One line, e.g. "no base: not a pull request (set diff-base to compare with a branch)". */
      readonly reason: string
      readonly source?: DiffSource
      readonly base?: string
    }

/** The coverage a base-branch run stored, as this run read it back. */
export interface BaseCoverage
  extends Pick<
    CoverageResult,
    'percent' | 'percentDisplay' | 'coveredLines' | 'statements' | 'coveredBranches' | 'branches'
  > {
  /** The commit the base run measured. */
  readonly sha: string
}

/** One file whose coverage moved against the base; a file the base did not measure is new. */
export interface FileCoverageDelta {
  readonly path: string
  /** Undefined: the base run did not measure this file. */
  readonly basePercent?: number
  /** As the base run's coverage report printed it. */
  readonly basePercentDisplay?: string
  readonly percent: number
  readonly percentDisplay: string
  /** percent − basePercent in percentage points; undefined for a new file. */
  readonly delta?: number
}

/**
 * The delta to the base branch: current total − base total in percentage
 * points, from the exact percents, shown with the precision of this run's
 * coverage report. Without a usable baseline, `note` says why (not a failure).
 */
export type CoverageBaseline =
  | {
      readonly kind: 'compared'
      readonly branch: string
      /** The artifact it came from. */
      readonly artifact: string
      readonly base: BaseCoverage
      readonly delta: number
      /** Signed, at the report's precision, ASCII: "+1.25", "-0.50", or "0" when it rounds to nothing. */
      readonly deltaDisplay: string
      /** Files whose displayed coverage changed, or that are new, largest change first. */
      readonly files: readonly FileCoverageDelta[]
    }
  | {
      /** missing: no artifact from the base branch yet; unreadable: one was found but not read (a warning said why). */
      readonly kind: 'missing' | 'unreadable' | 'not-looked-up'
      readonly branch: string
      /** One line for the report, e.g. "no baseline yet for main". */
      readonly note: string
    }

/** A linter's verdict on the project: the number of findings it reported itself. */
export interface LintResult {
  readonly tool: 'flake8'
  readonly version: string
  readonly problems: number
}

export interface DiffCoverageFile {
  /** Repository-relative, forward slashes. */
  readonly path: string
  /** Changed lines that are statements. */
  readonly coverable: number
  readonly covered: number
  /** covered / coverable × 100. */
  readonly percent: number
  /** Changed statements that never ran, ascending. */
  readonly uncoveredLines: readonly number[]
  /** The same as ranges: "3-5, 9". */
  readonly uncoveredRanges: string
}

export interface DiffCoverage {
  /** Every line the diff adds or changes, in any file (diff-cover's num_changed_lines). */
  readonly changedLines: number
  /** Changed lines that are statements (diff-cover's total_num_lines). */
  readonly coverableLines: number
  readonly coveredLines: number
  /** covered / coverable × 100; 100 when no changed line is a statement. */
  readonly percent: number
  /** The whole percent, cut down as diff-cover prints it (99.9 gives 99). */
  readonly percentTruncated: number
  /** Files with at least one changed statement, by path. */
  readonly files: readonly DiffCoverageFile[]
}
