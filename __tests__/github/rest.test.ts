import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { GitHubApiError, GitHubClient, nextLink } from '../../src/github/rest.js'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from '../harness/github-api.js'

let api: GitHubApi
const waits: number[] = []
const client = (token = GITHUB_TOKEN, attempts = 4) =>
  new GitHubClient({
    token,
    env: { GITHUB_API_URL: api.url },
    attempts,
    baseDelayMs: 5,
    sleep: async (ms) => {
      waits.push(ms)
    },
  })

beforeEach(async () => {
  api = await startGitHubApi()
  waits.length = 0
})
afterEach(() => api.close())

describe('nextLink', () => {
  it.each([
    ['<https://a/x?page=2>; rel="next", <https://a/x?page=5>; rel="last"', 'https://a/x?page=2'],
    ['<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel="next"', 'https://a/x?page=3'],
    ['<https://a/x?page=5>; rel="last"', undefined],
    [undefined, undefined],
  ])('%s', (link, expected) => {
    expect(nextLink(link)).toBe(expected)
  })
})

describe('GitHubClient', () => {
  it('pages through every comment by the Link header', async () => {
    for (let i = 0; i < 250; i++) api.addComment(7, `comment ${i}`)
    const all = await client().paginate<{ body: string }>(
      '/repos/owner/repo/issues/7/comments?per_page=100',
    )
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i}`))
    expect(api.requests.map((r) => r.path)).toEqual([
      '/repos/owner/repo/issues/7/comments?per_page=100',
      '/repos/owner/repo/issues/7/comments?per_page=100&page=2',
      '/repos/owner/repo/issues/7/comments?per_page=100&page=3',
    ])
  })

  it('keeps the path of GITHUB_API_URL (GHES /api/v3)', () => {
    const c = new GitHubClient({
      token: 't',
      env: { GITHUB_API_URL: 'https://ghe.example/api/v3/' },
    })
    expect(c.url('/repos/o/r')).toBe('https://ghe.example/api/v3/repos/o/r')
    expect(new GitHubClient({ token: 't', env: {} }).url('/user')).toBe(
      'https://api.github.com/user',
    )
  })

  it('retries 5xx with doubling backoff', async () => {
    api.failNext(2)
    const response = await client().request('POST', '/repos/owner/repo/issues/7/comments', {
      body: 'hi',
    })
    expect(response.status).toBe(201)
    expect(waits).toEqual([5, 10])
    expect(api.comments).toHaveLength(1)
  })

  it('honours retry-after on a secondary rate limit', async () => {
    api.rateLimitNext(2)
    await client().request('GET', '/repos/owner/repo/issues/7/comments')
    expect(waits).toEqual([2000])
  })

  it('gives up after the last attempt with the status and GitHub message', async () => {
    api.failNext(5)
    const error = await client(GITHUB_TOKEN, 3)
      .request('GET', '/repos/owner/repo/issues/7/comments')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubApiError)
    expect(error).toMatchObject({ status: 500, githubMessage: 'Server Error' })
    expect(waits).toEqual([5, 10])
  })

  it('does not retry a refusal, and never names the token', async () => {
    const error = await client('ghp_secret')
      .request('GET', '/user')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubApiError)
    expect((error as Error).message).toBe('GET /user returned 401: Bad credentials')
    expect(waits).toEqual([])
  })

  it("shows GitHub's validation errors", async () => {
    const error = await client()
      .request('POST', '/repos/owner/repo/issues/7/comments', { body: 'x'.repeat(65_537) })
      .catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      'POST /repos/owner/repo/issues/7/comments returned 422: Validation Failed (body is too long (maximum is 65536 characters))',
    )
  })

  it('reports a refused connection after retries as status 0', async () => {
    await api.close()
    const error = await client(GITHUB_TOKEN, 2)
      .request('GET', '/user')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 0 })
    expect(waits).toEqual([5])
    api = await startGitHubApi()
  })
})
