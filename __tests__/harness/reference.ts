/**
 * The numbers the action must agree with, taken from the real tools run by the
 * tests themselves: pytest's summary line, coverage.py's TOTAL, the metadata
 * inside the built files. Nothing here is hard-coded per fixture.
 */
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { cleanEnv, TOOLS_PYTHON, tempDir } from './paths.js'
import { type ProcessResult, runProcess } from './process.js'
import { copyFixture } from './runner.js'

export interface PytestCounts {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly errors: number
  readonly xfailed: number
  readonly xpassed: number
  readonly deselected: number
  readonly warnings: number
}

export interface PytestReference extends PytestCounts {
  /**
   * Tests that ran, each once: the summary's passed + failed + skipped + xfailed
   * + xpassed + errors, less the errors pytest's ERRORS section heads "ERROR
   * collecting …" (no test) or "ERROR at teardown of …" (counted once already).
   */
  readonly tests: number
  /** Of errors: "ERROR collecting <module>" blocks. */
  readonly collectionErrors: number
  /** The interpreter that ran pytest. */
  readonly python: string
  readonly exitCode: number | null
  /** The last line, e.g. "==== 1 failed, 3 passed in 0.01s ====". */
  readonly summaryLine: string
  readonly output: string
}

const WORDS: Record<string, keyof PytestCounts> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  error: 'errors',
  errors: 'errors',
  xfailed: 'xfailed',
  xpassed: 'xpassed',
  deselected: 'deselected',
  warning: 'warnings',
  warnings: 'warnings',
}

/** "1 failed, 3 passed, 1 skipped, 2 errors in 0.12s" (or "no tests ran") -> counts. */
export function parsePytestSummary(line: string): PytestCounts {
  const counts: Record<keyof PytestCounts, number> = {
    passed: 0,
    failed: 0,
    skipped: 0,
    errors: 0,
    xfailed: 0,
    xpassed: 0,
    deselected: 0,
    warnings: 0,
  }
  for (const m of line.matchAll(/(\d+) ([a-z]+)/g)) {
    const key = WORDS[m[2] ?? '']
    if (key) counts[key] += Number(m[1])
  }
  return counts
}

