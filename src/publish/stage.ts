/**
 * The publish stage: skipped (one line says why), refused (the decision's
 * reasons fail the step) or run: twine check, credentials, upload.
 */
import type { Config } from '../config.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import type { Tools } from '../install/tools.js'
import type { BuildResult, PublishResult, StageResult, TestRun } from '../report/metrics.js'
import { refuseStage, runStage, skipStage } from '../stage.js'
import { decidePublish } from './decide.js'
import { describePublish, type PublishingServices, publishDists } from './publish.js'

/** What the stages before found, that publishing depends on. */
export interface BeforePublish {
  readonly tools?: Tools
  readonly build?: BuildResult
  readonly test?: TestRun
  /** Why the step fails already: a release never goes out from a run that fails. */
  readonly failing: readonly string[]
}

export async function publishStage(
  host: Host,
  config: Config,
  event: RunEvent,
  services: PublishingServices | undefined,
  ran: BeforePublish,
): Promise<{ result: PublishResult; stage: StageResult }> {
  const notPublished = (status: 'skipped' | 'refused', reasons: readonly string[]) => ({
    status,
    reasons,
    details: [],
    files: [],
    repositoryUrl: config.publish.repositoryUrl,
  })
  const decision = decidePublish({
    event,
    mode: config.publish.mode,
    tagPattern: config.publish.tagPattern,
    // A stage turned off says nothing about the release.
    build: config.build ? ran.build : undefined,
    test: config.test ? ran.test : undefined,
    failing: ran.failing,
  })
  let skip: string | undefined
  if (config.publish.mode === 'false') skip = 'publish: false'
  else if (!host.onActions || services === undefined) skip = 'publishing runs on GitHub only'
  else if (decision.kind === 'skip') skip = decision.reason
  if (skip !== undefined || services === undefined || decision.kind === 'skip') {
    const why = skip ?? 'publishing runs on GitHub only'
    return { result: notPublished('skipped', [why]), stage: skipStage(host.log, 'publish', why) }
  }
  if (decision.kind === 'refuse') {
    const summary = `refused: ${decision.reasons[0] ?? ''}`
    return {
      result: notPublished('refused', decision.reasons),
      stage: refuseStage(host.log, 'publish', summary),
    }
  }
  const tools = ran.tools
  const outcome = await runStage(host.log, {
    name: 'publish',
    title: `Publish ${decision.tag} to ${config.publish.repositoryUrl}`,
    run: (log) => {
      if (tools === undefined) throw new Error('no tools environment to run twine in')
      return publishDists(host, log, config.publish, { ...decision, tools, services })
    },
    describe: describePublish,
  })
  const result = outcome.value ?? {
    ...notPublished('refused', [outcome.stage.summary]),
    status: 'failed' as const,
  }
  return { result, stage: outcome.stage }
}
