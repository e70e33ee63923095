/**
 * Streaming parser for the JUnit XML that pytest writes (--junitxml). It keeps only
 * the counts, a bounded list of problems and a bounded list of the slowest tests, so a
 * report of any size costs the same memory.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import { errorMessage } from '../error-message.js'
import type { SlowTest, TestCaseProblem, TestResults } from './metrics.js'

export interface JUnitOptions {
  /** Failures and errors kept with their details; the rest are only counted. Default 50. */
  readonly maxProblems?: number
  /** How many of the slowest tests to keep. Default 10. */
  readonly slowest?: number
  /** Characters kept of each traceback. Default 4000. */
  readonly maxDetails?: number
}

/** The report is not well-formed XML or not JUnit. */
export class JUnitReportError extends Error {
  override name = 'JUnitReportError'
}

const MAX_MESSAGE = 500
const CUT_MARK = '\n… (cut)\n'

interface OpenCase {
  readonly classname: string
  readonly name: string
  readonly file?: string
  /** pytest's line attribute: 0-based line of the test function. */
  readonly line?: number
  readonly seconds: number
  failed: boolean
  errored: boolean
  skipped: boolean
  xfailed: boolean
}

interface OpenProblem {
  readonly kind: TestCaseProblem['kind']
  readonly message: string
  /** Undefined once maxProblems is reached: such problems are counted, not kept. */
  readonly text?: string[]
}

interface OpenSuite {
  /** The suite's own time attribute, which wins over the sum of its children. */
  readonly seconds?: number
  childSeconds: number
}

interface Location {
  readonly path: string
  readonly line: number
}

export class JUnitParser {
  private readonly sax = new SaxesParser()
  private readonly maxProblems: number
  private readonly maxSlowest: number
  private readonly maxDetails: number

  private rootSeen = false
  private blank = true
  private closed = false
  private readonly suites: OpenSuite[] = []
  private totalSeconds = 0
  private current?: OpenCase
  private problem?: OpenProblem

  private tests = 0
  private passed = 0
  private failed = 0
  private skipped = 0
  private xfailed = 0
  private errors = 0
  private collectionErrors = 0
  private readonly problems: TestCaseProblem[] = []
  /** Sorted by seconds, descending; ties keep document order. */
  private readonly slowest: SlowTest[] = []

  constructor(options: JUnitOptions = {}) {
    this.maxProblems = options.maxProblems ?? 50
    this.maxSlowest = options.slowest ?? 10
    this.maxDetails = options.maxDetails ?? 4000
    this.sax.on('opentag', (tag) => this.openTag(tag))
    this.sax.on('closetag', (tag) => this.closeTag(tag))
    this.sax.on('text', (text) => this.problem?.text?.push(text))
    this.sax.on('cdata', (text) => this.problem?.text?.push(text))
  }

  write(chunk: string): void {
    if (this.closed) throw new JUnitReportError('JUnit report: write after close')
    if (this.blank && /\S/.test(chunk)) this.blank = false
    try {
      this.sax.write(chunk)
    } catch (error) {
      this.closed = true
      throw this.wrap(error)
    }
  }

  close(): TestResults {
    if (this.closed) throw new JUnitReportError('JUnit report: parser already closed')
    this.closed = true
    if (this.blank) throw new JUnitReportError('JUnit report is empty')
    try {
      this.sax.close()
    } catch (error) {
      this.closed = true
      throw this.wrap(error)
    }
    return {
      tests: this.tests,
      passed: this.passed,
      failed: this.failed,
      skipped: this.skipped,
      xfailed: this.xfailed,
      // JUnit writes an xpass as a pass; pytest's own counts (the plugin's) tell them apart.
      xpassed: 0,
      errors: this.errors,
      collectionErrors: this.collectionErrors,
      seconds: this.totalSeconds,
      problems: this.problems,
      slowest: this.slowest,
    }
  }

  private wrap(error: unknown): JUnitReportError {
    if (error instanceof JUnitReportError) return error
    const message = errorMessage(error)
    return new JUnitReportError(`JUnit report is not well-formed XML: ${message}`)
  }

