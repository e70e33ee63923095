/**
 * The order of the stages and what runs side by side: Python, then the
 * install, then the build beside the tests. Every stage reports a one-line
 * result and its time; a failed stage never hides what the others found.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import {
  type ArtifactService,
  DistsChangedError,
  defaultArtifactName,
  type UploadedArtifact,
  uploadDists,
} from './artifacts/dists.js'
import { buildDists } from './build/build.js'
import { type CacheRun, restoreCaches, saveCaches } from './cache/cache.js'
import type { CacheService } from './cache/service.js'
import type { Config } from './config.js'
import { diffCoverageStage } from './diff/changed-lines.js'
import { errorMessage } from './error-message.js'
import { settleBaseline, startBaseline } from './github/baseline.js'
import { keepCommentRequest, type RunArtifacts } from './github/companion.js'
import { type FetchedHistory, fetchHistory } from './github/history.js'
import { type CommentOutcome, type GitHubServices, postComment } from './github/post.js'
import type { RunEvent } from './github/run-event.js'
import type { Host } from './host.js'
import { type Installed, installProject } from './install/install.js'
import type { Tools } from './install/tools.js'
import { type LintRun, runLint } from './lint/lint.js'
import { BufferedLog, type Log } from './log.js'
import { Outages } from './outages.js'
import { Progress } from './progress.js'
import { decidePublish } from './publish/decide.js'
import { describePublish, type PublishingServices, publishDists } from './publish/publish.js'
import type { PythonSetup } from './python/setup.js'
import { setupPython } from './python/setup.js'
import {
  describeCounts,
  describeHistory,
  describeLint,
  formatSize,
  partialCoverage,
} from './report/markdown.js'
import type {
  BuildHistory,
  BuildResult,
  CoverageBaseline,
  DiffCoverageResult,
  LintResult,
  Metrics,
  PublishResult,
  StageName,
  StageResult,
  TestResults,
  TestRun,
  Verdict,
} from './report/metrics.js'
import { failUnderDiffReason, failUnderReason, maxCoverageDropReason } from './report/thresholds.js'
import {
  collectedNothing,
  NO_TESTS_REASON,
  type ReportFiles,
  reportFiles,
  runTests,
} from './test/run-tests.js'

export interface PipelineOptions {
  /** What the run was started by, parsed once by the entry point. */
  readonly event: RunEvent
  /** An interpreter to use as it is (the CLI's --python PATH). */
  readonly interpreter?: string
  /** What only a run on GitHub has, all together; absent outside GitHub. */
  readonly github?: GitHubRunServices
  /** Told what each stage found as it ends, for the report of a cancelled step. */
  readonly progress?: Progress
}

export interface GitHubRunServices {
  /** The REST API: comment, history, baseline, changed lines. */
  readonly api: GitHubServices
  /** Other runs' artifacts read with a token (the base branch's coverage). */
  readonly runArtifacts: (token: string) => RunArtifacts
  /** This run's artifacts. */
  readonly artifacts: ArtifactService
  readonly cache: CacheService
  /** The OIDC token and masking, for publishing. */
  readonly publishing: PublishingServices
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

/** To the hundredth: a stage the cache cuts short takes a few hundredths of a second. */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** The first line of an error's message: stage summaries are one line. */
function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}

interface StageOptions<T> {
  /**
   * Log into a buffer, replayed as one group once this settles: a stage that
   * runs beside a live one waits for its group to close, so the two never interleave.
   */
  readonly replayAfter?: Promise<unknown>
  /** Told as soon as the stage ends, before a buffered stage's replay. */
  readonly ended?: (outcome: Outcome<T>) => void
}

