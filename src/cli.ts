/**
 * The same pipeline outside GitHub (a laptop, Jenkins, Travis, GitLab): flags
 * instead of inputs (INPUT_* variables work too), the report on the terminal
 * and in python-ci-report.md, and the exit code as the verdict.
 */
import { randomUUID } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { distsDir } from './build/build.js'
import { CancelGuard } from './cancel.js'
import {
  ConfigError,
  INPUT_DEFAULTS,
  type InputName,
  loadConfig,
  runnerArchitecture,
} from './config.js'
import { errorMessage } from './error-message.js'
import { parseRunEvent } from './github/run-event.js'
import { childEnvironment, type Host } from './host.js'
import { type Log, mayHoldCommand, withCommandsStopped } from './log.js'
import { runPipeline } from './pipeline.js'
import { SpawnRunner } from './process.js'
import { Progress } from './progress.js'
import { renderText } from './report/markdown.js'
import type { Metrics } from './report/metrics.js'
import { writeReport } from './report/write.js'
import type { ReportFiles } from './test/run-tests.js'

/** Where a run's report goes: the pipeline's folders and the --reports-dir, if given. */
interface ReportPlace {
  readonly files: ReportFiles
  readonly tempDir: string
  readonly reportsDir: string | undefined
  readonly cwd: string
}

/**
 * python-ci-report.md (in --reports-dir, else the current folder), the
 * report on the terminal and the verdict's reasons; the venv and the unpacked
 * sdist are removed, the reports and the built files kept.
 */
function reportRun(io: CliIo, log: Log, metrics: Metrics, place: ReportPlace): void {
  const { files, tempDir, reportsDir } = place
  const report = writeReport(metrics, files.dir)
  const local = path.join(reportsDir ?? place.cwd, 'python-ci-report.md')
  copyFileSync(report.path, local)
  const copied = reportsDir ? copyReports(files, reportsDir) : []
  const kept = [files.dir, distsDir({ tempDir })]
  for (const entry of readdirSync(tempDir)) {
    if (!kept.includes(path.join(tempDir, entry)))
      rmSync(path.join(tempDir, entry), { recursive: true, force: true })
  }
  // Through the log: the report holds test names, project text.
  log.info(`\n${renderText(metrics)}`)
  io.out(
    reportsDir
      ? `Report: ${local}${copied.length ? `, with ${copied.join(', ')}` : ''} in ${reportsDir}`
      : `Report: ${local} (JUnit and coverage files in ${files.dir})`,
  )
  const built = [metrics.build?.sdist, metrics.build?.wheel].filter((d) => d !== undefined)
  if (built.length > 0) io.out(`Built: ${built.map((d) => d.path).join(', ')}`)
  for (const reason of metrics.verdict.reasons) log.error(reason)
}

export const USAGE = `Usage: python-ci-action [path] [options]

Sets up Python, installs the project at path (default: .) in a fresh virtual
environment, builds sdist and wheel while pytest runs under coverage, prints the
report and writes it to python-ci-report.md. Exits 1 when the action would fail.

Options (each also read from INPUT_<NAME>, as the action's inputs are). A flag's
value is the next argument, whatever it starts with: --pytest-args "-k 'not slow'".
  --python X                 a version or range (3.12, >=3.10), or an interpreter's path
  --install X                auto | none | extra:NAME | group:NAME | requirements:PATH
  --pip-args "..."           extra pip install arguments, e.g. --pip-args --pre
  --pytest-args "..."        extra pytest arguments, e.g. --pytest-args "-k 'not slow'"
  --coverage-source X        packages or folders to measure, comma-separated
  --fail-under N             exit 1 when total coverage is under N percent
  --test-timeout MINUTES     end pytest after this long (e.g. 1.5), report what
                             finished and exit 1
  --diff-base REF            count changed lines from REF (git diff REF...HEAD), e.g. origin/main
  --fail-under-diff N        exit 1 when the changed lines' coverage is under N percent
  --reports-dir DIR          write junit.xml, coverage.xml, coverage.json and
                             python-ci-report.md to DIR (made if missing), for
                             Jenkins, GitLab or Travis to pick up
  --system-site-packages     let the venv see the base Python's packages
  --no-build                 skip building sdist and wheel
  --no-build-isolation       build and install without PEP 517 isolation
  --no-test                  skip pytest
  --no-subprocess-coverage   measure the pytest process alone, not the processes it starts
  --no-fail-on-test-failure  exit 0 even when tests fail
  --allow-no-tests           exit 0 when pytest collects no test
  --verbose                  show what the tools print, and debug output
  -h, --help                 this text
`

export interface CliIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
}

/**
 * The terminal: a line per stage, warnings and errors as they happen; what the
 * tools print inside a stage shows with --verbose only.
 */
