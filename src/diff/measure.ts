/**
 * From the changed files and coverage.xml to the metrics' DiffCoverageResult: paths
 * brought to one view (repository-relative, as git and the pull request files API
 * give them), then counted as diff-cover counts. Pure.
 */
import path from 'node:path'
import { type CoberturaReport, resolveCoberturaFile } from '../report/cobertura.js'
import { mapCoveragePath } from '../report/coverage.js'
import type { DiffCoverageResult, DiffSource } from '../report/metrics.js'
import { computeDiffCoverage, type FileLines, joinFileLines } from './diff-coverage.js'
import { changedLinesByFile, type FileDiff } from './unified-diff.js'

export interface CoveragePaths {
  /** Absolute path of the folder pytest ran in. */
  readonly workingDirectory: string
  /** The working directory relative to the repository root, forward slashes; '' when the same. */
  readonly repoPrefix: string
  /** Whether an absolute path exists. */
  readonly exists: (absolutePath: string) => boolean
}

/**
 * The site-packages folders that hold files of the report. In a src/ layout the tests
 * import the installed copy, so coverage names files there; mapCoveragePath takes them
 * back to src/ when the checkout has the same file.
 */
export function sitePackagesOf(files: Iterable<string>): string[] {
  const folders = new Set<string>()
  for (const file of files) {
    const match = /^(.*[\\/](?:site|dist)-packages)[\\/]/.exec(file)
    if (match?.[1] !== undefined) folders.add(match[1])
  }
  return [...folders]
}

/** The report's measured lines by repository path. */
export function coverageByRepositoryPath(
  report: CoberturaReport,
  paths: CoveragePaths,
): Map<string, FileLines> {
  const resolved = report.files.map((file) => ({
    ...file,
    filename: resolveCoberturaFile(file.filename, report.sources, paths.exists),
  }))
  const options = {
    workingDirectory: paths.workingDirectory,
    sitePackages: sitePackagesOf(resolved.map((file) => file.filename)),
    repoPrefix: paths.repoPrefix,
    exists: (relative: string) => paths.exists(path.join(paths.workingDirectory, relative)),
  }
  return joinFileLines(resolved, (file) => mapCoveragePath(file, options))
}

export interface MeasureInput {
  readonly files: readonly FileDiff[]
  readonly coverage: ReadonlyMap<string, FileLines>
  readonly source: DiffSource
  readonly base: string
}

export function measureDiffCoverage(input: MeasureInput): DiffCoverageResult {
  const { source, base } = input
  const changed = changedLinesByFile(input.files)
  const result = computeDiffCoverage(changed, input.coverage)
  if (result.changedLines === 0) {
    return { measured: false, reason: 'no changed lines', source, base }
  }
  if (result.coverableLines === 0) {
    const lines = `${result.changedLines} changed ${result.changedLines === 1 ? 'line' : 'lines'}`
    return {
      measured: false,
      reason: `no changed Python lines that coverage measures (${lines}, none a measured statement)`,
      source,
      base,
    }
  }
  const unreadFiles = input.files
    .filter((file) => file.binary && file.status !== 'deleted')
    .map((file) => file.path)
  return {
    measured: true,
    ...result,
    source,
    base,
    percentDisplay: String(result.percentTruncated),
    unreadFiles,
  }
}
