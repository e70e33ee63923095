/**
 * The order of the stages and what runs side by side: Python, then the
 * install, then the build beside the tests. Each stage lives in its folder
 * (python/, cache/, install/, build/, test/, diff/, artifacts/, publish/,
 * comment/) and runs through the stage contract (stage.ts); the verdict is
 * verdict/'s.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { ArtifactService, RunArtifacts, UploadedArtifact } from './artifacts/dists.js'
import { artifactsStage } from './artifacts/stage.js'
import {
  type BaselineServices,
  type PendingBaseline,
  settleBaseline,
  startBaseline,
} from './baseline/baseline.js'
import { buildStage } from './build/stage.js'
import type { CacheOutcome, CacheRun } from './cache/cache.js'
import type { CacheService } from './cache/service.js'
import { restoreStage, saveStep } from './cache/stage.js'
import { commentStage } from './comment/stage.js'
import type { Config } from './config.js'
import { diffCoverageStage } from './diff/changed-lines.js'
import { Outages } from './github/outages.js'
import type { GitHubServices } from './github/rest.js'
import type { RunEvent } from './github/run-event.js'
import { type FetchedHistory, fetchHistory } from './history/history.js'
import type { Host } from './host.js'
import type { Installed } from './install/install.js'
import { installStage } from './install/stage.js'
import { type LintRun, runLint } from './lint/lint.js'
import type { Log } from './log.js'
import { type Known, Progress } from './progress.js'
import type { PublishingServices } from './publish/publish.js'
import { publishStage } from './publish/stage.js'
import type { PythonSetup } from './python/setup.js'
import { pythonInfo, pythonStage } from './python/stage.js'
import { describeHistory, describeLint } from './report/markdown.js'
import type {
  BuildHistory,
  BuildResult,
  CoverageBaseline,
  CoverageResult,
  Metrics,
  StageName,
  StageResult,
  TestRun,
} from './report/metrics.js'
import { notRun, type Outcome, runStage, runStep, type StageOptions, settle } from './stage.js'
import { type ReportFiles, reportFiles } from './test/run-tests.js'
import { testStage } from './test/stage.js'
import { verdictOf } from './verdict/verdict.js'

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

const OUTSIDE_GITHUB: BuildHistory = { kind: 'not-measured', reason: 'outside GitHub Actions' }

interface BesideTests {
  readonly build?: Outcome<BuildResult>
  readonly test?: Outcome<TestRun>
  readonly linting?: Promise<LintRun>
}

/**
 * The tests and flake8 start once the sdist is made (making it writes a copy
 * of the sources into the checkout they read); the wheel is then built beside
 * them. pytest's output streams live; the build's log is replayed once the
 * tests' group closes.
 */
async function buildBesideTests(
  host: Host,
  work: Host,
  config: Config,
  installed: Installed,
  files: ReportFiles,
  progress: Progress,
): Promise<BesideTests> {
  // buildDists calls sourceDone whatever happens.
  let sourceDone = () => {}
  const sourceFree = config.build
    ? new Promise<void>((resolve) => (sourceDone = resolve))
    : Promise.resolve()
  const linting = config.lint
    ? sourceFree.then(() => runLint(work.runner, installed.venv, config.workingDirectory))
    : undefined
  let testsEnded = () => {}
  const testsLogged = new Promise<void>((resolve) => (testsEnded = resolve))
  const [build, test] = await Promise.all([
    config.build
      ? runStage(host.log, buildStage(work, config, installed, sourceDone), {
          ...(config.test && { replayAfter: testsLogged }),
          ended: ({ stage, value }) => progress.ended(stage, { build: value }),
        })
      : undefined,
    config.test
      ? sourceFree.then(() =>
          runStage(host.log, testStage(host, config, installed, files), {
            ended: ({ stage, value }) => progress.ended(stage, { test: value }),
          }).finally(testsEnded),
        )
      : undefined,
  ])
  return { build, test, linting }
}

/** A new folder for the reports: nothing of an earlier run is read as this one's. */
function freshReports(tempDir: string): ReportFiles {
  rmSync(tempDir, { recursive: true, force: true })
  const files = reportFiles(`${tempDir}/reports`)
  mkdirSync(files.dir, { recursive: true })
  return files
}

const none = (): Known => ({})

/** Work started before the stages and awaited for the report, so its requests cost no wall time. */
interface Background {
  readonly history?: Promise<FetchedHistory>
  readonly baseline?: { pending: PendingBaseline; services: BaselineServices }
}

function startBackground(
  host: Host,
  config: Config,
  event: RunEvent,
  services: GitHubRunServices | undefined,
  github: GitHubServices | undefined,
): Background {
  if (!host.onActions || services === undefined || github === undefined) return {}
  const { githubToken: token, historyWindow: window } = config
  const history = fetchHistory(host.env, event, { token, window }, github)
  const baseline = { artifacts: services.artifacts, runArtifacts: services.runArtifacts, github }
  const pending = startBaseline(host.env, event, config.comment, token, baseline)
  return { history, baseline: { pending, services: baseline } }
}

/** Stores this run's coverage as the baseline, or compares it with the base branch's. */
async function settleCoverageBaseline(
  host: Host,
  config: Config,
  started: Background['baseline'],
  coverage: CoverageResult | undefined,
): Promise<CoverageBaseline | undefined> {
  if (started === undefined) return undefined
  const context = {
    env: host.env,
    dir: path.join(host.tempDir, 'baseline'),
    token: config.githubToken,
  }
  // In a group of its own: storing it uploads an artifact, whose client logs as it goes.
  return host.log.group('Coverage of the base branch', async () => {
    // The lookup logs until it ends (its warnings, its retries): replayed once it has.
    await started.pending.lookup
    // Its line comes once stored or compared, so the replay has none.
    await settle(host.log, started.pending, 'baseline', () => undefined)
    return settleBaseline(host.log, started.pending, coverage, context, started.services)
  })
}

