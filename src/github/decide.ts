/**
 * Whether this run comments on a pull request, and on which one. Pure: the
 * event name and payload in, a decision out.
 */

export const COMMENT_MODES = ['auto', 'always', 'on-change', 'off'] as const
export type CommentMode = (typeof COMMENT_MODES)[number]

export interface CommentTarget {
  readonly owner: string
  readonly repo: string
  readonly number: number
}

export type CommentDecision =
  | { readonly kind: 'skip'; readonly reason: string }
  /** warn: the user asked for a comment (comment: always) that cannot be posted. */
  | { readonly kind: 'warn'; readonly reason: string }
  | { readonly kind: 'post'; readonly target: CommentTarget }

export interface CommentEventInput {
  readonly mode: CommentMode
  /** GITHUB_EVENT_NAME */
  readonly eventName: string
  /** GITHUB_REPOSITORY, owner/name */
  readonly repository: string
  /** The parsed GITHUB_EVENT_PATH file; {} when there is none. */
  readonly payload: unknown
}

export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
])

/** A key of an object in an untyped payload; undefined for anything else. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function prNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

/** The pull request a payload names, if it names one. */
export function pullRequestOf(eventName: string, payload: unknown): number | undefined {
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    return (
      prNumber(field(field(payload, 'pull_request'), 'number')) ??
      prNumber(field(payload, 'number'))
    )
  }
  // issue_comment on a pull request: the issue is the pull request.
  const issue = field(payload, 'issue')
  if (eventName === 'issue_comment' && field(issue, 'pull_request') !== undefined) {
    return prNumber(field(issue, 'number'))
  }
  // workflow_run lists the pull requests of its head branch, but only of the
  // same repository: for a fork it is empty.
  const runs = field(field(payload, 'workflow_run'), 'pull_requests')
  if (eventName === 'workflow_run' && Array.isArray(runs)) return prNumber(field(runs[0], 'number'))
  return undefined
}

export function decideComment(input: CommentEventInput): CommentDecision {
  const { mode, eventName } = input
  if (mode === 'off') return { kind: 'skip', reason: 'comment: off' }
  if (mode !== 'always' && !PULL_REQUEST_EVENTS.has(eventName)) {
    return { kind: 'skip', reason: `not a pull request event (${eventName || 'no event'})` }
  }
  const number = pullRequestOf(eventName, input.payload)
  const [owner = '', repo = ''] = input.repository.split('/')
  if (number === undefined) {
    const reason = `the ${eventName || 'unknown'} event names no pull request to comment on`
    return mode === 'always' ? { kind: 'warn', reason } : { kind: 'skip', reason }
  }
  if (owner === '' || repo === '') {
    return {
      kind: 'warn',
      reason: `GITHUB_REPOSITORY (${JSON.stringify(input.repository)}) is not owner/name`,
    }
  }
  return { kind: 'post', target: { owner, repo, number } }
}
