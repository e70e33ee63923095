/**
 * Which base the changed lines are counted from, and how they can be read: the
 * decision for this event, before any git or API call. Pure.
 */
import { type CommentTarget, pullRequestOf } from '../github/decide.js'

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
  /** GITHUB_EVENT_NAME; '' outside GitHub. */
  readonly eventName: string
  /** GITHUB_REPOSITORY, owner/name. */
  readonly repository: string
  /** The parsed event payload; {} when there is none. */
  readonly payload: unknown
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function pullRequestRef(input: DiffPlanInput): PullRequestRef | undefined {
  if (!PULL_REQUEST_EVENTS.has(input.eventName)) return undefined
  const number = pullRequestOf(input.eventName, input.payload)
  const [owner = '', repo = ''] = input.repository.split('/')
  if (number === undefined || owner === '' || repo === '') return undefined
  return { owner, repo, number }
}

export function planDiff(input: DiffPlanInput): DiffPlan {
  const pullRequest = pullRequestRef(input)
  if (input.configured !== undefined) {
    return {
      kind: 'compare',
      base: input.configured,
      explicit: true,
      ...(pullRequest && { pullRequest }),
    }
  }
  if (!PULL_REQUEST_EVENTS.has(input.eventName)) {
    const event = input.eventName === '' ? 'outside GitHub' : `a ${input.eventName} event`
    return {
      kind: 'none',
      reason: `no base: not a pull request (${event}); set diff-base to compare with a branch`,
    }
  }
  const sha = field(field(field(input.payload, 'pull_request'), 'base'), 'sha')
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) {
    return { kind: 'none', reason: 'no base: the event names no pull request base commit' }
  }
  return { kind: 'compare', base: sha, explicit: false, ...(pullRequest && { pullRequest }) }
}

/** "1a2b3c4" for a full sha, the ref itself otherwise: for the log and the report. */
export function shortBase(base: string): string {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(base) ? base.slice(0, 7) : base
}