/** Runs one stage in its own log group. */
async function stage<T>(
  host: Host,
  name: StageName,
  title: string,
  body: (log: Log) => Promise<T>,
  /** skipped: the stage ran but had nothing to do (the cache off, say). */
  describe: (value: T) => { ok: boolean; summary: string; skipped?: boolean },
  options: StageOptions<T> = {},
): Promise<Outcome<T>> {
  const started = performance.now()
  const buffer = options.replayAfter ? new BufferedLog() : undefined
  const log = buffer ?? host.log
  const attempt = async (): Promise<{
    value?: T
    ok: boolean
    summary: string
    skipped?: boolean
    detail?: string
  }> => {
    try {
      const value = await body(log)
      return { value, ...describe(value) }
    } catch (error) {
      const message = errorMessage(error)
      // One line for the summary; the tool's output goes to the log and the report.
      // The verdict's line is the failure's one annotation, so this one is text.
      const summary = firstLine(message)
      const detail = message.slice(summary.length).trim() || undefined
      log.info(`${MARK.failed} ${summary}`)
      if (detail) log.info(detail)
      if (error instanceof Error && error.stack) log.debug(error.stack)
      return { ok: false, summary, detail }
    }
  }
  const outcome = buffer ? await attempt() : await host.log.group(title, attempt)
  const durationMs = performance.now() - started
  const status = outcome.skipped ? 'skipped' : outcome.ok ? 'ok' : 'failed'
  const { summary, detail } = outcome
  const result: Outcome<T> = {
    value: outcome.value,
    stage: { name, status, durationMs, summary, ...(detail ? { detail } : {}) },
  }
  options.ended?.(result)
  if (buffer) {
    await options.replayAfter
    await host.log.group(title, async () => buffer.replay(host.log))
  }
  host.log.info(`${MARK[status]} ${name} ${seconds(durationMs)}: ${outcome.summary}`)
  return result
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
  const counts = r ? describeCounts(r) : firstLine(run.notes[0] ?? `pytest exited ${run.exitCode}`)
  const partial = partialCoverage(r)
  const coverage = run.coverage
    ? `, coverage ${run.coverage.percentDisplay}%${partial ? ` (${partial})` : ''}`
    : ''
  const stopped = run.stopped && r ? `${run.stopped}; ` : ''
  return { ok: run.ok, summary: `${stopped}${counts}${coverage}` }
}

/** "2 failures, 3 errors (1 during collection) in 11 tests". */
function failedTests(r: TestResults): string {
  if (r.interrupted !== undefined && r.tests === 0 && r.collectionErrors > 0)
    return `pytest stopped at ${plural(r.collectionErrors, 'collection error')}, no test ran`
  const collection = r.collectionErrors ? ` (${r.collectionErrors} during collection)` : ''
  return `${plural(r.failed, 'failure')}, ${plural(r.errors, 'error')}${collection} in ${plural(r.tests, 'test')}`
}

/** Why the step fails, if it does. Pure. */
export function verdictOf(
  config: Config,
  stages: readonly StageResult[],
  test: TestRun | undefined,
  publish?: PublishResult,
  diffCoverage?: DiffCoverageResult,
  baseline?: CoverageBaseline,
): Verdict {
  const reasons: string[] = []
  for (const s of stages) {
    if (s.status !== 'failed') continue
    if (s.name === 'publish' && publish !== undefined) continue
    if (s.name !== 'test') {
      reasons.push(`${s.name} failed: ${s.summary}`)
      continue
    }
    const r = test?.results
    if (test?.stopped !== undefined) {
      reasons.push(test.stopped)
      if (r && r.failed + r.errors > 0 && config.failOnTestFailure)
        reasons.push(`tests failed: ${failedTests(r)}`)
      continue
    }
    // Exit 1 (failures) and 2 (collection errors) with a JUnit report are test
    // failures; anything else means pytest itself could not run, whatever
    // fail-on-test-failure says.
    const testFailure = r !== undefined && (test?.exitCode === 1 || test?.exitCode === 2)
    const ranNothing = r !== undefined && !testFailure && collectedNothing(r)
    if (ranNothing) reasons.push(`tests failed: ${NO_TESTS_REASON}`)
    else if (!testFailure) reasons.push(`test failed: ${s.summary}`)
    else if (config.failOnTestFailure) {
      reasons.push(r ? `tests failed: ${failedTests(r)}` : `tests failed: ${s.summary}`)
    }
  }
  const coverageReason = failUnderReason(test?.coverage, config.failUnder)
  if (coverageReason !== undefined) reasons.push(coverageReason)
  else if (config.failUnder !== undefined && test?.ok && test.coverage === undefined) {
    reasons.push(`fail-under ${config.failUnder}%: no total coverage was measured`)
  }
  const diffReason = failUnderDiffReason(diffCoverage, config.failUnderDiff)
  if (diffReason !== undefined) reasons.push(diffReason)
  const dropReason = maxCoverageDropReason(baseline, config.maxCoverageDrop)
  if (dropReason !== undefined) reasons.push(dropReason)
  const published = stages.some((s) => s.name === 'publish' && s.status === 'failed')
  if (published && publish !== undefined) {
    // A reason the step fails for anyway (publishing was refused for it) is said once.
    const own = publish.reasons.filter((r) => !reasons.includes(r))
    for (const r of own) reasons.push(`publish ${publish.status}: ${r}`)
  }
  return { ok: reasons.length === 0, reasons }
}

