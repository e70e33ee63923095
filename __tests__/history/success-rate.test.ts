import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parseRunEvent, readEventPayload, workflowFile } from '../../src/github/run-event.js'
import { fetchHistory } from '../../src/history/history.js'
import { baseBranch, ratePercent, successRate } from '../../src/history/success-rate.js'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from '../harness/github-api.js'
import { replayedLines } from '../helpers/log.js'

/** The entry point's one read of the event file, then the fetch. */
const fetchHistoryIn = (...[env, ...rest]: DropEvent<Parameters<typeof fetchHistory>>) =>
  fetchHistory(env, parseRunEvent(env, readEventPayload(env.GITHUB_EVENT_PATH)), ...rest)
type DropEvent<T> = T extends [infer E, unknown, ...infer R] ? [E, ...R] : never

describe('workflowFile', () => {
  it.each([
    ['owner/repo/.github/workflows/ci.yml@refs/heads/main', 'ci.yml'],
    ['owner/repo/.github/workflows/build and test.yaml@refs/pull/7/merge', 'build and test.yaml'],
    ['o/r/.github/workflows/release.yml@refs/tags/v1@beta', 'release.yml'],
    ['owner/repo/.github/workflows/ci.yml', 'ci.yml'],
    ['', undefined],
    [undefined, undefined],
    ['owner/repo@refs/heads/main', undefined],
  ])('%j -> %j', (ref, expected) => {
    expect(workflowFile(ref)).toBe(expected)
  })
})

describe('baseBranch', () => {
  const pr = {
    pull_request: { base: { ref: 'release/2.x' } },
    repository: { default_branch: 'main' },
  }
  it.each([
    ['pull_request', 'refs/pull/7/merge', pr, 'release/2.x'],
    ['pull_request_target', 'refs/heads/main', pr, 'release/2.x'],
    ['pull_request', 'refs/pull/7/merge', {}, undefined],
    ['push', 'refs/heads/dev', { repository: { default_branch: 'main' } }, 'dev'],
    ['push', 'refs/tags/v1.0', { repository: { default_branch: 'main' } }, 'main'],
    ['schedule', 'refs/heads/main', { repository: { default_branch: 'trunk' } }, 'trunk'],
    ['workflow_dispatch', 'refs/heads/x', {}, undefined],
  ])('%s %s -> %j', (event, ref, payload, expected) => {
    expect(baseBranch(parseRunEvent({ GITHUB_EVENT_NAME: event, GITHUB_REF: ref }, payload))).toBe(
      expected,
    )
  })
})

describe('ratePercent', () => {
  it.each([
    [17, 20, 85],
    [7, 8, 87.5],
    [2, 3, 66.7],
    [1, 3, 33.3],
    [0, 5, 0],
    [5, 5, 100],
    [0, 0, 0],
  ])('%i of %i -> %d', (successes, completed, expected) => {
    expect(ratePercent(successes, completed)).toBe(expected)
  })
})

describe('successRate', () => {
  const where = { branch: 'main', workflow: 'ci.yml', window: 20 }
  const runs = (...conclusions: (string | null)[]) =>
    conclusions.map((conclusion) => ({ status: 'completed', conclusion }))

  it.each([
    ['all green', runs('success', 'success'), 'measured', 2, 2, 0, 100],
    [
      'failures, time-outs and start-up failures count against',
      runs('success', 'failure', 'timed_out', 'startup_failure'),
      'measured',
      1,
      4,
      0,
      25,
    ],
    [
      'skipped, neutral, action_required, stale and cancelled runs are left out',
      runs('success', 'skipped', 'neutral', 'action_required', 'stale', 'cancelled', 'failure'),
      'measured',
      1,
      2,
      5,
      50,
    ],
    [
      'a completed run without a conclusion counts as not green',
      runs('success', null),
      'measured',
      1,
      2,
      0,
      50,
    ],
    ['no runs', [], 'no-runs', 0, 0, 0, 0],
    ['only skipped runs', runs('skipped', 'skipped'), 'no-runs', 0, 0, 2, 0],
  ] as const)('%s', (_, list, kind, successes, completed, notCounted, percent) => {
    expect(successRate(list, where, 'owner/repo')).toEqual({
      kind,
      ...where,
      successes,
      completed,
      notCounted,
      percent,
    })
  })

  it('ignores runs still going, and counts the newest `window` completed ones only', () => {
    const list = [
      { status: 'in_progress', conclusion: null },
      ...runs('failure', 'success', 'success'),
    ]
    expect(successRate(list, { ...where, window: 2 }, 'owner/repo')).toMatchObject({
      successes: 1,
      completed: 2,
      percent: 50,
    })
  })

  it("leaves out forks' pull request runs from a branch of the same name", () => {
    const fork = { head_repository: { full_name: 'someone/repo' } }
    const ours = { head_repository: { full_name: 'owner/repo' } }
    const list = [
      { status: 'completed', conclusion: 'failure', ...fork },
      { status: 'completed', conclusion: 'failure', ...fork },
      { status: 'completed', conclusion: 'success', ...ours },
      { status: 'completed', conclusion: 'failure', ...ours },
    ]
    expect(successRate(list, { ...where, window: 2 }, 'owner/repo')).toMatchObject({
      successes: 1,
      completed: 2,
      percent: 50,
    })
  })
})

