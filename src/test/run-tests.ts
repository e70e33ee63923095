/**
 * The test stage's work: pytest under coverage. `coverage run -m pytest` starts
 * measuring before pytest imports anything, so module-level lines of the code
 * under test count; the Python processes the tests start are measured too (see
 * subprocess-coverage.ts) and combined. JUnit XML and coverage's JSON and XML
 * reports land in the reports folder, and are parsed there.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import type { Venv } from '../install/install.js'
import type { Log } from '../log.js'
import { describeExit, failureReason, formatCommand, type RunResult, tail } from '../process.js'
import { runSnippet, SnippetError } from '../python/snippet.js'
import { CoverageReportError, mapCoveragePath, parseCoverageJson } from '../report/coverage.js'
import { JUnitParser, JUnitReportError } from '../report/junit.js'
import type { TestResults, TestRun } from '../report/metrics.js'
import {
  OUTCOMES_PLUGIN,
  OUTCOMES_VARIABLE,
  OutcomesError,
  parseOutcomes,
  withOutcomes,
} from './outcomes.js'
import { prepareSubprocessCoverage, type SubprocessCoverage } from './subprocess-coverage.js'

export interface ReportFiles {
  readonly dir: string
  readonly junit: string
  readonly coverageData: string
  /** The data files of every measured process, combined into coverageData. */
  readonly coverageParts: string
  readonly coverageJson: string
  readonly coverageXml: string
  /** pytest's own counts, written by the action's plugin. */
  readonly outcomes: string
}

export function reportFiles(dir: string): ReportFiles {
  return {
    dir,
    junit: path.join(dir, 'junit.xml'),
    coverageData: path.join(dir, '.coverage'),
    coverageParts: path.join(dir, 'coverage-parts'),
    coverageJson: path.join(dir, 'coverage.json'),
    coverageXml: path.join(dir, 'coverage.xml'),
    outcomes: path.join(dir, 'pytest-outcomes.json'),
  }
}

// What coverage is configured to measure, where site-packages is, and the
// top-level import names of the installed project.
const PROBE = `
import json, sys, sysconfig
import os
# python -c puts the project folder first on sys.path; its *.egg-info would
# then pass for the installed distribution.
sys.path = [p for p in sys.path if p not in ('', os.getcwd())]
out = {'source': None, 'include': None, 'error': None, 'top_level': [], 'site_packages': []}
from importlib.metadata import version
for tool in ('pytest', 'coverage'):
    try:
        out[tool] = version(tool)
    except Exception:
        out[tool] = None
try:
    import coverage
    c = coverage.Coverage()
    out['source'] = c.config.source
    out['include'] = c.config.run_include
except Exception as e:
    out['error'] = '%s: %s' % (type(e).__name__, e)
paths = sysconfig.get_paths()
out['site_packages'] = sorted({paths['purelib'], paths['platlib']})
if len(sys.argv) > 1 and sys.argv[1]:
    from importlib.metadata import distribution
    try:
        tops = set()
        for f in distribution(sys.argv[1]).files or []:
            top = f.parts[0] if f.parts else ''
            if not top or top in ('..', '__pycache__') or top.endswith(('.dist-info', '.data', '.pth')):
                continue
            if len(f.parts) > 1:
                tops.add(top)
            elif top.endswith('.py'):
                tops.add(top[:-3])
        out['top_level'] = sorted(t for t in tops if t.isidentifier())
    except Exception:
        pass
print(json.dumps(out))
`

// Combines the processes' data files (argv[4], kept for a later check) with
// the project's [paths], then writes coverage's JSON and XML reports; prints
// the error when there is nothing to report.
const REPORT = `
import json, sys
import coverage
c = coverage.Coverage(data_file=sys.argv[1])
try:
    if sys.argv[4]:
        c.combine([sys.argv[4]], keep=True)
        c.save()
    elif c.config.parallel:
        c.combine()
    c.load()
    c.json_report(outfile=sys.argv[2])
    c.xml_report(outfile=sys.argv[3])
    print(json.dumps({'error': None}))
except Exception as e:
    print(json.dumps({'error': str(e)}))
`

// A project's addopts often hold --cov; pytest-cov would then start a second
// tracer inside coverage run and take its data. This plugin, loaded with -p
// before pytest-cov acts, makes pytest-cov stand down; unlike --no-cov it also
// works where pytest-cov is disabled or not installed.
const PLUGIN_MODULE = 'python_ci_pytest'
const PLUGIN = `# Loaded by python-ci-action, which measures coverage with coverage run.
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    options = early_config.known_args_namespace
    if getattr(options, "cov_source", None):
        options.cov_source = None
    yield


import signal as _signal
import threading as _threading


def _interrupt_on_sigterm(signum, frame):
    # The action ends a run past test-timeout, or a cancelled step, with
    # SIGTERM. Stopping as on Ctrl-C lets pytest still write its reports of
    # the tests that finished, and coverage save its data.
    raise KeyboardInterrupt("stopped by SIGTERM")


if _threading.current_thread() is _threading.main_thread():
    _signal.signal(_signal.SIGTERM, _interrupt_on_sigterm)
`

