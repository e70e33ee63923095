/**
 * Streaming parser for the Cobertura XML that coverage.py writes (`coverage xml`). It
 * keeps per file only the line numbers and branch counts, so time is linear in the
 * report and memory in the number of measured lines, never in the size of the text.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { errorMessage } from '../error-message.js'
import type { CoverageResult, FileCoverage } from './metrics.js'

/** The report is not well-formed XML or not Cobertura. */
export class CoberturaReportError extends Error {
  override name = 'CoberturaReportError'
}

export interface CoberturaFile {
  /** The class's filename attribute: relative to one of the sources, or absolute. */
  readonly filename: string
  /** Lines with hits > 0 (partially covered branch lines included), in report order. */
  readonly covered: number[]
  /** Lines with hits = 0. */
  readonly missing: number[]
  /** Branch destinations measured (the "n" of condition-coverage "x% (k/n)"). */
  branches: number
  coveredBranches: number
  /** Lines that ran but missed a branch: coverage.py's "BrPart". */
  partialBranches: number
}

export interface CoberturaReport {
  /** The <source> folders, as written. */
  readonly sources: readonly string[]
  /** The root element's totals. */
  readonly linesValid: number
  readonly linesCovered: number
  readonly branchesValid: number
  readonly branchesCovered: number
  /** coverage.py's total: (covered lines + covered branches) / (statements + branches) × 100. */
  readonly percent: number
  /** In report order; a file listed twice (two classes) is merged into one entry. */
  readonly files: readonly CoberturaFile[]
}

const CONDITION = /\((\d+)\/(\d+)\)/

export class CoberturaParser {
  // Positions are only for error messages; tracking them costs a fifth of the time.
  private readonly sax: SaxesParser = new SaxesParser({ position: false })
  private rootSeen = false
  private blank = true
  private closed = false
  private sourceText = ''
  private readonly sources: string[] = []
  private totals?: Totals
  private readonly byName = new Map<string, CoberturaFile>()
  private current?: CoberturaFile

  constructor() {
    this.sax.on('opentag', (tag) => this.openTag(tag))
    this.sax.on('closetag', (tag) => this.closeTag(tag))
  }

  write(chunk: string): void {
    if (this.closed) throw new CoberturaReportError('Cobertura report: write after close')
    if (this.blank && /\S/.test(chunk)) this.blank = false
    try {
      this.sax.write(chunk)
    } catch (error) {
      this.closed = true
      throw wrap(error)
    }
  }

  close(): CoberturaReport {
    if (this.closed) throw new CoberturaReportError('Cobertura report: parser already closed')
    this.closed = true
    if (this.blank) throw new CoberturaReportError('Cobertura report is empty')
    try {
      this.sax.close()
    } catch (error) {
      throw wrap(error)
    }
    const totals = this.totals ?? countTotals(this.byName.values())
    const measured = totals.linesValid + totals.branchesValid
    return {
      sources: this.sources,
      ...totals,
      percent:
        measured === 0 ? 100 : ((totals.linesCovered + totals.branchesCovered) / measured) * 100,
      files: [...this.byName.values()],
    }
  }

  private openTag(tag: SaxesTagPlain): void {
    const attributes = tag.attributes
    if (!this.rootSeen) {
      this.rootSeen = true
      if (tag.name !== 'coverage') {
        throw new CoberturaReportError(
          `Cobertura report must start with <coverage>, not <${tag.name}>`,
        )
      }
      this.totals = rootTotals(attributes)
      return
    }
    switch (tag.name) {
      case 'line': {
        const file = this.current
        if (file === undefined) return
        const number = Number.parseInt(attributes.number, 10)
        if (Number.isNaN(number)) return
        const hits = attributes.hits
        // A million lines go through here: skip the number conversion for the usual values.
        const hit = hits === '1' || (hits !== '0' && hits !== undefined && Number(hits) > 0)
        if (hit) file.covered.push(number)
        else file.missing.push(number)
        if (attributes.branch === 'true') {
          const condition = CONDITION.exec(attributes['condition-coverage'] ?? '')
          if (condition !== null) {
            const taken = Number(condition[1])
            const total = Number(condition[2])
            file.branches += total
            file.coveredBranches += taken
            if (hit && taken < total) file.partialBranches += 1
          }
        }
        return
      }
      case 'class': {
        const filename = slashes(attributes.filename ?? '')
        if (filename === '') return
        let file = this.byName.get(filename)
        if (file === undefined) {
          file = {
            filename,
            covered: [],
            missing: [],
            branches: 0,
            coveredBranches: 0,
            partialBranches: 0,
          }
          this.byName.set(filename, file)
        }
        this.current = file
        return
      }
      case 'source':
        // Text is listened to only here: the whitespace between a million <line>s is not read.
        this.sourceText = ''
        this.sax.on('text', (text) => {
          this.sourceText += text
        })
        return
    }
  }