function terminalLog(io: CliIo, verbose: boolean, onActions: boolean): Log {
  const where = (p?: { file?: string; startLine?: number }) =>
    p?.file ? ` (${p.file}${p.startLine ? `:${p.startLine}` : ''})` : ''
  // Run in a `run:` step, the runner reads this output for workflow commands,
  // and tool output is project output.
  const safe = (m: string) =>
    onActions && mayHoldCommand(m) ? withCommandsStopped(m, randomUUID()) : m
  const out = (m: string) => io.out(safe(m))
  const err = (m: string) => io.err(safe(m))
  let inGroup = false
  return {
    info: (m) => {
      if (verbose || !inGroup) out(m)
    },
    warning: (m, p) => err(`warning${where(p)}: ${m}`),
    error: (m, p) => err(`error${where(p)}: ${m}`),
    debug: (m) => {
      if (verbose) out(m)
    },
    group: async (title, body) => {
      if (verbose) io.out(`\n▸ ${title}`)
      inGroup = true
      try {
        return await body()
      } finally {
        inGroup = false
      }
    },
  }
}

/**
 * The folder the CLI treats as the workspace: the current one when the
 * project lies inside it, else the project's git checkout (or the project
 * itself). On a developer's own machine a project beside the current folder
 * is a normal thing to test; the action's paths stay inside that workspace.
 */
function cliWorkspace(cwd: string, projectDir: string): string {
  const relative = path.relative(cwd, projectDir)
  if (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
    return cwd
  for (let dir = projectDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir
    if (path.dirname(dir) === dir) return projectDir
  }
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    io.err(`${errorMessage(error)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.out(USAGE)
    return 0
  }
  if (positionals.length > 1) {
    io.err(
      `one project path at most, got: ${positionals.map((p) => JSON.stringify(p)).join(', ')}; a flag takes one argument, so quote a value with spaces, e.g. --pytest-args "-k 'not slow'"\n\n${USAGE}`,
    )
    return 2
  }
  let reportsDir: string | undefined
  if (values['reports-dir'] !== undefined) {
    reportsDir = path.resolve(io.cwd, values['reports-dir'])
    try {
      if (values['reports-dir'] === '') throw new Error('it is empty')
      mkdirSync(reportsDir, { recursive: true })
    } catch (error) {
      io.err(
        `--reports-dir: ${JSON.stringify(values['reports-dir'])} cannot be used as a folder (${errorMessage(error)}); give a folder to create or reuse, relative to the current one, e.g. reports`,
      )
      return 2
    }
  }
  const python = values.python ?? ''
  const interpreter = /[\\/]/.test(python)
    ? path.resolve(io.cwd, python)
    : /^python[\w.]*$/.test(python)
      ? onPath(python, io.env.PATH ?? '')
      : undefined
  if (/^python/.test(python) && interpreter === undefined) {
    io.err(
      `--python: "${python}" is not on PATH; give a version (3.12), a range (>=3.10) or an interpreter's path`,
    )
    return 2
  }
  const flags: Partial<Record<InputName, string>> = {
    'working-directory': positionals[0],
    'python-version': interpreter ? undefined : values.python,
    install: values.install,
    'pip-args': values['pip-args'],
    'pytest-args': values['pytest-args'],
    'coverage-source': values['coverage-source'],
    'fail-under': values['fail-under'],
    'test-timeout': values['test-timeout'],
    'diff-base': values['diff-base'],
    'fail-under-diff': values['fail-under-diff'],
    'system-site-packages': values['system-site-packages'] ? 'true' : undefined,
    build: values['no-build'] ? 'false' : undefined,
    'build-isolation': values['no-build-isolation'] ? 'false' : undefined,
    test: values['no-test'] ? 'false' : undefined,
    'subprocess-coverage': values['no-subprocess-coverage'] ? 'false' : undefined,
    'fail-on-test-failure': values['no-fail-on-test-failure'] ? 'false' : undefined,
    'allow-no-tests': values['allow-no-tests'] ? 'true' : undefined,
  }
  // The runner's names keep dashes (INPUT_PIP-ARGS), which a POSIX shell cannot
  // export; INPUT_PIP_ARGS is read too.
  const fromEnv = (name: InputName) =>
    io.env[`INPUT_${name.toUpperCase()}`] ??
    io.env[`INPUT_${name.toUpperCase().replaceAll('-', '_')}`]
  const given = (name: InputName) => flags[name] ?? fromEnv(name) ?? INPUT_DEFAULTS[name]
  const workspace = cliWorkspace(io.cwd, path.resolve(io.cwd, given('working-directory')))
  const read = (name: InputName) =>
    name === 'working-directory'
      ? path.relative(workspace, path.resolve(io.cwd, given(name))) || '.'
      : given(name)

  // Only what the environment says: the CLI runs no GitHub stage that needs the payload.
  const event = parseRunEvent(io.env, {})
  const log = terminalLog(io, values.verbose === true, event.onActions)
  const runner = new SpawnRunner()
  const progress = new Progress('run')
  let tempDir: string | undefined
  const where = { reportsDir, cwd: io.cwd }
  const report = async (metrics: Metrics) => {
    if (progress.files !== undefined && tempDir !== undefined)
      reportRun(io, log, metrics, { files: progress.files, tempDir, ...where })
  }
  // Each program runs in a process group of its own, which Ctrl-C at the
  // terminal does not reach: a signal ends them, then what finished is reported.
  const cancel = new CancelGuard(runner, progress, log, report, 130)
  const stop = (signal: NodeJS.Signals) => {
    io.err(`${signal}: ending the programs this run started`)
    void cancel.cancel(signal)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  try {
    const { config, warnings } = loadConfig(read, {
      workspace,
      defaultArchitecture: runnerArchitecture(),
    })
    for (const w of warnings) log.warning(w)
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'python-ci-'))
    const host: Host = {
      log,
      runner,
      onActions: false,
      workspace,
      tempDir,
      toolCacheDir: undefined,
      env: childEnvironment(io.env),
      addPath: () => {},
      exportVariable: () => {},
    }
    const { metrics, files } = await runPipeline(host, config, { event, interpreter, progress })
    // A cancel is writing its own report; it exits 130 once written.
    if (!cancel.reporting()) return 130
    reportRun(io, log, metrics, { files, tempDir, ...where })
    return metrics.verdict.ok ? 0 : 1
  } catch (error) {
    if (error instanceof ConfigError) {
      log.error(asFlagError(error.message, flags))
      return 2
    }
    log.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    return 1
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
}