interface Probe {
  source: string[] | null
  include: string[] | null
  error: string | null
  top_level: string[]
  site_packages: string[]
  pytest?: string | null
  coverage?: string | null
}

interface Measure {
  /** The source to give coverage; empty: the project's configuration decides. */
  readonly source: string[]
  readonly note: string
}

/** Which source to give coverage, and why. Pure. */
export function chooseSource(
  configured: readonly string[],
  probe: Pick<Probe, 'source' | 'include' | 'top_level'>,
): Measure {
  if (configured.length) {
    return { source: [...configured], note: `${configured.join(', ')} (coverage-source input)` }
  }
  if (probe.source?.length)
    return { source: [], note: `${probe.source.join(', ')} (the project's coverage configuration)` }
  if (probe.include?.length)
    return {
      source: [],
      note: `include ${probe.include.join(', ')} (the project's coverage configuration)`,
    }
  if (probe.top_level.length) {
    return {
      source: [...probe.top_level],
      note: `${probe.top_level.join(', ')} (the installed project's top-level packages)`,
    }
  }
  return {
    source: [],
    note: 'everything imported (no source configured and no package found); set coverage-source',
  }
}

export async function parseJUnitFile(file: string): Promise<TestResults> {
  const parser = new JUnitParser()
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }))
    parser.write(chunk as string)
  return parser.close()
}

const EXIT_MEANING: Record<number, string> = {
  2: 'pytest was interrupted (errors during collection)',
  3: 'pytest hit an internal error',
  4: 'pytest could not start: its command line or configuration is wrong',
}

interface TestContext {
  readonly host: Host
  readonly log: Log
  readonly config: Config
  readonly venv: Venv
  readonly files: ReportFiles
  /** The venv's environment, with coverage's data file in the reports folder. */
  readonly env: NodeJS.ProcessEnv
}

/**
 * pytest under coverage run, with the plugin that keeps pytest-cov out; with
 * `subprocesses`, the settings come from the copy it names instead of flags.
 */
async function runPytest(
  ctx: TestContext,
  measure: Measure,
  subprocesses: SubprocessCoverage | undefined,
) {
  const { host, log, config, venv, files } = ctx
  const flags = subprocesses
    ? subprocesses.args
    : ['--branch', ...(measure.source.length ? [`--source=${measure.source.join(',')}`] : [])]
  const args = [
    ...['-m', 'coverage', 'run', ...flags],
    ...['-m', 'pytest', '-o', 'junit_family=xunit1', `--junitxml=${files.junit}`],
    ...['-p', PLUGIN_MODULE, ...config.pytestArgs],
  ]
  const pluginDir = path.join(host.tempDir, 'pytest-plugin')
  mkdirSync(pluginDir, { recursive: true })
  writeFileSync(path.join(pluginDir, `${PLUGIN_MODULE}.py`), `${PLUGIN}${OUTCOMES_PLUGIN}`)
  const pythonPath = [pluginDir, venv.env.PYTHONPATH].filter((p) => p).join(path.delimiter)
  log.info(`$ ${formatCommand('python', args)}`)
  const env = subprocesses
    ? {
        ...ctx.env,
        ...subprocesses.env,
        COVERAGE_FILE: path.join(subprocesses.partsDir, path.basename(files.coverageData)),
      }
    : ctx.env
  const minutes = config.testTimeoutMinutes
  try {
    return await host.runner.run(venv.python, args, {
      cwd: config.workingDirectory,
      // Unbuffered, so that what pytest prints reaches the log as it prints it.
      env: {
        ...env,
        PYTHONPATH: pythonPath,
        PYTHONUNBUFFERED: '1',
        [OUTCOMES_VARIABLE]: files.outcomes,
      },
      // Line by line as pytest prints, so a long run shows where it is.
      onLine: (line) => log.info(line),
      ...(minutes !== undefined && { timeoutMs: minutes * 60_000 }),
    })
  } finally {
    subprocesses?.cleanup()
  }
}

/** Why a run without a JUnit report counts for nothing, whatever pytest's exit code said. Pure. */
export function noReportReason(code: number): string {
  // pytest writes the report as its session ends; a test that calls os._exit
  // (or kills pytest) skips that, and its exit code is then the test's choice.
  return code === 0 || code === 5
    ? `pytest wrote no JUnit report (it exited ${code}; a test may have ended the process)`
    : `pytest exited ${code} and wrote no JUnit report`
}

/**
 * Whether a finished pytest run passes: exit 0 (or 5, nothing collected) and a
 * JUnit report, with at least one test unless allow-no-tests. Pure.
 */
export function testsPassed(
  code: number,
  results: TestResults | undefined,
  allowNoTests: boolean,
): boolean {
  if (results === undefined || (code !== 0 && code !== 5)) return false
  return allowNoTests || !collectedNothing(results)
}

export const NO_TESTS_REASON =
  'pytest collected no tests; allow-no-tests: true lets a project with no tests yet pass'

export function collectedNothing(results: TestResults): boolean {
  return results.tests === 0 && results.collectionErrors === 0
}

