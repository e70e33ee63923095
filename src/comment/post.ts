/**
 * The comment stage's work: decide, render, upsert. Every failure ends in one
 * warning that says what to do, never in a failed step: the results are in
 * the job summary and the outputs whatever happens here.
 */
import type { CommentSettings } from '../config.js'
import { errorMessage } from '../error-message.js'
import { GitHubApiError, GitHubClient, type GitHubServices } from '../github/rest.js'
import type { RunEvent } from '../github/run-event.js'
import type { Log } from '../log.js'
import { renderSummary } from '../report/markdown.js'
import type { CommentInfo, Metrics } from '../report/metrics.js'
import type { CommentRequest } from './request.js'
import { commentResultsOf } from './results.js'
import { commentBody, commentMarker, upsertComment } from './sticky.js'
import { decideComment } from './target.js'

export type CommentOutcome =
  | { readonly kind: 'posted'; readonly comment: CommentInfo; readonly cut?: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  /**
   * The warning was logged already. request: the token may not write (a
   * fork's pull request), so the comment can go to the workflow_run companion.
   */
  | {
      readonly kind: 'not-posted'
      readonly reason: string
      readonly request?: Omit<CommentRequest, 'format'>
      /** The artifact the request was kept in. */
      readonly kept?: string
    }

/** The comment's heading, the same from the run and from the companion. */
export function commentTitle(commentId: string): string {
  return commentId === '' ? 'Python CI' : `Python CI · ${commentId}`
}

const STILL_REPORTED = 'The results are in the job summary and the outputs of this step.'

function refusedAdvice(status: number): string {
  return (
    `The token may not write to this pull request${status === 404 ? ' (or cannot see it)' : ''}: ` +
    'give the job "permissions: pull-requests: write". ' +
    "Pull requests from forks always get a read-only token: the comment is then kept as an artifact for the workflow_run companion to post (see 'Pull requests from forks' in the README)."
  )
}

export async function postComment(
  log: Log,
  env: NodeJS.ProcessEnv,
  event: RunEvent,
  settings: CommentSettings,
  token: string | undefined,
  metrics: Metrics,
  services: GitHubServices,
): Promise<CommentOutcome> {
  const decision = decideComment(settings.mode, event)
  if (decision.kind === 'skip') return { kind: 'skipped', reason: decision.reason }
  const warn = (reason: string, advice: string): CommentOutcome => {
    log.warning(`The pull request comment was not posted: ${reason}. ${advice} ${STILL_REPORTED}`)
    return { kind: 'not-posted', reason }
  }
  if (decision.kind === 'warn')
    return warn(decision.reason, 'Set comment: auto to comment only on pull request events.')
  if (token === undefined) {
    return warn('github-token is empty', 'Pass a token, e.g. the default github.token.')
  }
  const { target } = decision
  const marker = commentMarker(settings.id)
  const title = commentTitle(settings.id)
  const { body, cut } = commentBody(marker, metrics, renderSummary, title)
  if (cut !== undefined) log.info(`The comment was shortened to fit GitHub's limit: ${cut}.`)
  const client = new GitHubClient({
    token,
    env,
    ...services,
    onRetry: (message) => log.info(message),
  })
  try {
    const result = await upsertComment(client, target, {
      marker,
      body,
      onlyOnChange: settings.mode === 'on-change',
      debug: (message) => log.debug(message),
    })
    return {
      kind: 'posted',
      comment: { url: result.url, action: result.action },
      ...(cut !== undefined && { cut }),
    }
  } catch (error) {
    const where = `on ${target.owner}/${target.repo}#${target.number}`
    const message = errorMessage(error)
    // Before the 403 below: a rate limit is GitHub not answering, not a refusal of the token.
    if (services.outages?.note('github', error, 'no comment')) {
      log.info(`The pull request comment was not posted ${where}: ${message}`)
      return { kind: 'not-posted', reason: `${where}: ${message}` }
    }
    if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) {
      const outcome = warn(`${where}: ${error.message}`, refusedAdvice(error.status))
      const headSha = event.pullRequest?.headSha
      if (typeof headSha !== 'string' || outcome.kind !== 'not-posted') return outcome
      const repository = `${target.owner}/${target.repo}`
      return {
        ...outcome,
        request: {
          repository,
          number: target.number,
          headSha,
          commentId: settings.id,
          results: commentResultsOf(metrics),
        },
      }
    }
    if (error instanceof Error && error.stack) log.debug(error.stack)
    return warn(`${where}: ${message}`, 'GitHub did not take it, after retries.')
  }
}
