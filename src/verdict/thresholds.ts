/**
 * Coverage thresholds that fail the step. Pure.
 */
import type { CoverageBaseline, CoverageResult, DiffCoverageResult } from '../report/metrics.js'

/**
 * True when the total is under `threshold`, compared as coverage.py's own
 * fail_under does: the total rounded to the precision it is displayed with,
 * and 100 only for a total of exactly 100.
 */
export function failsUnder(coverage: CoverageResult, threshold: number): boolean {
  if (threshold >= 100) return coverage.percent < 100
  const precision = coverage.percentDisplay.split('.')[1]?.length ?? 0
  return Number(coverage.percent.toFixed(precision)) < threshold
}

/** The verdict's reason when fail-under is missed, naming both numbers; undefined when it is met. */
export function failUnderReason(
  coverage: CoverageResult | undefined,
  threshold: number | undefined,
): string | undefined {
  if (threshold === undefined || coverage === undefined) return undefined
  if (!failsUnder(coverage, threshold)) return undefined
  return `coverage ${coverage.percentDisplay}% is under fail-under ${threshold}%`
}

/**
 * The verdict's reason when fail-under-diff is missed, compared as diff-cover's
 * --fail-under does (the whole percent, cut down); undefined when it is met, not set,
 * or nothing was measured: a change without measured lines cannot miss it.
 */
export function failUnderDiffReason(
  diff: DiffCoverageResult | undefined,
  threshold: number | undefined,
): string | undefined {
  if (threshold === undefined || diff === undefined || !diff.measured) return undefined
  if (diff.percentTruncated >= threshold) return undefined
  return `changed-lines coverage ${diff.percentDisplay}% is under fail-under-diff ${threshold}%`
}

/**
 * The verdict's reason when coverage fell by more than max-coverage-drop
 * percentage points against the base branch, compared at the precision the
 * delta is shown with; undefined when not set, within it, or without a
 * baseline (no baseline yet is a note, not a failure).
 */
export function maxCoverageDropReason(
  baseline: CoverageBaseline | undefined,
  maxDrop: number | undefined,
): string | undefined {
  if (maxDrop === undefined || baseline?.kind !== 'compared') return undefined
  const shown = Number(baseline.deltaDisplay)
  if (!(shown < -maxDrop)) return undefined
  return `coverage dropped ${baseline.deltaDisplay.slice(1)} points against ${baseline.branch} (${baseline.base.percentDisplay}% there), more than max-coverage-drop ${maxDrop}`
}
