/**
 * How figures read wherever they are shown (summary, comment, log, outputs):
 * a percentage's precision, signed deltas, short commits and line ranges. Pure.
 */
import type { CoverageBaseline } from './metrics.js'

/** Digits after the point in a percentage as coverage printed it ("87" -> 0, "86.96" -> 2). */
export function precisionOf(percentDisplay: string): number {
  return percentDisplay.split('.')[1]?.length ?? 0
}

/**
 * A delta in percentage points at a precision, signed, ASCII: "+1.25",
 * "-0.50"; "0" when it rounds to nothing, so a reader never sees "+0.00".
 */
export function formatDelta(delta: number, precision: number): string {
  const shown = Math.abs(delta).toFixed(precision)
  if (Number(shown) === 0) return '0'
  return `${delta > 0 ? '+' : '-'}${shown}`
}

/** One line for the log and the terminal: "-0.50 against main 0123abc (87.50%)" or the note. */
export function describeBaseline(baseline: CoverageBaseline): string {
  if (baseline.kind !== 'compared') return baseline.note
  const sha = shortSha(baseline.base.sha)
  return `${baseline.deltaDisplay} against ${baseline.branch}${sha ? ` ${sha}` : ''} (${baseline.base.percentDisplay}%)`
}

/** Seven hex digits of a commit, or '' for anything that is not one. */
export function shortSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7).toLowerCase() : ''
}

/** The delta as the report shows it: "▲ +1.25", "▼ −0.50" (a real minus sign) or "= 0". */
export function deltaMark(deltaDisplay: string): string {
  if (deltaDisplay.startsWith('+')) return `▲ ${deltaDisplay}`
  if (deltaDisplay.startsWith('-')) return `▼ \u2212${deltaDisplay.slice(1)}`
  return `= ${deltaDisplay}`
}

/** Runs of consecutive lines, [[3, 5], [9, 9]] from [3, 4, 5, 9]; the lines must be ascending. */
export function lineRanges(lines: readonly number[]): [number, number][] {
  const ranges: [number, number][] = []
  for (const line of lines) {
    const last = ranges[ranges.length - 1]
    if (last !== undefined && line === last[1] + 1) last[1] = line
    else ranges.push([line, line])
  }
  return ranges
}

/** "3-5, 9" from [3, 4, 5, 9]; the lines must be ascending. */
export function formatRanges(lines: readonly number[]): string {
  return lineRanges(lines)
    .map(([start, end]) => (start === end ? String(start) : `${start}-${end}`))
    .join(', ')
}

/** "1a2b3c4" for a full sha, the ref itself otherwise: for the log and the report. */
export function shortBase(base: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(base) ? base.slice(0, 7) : base
}