/**
 * Stage 9: skipped (one line says why), refused (the decision's reasons fail
 * the step) or run: twine check, credentials, upload.
 */
async function publishStage(
  host: Host,
  config: Config,
  options: PipelineOptions,
  ran: { tools?: Tools; build?: BuildResult; test?: TestRun; failing: readonly string[] },
): Promise<{ result: PublishResult; stage: StageResult }> {
  const notPublished = (status: 'skipped' | 'refused', reasons: readonly string[]) => ({
    status,
    reasons,
    details: [],
    files: [],
    repositoryUrl: config.publish.repositoryUrl,
  })
  const services = options.github?.publishing
  const decision = decidePublish({
    event: options.event,
    mode: config.publish.mode,
    tagPattern: config.publish.tagPattern,
    build: ran.build,
    test: ran.test,
    failing: ran.failing,
  })
  let skip: string | undefined
  if (config.publish.mode === 'false') skip = 'publish: false'
  else if (!host.onActions || services === undefined) skip = 'publishing runs on GitHub only'
  else if (decision.kind === 'skip') skip = decision.reason
  if (skip !== undefined || services === undefined || decision.kind === 'skip') {
    const why = skip ?? 'publishing runs on GitHub only'
    host.log.info(`${MARK.skipped} publish: ${why}`)
    return { result: notPublished('skipped', [why]), stage: skipped('publish', why) }
  }
  if (decision.kind === 'refuse') {
    const summary = `refused: ${decision.reasons[0] ?? ''}`
    host.log.info(`${MARK.failed} publish 0.0s: ${summary}`)
    return {
      result: notPublished('refused', decision.reasons),
      stage: { name: 'publish', status: 'failed', durationMs: 0, summary },
    }
  }
  const tools = ran.tools
  const outcome = await stage<PublishResult>(
    host,
    'publish',
    `Publish ${decision.tag} to ${config.publish.repositoryUrl}`,
    async (log) => {
      if (tools === undefined) throw new Error('no tools environment to run twine in')
      return publishDists(host, log, config.publish, { ...decision, tools, services })
    },
    describePublish,
  )
  const result = outcome.value ?? {
    ...notPublished('refused', [outcome.stage.summary]),
    status: 'failed' as const,
  }
  return { result, stage: outcome.stage }
}

/**
 * Stage 8: the built files as a workflow artifact. A failed upload is a
 * warning: the files are still on disk and in the outputs.
 */
