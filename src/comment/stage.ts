/**
 * The comment stage: the sticky pull request comment, rendered from the
 * finished metrics. When the token may not write (a fork's pull request), the
 * comment is kept as an artifact for the workflow_run companion.
 */
import path from 'node:path'
import type { ArtifactService } from '../artifacts/dists.js'
import type { Config } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { Outages } from '../github/outages.js'
import type { GitHubServices } from '../github/rest.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import type { Metrics } from '../report/metrics.js'
import { type Outcome, runStage, skipStage } from '../stage.js'
import { keepCommentRequest } from './companion.js'
import { type CommentOutcome, postComment } from './post.js'

export async function commentStage(
  host: Host,
  config: Config,
  event: RunEvent,
  services: GitHubServices | undefined,
  artifacts: ArtifactService | undefined,
  metrics: Metrics,
  outages: Outages,
): Promise<Outcome<CommentOutcome>> {
  if (config.comment.mode === 'off')
    return { stage: skipStage(host.log, 'comment', 'comment: off') }
  if (!host.onActions || services === undefined)
    return { stage: skipStage(host.log, 'comment', 'comments need GitHub') }
  const ran = await runStage(host.log, {
    name: 'comment',
    title: 'Comment on the pull request',
    run: async (log) => {
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
    describe: (outcome) =>
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
  })
  // The verdict, made before, cannot name it; a comment that fails is a warning.
  if (ran.stage.status === 'failed')
    host.log.warning(`the pull request comment failed: ${ran.stage.summary}`)
  return ran
}
