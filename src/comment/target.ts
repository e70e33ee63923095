/**
 * Whether this run comments on a pull request, and on which one. Pure: the
 * run event in, a decision out.
 */

import type { CommentMode } from '../config.js'
import type { RunEvent } from '../github/run-event.js'

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

/** Whether to comment for this event, and on which pull request. */
export function decideComment(mode: CommentMode, event: RunEvent): CommentDecision {
  if (mode === 'off') return { kind: 'skip', reason: 'comment: off' }
  if (mode !== 'always' && !event.isPullRequest) {
    return { kind: 'skip', reason: `not a pull request event (${event.name || 'no event'})` }
  }
  const number = event.pullRequest?.number
  if (number === undefined) {
    const reason = `the ${event.name || 'unknown'} event names no pull request to comment on`
    return mode === 'always' ? { kind: 'warn', reason } : { kind: 'skip', reason }
  }
  if (event.repository === undefined) {
    return {
      kind: 'warn',
      reason: `GITHUB_REPOSITORY (${JSON.stringify(event.repositoryName)}) is not owner/name`,
    }
  }
  return { kind: 'post', target: { ...event.repository, number } }
}