async function artifactsStage(
  host: Host,
  config: Config,
  service: ArtifactService | undefined,
  build: BuildResult,
  pythonVersion: string,
  outages: Outages,
): Promise<Outcome<UploadedArtifact | undefined>> {
  const setting = config.distsArtifact
  const name =
    setting === 'auto'
      ? defaultArtifactName({
          job: host.env.GITHUB_JOB ?? '',
          os: host.env.RUNNER_OS ?? process.platform,
          arch: config.architecture,
          pythonVersion,
          packageName: build.wheel?.name ?? build.sdist?.name ?? '',
        })
      : setting
  return stage(
    host,
    'artifacts',
    'Upload the built files as an artifact',
    async (log) => {
      if (name === false) return undefined
      if (service === undefined) return undefined
      try {
        return await uploadDists(service, name, build, {
          dir: path.join(host.tempDir, 'dists-artifact'),
          commit: host.env.GITHUB_SHA ?? '',
        })
      } catch (error) {
        // Not a service fault: the files to keep are not the ones built; fail the stage.
        if (error instanceof DistsChangedError) throw error
        log.info(`the built files were not uploaded as artifact ${name}: ${errorMessage(error)}`)
        outages.note('artifacts', error, `no artifact ${name} with the built files`)
        return undefined
      }
    },
    (uploaded) =>
      uploaded
        ? { ok: true, summary: `${uploaded.name}: ${uploaded.files.join(', ')}` }
        : {
            ok: true,
            skipped: true,
            summary:
              name === false
                ? 'dists-artifact: false'
                : service
                  ? 'not uploaded (see the warning)'
                  : 'no artifact service outside GitHub Actions',
          },
  )
}

/**
 * Stage 7: the sticky pull request comment, rendered from the finished
 * metrics. When the token may not write (a fork's pull request), the comment
 * is kept as an artifact for the workflow_run companion.
 */
async function commentStage(
  host: Host,
  config: Config,
  event: RunEvent,
  services: GitHubServices | undefined,
  artifacts: ArtifactService | undefined,
  metrics: Metrics,
  outages: Outages,
): Promise<Outcome<CommentOutcome>> {
  const skip =
    config.comment.mode === 'off'
      ? 'comment: off'
      : !host.onActions || services === undefined
        ? 'comments need GitHub'
        : undefined
  if (skip !== undefined || services === undefined) {
    const why = skip ?? 'comments need GitHub'
    host.log.info(`${MARK.skipped} comment: ${why}`)
    return { stage: skipped('comment', why) }
  }
  return stage(
    host,
    'comment',
    'Comment on the pull request',
    async (log) => {
      const outcome = await postComment(
        log,
        host.env,
        event,
        config.comment,
        config.githubToken,
        metrics,
        services,
      )
      if (outcome.kind !== 'not-posted' || !outcome.request || !artifacts) return outcome
      try {
        const dir = path.join(host.tempDir, 'comment-request')
        const kept = await keepCommentRequest(artifacts, dir, outcome.request)
        log.info(
          `The comment was kept as artifact ${kept}: a workflow_run companion with a token that may write can post it (see 'Pull requests from forks' in the README).`,
        )
        return { ...outcome, kept }
      } catch (error) {
        log.info(`The comment could not be kept as an artifact either: ${errorMessage(error)}`)
        outages.note('artifacts', error, 'no comment kept for the workflow_run companion')
        return outcome
      }
    },
    (outcome) =>
      outcome.kind === 'posted'
        ? {
            ok: true,
            summary: `${outcome.comment.action}: ${outcome.comment.url}${outcome.cut ? ` (shortened: ${outcome.cut})` : ''}`,
          }
        : {
            ok: true,
            skipped: true,
            summary:
              outcome.kind === 'skipped'
                ? outcome.reason
                : `not posted (see the warning): ${outcome.reason}${outcome.kept ? `; kept as artifact ${outcome.kept}` : ''}`,
          },
  )
}

/** Replays what the linter logged while the stages ran, then its one line when it ran. */
async function lintOf(
  host: Host,
  pending: Promise<LintRun> | undefined,
): Promise<LintResult | undefined> {
  const run = await pending
  run?.log.replay(host.log)
  if (run?.result) host.log.info(`${MARK.ok} lint: ${describeLint(run.result)}`)
  return run?.result
}

/** Replays what the success-rate request logged while the stages ran, then its one line. */
async function historyOf(
  host: Host,
  pending: Promise<FetchedHistory> | undefined,
): Promise<BuildHistory> {
  const fetched = await pending
  fetched?.log.replay(host.log)
  const history: BuildHistory = fetched?.history ?? {
    kind: 'not-measured',
    reason: 'outside GitHub Actions',
  }
  const mark = history.kind === 'measured' ? MARK.ok : MARK.skipped
  host.log.info(`${mark} success rate: ${describeHistory(history)}`)
  return history
}

