/**
 * The results a fork's pull request run hands to the workflow_run companion:
 * data, never Markdown. The run keeps the figures its comment shows; the
 * companion reads them back through a schema (types, lengths and counts
 * bounded, unknown fields ignored) and renders them itself, so nothing the
 * fork wrote reaches the pull request except as escaped text. Pure.
 */
import type {
  BuildResult,
  CoverageBaseline,
  CoverageResult,
  DiffCoverageResult,
  DistFile,
  Metrics,
  StageResult,
  TestResults,
  TestRun,
} from '../report/metrics.js'

/** The figures of a run, as the companion renders them; the verdict is replaced by the run's conclusion. */
export type CommentResults = Pick<
  Metrics,
  'python' | 'build' | 'artifact' | 'test' | 'diffCoverage' | 'baseline' | 'stages' | 'verdict'
>

/** Bounds a comment never comes near (it is cut to 65,536 characters); an artifact over them is refused. */
const LIMITS = {
  text: 1_000,
  id: 2_000,
  details: 4_000,
  reasons: 20,
  problems: 50,
  slowest: 20,
  files: 1_000,
  notes: 20,
  lines: 10_000,
} as const

/** Why the artifact was refused: the first problem, with where it is. */
export class ResultsSchemaError extends Error {
  override name = 'ResultsSchemaError'
}

type Check<T> = (value: unknown, at: string) => T

function fail(at: string, what: string): never {
  throw new ResultsSchemaError(`${at} ${what}`)
}

const text =
  (max: number = LIMITS.text, pattern?: RegExp): Check<string> =>
  (value, at) => {
    if (typeof value !== 'string') fail(at, 'is not a string')
    if (value.length > max) fail(at, `is longer than ${max} characters`)
    if (pattern !== undefined && !pattern.test(value)) fail(at, 'has an unexpected form')
    return defang(value)
  }

const integer =
  (max = Number.MAX_SAFE_INTEGER): Check<number> =>
  (value, at) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max)
      fail(at, `is not a whole number from 0 to ${max}`)
    return value
  }

const real =
  (min: number, max: number): Check<number> =>
  (value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      fail(at, `is not a number from ${min} to ${max}`)
    return value
  }

const flag: Check<boolean> = (value, at) => {
  if (typeof value !== 'boolean') fail(at, 'is not true or false')
  return value
}

const oneOf =
  <T extends string>(...choices: T[]): Check<T> =>
  (value, at) => {
    if (!choices.includes(value as T)) fail(at, `is not one of ${choices.join(', ')}`)
    return value as T
  }

const list =
  <T>(item: Check<T>, max: number): Check<T[]> =>
  (value, at) => {
    if (!Array.isArray(value)) fail(at, 'is not a list')
    if (value.length > max) fail(at, `has more than ${max} items`)
    return value.map((v, i) => item(v, `${at}[${i}]`))
  }

type Shape<T> = { [K in keyof T]-?: Check<T[K]> }

/** An object of the listed fields; optional ones may be absent or null; others are ignored. */
function record<T>(fields: Shape<T>, optional: readonly (keyof T)[] = []): Check<T> {
  return (value, at) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      fail(at, 'is not an object')
    const source = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(fields) as (keyof T & string)[]) {
      const v = source[key]
      if (v === undefined || v === null) {
        if (optional.includes(key)) continue
        fail(`${at}.${key}`, 'is missing')
      }
      out[key] = fields[key](v, `${at}.${key}`)
    }
    return out as T
  }
}

/**
 * Text as the renderer shows it cannot be a link: GitHub links bare URLs
 * (http://, https://, www.) after escaping, so a zero-width space breaks the
 * scheme. Only text from the artifact goes through here.
 */
export function defang(value: string): string {
  return value
    .replace(/\b(https?|ftp)(?=:\/\/)/gi, '$1\u200b')
    .replace(/\bwww(?=\.)/gi, 'www\u200b')
}

const PERCENT = /^\d{1,3}(?:\.\d{1,6})?$/
const SIGNED = /^[+-]?\d{1,3}(?:\.\d{1,6})?$/
const HEX = /^[0-9a-f]{0,64}$/i
const RANGES = /^[0-9, -]*$/

const distFile: Check<DistFile> = record<DistFile>({
  path: text(),
  fileName: text(),
  kind: oneOf('sdist', 'wheel'),
  size: integer(),
  sha256: text(64, HEX),
  name: text(),
  version: text(),
})

const build: Check<BuildResult> = record<BuildResult>(
  {
    ok: flag,
    sdist: distFile,
    wheel: distFile,
    problems: list(text(LIMITS.details), LIMITS.notes),
    warnings: list(text(LIMITS.details), LIMITS.notes),
    twineCheck: oneOf('passed', 'failed', 'not available'),
    error: text(LIMITS.details),
    backend: text(),
  },
  ['sdist', 'wheel', 'error', 'backend'],
)