  private openTag(tag: SaxesTagPlain): void {
    const attributes = tag.attributes
    if (!this.rootSeen) {
      this.rootSeen = true
      if (tag.name !== 'testsuites' && tag.name !== 'testsuite') {
        throw new JUnitReportError(
          `JUnit report must start with <testsuites> or <testsuite>, not <${tag.name}>`,
        )
      }
    }
    switch (tag.name) {
      case 'testsuite':
        this.suites.push({ seconds: parseSeconds(attributes.time), childSeconds: 0 })
        return
      case 'testcase':
        this.current = {
          classname: attributes.classname ?? '',
          name: attributes.name ?? '',
          file: attributes.file === undefined ? undefined : normalizePath(attributes.file),
          line: parseLine(attributes.line),
          seconds: parseSeconds(attributes.time) ?? 0,
          failed: false,
          errored: false,
          skipped: false,
          xfailed: false,
        }
        return
      case 'failure':
      case 'error':
        if (this.current === undefined) return
        if (tag.name === 'failure') this.current.failed = true
        else this.current.errored = true
        this.problem = {
          kind: tag.name === 'error' && isCollection(this.current) ? 'collection' : tag.name,
          message: attributes.message ?? '',
          text: this.problems.length < this.maxProblems ? [] : undefined,
        }
        return
      case 'skipped':
        if (this.current === undefined) return
        if (attributes.type === 'pytest.xfail') this.current.xfailed = true
        else this.current.skipped = true
        return
    }
  }

  private closeTag(tag: SaxesTagPlain): void {
    switch (tag.name) {
      case 'testsuite': {
        const suite = this.suites.pop()
        if (suite !== undefined) this.addSeconds(suite.seconds ?? suite.childSeconds)
        return
      }
      case 'testcase':
        if (this.current !== undefined) this.finishCase(this.current)
        this.current = undefined
        return
      case 'failure':
      case 'error':
        if (this.current !== undefined && this.problem !== undefined) {
          this.finishProblem(this.current, this.problem)
        }
        this.problem = undefined
        return
    }
  }

  private addSeconds(seconds: number): void {
    const parent = this.suites.at(-1)
    if (parent === undefined) this.totalSeconds += seconds
    else parent.childSeconds += seconds
  }

  private finishCase(testCase: OpenCase): void {
    // A module that could not be collected is an error, and no test.
    if (testCase.errored && isCollection(testCase)) this.collectionErrors += 1
    else this.tests += 1
    // pytest reports a test that fails and then errors in teardown as "1 failed, 1 error".
    if (testCase.failed) this.failed += 1
    if (testCase.errored) this.errors += 1
    if (!testCase.failed && !testCase.errored) {
      if (testCase.xfailed) this.xfailed += 1
      else if (testCase.skipped) this.skipped += 1
      else this.passed += 1
    }
    this.addSeconds(testCase.seconds)
    this.considerSlow(testCase)
  }

  private considerSlow(testCase: OpenCase): void {
    const seconds = testCase.seconds
    // pytest writes time="0.000" for tests too fast to measure; listing those says nothing.
    if (this.maxSlowest <= 0 || seconds <= 0) return
    const list = this.slowest
    const last = list.at(-1)
    if (list.length >= this.maxSlowest && last !== undefined && seconds <= last.seconds) return
    let index = list.length
    while (index > 0 && list[index - 1].seconds < seconds) index -= 1
    list.splice(index, 0, { id: testId(testCase), seconds })
    if (list.length > this.maxSlowest) list.pop()
  }

  private finishProblem(testCase: OpenCase, problem: OpenProblem): void {
    if (problem.text === undefined) return
    const text = problem.text.join('')
    const collection = isCollection(testCase)
    const where = collection ? collectionLocation(testCase, text) : failureLocation(testCase, text)
    this.problems.push({
      kind: problem.kind,
      id: testId(testCase),
      file: where.file,
      line: where.line,
      message: problemMessage(problem.message, text, collection),
      details: cut(text, this.maxDetails),
    })
  }
}

export function parseJUnit(xml: string, options?: JUnitOptions): TestResults {
  const parser = new JUnitParser(options)
  parser.write(xml)
  return parser.close()
}

/** pytest names no class for what it collects (a module, a conftest's folder), only for tests. */
function isCollection(testCase: OpenCase): boolean {
  return testCase.classname === ''
}

/**
 * pytest's node id from the JUnit attributes. pytest builds classname from the node id
 * ("tests/test_mod.py::TestCls::test_x" → "tests.test_mod.TestCls"), so with the file
 * attribute (junit_family=xunit1) the id can be rebuilt exactly.
 */
function testId(testCase: OpenCase): string {
  const { classname, name, file } = testCase
  // A collection error has no class: pytest names the module, and file is the module path.
  // At the root of the run (a conftest.py that fails) pytest gives no name at all.
  if (classname === '') return file || name || '(collection)'
  if (file !== undefined) {
    const module = file.replace(/\.py$/, '').replaceAll('/', '.')
    const classPart = classAfterModule(classname, module)
    if (classPart !== undefined) {
      return classPart === '' ? `${file}::${name}` : `${file}::${classPart}::${name}`
    }
  }
  return `${classname}::${name}`
}