/** `interpreter` (default: the tools venv's) with a clean environment and a fresh HOME. */
export async function python(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
  interpreter: string = TOOLS_PYTHON,
): Promise<ProcessResult> {
  const home = tempDir('home')
  try {
    return await runProcess(interpreter, args, { cwd, env: { ...cleanEnv(home), ...env } })
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** Blocks of pytest's ERRORS section headed "ERROR <what> …", e.g. "collecting", "at teardown of". */
function errorBlocks(output: string, what: string): number {
  return output.split('\n').filter((line) => new RegExp(`^_+ ERROR ${what} .* _+$`).test(line))
    .length
}

/**
/**
 * `python -m pytest -p no:cacheprovider [args]` on a fresh copy of a fixture,
 * with the wheelhouse's pinned tools unless told another interpreter (the
 * action's venv, to compare with the pytest the action ran). A src/ layout's
 * package is put on PYTHONPATH, standing in for the install.
 */
export async function pytestReference(
  fixture: string,
  args: readonly string[] = [],
  interpreter: string = TOOLS_PYTHON,
): Promise<PytestReference> {
  const dir = tempDir('pytest')
  try {
    copyFixture(fixture, dir)
    const env: Record<string, string> = existsSync(path.join(dir, 'src'))
      ? { PYTHONPATH: path.join(dir, 'src') }
      : {}
    const result = await python(
      ['-m', 'pytest', '-p', 'no:cacheprovider', ...args],
      dir,
      env,
      interpreter,
    )
    const output = result.stdout + result.stderr
    const summaryLine =
      result.stdout
        .trimEnd()
        .split('\n')
        .reverse()
        .find((line) => /^=+ .* in [\d.]+s/.test(line)) ?? ''
    if (summaryLine === '') throw new Error(`pytest printed no summary line:\n${output}`)
    const counts = parsePytestSummary(summaryLine.replace(/ in [\d.]+s.*$/, ''))
    const collectionErrors = errorBlocks(result.stdout, 'collecting')
    return {
      ...counts,
      tests:
        counts.passed +
        counts.failed +
        counts.skipped +
        counts.errors +
        counts.xfailed +
        counts.xpassed -
        collectionErrors -
        errorBlocks(result.stdout, 'at teardown of'),
      collectionErrors,
      python: interpreter,
      exitCode: result.exitCode,
      summaryLine,
      output,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface FailureLocation {
  /** The test's name as pytest heads its block, e.g. "test_add_is_wrong" or "test_x[a|b]". */
  readonly test: string
  /** Where the exception was raised, as pytest's traceback ends: "tests/test_x.py". */
  readonly file: string
  readonly line: number
}

/** The last `file.py:N: Error` line of each block in pytest's FAILURES section. */
export function failureLocations(output: string): FailureLocation[] {
  const section = /^=+ FAILURES =+$([\s\S]*?)^=+ /m.exec(output)?.[1] ?? ''
  const found: FailureLocation[] = []
  for (const block of section.split(/^_{3,} (?=.* _{3,}$)/m).slice(1)) {
    const test = /^(.*?) _{3,}$/m.exec(block)?.[1] ?? ''
    const where = [...block.matchAll(/^(\S+\.py):(\d+): \w/gm)].pop()
    if (test && where?.[1] && where[2]) found.push({ test, file: where[1], line: Number(where[2]) })
  }
  return found
}

export interface CoverageReference {
  /** The TOTAL row's percentage without '%', exactly as printed ("87", "86.96"). */
  readonly total: string
  readonly report: string
}

/** `python -m coverage report` on a data file, run in `cwd` (`interpreter`: default the tools venv's). */
export async function coverageReference(
  dataFile: string,
  cwd: string,
  interpreter?: string,
): Promise<CoverageReference> {
  const result = await python(
    ['-m', 'coverage', 'report'],
    cwd,
    { COVERAGE_FILE: dataFile },
    interpreter,
  )
  if (result.exitCode !== 0) {
    throw new Error(`coverage report exited ${result.exitCode}:\n${result.stdout}${result.stderr}`)
  }
  const rows = result.stdout.trimEnd().split('\n')
  // coverage.py prints a TOTAL row below the files; with one file there may be none.
  const total = rows.find((row) => /^TOTAL\s/.test(row)) ?? rows[rows.length - 1] ?? ''
  const m = /(\d+(?:\.\d+)?)%\s*$/.exec(total)
  if (!m?.[1]) throw new Error(`no total in coverage report:\n${result.stdout}`)
  return { total: m[1], report: result.stdout }
}

/**
 * `coverage combine` then `coverage report`, run in `cwd`, on copies of the
 * per-process data files in `partsDir` (which are left as they are).
 */
export async function combinedCoverageReference(
  partsDir: string,
  cwd: string,
  interpreter?: string,
): Promise<CoverageReference & { readonly files: number }> {
  const dir = tempDir('combine')
  try {
    const parts = readdirSync(partsDir).filter((f) => f.startsWith('.coverage.'))
    for (const part of parts) cpSync(path.join(partsDir, part), path.join(dir, part))
    const env = { COVERAGE_FILE: path.join(dir, '.coverage') }
    const combined = await python(['-m', 'coverage', 'combine', dir], cwd, env, interpreter)
    if (combined.exitCode !== 0) {
      throw new Error(
        `coverage combine exited ${combined.exitCode}:\n${combined.stdout}${combined.stderr}`,
      )
    }
    const reference = await coverageReference(env.COVERAGE_FILE, cwd, interpreter)
    return { ...reference, files: parts.length }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface DistMetadata {
  readonly name: string
  readonly version: string
}

const READ_METADATA = `
import email.parser, json, sys, tarfile, zipfile
file = sys.argv[1]
if file.endswith('.whl'):
    with zipfile.ZipFile(file) as z:
        name = next(n for n in z.namelist() if n.endswith('.dist-info/METADATA') and n.count('/') == 1)
        text = z.read(name).decode()
else:
    with tarfile.open(file) as t:
        member = next(m for m in t.getmembers() if m.name.endswith('/PKG-INFO') and m.name.count('/') == 1)
        text = t.extractfile(member).read().decode()
msg = email.parser.Parser().parsestr(text)
print(json.dumps({'name': msg['Name'], 'version': msg['Version']}))
`

/** Name and Version from a wheel's METADATA or an sdist's top-level PKG-INFO. */
export async function distMetadata(file: string): Promise<DistMetadata> {
  const result = await python(['-c', READ_METADATA, file], path.dirname(file))
  if (result.exitCode !== 0) {
    throw new Error(`reading the metadata of ${file} failed:\n${result.stderr}`)
  }
  return JSON.parse(result.stdout) as DistMetadata
}

/** PEP 503 normalised name. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/** The name and version parts of a distribution file's name (sdist or wheel). */
export function distFileParts(file: string): { name: string; version: string } | undefined {
  const base = path.basename(file)
  const wheel = /^([^-]+)-([^-]+)(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(base)
  if (wheel?.[1] && wheel[2]) return { name: wheel[1], version: wheel[2] }
  const sdist = /^(.+)-([^-]+)\.tar\.gz$/.exec(base)
  if (sdist?.[1] && sdist[2]) return { name: sdist[1], version: sdist[2] }
  return undefined
}