const results: Check<TestResults> = record<TestResults>(
  {
    tests: integer(),
    passed: integer(),
    failed: integer(),
    skipped: integer(),
    xfailed: integer(),
    xpassed: integer(),
    errors: integer(),
    collectionErrors: integer(),
    interrupted: text(),
    seconds: real(0, 1e9),
    problems: list(
      record(
        {
          kind: oneOf('failure', 'error', 'collection'),
          id: text(LIMITS.id),
          file: text(),
          line: integer(),
          message: text(),
          details: text(LIMITS.details),
        },
        ['file', 'line'],
      ),
      LIMITS.problems,
    ),
    slowest: list(record({ id: text(LIMITS.id), seconds: real(0, 1e9) }), LIMITS.slowest),
  },
  ['interrupted'],
)

/** The totals coverage.py computes, as the coverage and the base branch's baseline both carry them. */
const totals = {
  percent: real(0, 100),
  percentDisplay: text(12, PERCENT),
  coveredLines: integer(),
  statements: integer(),
  coveredBranches: integer(),
  branches: integer(),
}

const coverage: Check<CoverageResult> = record<CoverageResult>({
  ...totals,
  files: list(
    record({
      path: text(),
      statements: integer(),
      missing: integer(),
      branches: integer(),
      partialBranches: integer(),
      percent: real(0, 100),
      percentDisplay: text(12, PERCENT),
      missingLines: list(integer(), LIMITS.lines),
    }),
    LIMITS.files,
  ),
  sourceNote: text(),
})

const testRun: Check<TestRun> = record<TestRun>(
  {
    ok: flag,
    exitCode: integer(255),
    results,
    coverage,
    tools: record({ pytest: text(40), coverage: text(40) }, ['pytest', 'coverage']),
    notes: list(text(LIMITS.details), LIMITS.notes),
    stopped: text(),
  },
  ['results', 'coverage', 'tools', 'stopped'],
)

const diffFile = record({
  path: text(),
  coverable: integer(),
  covered: integer(),
  percent: real(0, 100),
  uncoveredLines: list(integer(), LIMITS.lines),
  uncoveredRanges: text(LIMITS.details, RANGES),
})

const diffSource = oneOf('git diff base...HEAD', 'pull request files API')

const diffCoverage: Check<DiffCoverageResult> = (value, at) => {
  const measured = record({ measured: flag })(value, at).measured
  if (!measured) {
    return {
      measured: false,
      ...record({ reason: text(), source: diffSource, base: text(80) }, ['source', 'base'])(
        value,
        at,
      ),
    }
  }
  return {
    measured: true,
    ...record({
      changedLines: integer(),
      coverableLines: integer(),
      coveredLines: integer(),
      percent: real(0, 100),
      percentTruncated: integer(100),
      files: list(diffFile, LIMITS.files),
      source: diffSource,
      base: text(80),
      percentDisplay: text(12, PERCENT),
      unreadFiles: list(text(), LIMITS.files),
    })(value, at),
  }
}

const baseline: Check<CoverageBaseline> = (value, at) => {
  const { kind } = record({ kind: oneOf('compared', 'missing', 'unreadable', 'not-looked-up') })(
    value,
    at,
  )
  if (kind !== 'compared') return { kind, ...record({ branch: text(), note: text() })(value, at) }
  return {
    kind,
    ...record({
      branch: text(255),
      artifact: text(),
      base: record({ sha: text(64, HEX), ...totals }),
      delta: real(-100, 100),
      deltaDisplay: text(12, SIGNED),
      files: list(
        record(
          {
            path: text(),
            basePercent: real(0, 100),
            basePercentDisplay: text(12, PERCENT),
            percent: real(0, 100),
            percentDisplay: text(12, PERCENT),
            delta: real(-100, 100),
          },
          ['basePercent', 'basePercentDisplay', 'delta'],
        ),
        LIMITS.files,
      ),
    })(value, at),
  }
}

const stage: Check<StageResult> = record<StageResult>(
  {
    name: oneOf('python', 'cache', 'install', 'build', 'test', 'artifacts', 'publish', 'comment'),
    status: oneOf('ok', 'failed', 'skipped'),
    durationMs: real(0, 1e10),
    summary: text(),
    detail: text(LIMITS.details),
  },
  ['detail'],
)

const commentResults: Check<CommentResults> = record<CommentResults>(
  {
    python: record({ version: text(40), path: text(), origin: text() }),
    build,
    artifact: record({ name: text(), files: list(text(), 10), id: integer(), size: integer() }, [
      'id',
      'size',
    ]),
    test: testRun,
    diffCoverage,
    baseline,
    stages: list(stage, 20),
    verdict: record({ ok: flag, reasons: list(text(), LIMITS.reasons) }),
  },
  ['python', 'build', 'artifact', 'test', 'diffCoverage', 'baseline'],
)