/** "TestA::TestB" from "[prefix.]tests.test_mod.TestA.TestB"; '' when no class; undefined when the module is absent. */
function classAfterModule(classname: string, module: string): string | undefined {
  // --junitprefix puts its own dotted prefix in front of the module path.
  let start = classname.startsWith(module) ? 0 : classname.indexOf(`.${module}`)
  if (start < 0) return undefined
  if (start > 0) start += 1
  const rest = classname.slice(start + module.length)
  if (rest === '') return ''
  if (!rest.startsWith('.')) return undefined
  return rest.slice(1).replaceAll('.', '::')
}

// "tests/test_x.py:15: AssertionError" (pytest's long and short tracebacks) and
// 'File "tests/test_x.py", line 15, in test_x' (--tb=native and SyntaxError reports).
const LOCATION =
  /^((?:[A-Za-z]:)?[^\s:"<>]+\.py):(\d+):|\bFile "((?:[A-Za-z]:)?[^"\n]+\.py)", line (\d+)/gm

function locations(text: string): Location[] {
  const found: Location[] = []
  for (const match of text.matchAll(LOCATION)) {
    const path = match[1] ?? match[3]
    const line = match[2] ?? match[4]
    if (path !== undefined && line !== undefined) {
      found.push({ path: normalizePath(path), line: Number.parseInt(line, 10) })
    }
  }
  return found
}

function sameFile(path: string, file: string): boolean {
  // Tracebacks show files outside the invocation folder with absolute paths.
  return path === file || (isAbsolute(path) && path.endsWith(`/${file}`))
}

function lastIn(found: readonly Location[], file: string): Location | undefined {
  return found.findLast((location) => sameFile(location.path, file))
}

/** The failing line in the test's own file (innermost frame there), else the test's def. */
function failureLocation(testCase: OpenCase, text: string): { file?: string; line?: number } {
  const file = testCase.file
  if (file === undefined) return {}
  const found = lastIn(locations(text), file)
  if (found !== undefined) return { file, line: found.line }
  return { file, line: testCase.line === undefined ? undefined : testCase.line + 1 }
}

/** Where a module failed to import: in the module itself if the traceback says, else the last in-project frame. */
function collectionLocation(testCase: OpenCase, text: string): { file?: string; line?: number } {
  // Without the file attribute the name is the module's dotted path: "tests.test_broken".
  const file =
    testCase.file ?? (testCase.name === '' ? undefined : `${testCase.name.replaceAll('.', '/')}.py`)
  const found = locations(text)
  if (file !== undefined) {
    const own = lastIn(found, file)
    if (own !== undefined) return { file, line: own.line }
  }
  const relative = found.findLast((location) => !isAbsolute(location.path))
  if (relative !== undefined) return { file: relative.path, line: relative.line }
  return { file: testCase.file }
}

function problemMessage(attribute: string, text: string, collection: boolean): string {
  // pytest's message for a module that fails to import is only "collection failure".
  const first = collection ? '' : firstLine(attribute)
  if (first !== '') return clip(first, MAX_MESSAGE)
  return clip(exceptionLine(text) ?? firstLine(text.trim()), MAX_MESSAGE)
}

function firstLine(text: string): string {
  const end = text.indexOf('\n')
  return (end < 0 ? text : text.slice(0, end)).trim()
}

/**
 * The exception as Python printed it, from the last block of "E   " lines of a
 * pytest traceback: its first line that names an exception ("SyntaxError: …"
 * follows the source it quotes), else its first line. A message may go on over
 * more lines (a warning's "See docs: <url>"); those are not the error.
 */
export function exceptionLine(text: string): string | undefined {
  let last: string[] = []
  let block: string[] = []
  for (const line of text.split(/\r?\n/)) {
    // A blank line of the message is "E" alone, once trailing spaces are gone.
    if (/^E(?: {2,}\S|\s*$)/.test(line)) block.push(line)
    else if (block.length > 0) [last, block] = [block, []]
  }
  if (block.length > 0) last = block
  const lines = last.filter((line) => line.trim() !== 'E')
  if (lines.length === 0) return undefined
  const indent = Math.min(...lines.map((line) => /^E( +)/.exec(line)?.[1]?.length ?? 0))
  const body = lines.map((line) => line.slice(1 + indent).trimEnd())
  return body.find((line) => /^[A-Za-z_][\w.]*(?::(?: |$)|$)/.test(line)) ?? body[0]
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Keeps the head and the tail: the tail of a traceback holds the exception and where it was raised. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text
  const keep = Math.max(0, max - CUT_MARK.length)
  const head = Math.floor(keep / 3)
  return `${text.slice(0, head)}${CUT_MARK}${text.slice(text.length - (keep - head))}`
}

function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number.parseFloat(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined
}

function parseLine(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined
  return Number.parseInt(value, 10)
}

function normalizePath(path: string): string {
  return path.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '')
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path)
}