export async function runPipeline(
  host: Host,
  config: Config,
  options: PipelineOptions,
): Promise<PipelineResult> {
  rmSync(host.tempDir, { recursive: true, force: true })
  const files = reportFiles(`${host.tempDir}/reports`)
  mkdirSync(files.dir, { recursive: true })
  const stages: StageResult[] = []
  const progress = options.progress ?? new Progress()
  progress.files = files
  // One warning per service that fails, given at the end, naming all it cost.
  const outages = new Outages()
  const { event } = options
  const github: GitHubServices | undefined = options.github && { ...options.github.api, outages }
  // Started first and awaited before the report, so the request costs no wall time.
  const historyRequest =
    host.onActions && github !== undefined
      ? fetchHistory(
          host.env,
          event,
          { token: config.githubToken, window: config.historyWindow },
          github,
        )
      : undefined
  const artifacts = options.github?.artifacts
  const runArtifacts = options.github?.runArtifacts
  const baselineServices =
    host.onActions && artifacts && runArtifacts && github
      ? { artifacts, runArtifacts, github }
      : undefined
  const baselineLookup =
    baselineServices &&
    startBaseline(host.env, event, config.comment, config.githubToken, baselineServices)

  const python = await stage<PythonSetup>(
    host,
    'python',
    'Set up Python',
    () => setupPython(host, config, options.interpreter),
    (p) => ({ ok: true, summary: `${p.version} at ${p.executable}, ${p.origin}` }),
    {
      ended: ({ stage, value: p }) =>
        progress.ended(stage, {
          python: p && { version: p.version, path: p.executable, origin: p.origin },
        }),
    },
  )
  stages.push(python.stage)

  let cacheRun: CacheRun | undefined
  let work = host
  if (python.value) {
    const py = python.value
    const restored = await stage(
      host,
      'cache',
      'Restore the cache',
      (log) => restoreCaches(host, log, config, event, py, options.github?.cache, outages),
      (c) => ({ ok: true, skipped: c.run === undefined, summary: c.summary }),
      {
        ended: ({ stage, value }) =>
          progress.ended(stage, { cache: { hit: value?.run?.venvRestored ?? false } }),
      },
    )
    cacheRun = restored.value?.run
    stages.push(restored.stage)
    if (cacheRun) work = { ...host, env: { ...host.env, PIP_CACHE_DIR: cacheRun.pipCacheDir } }
  }

  let installed: Outcome<Installed> | undefined
  if (python.value) {
    const py = python.value
    installed = await stage(
      host,
      'install',
      'Install the project',
      () =>
        installProject(work, config, py, {
          reuseVenv: cacheRun?.venvRestored,
          fingerprint: cacheRun !== undefined && !cacheRun.broken,
        }),
      (i) => ({ ok: true, summary: i.summary }),
      { ended: ({ stage }) => progress.ended(stage) },
    )
    stages.push(installed.stage)
  } else stages.push(skipped('install', 'no Python'))

  let build: Outcome<BuildResult> | undefined
  let test: Outcome<TestRun> | undefined
  const env = installed?.value
  const notInstalled = python.value ? 'the install failed' : 'no Python'
  let linting: Promise<LintRun> | undefined
  if (env) {
    const both = config.build && config.test
    // The tests and flake8 start once the sdist is made (making it writes a
    // copy of the sources into the checkout they read); the wheel is then
    // built beside them. buildDists calls sourceDone whatever happens.
    let sourceDone = () => {}
    const sourceFree = config.build
      ? new Promise<void>((resolve) => (sourceDone = resolve))
      : Promise.resolve()
    if (config.lint)
      linting = sourceFree.then(() => runLint(work.runner, env.venv, config.workingDirectory))
    // pytest's output streams live; the build beside it is replayed once the tests' group closes.
    let testsEnded = () => {}
    const testsLogged = new Promise<void>((resolve) => (testsEnded = resolve))
    const [b, t] = await Promise.all([
      config.build
        ? stage(
            host,
            'build',
            'Build sdist and wheel',
            (log) => {
              if (env.tools === undefined) throw new Error('no tools environment to build with')
              return buildDists(work, log, config, env.venv, env.tools, sourceDone)
            },
            describeBuild,
            {
              ...(both && { replayAfter: testsLogged }),
              ended: ({ stage, value }) => progress.ended(stage, { build: value }),
            },
          )
        : undefined,
      config.test
        ? sourceFree.then(() =>
            stage(
              host,
              'test',
              'Run pytest under coverage',
              (log) => runTests(host, log, config, env.venv, env.distName, files),
              describeTests,
              { ended: ({ stage, value }) => progress.ended(stage, { test: value }) },
            ).finally(testsEnded),
          )
        : undefined,
    ])
    build = b
    test = t
  }
  stages.push(build?.stage ?? skipped('build', config.build ? notInstalled : 'build: false'))
  stages.push(test?.stage ?? skipped('test', config.test ? notInstalled : 'test: false'))
  const diffCoverage = test?.value?.coverage
    ? await diffCoverageStage(host, config, event, files.coverageXml, github)
    : undefined

  const artifact =
    build?.value?.ok === true && python.value
      ? await artifactsStage(host, config, artifacts, build.value, python.value.version, outages)
      : undefined
  if (artifact) {
    stages.push(artifact.stage)
    progress.ended(artifact.stage, { artifact: artifact.value })
  }
  const baseline =
    baselineServices && baselineLookup
      ? // In a group of its own: storing it uploads an artifact, whose client logs as it goes.
        await host.log.group('Coverage of the base branch', () =>
          settleBaseline(
            host.log,
            baselineLookup,
            test?.value?.coverage,
            {
              env: host.env,
              dir: path.join(host.tempDir, 'baseline'),
              token: config.githubToken,
            },
            baselineServices,
          ),
        )
      : undefined

  // Saved here, after the tests whatever they said and before the verdict,
  // rather than in a post step: the entry then holds exactly what this step
  // installed (a post step runs after the job's later steps, which may
  // install more into the venv), and no state has to cross processes.
  const cache = options.github?.cache
  if (cacheRun && installed?.value && python.value && cache) {
    const [run, py, service] = [cacheRun, python.value, cache]
    const started = performance.now()
    const summary = await host.log.group('Save the cache', () =>
      saveCaches(host.log, run, py, service, outages),
    )
    host.log.info(`${MARK.ok} cache save ${seconds(performance.now() - started)}: ${summary}`)
  }

  // Everything but publishing's own part, so a release never goes out from a run that fails.
  const failing = verdictOf(config, stages, test?.value, undefined, diffCoverage, baseline).reasons
  const published = await publishStage(host, config, options, {
    tools: installed?.value?.tools,
    build: config.build ? build?.value : undefined,
    test: config.test ? test?.value : undefined,
    failing,
  })
  const publish = published.result
  stages.push(published.stage)
  progress.ended(published.stage, { publish })

  const metrics: Metrics = {
    history: await historyOf(host, historyRequest),
    lint: await lintOf(host, linting),
    python: python.value && {
      version: python.value.version,
      path: python.value.executable,
      origin: python.value.origin,
    },
    build: build?.value,
    artifact: artifact?.value,
    test: test?.value,
    diffCoverage,
    baseline,
    publish,
    cache: python.value && { hit: cacheRun?.venvRestored ?? false },
    stages,
    verdict: verdictOf(config, stages, test?.value, publish, diffCoverage, baseline),
  }
  // Last, so the comment shows the verdict; its own failure is a warning and leaves the verdict alone.
  const comment = await commentStage(host, config, event, github, artifacts, metrics, outages)
  // The verdict, made before, cannot name it; a comment that fails is a warning.
  if (comment.stage.status === 'failed')
    host.log.warning(`the pull request comment failed: ${comment.stage.summary}`)
  outages.report(host.log)
  return {
    metrics: {
      ...metrics,
      stages: [...stages, comment.stage],
      ...(comment.value?.kind === 'posted' && { comment: comment.value.comment }),
    },
    files,
  }
}