/** The results, or the first problem found (ResultsSchemaError). */
export function readCommentResults(value: unknown, at = 'results'): CommentResults {
  return commentResults(value, at)
}

function clip(value: string, max: number = LIMITS.text): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`
}

function clipAll(values: readonly string[], count: number, max: number = LIMITS.text): string[] {
  return values.slice(0, count).map((v) => clip(v, max))
}

function clipDist(dist: DistFile | undefined): DistFile | undefined {
  return dist && { ...dist, path: clip(dist.path), fileName: clip(dist.fileName) }
}

function clipTest(run: TestRun): TestRun {
  const r = run.results
  const c = run.coverage
  return {
    ok: run.ok,
    exitCode: Math.min(Math.max(run.exitCode, 0), 255),
    notes: clipAll(run.notes, LIMITS.notes, LIMITS.details),
    ...(run.stopped !== undefined && { stopped: clip(run.stopped) }),
    ...(run.tools && { tools: run.tools }),
    ...(r && {
      results: {
        ...r,
        ...(r.interrupted !== undefined && { interrupted: clip(r.interrupted) }),
        problems: r.problems.slice(0, LIMITS.problems).map((p) => ({
          ...p,
          id: clip(p.id, LIMITS.id),
          message: clip(p.message),
          details: clip(p.details, LIMITS.details),
          ...(p.file !== undefined && { file: clip(p.file) }),
        })),
        slowest: r.slowest
          .slice(0, LIMITS.slowest)
          .map((s) => ({ ...s, id: clip(s.id, LIMITS.id) })),
      },
    }),
    ...(c && {
      coverage: {
        ...c,
        sourceNote: clip(c.sourceNote),
        // The least covered first, as the table shows them.
        files: [...c.files]
          .sort((a, b) => a.percent - b.percent)
          .slice(0, LIMITS.files)
          .map((f) => ({
            ...f,
            path: clip(f.path),
            missingLines: f.missingLines.slice(0, LIMITS.lines),
          })),
      },
    }),
  }
}

/**
 * What the run keeps for the companion: the figures its own comment shows,
 * within the bounds the companion accepts, so an honest run is never refused.
 */
export function commentResultsOf(metrics: Metrics): CommentResults {
  const { python, build: b, artifact, test, diffCoverage: diff, baseline: base } = metrics
  return {
    ...(python && {
      python: {
        version: clip(python.version, 40),
        path: clip(python.path),
        origin: clip(python.origin),
      },
    }),
    ...(b && {
      build: {
        ok: b.ok,
        ...(b.sdist && { sdist: clipDist(b.sdist) }),
        ...(b.wheel && { wheel: clipDist(b.wheel) }),
        problems: clipAll(b.problems, LIMITS.notes, LIMITS.details),
        warnings: clipAll(b.warnings, LIMITS.notes, LIMITS.details),
        twineCheck: b.twineCheck,
        ...(b.error !== undefined && { error: clip(b.error, LIMITS.details) }),
        ...(b.backend !== undefined && { backend: clip(b.backend) }),
      },
    }),
    ...(artifact && {
      artifact: { ...artifact, name: clip(artifact.name), files: clipAll(artifact.files, 10) },
    }),
    ...(test && { test: clipTest(test) }),
    ...(diff && {
      diffCoverage: diff.measured
        ? {
            ...diff,
            files: diff.files.slice(0, LIMITS.files).map((f) => ({
              ...f,
              path: clip(f.path),
              uncoveredLines: f.uncoveredLines.slice(0, LIMITS.lines),
              uncoveredRanges: clip(f.uncoveredRanges, LIMITS.details).replace(/[^0-9, -]/g, ''),
            })),
            unreadFiles: clipAll(diff.unreadFiles, LIMITS.files),
            ...(diff.base !== undefined && { base: clip(diff.base, 80) }),
          }
        : {
            ...diff,
            reason: clip(diff.reason),
            ...(diff.base !== undefined && { base: clip(diff.base, 80) }),
          },
    }),
    ...(base && {
      baseline:
        base.kind === 'compared'
          ? {
              ...base,
              branch: clip(base.branch, 255),
              files: base.files.slice(0, LIMITS.files).map((f) => ({ ...f, path: clip(f.path) })),
            }
          : { ...base, branch: clip(base.branch, 255), note: clip(base.note) },
    }),
    stages: metrics.stages.slice(0, 20).map((s) => ({
      name: s.name,
      status: s.status,
      durationMs: s.durationMs,
      summary: clip(s.summary),
      ...(s.detail !== undefined && { detail: clip(s.detail, LIMITS.details) }),
    })),
    verdict: { ok: metrics.verdict.ok, reasons: clipAll(metrics.verdict.reasons, LIMITS.reasons) },
  }
}
