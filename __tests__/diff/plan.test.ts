import { describe, expect, it } from '@jest/globals'
import { type DiffPlanInput, planDiff } from '../../src/diff/plan.js'
import { parseRunEvent } from '../../src/github/run-event.js'
import { shortBase } from '../../src/report/figures.js'

const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'

function pr(number: number, base: unknown = { sha: SHA }) {
  return { number, pull_request: { number, base } }
}

interface Overrides {
  readonly configured?: string
  readonly eventName?: string
  readonly repository?: string
  readonly payload?: unknown
}

function input(overrides: Overrides): DiffPlanInput {
  const { configured, eventName, repository, payload } = {
    eventName: 'pull_request',
    repository: 'owner/repo',
    payload: pr(7),
    ...overrides,
  }
  const env = { GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: repository }
  return { configured, event: parseRunEvent(env, payload) }
}

const PULL = { owner: 'owner', repo: 'repo', number: 7 }

describe('planDiff', () => {
  it.each<[string, Overrides, ReturnType<typeof planDiff>]>([
    [
      'a pull request: its base commit',
      {},
      { kind: 'compare', base: SHA, explicit: false, pullRequest: PULL },
    ],
    [
      'pull_request_target: the same',
      { eventName: 'pull_request_target' },
      { kind: 'compare', base: SHA, explicit: false, pullRequest: PULL },
    ],
    [
      'diff-base on a pull request: git only, the API knows only the base',
      { configured: 'origin/develop' },
      { kind: 'compare', base: 'origin/develop', explicit: true, pullRequest: PULL },
    ],
    [
      'diff-base on a push',
      { configured: 'origin/main', eventName: 'push', payload: {} },
      { kind: 'compare', base: 'origin/main', explicit: true },
    ],
    [
      'diff-base outside GitHub (the CLI)',
      { configured: 'v1.0', eventName: '', repository: '', payload: {} },
      { kind: 'compare', base: 'v1.0', explicit: true },
    ],
    [
      'a push without diff-base',
      { eventName: 'push', payload: {} },
      {
        kind: 'none',
        reason:
          'no base: not a pull request (a push event); set diff-base to compare with a branch',
      },
    ],
    [
      'the CLI without diff-base',
      { eventName: '', payload: {} },
      {
        kind: 'none',
        reason:
          'no base: not a pull request (outside GitHub); set diff-base to compare with a branch',
      },
    ],
    [
      'a pull request payload without a base sha',
      { payload: pr(7, {}) },
      { kind: 'none', reason: 'no base: the event names no pull request base commit' },
    ],
    [
      'a base sha that is no sha',
      { payload: pr(7, { sha: '--output=/tmp/x' }) },
      { kind: 'none', reason: 'no base: the event names no pull request base commit' },
    ],
    [
      'no repository: git only',
      { repository: '' },
      { kind: 'compare', base: SHA, explicit: false },
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(planDiff(input(overrides))).toEqual(expected)
  })
})

describe('shortBase', () => {
  it.each([
    [SHA, '1a2b3c4'],
    ['origin/main', 'origin/main'],
    ['1a2b3c4', '1a2b3c4'],
  ])('%s -> %s', (base, short) => {
    expect(shortBase(base)).toBe(short)
  })
})
