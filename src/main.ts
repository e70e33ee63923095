/**
 * The main step on GitHub: read the inputs, run the pipeline, then write the
 * job summary, the outputs and the annotations, and only then set the verdict.
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import { type Architecture, ConfigError, loadConfig } from './config.js'
import type { Host } from './host.js'
import type { Log } from './log.js'
import { runPipeline } from './pipeline.js'
import { SpawnRunner } from './process.js'
import { renderSummary } from './report/markdown.js'
import { toAnnotations, toOutputs } from './report/outputs.js'

const actionsLog: Log = {
  info: (m) => core.info(m),
  warning: (m, p) => core.warning(m, p),
  error: (m, p) => core.error(m, p),
  debug: (m) => core.debug(m),
  group: (title, body) => core.group(title, body),
}

export function runnerArchitecture(arch: string = process.arch): Architecture {
  return arch === 'arm64' ? 'arm64' : arch === 'ia32' ? 'x86' : 'x64'
}

function actionsHost(): Host {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  return {
    log: actionsLog,
    runner: new SpawnRunner(),
    onActions: process.env.GITHUB_ACTIONS === 'true',
    workspace,
    tempDir: path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'python-ci'),
    toolCacheDir: process.env.RUNNER_TOOL_CACHE || undefined,
    env: process.env,
    addPath: (dir) => core.addPath(dir),
    exportVariable: (name, value) => core.exportVariable(name, value),
  }
}

export async function run(): Promise<void> {
  try {
    const host = actionsHost()
    const { config, warnings } = loadConfig((name) => core.getInput(name), {
      workspace: host.workspace,
      defaultArchitecture: runnerArchitecture(),
    })
    for (const w of warnings) core.warning(w)
    const { metrics, files } = await runPipeline(host, config)

    const markdown = renderSummary(metrics)
    const reportPath = path.join(files.dir, 'python-ci-report.md')
    writeFileSync(reportPath, markdown)
    try {
      await core.summary.addRaw(markdown).write()
    } catch (error) {
      core.warning(
        `the job summary could not be written: ${error instanceof Error ? error.message : error}; the report is at ${reportPath}`,
      )
    }
    for (const [name, value] of Object.entries(toOutputs(metrics, reportPath)))
      core.setOutput(name, value)
    const repoPrefix = path
      .relative(host.workspace, config.workingDirectory)
      .split(path.sep)
      .join('/')
    // GitHub shows ten error annotations per step; the verdict's own lines come last and must fit.
    const maxErrors = Math.max(10 - metrics.verdict.reasons.length, 1)
    for (const a of toAnnotations(metrics, {
      repoPrefix: repoPrefix.startsWith('..') ? '' : repoPrefix,
      maxErrors,
    })) {
      const properties = { title: a.title, file: a.file, startLine: a.startLine }
      if (a.level === 'error') core.error(a.message, properties)
      else if (a.level === 'warning') core.warning(a.message, properties)
      else core.notice(a.message, properties)
    }
    for (const reason of metrics.verdict.reasons) core.setFailed(reason)
  } catch (error) {
    if (!(error instanceof ConfigError) && error instanceof Error && error.stack)
      core.debug(error.stack)
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
