/**
 * The order of the stages and what runs side by side: Python, then the
 * install, then the build beside the tests. Every stage reports a one-line
 * result and its time; a failed stage never hides what the others found.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { buildDists } from './build/build.js'
import type { Config } from './config.js'
import type { Host } from './host.js'
import { type Installed, installProject } from './install/install.js'
import { BufferedLog, type Log } from './log.js'
import type { PythonSetup } from './python/setup.js'
import { setupPython } from './python/setup.js'
import { formatSize } from './report/markdown.js'
import type {
  BuildResult,
  Metrics,
  StageName,
  StageResult,
  TestRun,
  Verdict,
} from './report/metrics.js'
import { type ReportFiles, reportFiles, runTests } from './test/run-tests.js'

export interface PipelineOptions {
  /** An interpreter to use as it is (the CLI's --python PATH). */
  readonly interpreter?: string
}

export interface PipelineResult {
  readonly metrics: Metrics
  readonly files: ReportFiles
}

interface Outcome<T> {
  readonly value?: T
  readonly stage: StageResult
}

const MARK = { ok: '✓', failed: '✗', skipped: '–' } as const

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The first line of an error's message: stage summaries are one line. */
function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}

/**
 * Runs one stage in its own log group. A stage that runs beside another logs
 * into a buffer, replayed as one group when it ends, so the two never interleave.
 */
async function stage<T>(
  host: Host,
  name: StageName,
  title: string,
  body: (log: Log) => Promise<T>,
  describe: (value: T) => { ok: boolean; summary: string },
  buffered = false,
): Promise<Outcome<T>> {
  const started = performance.now()
  const buffer = buffered ? new BufferedLog() : undefined
  const log = buffer ?? host.log
  const attempt = async (): Promise<{ value?: T; ok: boolean; summary: string }> => {
    try {
      const value = await body(log)
      return { value, ...describe(value) }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      log.error(message)
      if (error instanceof Error && error.stack) log.debug(error.stack)
      return { ok: false, summary: firstLine(message) }
    }
  }
  let outcome: Awaited<ReturnType<typeof attempt>>
  if (buffer) {
    outcome = await attempt()
    await host.log.group(title, async () => buffer.replay(host.log))
  } else {
    outcome = await host.log.group(title, attempt)
  }
  const durationMs = performance.now() - started
  const status = outcome.ok ? 'ok' : 'failed'
  host.log.info(`${MARK[status]} ${name} ${seconds(durationMs)}: ${outcome.summary}`)
  return { value: outcome.value, stage: { name, status, durationMs, summary: outcome.summary } }
}

function skipped(name: StageName, why: string): StageResult {
  return { name, status: 'skipped', durationMs: 0, summary: why }
}

export function describeBuild(build: BuildResult): { ok: boolean; summary: string } {
  if (build.error) return { ok: false, summary: firstLine(build.error) }
  const files = [build.sdist, build.wheel]
    .filter((d) => d !== undefined)
    .map((d) => `${d.fileName} (${formatSize(d.size)})`)
    .join(', ')
  return {
    ok: build.ok,
    summary: build.problems.length ? `${files}; ${firstLine(build.problems[0] ?? '')}` : files,
  }
}

export function describeTests(run: TestRun): { ok: boolean; summary: string } {
  const r = run.results
  const counts = r
    ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped, ${plural(r.errors, 'error')}`
    : firstLine(run.notes[0] ?? `pytest exited ${run.exitCode}`)
  const coverage = run.coverage ? `, coverage ${run.coverage.percentDisplay}%` : ''
  return { ok: run.ok, summary: `${counts}${coverage}` }
}

/** Why the step fails, if it does. Pure. */
export function verdictOf(
  config: Config,
  stages: readonly StageResult[],
  test: TestRun | undefined,
): Verdict {
  const reasons: string[] = []
  for (const s of stages) {
    if (s.status !== 'failed') continue
    if (s.name !== 'test') {
      reasons.push(`${s.name} failed: ${s.summary}`)
      continue
    }
    const r = test?.results
    // Exit 1 (failures) and 2 (collection errors) are test failures; any other
    // code means pytest itself could not run, whatever fail-on-test-failure says.
    const testFailure = test !== undefined && (test.exitCode === 1 || test.exitCode === 2)
    if (!testFailure) reasons.push(`test failed: ${s.summary}`)
    else if (config.failOnTestFailure) {
      reasons.push(
        r
          ? `tests failed: ${plural(r.failed, 'failure')}, ${plural(r.errors, 'error')} in ${plural(r.tests, 'test')}`
          : `tests failed: ${s.summary}`,
      )
    }
  }
  return { ok: reasons.length === 0, reasons }
}

export async function runPipeline(
  host: Host,
  config: Config,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  rmSync(host.tempDir, { recursive: true, force: true })
  const files = reportFiles(`${host.tempDir}/reports`)
  mkdirSync(files.dir, { recursive: true })
  const stages: StageResult[] = []

  const python = await stage<PythonSetup>(
    host,
    'python',
    'Set up Python',
    () => setupPython(host, config, options.interpreter),
    (p) => ({ ok: true, summary: `${p.version} at ${p.executable}, ${p.origin}` }),
  )
  stages.push(python.stage)

  let installed: Outcome<Installed> | undefined
  if (python.value) {
    const py = python.value
    installed = await stage(
      host,
      'install',
      'Install the project',
      () => installProject(host, config, py),
      (i) => ({ ok: true, summary: i.summary }),
    )
    stages.push(installed.stage)
  } else stages.push(skipped('install', 'no Python'))

  let build: Outcome<BuildResult> | undefined
  let test: Outcome<TestRun> | undefined
  const env = installed?.value
  if (env) {
    const both = config.build && config.test
    const [b, t] = await Promise.all([
      config.build
        ? stage(
            host,
            'build',
            'Build sdist and wheel',
            (log) => buildDists(host, log, config, env.venv),
            describeBuild,
            both,
          )
        : undefined,
      config.test
        ? stage(
            host,
            'test',
            'Run pytest under coverage',
            (log) => runTests(host, log, config, env.venv, env.distName, files),
            describeTests,
            both,
          )
        : undefined,
    ])
    build = b
    test = t
  }
  stages.push(
    build?.stage ?? skipped('build', config.build ? 'the install failed' : 'build: false'),
  )
  stages.push(test?.stage ?? skipped('test', config.test ? 'the install failed' : 'test: false'))

  const metrics: Metrics = {
    python: python.value && {
      version: python.value.version,
      path: python.value.executable,
      origin: python.value.origin,
    },
    build: build?.value,
    test: test?.value,
    stages,
    verdict: verdictOf(config, stages, test?.value),
  }
  return { metrics, files }
}
