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
import {
  type CommentSettings,
  type Config,
  ConfigError,
  commentSettings,
  loadConfig,
  runnerArchitecture,
} from './config.js'
import { errorMessage } from './error-message.js'
import { postRequestedComments } from './github/companion.js'
import { childEnvironment, type Host } from './host.js'
import type { Log } from './log.js'
import { runPipeline } from './pipeline.js'
import { SpawnRunner } from './process.js'
import { Progress } from './progress.js'
import { escapeInline } from './report/markdown.js'
import type { Metrics } from './report/metrics.js'
import { toAnnotations, toOutputs } from './report/outputs.js'
import { writeReport } from './report/write.js'

const actionsLog: Log = {
  // Tool output may hold lines that look like workflow commands (a test that
  // prints ::error::); stop-commands makes the runner show them as text.
  info: (m) => {
    if (!m.includes('::')) return core.info(m)
    const token = randomUUID()
    core.info(`::stop-commands::${token}\n${m}\n::${token}::`)
  },
  warning: (m, p) => core.warning(m, p),
  error: (m, p) => core.error(m, p),
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

function actionsHost(workspace: string, workingDirectory: string, runner: SpawnRunner): Host {
  return {
    log: actionsLog,
    runner,
    onActions: process.env.GITHUB_ACTIONS === 'true',
    workspace,
    tempDir: tempDirFor(workingDirectory),
    toolCacheDir: process.env.RUNNER_TOOL_CACHE || undefined,
    env: childEnvironment(process.env),
    addPath: (dir) => core.addPath(dir),
    exportVariable: (name, value) => core.exportVariable(name, value),
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
  settings: CommentSettings & { readonly fromRun: number },
): Promise<void> {
  const tempDir = path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'python-ci-companion')
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  const result = await postRequestedComments(
    actionsLog,
    process.env,
    settings,
    runArtifactsOf(settings.token ?? '', repository),
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
  core.info(result.summary)
  const first = result.posted[0]
  if (first !== undefined) core.setOutput('comment-url', first.url)
}

/** The summary, the outputs and the annotations of the step, then its verdict. */
async function reportStep(metrics: Metrics, dir: string, config: Config): Promise<void> {
  const { markdown, path: reportPath } = writeReport(metrics, dir)
  await writeSummary(markdown, `the report is at ${reportPath}`)
  for (const [name, value] of Object.entries(toOutputs(metrics, reportPath)))
    core.setOutput(name, value)
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
}

export async function run(): Promise<void> {
  try {
    const comment = commentSettings((name) => core.getInput(name))
    if (comment.token !== undefined) core.setSecret(comment.token)
    if (comment.fromRun !== undefined)
      return await runCompanion({ ...comment, fromRun: comment.fromRun })
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const { config, warnings } = loadConfig((name) => core.getInput(name), {
      workspace,
      defaultArchitecture: runnerArchitecture(),
    })
    const runner = new SpawnRunner()
    const host = actionsHost(workspace, config.workingDirectory, runner)
    // Before anything can print it.
    if (config.publish.token !== undefined) core.setSecret(config.publish.token)
    for (const w of warnings) core.warning(w)
    const progress = new Progress()
    const report = (metrics: Metrics) =>
      reportStep(metrics, progress.files?.dir ?? host.tempDir, config)
    const guard = new CancelGuard(runner, progress, actionsLog, report)
    guard.install()
    const { metrics } = await runPipeline(host, config, {
      cache: actionsCacheService(),
      artifacts: actionsArtifactService(),
      publishing: {
        getIdToken: (audience) => core.getIDToken(audience),
        mask: (secret) => core.setSecret(secret),
      },
      github: {},
      runArtifacts: (token) => runArtifactsOf(token, process.env.GITHUB_REPOSITORY ?? ''),
      progress,
    })
    if (guard.reporting()) await report(metrics)
  } catch (error) {
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack)
      core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}