const FLAG_OF: Partial<Record<InputName, string>> = {
  'working-directory': 'path',
  'python-version': '--python',
  install: '--install',
  'pip-args': '--pip-args',
  'pytest-args': '--pytest-args',
  'coverage-source': '--coverage-source',
  'fail-under': '--fail-under',
  'test-timeout': '--test-timeout',
  'diff-base': '--diff-base',
  'fail-under-diff': '--fail-under-diff',
}

/** A config error about a value given as a flag names the flag, not the action's input. */
function asFlagError(message: string, flags: Partial<Record<InputName, string>>): string {
  const input = Object.keys(FLAG_OF).find((name) => message.startsWith(`${name}:`)) as
    | InputName
    | undefined
  const flag = input && flags[input] !== undefined ? FLAG_OF[input] : undefined
  return flag && input ? `${flag}${message.slice(input.length)}` : message
}

/** The first `name` in PATH's folders, as a shell would find it. */
function onPath(name: string, pathVariable: string): string | undefined {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (dir === '') continue
    for (const candidate of [path.join(dir, name), path.join(dir, `${name}.exe`)]) {
      if (existsSync(candidate)) return candidate
    }
  }
  return undefined
}

/** The files a CI server reads, beside the Markdown report. */
const REPORT_FILES = ['junit.xml', 'coverage.xml', 'coverage.json'] as const

/**
 * Copies this run's JUnit and coverage reports into `dir`; a file this run
 * did not write (no tests, no coverage) is removed there, so a CI server
 * never reads an earlier run's. Returns the names copied.
 */
function copyReports(files: ReportFiles, dir: string): string[] {
  const copied: string[] = []
  for (const name of REPORT_FILES) {
    const from = path.join(files.dir, name)
    const to = path.join(dir, name)
    if (existsSync(from)) {
      copyFileSync(from, to)
      copied.push(name)
    } else rmSync(to, { force: true })
  }
  return copied
}

const OPTIONS = {
  python: { type: 'string' },
  install: { type: 'string' },
  'pip-args': { type: 'string' },
  'pytest-args': { type: 'string' },
  'coverage-source': { type: 'string' },
  'fail-under': { type: 'string' },
  'test-timeout': { type: 'string' },
  'diff-base': { type: 'string' },
  'fail-under-diff': { type: 'string' },
  'reports-dir': { type: 'string' },
  'system-site-packages': { type: 'boolean' },
  'no-build': { type: 'boolean' },
  'no-build-isolation': { type: 'boolean' },
  'no-test': { type: 'boolean' },
  'no-subprocess-coverage': { type: 'boolean' },
  'no-fail-on-test-failure': { type: 'boolean' },
  'allow-no-tests': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

/**
 * `--pytest-args -k` as `--pytest-args=-k`: a flag that takes a value takes
 * the next argument whatever it starts with, where parseArgs would call one
 * that starts with '-' ambiguous. Everything from `--` on is left as it is.
 */
export function attachValues(argv: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') return [...out, ...argv.slice(i)]
    const name = arg.slice(2)
    const takesValue =
      arg.startsWith('--') &&
      Object.hasOwn(OPTIONS, name) &&
      OPTIONS[name as keyof typeof OPTIONS].type === 'string'
    if (takesValue && i + 1 < argv.length) {
      out.push(`${arg}=${argv[i + 1]}`)
      i++
    } else out.push(arg)
  }
  return out
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: attachValues(argv),
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
  })
}
