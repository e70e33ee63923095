/**
 * The workflow_run companion: a pull request from a fork runs with a
 * read-only token, so its run leaves the comment in an artifact, and a second
 * workflow, started by workflow_run on the default branch with a token that
 * may write, posts it. The companion runs no project code: it sets up no
 * Python and checks nothing out; it reads the artifacts of the triggering run
 * and posts, for each request that passes refuseRequest(), the comment it
 * renders itself from the request's results.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ArtifactService, RunArtifacts } from '../artifacts/dists.js'
import type { CommentSettings } from '../config.js'
import { errorMessage } from '../error-message.js'
import { Outages } from '../github/outages.js'
import { GitHubApiError, GitHubClient, type GitHubServices } from '../github/rest.js'
import { isPullRequestEvent, type RunEvent } from '../github/run-event.js'
import type { Log } from '../log.js'
import { renderSummary } from '../report/markdown.js'
import type { CommentInfo, Metrics } from '../report/metrics.js'
import { commentTitle } from './post.js'
import {
  type CommentRequest,
  isRequestArtifact,
  MAX_REQUEST_BYTES,
  parseCommentRequest,
  REQUEST_FILE,
  REQUEST_TOO_LARGE,
  refuseRequest,
  requestArtifactName,
  runFacts,
  serializeCommentRequest,
  type TriggeringRun,
} from './request.js'
import { commentBody, commentMarker, type FittedBody, upsertComment } from './sticky.js'

export interface CompanionResult {
  readonly posted: readonly (CommentInfo & { readonly number: number })[]
  /** One line each: what was not posted and why (already logged as warnings). */
  readonly problems: readonly string[]
  /** One line: what the companion did, for the summary. */
  readonly summary: string
}

/** The pull request run's side: the request as an artifact of this run; gives its name. */
export async function keepCommentRequest(
  service: ArtifactService,
  dir: string,
  request: Omit<CommentRequest, 'format'>,
): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, REQUEST_FILE)
  writeFileSync(file, serializeCommentRequest(request))
  const name = requestArtifactName(request.commentId)
  await service.upload(name, [file], dir)
  return name
}

/** More than any workflow's jobs need (one request per comment-id), few enough for the token's rate limit. */
const MAX_REQUESTS = 20

/**
 * The comment for a kept request, rendered here from its results with the
 * action's own renderer: nothing the pull request's run wrote is posted but
 * as escaped text. The verdict is the run's conclusion as GitHub's API
 * reports it, never the one in the artifact.
 */
export function requestedCommentBody(request: CommentRequest, run: TriggeringRun): FittedBody {
  const ok = run.conclusion === 'success'
  const concluded = run.conclusion ? `concluded ${run.conclusion}` : 'has not concluded'
  const stated = `Workflow run ${run.id} ${concluded}, as GitHub's API reports it; the figures below are that run's own report.`
  const { results } = request
  const metrics: Metrics = {
    ...results,
    verdict: { ok, reasons: ok ? [stated] : [stated, ...results.verdict.reasons] },
  }
  return commentBody(
    commentMarker(request.commentId),
    metrics,
    renderSummary,
    commentTitle(request.commentId),
  )
}

interface PullRequest {
  readonly head?: {
    readonly sha?: unknown
    readonly repo?: { readonly full_name?: unknown } | null
  }
}

