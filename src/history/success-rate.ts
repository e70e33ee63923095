/**
 * The build success rate, pure: which workflow and branch to ask about, and
 * the arithmetic over the runs the workflow-runs API returns.
 */

import type { RunEvent } from '../github/run-event.js'
import type { BuildHistory } from '../report/metrics.js'

/** Runs that finished without saying whether the build works: left out of the rate. */
export const NOT_COUNTED_CONCLUSIONS: ReadonlySet<string> = new Set([
  // A job or workflow skipped by its `if:`, or by paths filters.
  'skipped',
  'neutral',
  // Waiting for a maintainer's approval, or superseded before it ran.
  'action_required',
  'stale',
  // Stopped by a person or by `concurrency: cancel-in-progress` when a newer push came.
  'cancelled',
])

/**
 * The branch whose runs the rate is about: a pull request's base branch, the
 * pushed branch, else the repository's default branch (tags, schedules,
 * manual runs).
 */
export function baseBranch(event: RunEvent): string | undefined {
  if (event.isPullRequest) return event.pullRequest?.baseRef
  if (event.name === 'push' && event.ref.startsWith('refs/heads/'))
    return event.ref.slice('refs/heads/'.length)
  return event.defaultBranch
}

/** successes / completed in percent, to one decimal: 85, 87.5, 66.7. */
export function ratePercent(successes: number, completed: number): number {
  return completed === 0 ? 0 : Math.round((successes / completed) * 1000) / 10
}

export interface ListedRun {
  readonly status?: unknown
  readonly conclusion?: unknown
  readonly head_repository?: { readonly full_name?: unknown } | null
}

/**
 * The rate over the completed runs the API returned (newest first, at most
 * `window` used). The API matches the branch by name only: a fork's pull
 * request from its own main is listed too, and is left out here.
 */
export function successRate(
  runs: readonly ListedRun[],
  where: { readonly branch: string; readonly workflow: string; readonly window: number },
  repository: string,
): BuildHistory {
  let successes = 0
  let completed = 0
  let notCounted = 0
  const ours = (r: ListedRun) => {
    const head = r.head_repository?.full_name
    return typeof head !== 'string' || head === repository
  }
  const window = runs.filter((r) => r.status === 'completed' && ours(r)).slice(0, where.window)
  for (const run of window) {
    const conclusion = typeof run.conclusion === 'string' ? run.conclusion : ''
    if (NOT_COUNTED_CONCLUSIONS.has(conclusion)) notCounted++
    else {
      completed++
      if (conclusion === 'success') successes++
    }
  }
  return {
    kind: completed === 0 ? 'no-runs' : 'measured',
    ...where,
    successes,
    completed,
    notCounted,
    percent: ratePercent(successes, completed),
  }
}
