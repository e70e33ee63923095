import { describe, expect, it } from '@jest/globals'
import {
  type CommentRequest,
  isRequestArtifact,
  parseCommentRequest,
  refuseRequest,
  requestArtifactName,
  runFacts,
  serializeCommentRequest,
} from '../../src/comment/request.js'
import { commentResultsOf } from '../../src/comment/results.js'
import { createMetrics } from '../helpers/metrics.js'

const HEAD = 'a'.repeat(40)
const OTHER = 'b'.repeat(40)

const request: Omit<CommentRequest, 'format'> = {
  repository: 'owner/repo',
  number: 7,
  headSha: HEAD,
  commentId: 'py3.12',
  results: commentResultsOf(createMetrics()),
}

describe('the comment request', () => {
  it('comes back as it was written', () => {
    expect(parseCommentRequest(serializeCommentRequest(request))).toEqual({
      format: 2,
      ...request,
    })
  })

  it.each<[string, unknown, string]>([
    ['not JSON', '{', 'is not JSON'],
    ['a list', [], 'is not an object'],
    ['another format', { ...request, format: 3 }, 'has format 3; this version reads 2'],
    [
      'a Markdown body (format 1)',
      {
        format: 1,
        repository: 'owner/repo',
        number: 7,
        headSha: HEAD,
        commentId: '',
        body: '## ✅ passed',
      },
      'has format 1 (a Markdown body',
    ],
    ['over 4 MB', `{"format": 2, "x": "${'x'.repeat(4 * 1024 * 1024)}"}`, 'is over 4 MB'],
    [
      'no repository',
      { ...request, format: 2, repository: 'owner' },
      'repository is not owner/name',
    ],
    ['number 0', { ...request, format: 2, number: 0 }, 'number is not a pull request number'],
    [
      'number as text',
      { ...request, format: 2, number: '7' },
      'number is not a pull request number',
    ],
    ['a short sha', { ...request, format: 2, headSha: 'abc' }, 'headSha is not a commit hash'],
    [
      'a comment-id that ends the marker',
      { ...request, format: 2, commentId: 'x -->' },
      'commentId is not a valid comment-id',
    ],
    ['without results', { ...request, format: 2, results: undefined }, 'results is not an object'],
    [
      'results that fail the schema',
      { ...request, format: 2, results: { ...request.results, stages: 'all ok' } },
      'results.stages is not a list',
    ],
  ])('is refused when it is %s', (_, value, message) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    const parsed = parseCommentRequest(text)
    expect('error' in parsed && parsed.error).toContain(message)
  })

  it.each([
    ['', 'python-ci-comment'],
    ['py3.12', 'python-ci-comment-py3.12'],
    ['pkg/a: py 3.12', 'python-ci-comment-pkg_a__py_3.12'],
  ])('for comment-id %j is the artifact %s', (id, name) => {
    expect(requestArtifactName(id)).toBe(name)
    expect(isRequestArtifact(name)).toBe(true)
  })

  it('is told apart from other artifacts', () => {
    expect(isRequestArtifact('python-ci-coverage')).toBe(false)
    expect(isRequestArtifact('python-ci-commentary')).toBe(false)
  })
})

describe('the run that kept the request', () => {
  it('is read from the runs API', () => {
    const run = {
      id: 42,
      event: 'pull_request',
      head_sha: HEAD,
      conclusion: 'failure',
      head_repository: { full_name: 'fork/repo' },
      pull_requests: [],
    }
    expect(runFacts(run)).toEqual({
      id: 42,
      event: 'pull_request',
      headSha: HEAD,
      headRepository: 'fork/repo',
      conclusion: 'failure',
    })
  })

  it.each([{}, null, { id: '42', head_sha: HEAD }, { id: 42 }])('is absent from %j', (run) =>
    expect(runFacts(run)).toBeUndefined(),
  )
})

describe('posting on behalf of the triggering run', () => {
  const parsed = { format: 2 as const, ...request }
  const run = {
    id: 42,
    event: 'pull_request',
    headSha: HEAD,
    headRepository: 'fork/repo',
    conclusion: 'success',
  }
  const pull = { sha: HEAD, repository: 'fork/repo' }

  it('is allowed for the pull request at the commit the run tested', () => {
    expect(refuseRequest(parsed, 'owner/repo', run, pull)).toBeUndefined()
  })

  it.each<[string, Partial<CommentRequest>, Partial<typeof pull>, string]>([
    ['another repository', { repository: 'else/repo' }, {}, 'it is for else/repo, not owner/repo'],
    ['another commit in the request', { headSha: OTHER }, {}, 'the run tested aaaaaaa'],
    [
      'a pull request at another commit',
      {},
      { sha: OTHER },
      'pull request #7 is at bbbbbbb, not at the commit the run tested (aaaaaaa)',
    ],
    [
      'a pull request from another fork',
      {},
      { repository: 'mallory/repo' },
      'pull request #7 comes from mallory/repo, the run from fork/repo',
    ],
  ])('is refused for %s', (_, change, pullChange, reason) => {
    expect(
      refuseRequest({ ...parsed, ...change }, 'owner/repo', run, { ...pull, ...pullChange }),
    ).toContain(reason)
  })
})