/** Posts the comments run `runId` (comment-from-run) kept as artifacts. */
export async function postRequestedComments(
  log: Log,
  env: NodeJS.ProcessEnv,
  event: RunEvent,
  settings: CommentSettings & { readonly fromRun: number },
  token: string | undefined,
  artifacts: RunArtifacts,
  tempDir: string,
  services: GitHubServices = {},
): Promise<CompanionResult> {
  const done = (
    summary: string,
    problems: string[] = [],
    posted: CompanionResult['posted'] = [],
  ) => ({
    posted,
    problems,
    summary,
  })
  const warn = (problem: string): CompanionResult => {
    log.warning(problem)
    return done(problem, [problem])
  }
  // Every artifact fails alike when GitHub is down: one warning names them all.
  const outages = new Outages()
  const outage = (error: unknown, skipped: string): CompanionResult | undefined => {
    if (!outages.note('github', error, skipped)) return undefined
    const [problem = ''] = outages.warnings()
    outages.report(log)
    return done(problem, [problem])
  }
  if (settings.mode === 'off') return done('comment: off')
  if (token === undefined) {
    return warn(
      'github-token is empty: the companion needs a token that may write to pull requests.',
    )
  }
  if (event.repository === undefined) {
    return warn(`GITHUB_REPOSITORY (${JSON.stringify(event.repositoryName)}) is not owner/name.`)
  }
  const { owner, repo } = event.repository
  const client = new GitHubClient({
    token,
    env,
    ...services,
    onRetry: (message) => log.info(message),
  })
  const repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
  let run: TriggeringRun | undefined
  try {
    run = runFacts(
      (await client.request<unknown>('GET', `${repoPath}/actions/runs/${settings.fromRun}`)).data,
    )
  } catch (error) {
    const down = outage(error, `run ${settings.fromRun} not read, no comment posted`)
    if (down !== undefined) return down
    const status = error instanceof GitHubApiError ? error.status : 0
    return warn(
      `Run ${settings.fromRun} could not be read: ${errorMessage(error)}.${status === 403 || status === 404 ? ' The job needs "permissions: actions: read", and comment-from-run a run of this repository.' : ''}`,
    )
  }
  if (run === undefined)
    return warn(`GitHub's answer for run ${settings.fromRun} is not a workflow run.`)
  if (!isPullRequestEvent(run.event)) {
    return done(
      `run ${run.id} was started by ${run.event || 'an unknown event'}, not a pull request: nothing to post`,
    )
  }

  let listed: Awaited<ReturnType<RunArtifacts['list']>>
  try {
    listed = (await artifacts.list(run.id)).filter((a) => isRequestArtifact(a.name))
  } catch (error) {
    const down = outage(error, `the artifacts of run ${run.id} not listed, no comment posted`)
    if (down !== undefined) return down
    return warn(
      `The artifacts of run ${run.id} could not be listed: ${errorMessage(error)}. The companion's job needs "permissions: actions: read".`,
    )
  }
  if (listed.length === 0) {
    return done(
      `run ${run.id} left no comment to post (it posted its own, or the action did not get that far)`,
    )
  }

  const posted: (CommentInfo & { number: number })[] = []
  const problems: string[] = []
  if (listed.length > MAX_REQUESTS) {
    const problem = `Run ${run.id} kept ${listed.length} comments; only the first ${MAX_REQUESTS} are posted (one per comment-id is the most a workflow needs).`
    log.warning(problem)
    problems.push(problem)
    listed = listed.slice(0, MAX_REQUESTS)
  }
  for (const artifact of listed) {
    const dir = path.join(tempDir, 'companion', String(artifact.id))
    try {
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      await artifacts.download(artifact.id, run.id, dir)
      const file = path.join(dir, REQUEST_FILE)
      // Sized before it is read: the fork chose what is in it.
      if (statSync(file).size > MAX_REQUEST_BYTES) throw new Error(REQUEST_TOO_LARGE)
      const request = parseCommentRequest(readFileSync(file, 'utf8'))
      if ('error' in request) throw new Error(request.error)
      if (artifact.name !== requestArtifactName(request.commentId)) {
        throw new Error(`its comment-id would be kept as ${requestArtifactName(request.commentId)}`)
      }
      const pull = await client.request<PullRequest>('GET', `${repoPath}/pulls/${request.number}`)
      const head = pull.data?.head
      const refused = refuseRequest(request, event.repositoryName, run, {
        sha: typeof head?.sha === 'string' ? head.sha : '',
        repository: typeof head?.repo?.full_name === 'string' ? head.repo.full_name : '',
      })
      if (refused !== undefined) throw new Error(`not posted: ${refused}`)
      const { body, cut } = requestedCommentBody(request, run)
      if (cut !== undefined) log.info(`The comment was shortened to fit GitHub's limit: ${cut}.`)
      const result = await upsertComment(
        client,
        { owner, repo, number: request.number },
        {
          marker: commentMarker(request.commentId),
          body,
          onlyOnChange: false,
          debug: (message) => log.debug(message),
        },
      )
      log.info(`${result.action} the comment on #${request.number}: ${result.url}`)
      posted.push({ url: result.url, action: result.action, number: request.number })
    } catch (error) {
      if (outages.note('github', error, `no comment from artifact ${artifact.name}`)) continue
      const problem = `The comment in artifact ${artifact.name} of run ${run.id} was not posted: ${errorMessage(error)}`
      log.warning(problem)
      problems.push(problem)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  for (const problem of outages.warnings()) problems.push(problem)
  outages.report(log)
  const summary = posted.length
    ? `posted ${posted.map((p) => `#${p.number} (${p.action})`).join(', ')} for run ${run.id}`
    : `nothing posted for run ${run.id}`
  return done(summary, problems, posted)
}
