/**
 * What the end-to-end tests of the pull request report share: a
 * pull_request event as GitHub sends it, and the inputs that keep a run short.
 */
import { afterAll, beforeAll } from '@jest/globals'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from './github-api.js'
import { type ActionResult, type RunOptions, runAction } from './runner.js'

/** No cache and no dists artifact: what a test of the report does not look at. */
export const QUICK_INPUTS: Readonly<Record<string, string>> = {
  cache: 'false',
  'dists-artifact': 'false',
}

export const REPOSITORY = 'owner/repo'

export interface PullRequestShape {
  readonly number: number
  /** Default ref main; sha only when given. */
  readonly base?: { readonly ref?: string; readonly sha?: string }
  /** Default ref feature in this repository; a `repo` other than owner/repo is a fork. */
  readonly head?: { readonly ref?: string; readonly sha?: string; readonly repo?: string }
}

/** eventName, ref and payload of a pull_request (synchronize) event on this pull request. */
export function pullRequestEvent(
  pr: PullRequestShape,
): Required<Pick<RunOptions, 'eventName' | 'ref' | 'payload'>> {
  const repo = { full_name: REPOSITORY, fork: false, default_branch: 'main' }
  const headRepo = pr.head?.repo ?? REPOSITORY
  const { number } = pr
  return {
    eventName: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    payload: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        base: { ref: 'main', ...pr.base, repo },
        head: {
          ref: 'feature',
          ...pr.head,
          repo: { full_name: headRepo, fork: headRepo !== REPOSITORY },
        },
      },
      repository: repo,
    },
  }
}

/**
 * A GitHub API stand-in for one test file and runs of the step on its pull
 * requests (the setuptools-pyproject fixture unless told), all closed and
 * cleaned up after the file.
 */
export function pullRequestSuite(env: Readonly<Record<string, string>> = {}) {
  let started: GitHubApi | undefined
  const results: ActionResult[] = []
  beforeAll(async () => {
    started = await startGitHubApi()
  })
  afterAll(async () => {
    for (const r of results) r.cleanup()
    await started?.close()
  })
  const api = (): GitHubApi => {
    if (started === undefined) throw new Error('the GitHub API stand-in starts in beforeAll')
    return started
  }
  return {
    get api(): GitHubApi {
      return api()
    },
    /** Every run so far. */
    results: results as readonly ActionResult[],
    async runOnPr(
      number: number,
      inputs: Readonly<Record<string, string>> = {},
      fixture = 'setuptools-pyproject',
    ): Promise<ActionResult> {
      const result = await runAction({
        fixture,
        toolCachePython: true,
        ...pullRequestEvent({ number }),
        inputs: { ...QUICK_INPUTS, 'github-token': GITHUB_TOKEN, ...inputs },
        env: { GITHUB_API_URL: api().url, ...env },
      })
      results.push(result)
      return result
    },
  }
}
