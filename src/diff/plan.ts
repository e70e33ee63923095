/**
 * Which base the changed lines are counted from, and how they can be read: the
 * decision for this event, before any git or API call. Pure.
 */
import type { CommentTarget } from '../comment/target.js'
import type { RunEvent } from '../github/run-event.js'

/** The pull request whose files the API lists: the one a comment would go to. */
export type PullRequestRef = CommentTarget

export type DiffPlan =
  | { readonly kind: 'none'; readonly reason: string }
  | {
      readonly kind: 'compare'
      /** A commit sha or a ref for `git diff BASE...HEAD`. */
      readonly base: string
      /** diff-base was given: only git can read it, the API knows only the pull request's base. */
      readonly explicit: boolean
      /** On pull request events: the files API is the way when the base is not in the checkout. */
      readonly pullRequest?: PullRequestRef
    }

export interface DiffPlanInput {
  /** diff-base; undefined when not set. */
  readonly configured: string | undefined
  readonly event: RunEvent
}

function pullRequestRef(event: RunEvent): PullRequestRef | undefined {
  const number = event.pullRequest?.number
  if (!event.isPullRequest || number === undefined || event.repository === undefined)
    return undefined
  return { ...event.repository, number }
}

export function planDiff(input: DiffPlanInput): DiffPlan {
  const { event } = input
  const pullRequest = pullRequestRef(event)
  if (input.configured !== undefined) {
    return {
      kind: 'compare',
      base: input.configured,
      explicit: true,
      ...(pullRequest && { pullRequest }),
    }
  }
  if (!event.isPullRequest) {
    const what = event.name === '' ? 'outside GitHub' : `a ${event.name} event`
    return {
      kind: 'none',
      reason: `no base: not a pull request (${what}); set diff-base to compare with a branch`,
    }
  }
  const sha = event.pullRequest?.baseSha
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    return { kind: 'none', reason: 'no base: the event names no pull request base commit' }
  }
  return { kind: 'compare', base: sha, explicit: false, ...(pullRequest && { pullRequest }) }
}
