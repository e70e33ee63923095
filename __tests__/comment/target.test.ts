import { describe, expect, it } from '@jest/globals'
import { decideComment } from '../../src/comment/target.js'
import type { CommentMode } from '../../src/config.js'
import { parseRunEvent } from '../../src/github/run-event.js'

const eventOf = (eventName: string, payload: unknown, repository = 'owner/repo') =>
  parseRunEvent({ GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: repository }, payload)
const pullRequestOf = (eventName: string, payload: unknown) =>
  eventOf(eventName, payload).pullRequest?.number

const PR = { pull_request: { number: 7 }, number: 7 }
const target = { owner: 'owner', repo: 'repo', number: 7 }

describe('decideComment', () => {
  it.each<[CommentMode, string, unknown, ReturnType<typeof decideComment>]>([
    ['auto', 'pull_request', PR, { kind: 'post', target }],
    ['auto', 'pull_request_target', PR, { kind: 'post', target }],
    ['on-change', 'pull_request', PR, { kind: 'post', target }],
    ['always', 'pull_request', PR, { kind: 'post', target }],
    ['off', 'pull_request', PR, { kind: 'skip', reason: 'comment: off' }],
    ['auto', 'push', {}, { kind: 'skip', reason: 'not a pull request event (push)' }],
    [
      'on-change',
      'workflow_dispatch',
      {},
      { kind: 'skip', reason: 'not a pull request event (workflow_dispatch)' },
    ],
    ['auto', '', {}, { kind: 'skip', reason: 'not a pull request event (no event)' }],
    [
      'always',
      'push',
      {},
      { kind: 'warn', reason: 'the push event names no pull request to comment on' },
    ],
    [
      'always',
      'issue_comment',
      { issue: { number: 7, pull_request: { url: 'x' } } },
      { kind: 'post', target },
    ],
    [
      'always',
      'issue_comment',
      { issue: { number: 7 } },
      { kind: 'warn', reason: 'the issue_comment event names no pull request to comment on' },
    ],
    [
      'always',
      'workflow_run',
      { workflow_run: { pull_requests: [{ number: 7 }] } },
      { kind: 'post', target },
    ],
    [
      'always',
      'workflow_run',
      { workflow_run: { pull_requests: [] } },
      { kind: 'warn', reason: 'the workflow_run event names no pull request to comment on' },
    ],
    [
      'auto',
      'pull_request',
      { pull_request: {} },
      { kind: 'skip', reason: 'the pull_request event names no pull request to comment on' },
    ],
  ])('%s on %s %j', (mode, eventName, payload, expected) => {
    expect(decideComment(mode, eventOf(eventName, payload))).toEqual(expected)
  })

  it('warns when GITHUB_REPOSITORY is not owner/name', () => {
    expect(decideComment('auto', eventOf('pull_request', PR, ''))).toEqual({
      kind: 'warn',
      reason: 'GITHUB_REPOSITORY ("") is not owner/name',
    })
  })

  it.each([
    ['pull_request', { number: 3 }, 3],
    ['pull_request', { pull_request: { number: 0 } }, undefined],
    ['pull_request', { pull_request: { number: '7' } }, undefined],
    ['pull_request', null, undefined],
    ['workflow_run', { workflow_run: { pull_requests: 'x' } }, undefined],
  ])('pullRequestOf %s %j is %s', (eventName, payload, expected) => {
    expect(pullRequestOf(eventName, payload)).toBe(expected)
  })
})
