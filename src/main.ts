/**
 * The main step on GitHub: read the inputs, run the pipeline, then write the
 * job summary, the outputs and the annotations, and only then set the verdict.
 */
import { createHash, randomUUID } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import { actionsArtifactService, runArtifactsOf } from './artifacts/service.js'
import { actionsCacheService } from './cache/service.js'
import { CancelGuard } from './cancel.js'
import { postRequestedComments } from './comment/companion.js'
import {
  actionMode,
  type CommentSettings,
  type Config,
  ConfigError,
  commentSettings,
  githubToken,
  loadConfig,
  runnerArchitecture,
} from './config.js'
import { errorMessage } from './error-message.js'
import { parseRunEvent, type RunEvent, readEventPayload } from './github/run-event.js'
import { describeWrites, FileCommandGuard } from './guard/file-commands.js'
import { childEnvironment, type Host, secretsToMask } from './host.js'
import { type Log, mayHoldCommand, withCommandsStopped } from './log.js'
import { runPipeline } from './pipeline.js'
import { SpawnRunner } from './process.js'
import { Progress } from './progress.js'
import { runPublishMode } from './release/entry.js'
import { escapeInline } from './report/markdown.js'
import type { Metrics } from './report/metrics.js'
import { toAnnotations, toOutputs } from './report/outputs.js'
import { writeReport } from './report/write.js'

/** An annotation is one line; the lines after it are detail for the log. */
function annotate(
  kind: (message: string, properties?: core.AnnotationProperties) => void,
  message: string,
  properties?: core.AnnotationProperties,
): void {
  const [first = '', ...rest] = message.trim().split(/\r?\n/)
  kind(first, properties)
  if (rest.length > 0) actionsLog.info(rest.join('\n'))
}

const actionsLog: Log = {
  // Tool output is project output: a test may print ::error:: or ##[set-output …].
  // debug, warning and error are ::name:: commands whose data the runner never parses again.
  info: (m) => core.info(mayHoldCommand(m) ? withCommandsStopped(m, randomUUID()) : m),
  warning: (m, p) => annotate(core.warning, m, p),
  error: (m, p) => annotate(core.error, m, p),
  debug: (m) => core.debug(m),
  group: (title, body) => core.group(title, body),
}

/**
 * Our folder under RUNNER_TEMP is named after the project, so two steps of one
 * job on two projects keep their reports apart, while a project's venv keeps
 * the same path from run to run (a cached venv only works where it was made).
 */
function tempDirFor(workingDirectory: string): string {
  const id = createHash('sha256').update(workingDirectory).digest('hex').slice(0, 8)
  return path.join(process.env.RUNNER_TEMP || os.tmpdir(), `python-ci-${id}`)
}

function actionsHost(
  event: RunEvent,
  workspace: string,
  workingDirectory: string,
  runner: SpawnRunner,
  guard: FileCommandGuard,
): Host {
  return {
    log: actionsLog,
    runner,
    onActions: event.onActions,
    workspace,
    tempDir: tempDirFor(workingDirectory),
    toolCacheDir: process.env.RUNNER_TOOL_CACHE || undefined,
    env: childEnvironment(process.env),
    addPath: (dir) => guard.own(() => core.addPath(dir)),
    exportVariable: (name, value) => guard.own(() => core.exportVariable(name, value)),
  }
}

async function writeSummary(markdown: string, where: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write()
  } catch (error) {
    core.warning(`the job summary could not be written: ${errorMessage(error)}; ${where}`)
  }
}

/**
 * With comment-from-run the step is the workflow_run companion of a pull
 * request workflow: it posts the comments that run could not post, and
 * nothing else (no project is read: the companion checks nothing out).
 */
async function runCompanion(
  event: RunEvent,
  settings: CommentSettings & { readonly fromRun: number },
  token: string | undefined,
): Promise<void> {
  const tempDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'python-ci-companion')
  const result = await postRequestedComments(
    actionsLog,
    process.env,
    event,
    settings,
    token,
    runArtifactsOf(token ?? '', event.repository),
    tempDir,
  )
  const lines = [
    '## Python CI · comments of pull request runs',
    '',
    ...result.posted.map((p) => `- #${p.number}: ${p.action} ${escapeInline(p.url)}`),
    ...result.problems.map((p) => `- ⚠️ ${escapeInline(p)}`),
  ]
  if (result.posted.length === 0 && result.problems.length === 0)
    lines.push(escapeInline(result.summary))
  await writeSummary(`${lines.join('\n')}\n`, result.summary)
  actionsLog.info(result.summary)
  const first = result.posted[0]
  if (first !== undefined) core.setOutput('comment-url', first.url)
}