/** The JUnit report's numbers, and what the exit code says beyond them. */
async function readResults(ctx: TestContext, run: RunResult, notes: string[]) {
  const { code, output } = run
  let results: TestResults | undefined
  try {
    results = existsSync(ctx.files.junit) ? await parseJUnitFile(ctx.files.junit) : undefined
  } catch (error) {
    if (!(error instanceof JUnitReportError)) throw error
    notes.push(`the JUnit report pytest wrote cannot be read: ${error.message}`)
  }
  if (results && existsSync(ctx.files.outcomes)) {
    try {
      results = withOutcomes(results, parseOutcomes(readFileSync(ctx.files.outcomes, 'utf8')))
    } catch (error) {
      if (!(error instanceof OutcomesError)) throw error
      notes.push(
        `pytest's own counts cannot be read (${error.message}); these are the JUnit report's`,
      )
    }
  }
  // pytest ended by the action's timeout exits 2 (interrupted), which says nothing more.
  const meaning = run.timedOut ? undefined : EXIT_MEANING[code]
  // First, as the stage's summary: no report outweighs anything the exit code says.
  if (!results && !meaning) {
    const why = run.signal
      ? `${describeExit('pytest', run)} and wrote no JUnit report`
      : noReportReason(code)
    notes.push(`${why}\n${tail(output, 15)}`)
  }
  if (code === 5 || (results && collectedNothing(results))) notes.push('pytest collected no tests')
  if (meaning) {
    // The reason on the note's first line: that line alone becomes the summary and the annotation.
    const reason = code === 4 ? failureReason(output) : undefined
    notes.push(`${meaning} (exit ${code})${reason ? `: ${reason}` : ''}\n${tail(output, 15)}`)
  }
  return results
}

/** coverage.py's JSON and XML reports from the data, and the numbers in them. */
async function readCoverage(
  ctx: TestContext,
  measure: Measure,
  probe: Probe,
  partsDir: string | undefined,
  notes: string[],
) {
  const { host, config, venv, files } = ctx
  const cwd = config.workingDirectory
  try {
    const { error } = await runSnippet<{ error: string | null }>(
      host,
      venv.python,
      REPORT,
      [files.coverageData, files.coverageJson, files.coverageXml, partsDir ?? ''],
      'writing the coverage reports',
      { cwd, env: ctx.env },
    )
    if (error) {
      notes.push(`no coverage: ${error}`)
      return undefined
    }
    return parseCoverageJson(readFileSync(files.coverageJson, 'utf8'), {
      sourceNote: measure.note,
      mapPath: (file) =>
        mapCoveragePath(file, {
          workingDirectory: cwd,
          sitePackages: probe.site_packages,
          repoPrefix: config.repoPrefix,
          exists: (rel) => existsSync(path.join(cwd, rel)),
        }),
    })
  } catch (error) {
    if (error instanceof SnippetError) notes.push(`no coverage: ${error.message}`)
    else if (error instanceof CoverageReportError) {
      notes.push(`the coverage report cannot be read: ${error.message}`)
    } else throw error
    return undefined
  }
}

export async function runTests(
  host: Host,
  log: Log,
  config: Config,
  venv: Venv,
  distName: string | undefined,
  files: ReportFiles,
): Promise<TestRun> {
  const env = { ...venv.env, COVERAGE_FILE: files.coverageData }
  const ctx: TestContext = { host, log, config, venv, files, env }
  let probe: Probe
  try {
    probe = await runSnippet<Probe>(
      host,
      venv.python,
      PROBE,
      [distName ?? ''],
      'reading the coverage configuration',
      { cwd: config.workingDirectory, env },
    )
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error
    return { ok: false, exitCode: 1, notes: [error.message] }
  }
  if (probe.error) {
    const notes = [`coverage cannot read the project's configuration: ${probe.error}`]
    return { ok: false, exitCode: 1, notes }
  }
  const measure = chooseSource(config.coverageSource, probe)
  log.info(`coverage measures ${measure.note}`)

  const subprocesses = config.subprocessCoverage
    ? await prepareSubprocessCoverage(
        {
          host,
          python: venv.python,
          cwd: config.workingDirectory,
          env,
          source: measure.source,
          partsDir: files.coverageParts,
        },
        (message) => log.warning(message),
      )
    : undefined
  if (subprocesses) log.info(subprocesses.note)

  const run = await runPytest(ctx, measure, subprocesses)
  const notes: string[] = []
  const results = await readResults(ctx, run, notes)
  const coverage = await readCoverage(ctx, measure, probe, subprocesses?.partsDir, notes)
  const ok = testsPassed(run.code, results, config.allowNoTests)
  const tools = { pytest: probe.pytest ?? undefined, coverage: probe.coverage ?? undefined }
  const stopped = run.timedOut
    ? `tests timed out after ${minutesText(config.testTimeoutMinutes ?? 0)} (test-timeout)`
    : run.signal && describeExit('pytest', run)
  return {
    ok: ok && stopped === undefined,
    exitCode: run.code,
    results,
    coverage,
    tools,
    notes,
    ...(stopped && { stopped }),
  }
}

/** "1 minute", "1.5 minutes". */
function minutesText(minutes: number): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
}
