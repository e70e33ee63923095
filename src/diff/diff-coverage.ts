import { formatRanges } from '../report/figures.js'
import type { DiffCoverage, DiffCoverageFile } from '../report/metrics.js'
/**
 * Coverage of the lines a change adds or modifies ("diff coverage"), counted the way
 * diff-cover counts it from a Cobertura report: a changed line is coverable when
 * coverage lists it as a statement, and covered when its hit count is above zero, so a
 * partially covered branch line counts as covered. Pure.
 *
 * Feed it coverage.xml (cobertura.ts), not coverage.json: the JSON report's
 * executed_lines also holds lines that ran but are no statements (a module docstring),
 * which would count as covered changed lines.
 */
/** The statements coverage measured in one file. */
export interface FileLines {
  /** Statements that ran (hits > 0), partially covered branch lines included. */
  readonly covered: readonly number[]
  /** Statements that never ran (hits = 0). */
  readonly missing: readonly number[]
}

/**
 * Diff coverage from the changed lines per repository path and the measured lines per
 * repository path. Map coverage's file names to repository paths first (mapCoveragePath,
 * joinFileLines); a changed file coverage did not measure has no coverable lines.
 */
export function computeDiffCoverage(
  changed: ReadonlyMap<string, readonly number[]>,
  coverage: ReadonlyMap<string, FileLines>,
): DiffCoverage {
  let changedLines = 0
  let coverableLines = 0
  let coveredLines = 0
  const files: DiffCoverageFile[] = []
  for (const [path, lines] of changed) {
    const changedSet = new Set(lines)
    changedLines += changedSet.size
    const measured = coverage.get(path)
    if (measured === undefined) continue
    const missing = new Set(measured.missing)
    const statements = new Set([...measured.covered, ...measured.missing])
    const coverable = [...changedSet].filter((line) => statements.has(line))
    if (coverable.length === 0) continue
    const uncovered = coverable.filter((line) => missing.has(line)).sort((a, b) => a - b)
    const covered = coverable.length - uncovered.length
    coverableLines += coverable.length
    coveredLines += covered
    files.push({
      path,
      coverable: coverable.length,
      covered,
      // diff-cover's own formula, so the figures agree to the last digit.
      percent: 100 - (uncovered.length / coverable.length) * 100,
      uncoveredLines: uncovered,
      uncoveredRanges: formatRanges(uncovered),
    })
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const percent = coverableLines === 0 ? 100 : (coveredLines / coverableLines) * 100
  return {
    changedLines,
    coverableLines,
    coveredLines,
    percent,
    percentTruncated:
      coverableLines === 0 ? 100 : Math.floor((coveredLines * 100) / coverableLines),
    files,
  }
}

/** A measured file under the name coverage gave it. */
export interface NamedFileLines extends FileLines {
  /** A CoberturaFile fits here as it is. */
  readonly filename: string
}

/**
 * Measured lines keyed by repository path. `mapPath` turns coverage's file name into a
 * repository-relative path (see mapCoveragePath). Two entries that land on one path are
 * merged the way diff-cover merges them: a line is missing when any entry misses it.
 */
export function joinFileLines(
  files: Iterable<NamedFileLines>,
  mapPath: (file: string) => string,
): Map<string, FileLines> {
  const byPath = new Map<string, FileLines>()
  for (const entry of files) {
    const path = mapPath(entry.filename)
    const known = byPath.get(path)
    if (known === undefined) {
      byPath.set(path, { covered: entry.covered, missing: entry.missing })
      continue
    }
    const missing = new Set([...known.missing, ...entry.missing])
    const covered = new Set([...known.covered, ...entry.covered].filter((l) => !missing.has(l)))
    byPath.set(path, { covered: [...covered], missing: [...missing] })
  }
  return byPath
}
