/**
 * Coverage against the base branch, the pure part: which events store or read
 * a baseline, the coverage-summary.json a base-branch run stores, and the
 * delta a pull request run computes from it. No I/O here.
 */
import { perCommentArtifactName } from '../artifacts/dists.js'
import type { RunEvent } from '../github/run-event.js'
import { formatDelta, precisionOf } from '../report/figures.js'
import type {
  BaseCoverage,
  CoverageBaseline,
  CoverageResult,
  FileCoverageDelta,
} from '../report/metrics.js'

/** The file inside the artifact. */
export const SUMMARY_FILE = 'coverage-summary.json'
/** Bumped when the file changes incompatibly; a reader refuses other versions. */
export const SUMMARY_FORMAT = 1

const ARTIFACT_PREFIX = 'python-ci-coverage'

/** The artifact's name: one per comment-id, so matrix jobs and monorepo packages keep apart. */
export function baselineArtifactName(commentId: string): string {
  return perCommentArtifactName(ARTIFACT_PREFIX, commentId)
}

export interface FileSummary {
  readonly coveredLines: number
  readonly statements: number
  readonly percent: number
  readonly percentDisplay: string
}

/** What a base-branch run stores: the total as coverage.py computed and printed it, and per file. */
export interface CoverageSummary {
  readonly format: typeof SUMMARY_FORMAT
  readonly sha: string
  readonly branch: string
  readonly total: Omit<BaseCoverage, 'sha'>
  /** By repository-relative path. */
  readonly files: Readonly<Record<string, FileSummary>>
}

export function coverageSummary(
  coverage: CoverageResult,
  sha: string,
  branch: string,
): CoverageSummary {
  const files: Record<string, FileSummary> = {}
  for (const f of coverage.files) {
    files[f.path] = {
      coveredLines: f.statements - f.missing,
      statements: f.statements,
      percent: f.percent,
      percentDisplay: f.percentDisplay,
    }
  }
  return {
    format: SUMMARY_FORMAT,
    sha,
    branch,
    total: {
      percent: coverage.percent,
      percentDisplay: coverage.percentDisplay,
      coveredLines: coverage.coveredLines,
      statements: coverage.statements,
      coveredBranches: coverage.coveredBranches,
      branches: coverage.branches,
    },
    files,
  }
}

/** The stored summary is not one this version can read. */
export class SummaryError extends Error {
  override name = 'SummaryError'
}

type JsonObject = Record<string, unknown>

function object(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SummaryError(`${where} is not an object`)
  return value as JsonObject
}

function text(o: JsonObject, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string') throw new SummaryError(`${where}.${key} is not a string`)
  return v
}

function count(o: JsonObject, key: string, where: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new SummaryError(`${where}.${key} is not a whole number`)
  return v
}

function percent(o: JsonObject, key: string, where: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100)
    throw new SummaryError(`${where}.${key} is not a number from 0 to 100`)
  return v
}

/** Reads coverage-summary.json; anything unexpected is a SummaryError naming the field. */
export function parseCoverageSummary(json: string): CoverageSummary {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    throw new SummaryError(`${SUMMARY_FILE} is not JSON`)
  }
  const root = object(data, SUMMARY_FILE)
  if (root.format !== SUMMARY_FORMAT) {
    throw new SummaryError(
      `${SUMMARY_FILE} has format ${JSON.stringify(root.format)}; this version reads ${SUMMARY_FORMAT}`,
    )
  }
  const t = object(root.total, 'total')
  const total = {
    percent: percent(t, 'percent', 'total'),
    percentDisplay: text(t, 'percentDisplay', 'total'),
    coveredLines: count(t, 'coveredLines', 'total'),
    statements: count(t, 'statements', 'total'),
    coveredBranches: count(t, 'coveredBranches', 'total'),
    branches: count(t, 'branches', 'total'),
  }
  if (!/^\d{1,3}(\.\d+)?$/.test(total.percentDisplay))
    throw new SummaryError('total.percentDisplay is not a percentage')
  const files: Record<string, FileSummary> = {}
  for (const [path, entry] of Object.entries(object(root.files, 'files'))) {
    const where = `files[${JSON.stringify(path)}]`
    const f = object(entry, where)
    files[path] = {
      coveredLines: count(f, 'coveredLines', where),
      statements: count(f, 'statements', where),
      percent: percent(f, 'percent', where),
      percentDisplay: text(f, 'percentDisplay', where),
    }
  }
  return {
    format: SUMMARY_FORMAT,
    sha: text(root, 'sha', SUMMARY_FILE),
    branch: text(root, 'branch', SUMMARY_FILE),
    total,
    files,
  }
}

/** The delta of this run's coverage to a stored summary, per file only where the displayed number moved. */
export function compareCoverage(
  current: CoverageResult,
  summary: CoverageSummary,
  artifact: string,
): CoverageBaseline {
  const precision = precisionOf(current.percentDisplay)
  const delta = current.percent - summary.total.percent
  const files: FileCoverageDelta[] = []
  for (const f of current.files) {
    const base = summary.files[f.path]
    if (base === undefined) {
      files.push({ path: f.path, percent: f.percent, percentDisplay: f.percentDisplay })
      continue
    }
    const d = f.percent - base.percent
    if (formatDelta(d, precision) !== '0')
      files.push({
        path: f.path,
        basePercent: base.percent,
        basePercentDisplay: base.percentDisplay,
        percent: f.percent,
        percentDisplay: f.percentDisplay,
        delta: d,
      })
  }
  // Largest moves first; new files after them, by path.
  files.sort((a, b) => {
    if (a.delta === undefined || b.delta === undefined) {
      if (a.delta !== b.delta) return a.delta === undefined ? 1 : -1
      return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
    }
    return Math.abs(b.delta) - Math.abs(a.delta) || (a.path < b.path ? -1 : 1)
  })
  return {
    kind: 'compared',
    branch: summary.branch,
    artifact,
    base: { sha: summary.sha, ...summary.total },
    delta,
    deltaDisplay: formatDelta(delta, precision),
    files,
  }
}

export type BaselineDecision =
  /** A push to the default branch: store this run's coverage. */
  | { readonly kind: 'store'; readonly branch: string }
  /** A pull request: compare with the newest coverage stored on its base branch. */
  | { readonly kind: 'compare'; readonly branch: string }
  | { readonly kind: 'none'; readonly reason: string }

/** What this event does with the baseline. */
export function decideBaseline(event: RunEvent): BaselineDecision {
  if (event.isPullRequest) {
    const base = event.pullRequest?.baseRef
    return base !== undefined
      ? { kind: 'compare', branch: base }
      : { kind: 'none', reason: 'the pull request payload names no base branch' }
  }
  if (event.name === 'push' && event.ref.startsWith('refs/heads/')) {
    const branch = event.ref.slice('refs/heads/'.length)
    return branch === event.defaultBranch
      ? { kind: 'store', branch }
      : { kind: 'none', reason: `a push to ${branch}, not the default branch` }
  }
  return { kind: 'none', reason: `not a push or pull request event (${event.name || 'no event'})` }
}