  private closeTag(tag: SaxesTagPlain): void {
    if (tag.name === 'class') this.current = undefined
    else if (tag.name === 'source') {
      this.sax.off('text')
      const source = this.sourceText.trim()
      if (source !== '') this.sources.push(source)
    }
  }
}

export function parseCobertura(xml: string): CoberturaReport {
  const parser = new CoberturaParser()
  parser.write(xml)
  return parser.close()
}

interface Totals {
  readonly linesValid: number
  readonly linesCovered: number
  readonly branchesValid: number
  readonly branchesCovered: number
}

/** The root's counts; undefined when a writer left them out. */
function rootTotals(attributes: Record<string, string>): Totals | undefined {
  const values = ['lines-valid', 'lines-covered', 'branches-valid', 'branches-covered'].map(
    (name) => attributes[name],
  )
  if (values[0] === undefined || values[1] === undefined) return undefined
  const [linesValid, linesCovered, branchesValid, branchesCovered] = values.map((value) => {
    const number = Number(value ?? '0')
    if (!Number.isInteger(number) || number < 0) {
      throw new CoberturaReportError(
        `Cobertura report: <coverage> counts must be whole numbers, not ${JSON.stringify(value)}`,
      )
    }
    return number
  })
  return { linesValid, linesCovered, branchesValid, branchesCovered }
}

function countTotals(files: Iterable<CoberturaFile>): Totals {
  let linesValid = 0
  let linesCovered = 0
  let branchesValid = 0
  let branchesCovered = 0
  for (const file of files) {
    linesValid += file.covered.length + file.missing.length
    linesCovered += file.covered.length
    branchesValid += file.branches
    branchesCovered += file.coveredBranches
  }
  return { linesValid, linesCovered, branchesValid, branchesCovered }
}

function wrap(error: unknown): CoberturaReportError {
  if (error instanceof CoberturaReportError) return error
  const message = errorMessage(error)
  return new CoberturaReportError(`Cobertura report is not well-formed XML: ${message}`)
}

/**
 * The path of a file in the report: its filename joined to the first source under which
 * it exists (coverage.py writes filenames relative to the matching <source>), else to
 * the first source.
 */
export function resolveCoberturaFile(
  filename: string,
  sources: readonly string[],
  exists: (path: string) => boolean,
): string {
  const name = slashes(filename)
  if (name.startsWith('/') || /^[A-Za-z]:\//.test(name) || sources.length === 0) return name
  const candidates = sources.map((source) => `${slashes(source).replace(/\/+$/, '')}/${name}`)
  return candidates.find(exists) ?? candidates[0]
}

export interface CoberturaResultOptions {
  /** Turns a file of the report (see resolveCoberturaFile) into a repository-relative path. */
  readonly mapPath: (filename: string) => string
  readonly sourceNote: string
  /** coverage.py's [report] precision. Default 0. */
  readonly precision?: number
}

/** The report as the metrics model's CoverageResult, with coverage.py's percentages. */
export function coberturaToCoverageResult(
  report: CoberturaReport,
  options: CoberturaResultOptions,
): CoverageResult {
  const precision = options.precision ?? 0
  const files: FileCoverage[] = report.files.map((file) => {
    const statements = file.covered.length + file.missing.length
    const percent = coveragePercent(
      file.covered.length + file.coveredBranches,
      statements + file.branches,
    )
    return {
      path: options.mapPath(file.filename),
      statements,
      missing: file.missing.length,
      branches: file.branches,
      partialBranches: file.partialBranches,
      percent,
      percentDisplay: displayPercent(percent, precision),
      missingLines: [...file.missing].sort((a, b) => a - b),
    }
  })
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return {
    percent: report.percent,
    percentDisplay: displayPercent(report.percent, precision),
    coveredLines: report.linesCovered,
    statements: report.linesValid,
    coveredBranches: report.branchesCovered,
    branches: report.branchesValid,
    files,
    sourceNote: options.sourceNote,
  }
}

function coveragePercent(covered: number, measured: number): number {
  return measured === 0 ? 100 : (covered / measured) * 100
}

/**
 * coverage.py's display of a percentage: rounded to `precision` decimals, half to even
 * as Python's round() does, except that only 0 shows as 0 and only 100 as 100.
 */
export function displayPercent(percent: number, precision = 0): string {
  const scale = 10 ** precision
  const near0 = 1 / scale
  const near100 = 100 - near0
  if (percent > 0 && percent < near0) return near0.toFixed(precision)
  if (percent > near100 && percent < 100) return near100.toFixed(precision)
  const scaled = percent * scale
  const floor = Math.floor(scaled)
  // An exact tie rounds to the even neighbour; toFixed would round it up.
  const rounded =
    scaled - floor === 0.5 ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(scaled)
  return (rounded / scale).toFixed(precision)
}

function slashes(path: string): string {
  return path.replaceAll('\\', '/')
}
