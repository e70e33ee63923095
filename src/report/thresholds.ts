/**
 * Coverage thresholds that fail the step. Pure.
 */
import type { CoverageResult } from './metrics.js'

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
