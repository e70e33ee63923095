import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  isPullRequestEvent,
  parseRunEvent,
  type RunEvent,
  readEventPayload,
} from '../../src/github/run-event.js'

const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'
const ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REF: 'refs/pull/7/merge',
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'owner/repo',
  GITHUB_WORKFLOW_REF: 'owner/repo/.github/workflows/ci.yml@refs/pull/7/merge',
  GITHUB_RUN_ID: '123',
  GITHUB_SERVER_URL: 'https://github.example/',
  GITHUB_API_URL: 'https://github.example/api/v3',
}
const PULL = {
  number: 7,
  pull_request: {
    number: 7,
    base: { ref: 'main', sha: 'b'.repeat(40) },
    head: { ref: 'feature', sha: 'c'.repeat(40), repo: { full_name: 'owner/repo', fork: false } },
  },
  repository: { default_branch: 'main' },
}

describe('parseRunEvent', () => {
  it('reads a pull request run whole', () => {
    expect(parseRunEvent(ENV, PULL)).toEqual({
      name: 'pull_request',
      ref: 'refs/pull/7/merge',
      sha: SHA,
      repositoryName: 'owner/repo',
      repository: { owner: 'owner', repo: 'repo' },
      defaultBranch: 'main',
      fork: false,
      isPullRequest: true,
      pullRequest: {
        number: 7,
        baseRef: 'main',
        baseSha: 'b'.repeat(40),
        headRef: 'feature',
        headSha: 'c'.repeat(40),
        headRepository: 'owner/repo',
        fromFork: false,
      },
      workflowFile: 'ci.yml',
      runId: 123,
      serverUrl: 'https://github.example',
      apiUrl: 'https://github.example/api/v3',
      onActions: true,
    })
  })

  it('is frozen', () => {
    const event = parseRunEvent(ENV, PULL)
    expect(Object.isFrozen(event)).toBe(true)
    expect(Object.isFrozen(event.pullRequest)).toBe(true)
    expect(Object.isFrozen(event.repository)).toBe(true)
  })

  it('outside GitHub: empty names, the public URLs, not on Actions', () => {
    expect(parseRunEvent({}, {})).toEqual({
      name: '',
      ref: '',
      sha: '',
      repositoryName: '',
      fork: false,
      isPullRequest: false,
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      onActions: false,
    })
  })

  const head = (repo: unknown) => ({ pull_request: { number: 7, head: { repo } } })
  it.each<[string, unknown, boolean]>([
    ['same repository', head({ full_name: 'owner/repo' }), false],
    ['another repository', head({ full_name: 'someone/repo' }), true],
    ['a repository marked fork', head({ full_name: 'owner/repo', fork: true }), true],
    ['a deleted head repository', head(null), true],
    ['no head repository named', { pull_request: { number: 7 } }, false],
    ['the run repository is a fork', { repository: { fork: true } }, true],
  ])('fork: %s', (_label, payload, fork) => {
    expect(parseRunEvent(ENV, payload).fork).toBe(fork)
  })

  it.each<[string, unknown, number | undefined]>([
    ['pull_request', { pull_request: { number: 3 } }, 3],
    ['pull_request', { number: 3 }, 3],
    ['pull_request', { pull_request: { number: 0 } }, undefined],
    ['pull_request', { pull_request: { number: '7' } }, undefined],
    ['pull_request', null, undefined],
    ['pull_request_target', { pull_request: { number: 4 } }, 4],
    ['issue_comment', { issue: { number: 5, pull_request: {} } }, 5],
    ['issue_comment', { issue: { number: 5 } }, undefined],
    ['workflow_run', { workflow_run: { pull_requests: [{ number: 6 }] } }, 6],
    ['workflow_run', { workflow_run: { pull_requests: 'x' } }, undefined],
    ['push', { number: 3 }, undefined],
  ])('%s %j names pull request %s', (name, payload, number) => {
    expect(parseRunEvent({ GITHUB_EVENT_NAME: name }, payload).pullRequest?.number).toBe(number)
  })

  it.each<[string, unknown, RunEvent['release']]>([
    [
      'a published release',
      { action: 'published', release: { tag_name: 'v1.0' } },
      { action: 'published', tag: 'v1.0' },
    ],
    ['no tag', { action: 'created' }, { action: 'created' }],
    ['nothing', {}, undefined],
    ['a non-string tag', { release: { tag_name: 1 } }, undefined],
  ])('release: %s', (_label, payload, release) => {
    expect(parseRunEvent({ GITHUB_EVENT_NAME: 'release' }, payload).release).toEqual(release)
  })

  it.each<[string, RunEvent['repository']]>([
    ['owner/repo', { owner: 'owner', repo: 'repo' }],
    ['owner', undefined],
    ['/repo', undefined],
    ['', undefined],
  ])('repository %j', (name, repository) => {
    expect(parseRunEvent({ GITHUB_REPOSITORY: name }, {}).repository).toEqual(repository)
  })

  it.each([
    ['owner/repo/.github/workflows/ci.yml@refs/heads/main', 'ci.yml'],
    ['owner/repo/.github/workflows/build and test.yaml@refs/pull/7/merge', 'build and test.yaml'],
    ['owner/repo/.github/workflows/ci.yml@refs/heads/a@b', 'ci.yml'],
    ['owner/repo@refs/heads/main', undefined],
    [undefined, undefined],
  ])('workflow file of %j is %j', (ref, file) => {
    expect(parseRunEvent({ GITHUB_WORKFLOW_REF: ref }, {}).workflowFile).toBe(file)
  })

  it.each([
    ['pull_request', true],
    ['pull_request_target', true],
    ['pull_request_review', false],
    ['push', false],
  ])('%s is a pull request event: %s', (name, expected) => {
    expect(isPullRequestEvent(name)).toBe(expected)
    expect(parseRunEvent({ GITHUB_EVENT_NAME: name }, {}).isPullRequest).toBe(expected)
  })
})

describe('readEventPayload', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'run-event-'))
  it.each<[string, string | undefined, unknown]>([
    ['JSON', '{"number": 7}', { number: 7 }],
    ['not JSON', '{', {}],
    ['no file', undefined, {}],
  ])('%s', (label, text, expected) => {
    const file = path.join(dir, `${label}.json`)
    if (text !== undefined) writeFileSync(file, text)
    expect(readEventPayload(file)).toEqual(expected)
  })

  it('no path: {}', () => {
    expect(readEventPayload(undefined)).toEqual({})
  })
})
