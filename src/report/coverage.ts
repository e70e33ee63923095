/**
 * Reads coverage.py's JSON report (`coverage json`) into the metrics model, and maps
 * the file names coverage recorded back to repository paths.
 */

import { errorMessage } from '../error-message.js'
import type { CoverageResult, FileCoverage } from './metrics.js'

/** The coverage JSON report is not what `coverage json` writes. */
export class CoverageReportError extends Error {
  override name = 'CoverageReportError'
}

export interface CoverageJsonOptions {
  /** Turns a file name as coverage recorded it into a repository-relative path. */
  readonly mapPath: (file: string) => string
  readonly sourceNote: string
}

type JsonObject = Record<string, unknown>

export function parseCoverageJson(json: string, options: CoverageJsonOptions): CoverageResult {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (error) {
    const reason = errorMessage(error)
    throw new CoverageReportError(`coverage JSON report is not valid JSON: ${reason}`)
  }
  const root = object(data, 'the coverage JSON report')
  const totals = summary(object(root.totals, '"totals"'), '"totals"')
  const filesObject = object(root.files, '"files"')
  const files: FileCoverage[] = Object.entries(filesObject).map(([name, entry]) => {
    const where = `"files"[${JSON.stringify(name)}]`
    const file = object(entry, where)
    const fileSummary = summary(object(file.summary, `${where}.summary`), `${where}.summary`)
    return {
      path: options.mapPath(name),
      statements: fileSummary.statements,
      missing: fileSummary.missing,
      branches: fileSummary.branches,
      partialBranches: fileSummary.partialBranches,
      percent: fileSummary.percent,
      percentDisplay: fileSummary.percentDisplay,
      missingLines: lineNumbers(file.missing_lines, `${where}.missing_lines`),
    }
  })
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    percent: totals.percent,
    percentDisplay: totals.percentDisplay,
    coveredLines: totals.coveredLines,
    statements: totals.statements,
    coveredBranches: totals.coveredBranches,
    branches: totals.branches,
    files,
    sourceNote: options.sourceNote,
  }
}

interface Summary {
  readonly coveredLines: number
  readonly statements: number
  readonly missing: number
  readonly coveredBranches: number
  readonly branches: number
  readonly partialBranches: number
  readonly percent: number
  readonly percentDisplay: string
}

function summary(value: JsonObject, where: string): Summary {
  const display = value.percent_covered_display
  if (typeof display !== 'string') {
    throw new CoverageReportError(
      `coverage JSON report: ${where}.percent_covered_display is missing; it is written by coverage 5.6 and later`,
    )
  }
  return {
    coveredLines: count(value, 'covered_lines', where),
    statements: count(value, 'num_statements', where),
    missing: count(value, 'missing_lines', where),
    // Branch keys exist only when coverage ran with --branch.
    coveredBranches: count(value, 'covered_branches', where, 0),
    branches: count(value, 'num_branches', where, 0),
    partialBranches: count(value, 'num_partial_branches', where, 0),
    percent: percent(value.percent_covered, `${where}.percent_covered`),
    percentDisplay: display,
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function object(value: unknown, where: string): JsonObject {
  if (!isObject(value)) {
    throw new CoverageReportError(`coverage JSON report: ${where} must be an object`)
  }
  return value
}

function count(value: JsonObject, key: string, where: string, fallback?: number): number {
  const found = value[key]
  if (found === undefined && fallback !== undefined) return fallback
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0) {
    throw new CoverageReportError(
      `coverage JSON report: ${where}.${key} must be a whole number, not ${JSON.stringify(found)}`,
    )
  }
  return found
}

function percent(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new CoverageReportError(
      `coverage JSON report: ${where} must be a number from 0 to 100, not ${JSON.stringify(value)}`,
    )
  }
  return value
}

function lineNumbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || !value.every((line) => Number.isInteger(line))) {
    throw new CoverageReportError(`coverage JSON report: ${where} must be a list of line numbers`)
  }
  return value
}

export interface CoveragePathOptions {
  /** Absolute path of the folder pytest ran in. */
  readonly workingDirectory: string
  /** Absolute site-packages folders of the environment the tests ran in. */
  readonly sitePackages: readonly string[]
  /** The working directory relative to the repository root, forward slashes; '' when the same. */
  readonly repoPrefix: string
  /** Whether a path relative to the working directory exists. */
  readonly exists: (relativeToWorkingDirectory: string) => boolean
}

/**
 * Maps a file name from coverage data to a repository-relative path with forward
 * slashes. A file that lies outside the project and the environment stays as given.
 */
export function mapCoveragePath(file: string, options: CoveragePathOptions): string {
  const normalized = slashes(file)
  if (!isAbsolute(normalized)) return inRepository(normalized, options.repoPrefix)
  // Checked before the working directory: a virtual environment often lives inside it
  // (.venv), and a file there is the installed copy of the project's own source.
  for (const sitePackages of options.sitePackages) {
    const rest = under(normalized, slashes(sitePackages))
    if (rest === undefined) continue
    if (options.exists(`src/${rest}`)) return inRepository(`src/${rest}`, options.repoPrefix)
    if (options.exists(rest)) return inRepository(rest, options.repoPrefix)
    return normalized
  }
  const rest = under(normalized, slashes(options.workingDirectory))
  return rest === undefined ? normalized : inRepository(rest, options.repoPrefix)
}

function inRepository(relative: string, repoPrefix: string): string {
  const prefix = slashes(repoPrefix).replace(/\/+$/, '')
  return normalizeRelative(prefix === '' || prefix === '.' ? relative : `${prefix}/${relative}`)
}

/** The part of path below folder, or undefined when path is not inside folder. */
function under(path: string, folder: string): string | undefined {
  const base = folder.replace(/\/+$/, '')
  // Windows paths compare without regard to case.
  const windows = /^[A-Za-z]:\//.test(base)
  const head = path.slice(0, base.length)
  const same = windows ? head.toLowerCase() === base.toLowerCase() : head === base
  if (!same || path.charAt(base.length) !== '/') return undefined
  const rest = path.slice(base.length + 1)
  return rest === '' ? undefined : rest
}

function normalizeRelative(path: string): string {
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else parts.push(part)
  }
  return parts.join('/')
}

function slashes(path: string): string {
  return path.replaceAll('\\', '/')
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path)
}
