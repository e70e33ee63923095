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
}

export interface TestCaseProblem {
  readonly kind: 'failure' | 'error'
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

export interface TestResults {
  readonly tests: number
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly errors: number
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

export interface TestRun {
  readonly ok: boolean
  readonly exitCode: number
  readonly results?: TestResults
  readonly coverage?: CoverageResult
  /** Something the user must know: no tests collected, pytest could not start, no coverage data. */
  readonly notes: readonly string[]
}

export interface Metrics {
  readonly python?: PythonInfo
  readonly build?: BuildResult
  /** The artifact with the built files, when one was uploaded. */
  readonly artifact?: ArtifactInfo
  readonly test?: TestRun
  readonly publish?: PublishResult
  /** Present when the cache stage ran. */
  readonly cache?: CacheInfo
  /** The pull request comment, when one was created, updated or found unchanged. */
  readonly comment?: CommentInfo
  readonly stages: readonly StageResult[]
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