/**
 * The summary, the outputs and the annotations of the step, then its verdict.
 * The file commands are checked first: what project code wrote to them is put
 * back and named, and only then are ours written.
 */
async function reportStep(
  metrics: Metrics,
  dir: string,
  config: Config,
  files: FileCommandGuard,
): Promise<void> {
  const { summary, cut, path: reportPath } = writeReport(metrics, dir)
  if (cut !== undefined) core.info(`job summary: ${cut} to stay under 1 MiB`)
  const written = files.check()
  const caution = written.length > 0 ? `\n> [!CAUTION]\n> ${describeWrites(written)}\n` : ''
  await files.own(async () => {
    await writeSummary(summary + caution, `the report is at ${reportPath}`)
    for (const [name, value] of Object.entries(toOutputs(metrics, reportPath)))
      core.setOutput(name, value)
  })
  // GitHub shows ten error annotations per step; the verdict's own lines come last and must fit.
  const maxErrors = Math.max(10 - metrics.verdict.reasons.length, 1)
  for (const a of toAnnotations(metrics, {
    repoPrefix: config.repoPrefix,
    maxErrors,
    annotateUncovered: config.annotateUncovered,
  })) {
    const { title, file, startLine, endLine } = a
    const properties = { title, file, startLine, endLine }
    if (a.level === 'error') core.error(a.message, properties)
    else if (a.level === 'warning') core.warning(a.message, properties)
    else core.notice(a.message, properties)
  }
  for (const reason of metrics.verdict.reasons) core.setFailed(reason)
  // Checked again last, for a process that outlived its stage.
  const late = files.check()
  if (late.length > 0) core.setFailed(describeWrites(late))
}

export async function run(): Promise<void> {
  for (const secret of secretsToMask(process.env)) core.setSecret(secret)
  try {
    // The one read of the event file, before any project code runs: a test can
    // find the file (its path is in our environment under /proc) and rewrite it.
    const event = parseRunEvent(process.env, readEventPayload(process.env.GITHUB_EVENT_PATH))
    if (actionMode((name) => core.getInput(name)) === 'publish')
      return await runPublishMode((name) => core.getInput(name), actionsLog, event)
    const comment = commentSettings((name) => core.getInput(name))
    const token = githubToken((name) => core.getInput(name))
    if (token !== undefined) core.setSecret(token)
    if (comment.fromRun !== undefined)
      return await runCompanion(event, { ...comment, fromRun: comment.fromRun }, token)
    // Taken before any project code runs.
    const files = new FileCommandGuard(process.env)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const { config, warnings } = loadConfig((name) => core.getInput(name), {
      workspace,
      defaultArchitecture: runnerArchitecture(),
    })
    const runner = new SpawnRunner()
    const host = actionsHost(event, workspace, config.workingDirectory, runner, files)
    // Before anything can print it.
    if (config.publish.token !== undefined) core.setSecret(config.publish.token)
    for (const w of warnings) core.warning(w)
    const progress = new Progress()
    const report = (metrics: Metrics) =>
      reportStep(metrics, progress.files?.dir ?? host.tempDir, config, files)
    const cancel = new CancelGuard(runner, progress, actionsLog, report)
    cancel.install()
    const { metrics } = await runPipeline(host, config, {
      event,
      github: {
        api: {},
        runArtifacts: (token) => runArtifactsOf(token, event.repository),
        artifacts: actionsArtifactService(),
        cache: actionsCacheService(),
        publishing: {
          getIdToken: (audience) => core.getIDToken(audience),
          mask: (secret) => core.setSecret(secret),
          env: process.env,
        },
      },
      progress,
    })
    if (cancel.reporting()) await report(metrics)
  } catch (error) {
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack)
      core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}
