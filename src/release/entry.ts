/**
 * The step in mode: publish, on GitHub: its inputs, the run's artifacts and
 * OIDC, then the summary, the outputs and the verdict.
 */
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import { currentRunArtifacts } from '../artifacts/service.js'
import { type InputReader, loadPublishJobConfig, runnerArchitecture } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { RunEvent } from '../github/run-event.js'
import { childEnvironment, type Host } from '../host.js'
import type { Log } from '../log.js'
import { SpawnRunner } from '../process.js'
import { runPublishJob } from './publish-job.js'
import { publishJobFailures, publishJobOutputs, renderPublishJobSummary } from './summary.js'

export async function runPublishMode(read: InputReader, log: Log, event: RunEvent): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const { config, warnings } = loadPublishJobConfig(read, {
    workspace,
    defaultArchitecture: runnerArchitecture(),
  })
  if (config.publish.token !== undefined) core.setSecret(config.publish.token)
  for (const w of warnings) core.warning(w)
  const host: Host = {
    log,
    runner: new SpawnRunner(),
    onActions: event.onActions,
    workspace,
    // Not the test job's folder: nothing a test left there is reused.
    tempDir: path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'python-ci-publish'),
    toolCacheDir: process.env.RUNNER_TOOL_CACHE || undefined,
    env: childEnvironment(process.env),
    addPath: (dir) => core.addPath(dir),
    exportVariable: (name, value) => core.exportVariable(name, value),
  }
  const result = await runPublishJob(host, config, event, {
    artifacts: currentRunArtifacts(),
    publishing: {
      getIdToken: (audience) => core.getIDToken(audience),
      mask: (secret) => core.setSecret(secret),
      env: process.env,
    },
  })
  try {
    await core.summary.addRaw(renderPublishJobSummary(result)).write()
  } catch (error) {
    core.warning(`the job summary could not be written: ${errorMessage(error)}`)
  }
  for (const [name, value] of Object.entries(publishJobOutputs(result))) core.setOutput(name, value)
  for (const reason of publishJobFailures(result)) core.setFailed(reason)
}
