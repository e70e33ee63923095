/**
 * Fetches the build success rate from the workflow-runs API. It runs beside
 * the install and the tests, so it logs into a buffer the pipeline replays
 * when it awaits the result, and it never rejects: a failed request is one
 * warning and "not measured", never a failed step.
 */

import { errorMessage } from '../error-message.js'
import type { GitHubServices } from '../github/rest.js'
import { GitHubApiError, GitHubClient } from '../github/rest.js'
import type { RunEvent } from '../github/run-event.js'
import { BufferedLog } from '../log.js'
import type { BuildHistory } from '../report/metrics.js'
import { baseBranch, successRate } from './success-rate.js'

export interface HistoryRequest {
  /** github-token; undefined when empty. */
  readonly token: string | undefined
  /** history-window: the newest completed runs to count, 1 to 100 (one page). */
  readonly window: number
}

export interface FetchedHistory {
  readonly history: BuildHistory
  /** What the request said while the other stages ran: retries, the warning. */
  readonly log: BufferedLog
}

interface RunsPage {
  readonly workflow_runs?: unknown
}

export async function fetchHistory(
  env: NodeJS.ProcessEnv,
  event: RunEvent,
  request: HistoryRequest,
  services: GitHubServices,
): Promise<FetchedHistory> {
  const log = new BufferedLog()
  const notMeasured = (reason: string): FetchedHistory => ({
    history: { kind: 'not-measured', reason },
    log,
  })
  const workflow = event.workflowFile
  const branch = baseBranch(event)
  if (request.window === 0) return notMeasured('history-window: 0')
  if (request.token === undefined) return notMeasured('github-token is empty')
  if (event.repository === undefined) return notMeasured('GITHUB_REPOSITORY is not owner/name')
  const { owner, repo } = event.repository
  if (workflow === undefined) return notMeasured('GITHUB_WORKFLOW_REF names no workflow file')
  if (branch === undefined) return notMeasured('the event names no base branch')
  const query = new URLSearchParams({
    branch,
    status: 'completed',
    // The newest hundred: forks' runs are dropped from them before the window is taken.
    per_page: '100',
  })
  const path = `/repos/${owner}/${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?${query}`
  // Everything that can throw stays inside: nobody awaits this promise until the report.
  try {
    const client = new GitHubClient({
      token: request.token,
      env,
      ...services,
      onRetry: (message) => log.info(message),
    })
    const { data } = await client.request<RunsPage>('GET', path)
    const runs = Array.isArray(data?.workflow_runs) ? data.workflow_runs : []
    const where = { branch, workflow, window: request.window }
    return { history: successRate(runs, where, `${owner}/${repo}`), log }
  } catch (error) {
    if (error instanceof Error && error.stack) log.debug(error.stack)
    if (services.outages?.note('github', error, 'no success rate')) {
      log.info(`The build success rate was not measured: ${errorMessage(error)}`)
      return notMeasured('GitHub did not answer (see the warning)')
    }
    const status = error instanceof GitHubApiError ? error.status : 0
    const advice =
      status === 403 || status === 404
        ? 'Listing workflow runs needs "permissions: actions: read" on the job.'
        : status === 0 || status >= 500
          ? 'GitHub did not answer, after retries.'
          : 'GitHub refused the request.'
    log.warning(
      `The build success rate was not measured: ${errorMessage(error)}. ${advice} The other results are not affected.`,
    )
    return notMeasured('the workflow runs API failed (see the warning)')
  }
}