describe('fetchHistory against the API stand-in', () => {
  let api: GitHubApi
  let dir: string
  const services = { baseDelayMs: 1, sleep: async () => {} }
  const env = (event: string, payload: unknown, extra: Record<string, string> = {}) => {
    const file = path.join(dir, 'event.json')
    writeFileSync(file, JSON.stringify(payload))
    return {
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_WORKFLOW_REF: 'owner/repo/.github/workflows/ci.yml@refs/pull/3/merge',
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: file,
      GITHUB_REF: 'refs/pull/3/merge',
      ...extra,
    }
  }
  const prEnv = () => env('pull_request', { pull_request: { number: 3, base: { ref: 'main' } } })
  beforeEach(async () => {
    api = await startGitHubApi()
    dir = mkdtempSync(path.join(os.tmpdir(), 'history-'))
  })
  afterEach(async () => {
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('asks for one page of completed runs of this workflow on the base branch', async () => {
    api.addWorkflowRun({ id: 1, conclusion: 'failure' })
    api.addWorkflowRun({ id: 2 })
    api.addWorkflowRun({ id: 3, head_branch: 'feature' })
    api.addWorkflowRun({
      id: 4,
      workflow_path: '.github/workflows/docs.yml',
      conclusion: 'failure',
    })
    api.addWorkflowRun({ id: 5, status: 'in_progress' })
    api.addWorkflowRun({ id: 6, conclusion: 'skipped' })
    const { history, log } = await fetchHistoryIn(
      prEnv(),
      { token: GITHUB_TOKEN, window: 3 },
      services,
    )
    expect(api.requests.map((r) => r.path)).toEqual([
      '/repos/owner/repo/actions/workflows/ci.yml/runs?branch=main&status=completed&per_page=100',
    ])
    // The newest three completed runs on main: 6 (skipped), 2, 1.
    expect(history).toEqual({
      kind: 'measured',
      branch: 'main',
      workflow: 'ci.yml',
      window: 3,
      successes: 1,
      completed: 2,
      notCounted: 1,
      percent: 50,
    })
    expect(replayedLines(log)).toEqual([])
  })

  it('says "no runs" for a branch without completed runs', async () => {
    api.addWorkflowRun({ id: 1, head_branch: 'other' })
    const { history } = await fetchHistoryIn(prEnv(), { token: GITHUB_TOKEN, window: 20 }, services)
    expect(history).toMatchObject({ kind: 'no-runs', branch: 'main', completed: 0 })
  })

  it('turns a lasting 500 into one warning and "not measured"', async () => {
    api.failNext(4)
    const { history, log } = await fetchHistoryIn(
      prEnv(),
      { token: GITHUB_TOKEN, window: 20 },
      services,
    )
    expect(history).toEqual({
      kind: 'not-measured',
      reason: 'the workflow runs API failed (see the warning)',
    })
    const lines = replayedLines(log)
    expect(lines.filter((l) => l.startsWith('info')).length).toBe(3)
    expect(lines.filter((l) => l.startsWith('warning'))).toEqual([
      'warning The build success rate was not measured: GET /repos/owner/repo/actions/workflows/ci.yml/runs?branch=main&status=completed&per_page=100 returned 500: Server Error. GitHub did not answer, after retries. The other results are not affected.',
    ])
  })

  it('names the permission when GitHub refuses', async () => {
    const { log } = await fetchHistoryIn(prEnv(), { token: 'ghs_unknown', window: 20 }, services)
    expect(replayedLines(log).join('\n')).toContain(
      'returned 401: Bad credentials. GitHub refused the request.',
    )
    const other = await fetchHistoryIn(
      { ...prEnv(), GITHUB_REPOSITORY: 'owner/private' },
      { token: GITHUB_TOKEN, window: 20 },
      services,
    )
    expect(replayedLines(other.log).join('\n')).toContain('"permissions: actions: read"')
  })

  it.each([
    [{ token: undefined }, {}, 'github-token is empty'],
    [{}, { GITHUB_WORKFLOW_REF: '' }, 'GITHUB_WORKFLOW_REF names no workflow file'],
    [{}, { GITHUB_REPOSITORY: '' }, 'GITHUB_REPOSITORY is not owner/name'],
    [{}, { GITHUB_EVENT_NAME: 'workflow_dispatch' }, 'the event names no base branch'],
  ])('does not ask without what it needs: %j %j', async (request, extra, reason) => {
    const { history, log } = await fetchHistoryIn(
      { ...prEnv(), ...extra },
      { token: GITHUB_TOKEN, window: 20, ...request },
      services,
    )
    expect(history).toEqual({ kind: 'not-measured', reason })
    expect(replayedLines(log)).toEqual([])
    expect(api.requests).toEqual([])
  })
})