/** The success rate's line, and the linter's when it ran, after what they logged meanwhile. */
async function settleBesides(
  log: Log,
  history: Background['history'],
  linting: Promise<LintRun> | undefined,
): Promise<Pick<Metrics, 'history' | 'lint'>> {
  const fetched = await settle(log, history, 'success rate', (f) => {
    const h = f?.history ?? OUTSIDE_GITHUB
    return { status: h.kind === 'measured' ? 'ok' : 'skipped', summary: describeHistory(h) }
  })
  const lint = await settle(log, linting, 'lint', (run) =>
    run?.result ? { status: 'ok', summary: describeLint(run.result) } : undefined,
  )
  return { history: fetched?.history ?? OUTSIDE_GITHUB, lint: lint?.result }
}

type Tell = <T>(found: (value?: T) => Known) => StageOptions<T, StageName>

interface Prepared {
  readonly py?: PythonSetup
  readonly cacheRun?: CacheRun
  /** The host the install, build and tests run on: pip's cache where the cache stage put it. */
  readonly work: Host
  readonly env?: Installed
}

/** Python, the cache and the install, one after the other: each needs the one before. */
async function prepare(
  host: Host,
  config: Config,
  options: PipelineOptions,
  outages: Outages,
  tell: Tell,
): Promise<Prepared> {
  const { log } = host
  const python = await runStage(
    log,
    pythonStage(host, config, options.interpreter),
    tell<PythonSetup>((p) => ({ python: p && pythonInfo(p) })),
  )
  const py = python.value
  if (!py) return { work: host }
  const restored = await runStage(
    log,
    restoreStage(host, config, options.event, py, options.github?.cache, outages),
    tell<CacheOutcome>((c) => ({ cache: { hit: c?.run?.venvRestored ?? false } })),
  )
  const cacheRun = restored.value?.run
  const work = cacheRun
    ? { ...host, env: { ...host.env, PIP_CACHE_DIR: cacheRun.pipCacheDir } }
    : host
  const installed = await runStage(log, installStage(work, config, py, cacheRun), tell(none))
  return { py, cacheRun, work, env: installed.value }
}

export async function runPipeline(
  host: Host,
  config: Config,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const files = freshReports(host.tempDir)
  const { log } = host
  const stages: StageResult[] = []
  const progress = options.progress ?? new Progress()
  progress.files = files
  // Sequential stages: listed, and told to the cancel's report, as each ends.
  const tell = <T>(found: (value?: T) => Known) => ({
    ended: ({ stage, value }: Outcome<T>) => {
      stages.push(stage)
      progress.ended(stage, found(value))
    },
  })
  // One warning per service that fails, given at the end, naming all it cost.
  const outages = new Outages()
  const { event } = options
  const services = options.github
  const github: GitHubServices | undefined = services && { ...services.api, outages }
  const background = startBackground(host, config, event, services, github)
  const { py, cacheRun, work, env } = await prepare(host, config, options, outages, tell)
  if (!py) stages.push(notRun('install', 'no Python'))
  const { build, test, linting } = env
    ? await buildBesideTests(host, work, config, env, files, progress)
    : ({} as BesideTests)
  const notInstalled = py ? 'the install failed' : 'no Python'
  stages.push(build?.stage ?? notRun('build', config.build ? notInstalled : 'build: false'))
  stages.push(test?.stage ?? notRun('test', config.test ? notInstalled : 'test: false'))
  const diffCoverage = test?.value?.coverage
    ? await diffCoverageStage(host, config, event, files.coverageXml, github)
    : undefined
  const artifact =
    build?.value?.ok === true && py
      ? await runStage(
          log,
          artifactsStage(host, config, services?.artifacts, build.value, py.version, outages),
          tell<UploadedArtifact | undefined>((artifact) => ({ artifact })),
        )
      : undefined
  const coverage = test?.value?.coverage
  const baseline = await settleCoverageBaseline(host, config, background.baseline, coverage)
  if (cacheRun && env && py && services)
    await runStep(log, saveStep(cacheRun, py, services.cache, outages))

  // Everything but publishing's own part, so a release never goes out from a run that fails.
  const failing = verdictOf(config, stages, test?.value, undefined, diffCoverage, baseline).reasons
  const published = await publishStage(host, config, event, services?.publishing, {
    tools: env?.tools,
    build: build?.value,
    test: test?.value,
    failing,
  })
  const publish = published.result
  tell(() => ({ publish })).ended(published)
  const metrics: Metrics = {
    ...(await settleBesides(log, background.history, linting)),
    python: py && pythonInfo(py),
    build: build?.value,
    artifact: artifact?.value,
    test: test?.value,
    diffCoverage,
    baseline,
    publish,
    cache: py && { hit: cacheRun?.venvRestored ?? false },
    stages,
    verdict: verdictOf(config, stages, test?.value, publish, diffCoverage, baseline),
  }
  // Last, so the comment shows the verdict; its own failure is a warning and leaves the verdict alone.
  const comment = await commentStage(
    host,
    config,
    event,
    github,
    services?.artifacts,
    metrics,
    outages,
  )
  outages.report(log)
  return {
    metrics: {
      ...metrics,
      stages: [...stages, comment.stage],
      ...(comment.value?.kind === 'posted' && { comment: comment.value.comment }),
    },
    files,
  }
}
