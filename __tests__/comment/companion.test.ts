import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { RunArtifacts } from '../../src/artifacts/dists.js'
import { postRequestedComments } from '../../src/comment/companion.js'
import {
  type CommentRequest,
  REQUEST_FILE,
  requestArtifactName,
  serializeCommentRequest,
} from '../../src/comment/request.js'
import { commentResultsOf } from '../../src/comment/results.js'
import { parseRunEvent } from '../../src/github/run-event.js'
import { BufferedLog } from '../../src/log.js'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from '../harness/github-api.js'
import { createMetrics, createProblem, createResults, createTestRun } from '../helpers/metrics.js'

describe('postRequestedComments', () => {
  const HEAD = 'a'.repeat(40)
  const RUN = 77
  let api: GitHubApi
  let dir: string
  const env = () => ({ GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'owner/repo' })
  const settings = { mode: 'auto' as const, id: '', fromRun: RUN }
  const services = { baseDelayMs: 1, sleep: async () => {} }

  type Kept = { name: string; request: Omit<CommentRequest, 'format'> }[]

  /** The companion on a run whose artifacts are these requests, each under the given name. */
  const postFrom = (runArtifacts: RunArtifacts) =>
    postRequestedComments(
      new BufferedLog(),
      env(),
      parseRunEvent(env(), {}),
      settings,
      GITHUB_TOKEN,
      runArtifacts,
      dir,
      services,
    )
  const post = (kept: Kept) => postFrom(artifactsOf(kept))

  function artifactsOf(kept: Kept) {
    const runArtifacts: RunArtifacts = {
      list: async () => kept.map((k, i) => ({ id: i + 1, name: k.name })),
      download: async (id, _run, into) => {
        const k = kept[id - 1]
        if (k) writeFileSync(path.join(into, REQUEST_FILE), serializeCommentRequest(k.request))
      },
    }
    return runArtifacts
  }
  const request = (commentId: string, number = 5) => ({
    repository: 'owner/repo',
    number,
    headSha: HEAD,
    commentId,
    results: commentResultsOf(
      createMetrics({
        verdict: { ok: true, reasons: [] },
        test: createTestRun({
          results: createResults({
            problems: [
              createProblem({
                id: 'tests/test_x.py::test_[see](https://evil.example/login)',
                message: 'cc @maintainers <img src=x> www.evil.example',
              }),
            ],
          }),
        }),
      }),
    ),
  })

  beforeEach(async () => {
    api = await startGitHubApi()
    api.addWorkflowRun({ id: RUN, event: 'pull_request', head_sha: HEAD, conclusion: 'failure' })
    api.setPullRequest(5, { sha: HEAD, repo: 'owner/repo' })
    dir = mkdtempSync(path.join(os.tmpdir(), 'companion-test-'))
  })
  afterEach(async () => {
    await api.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("posts each kept comment rendered from its results, with the run's conclusion", async () => {
    const kept = [
      { name: requestArtifactName(''), request: request('') },
      { name: requestArtifactName('py3.12'), request: request('py3.12') },
    ]
    const result = await post(kept)
    expect(result.problems).toEqual([])
    expect(result.posted.map((p) => [p.number, p.action])).toEqual([
      [5, 'created'],
      [5, 'created'],
    ])
    const [first, second] = api.comments.map((c) => c.body)
    expect(first?.split('\n')[0]).toBe('<!-- python-ci-action -->')
    expect(second?.split('\n')[0]).toBe('<!-- python-ci-action comment-id: py3.12 -->')
    expect(second).toContain('## ❌ Python CI · py3.12: failed')
    for (const body of [first ?? '', second ?? '']) {
      // The artifact said passed; GitHub says the run failed.
      expect(body).toContain('## ❌ Python CI')
      expect(body).toContain(
        `Workflow run ${RUN} concluded failure, as GitHub&#39;s API reports it`,
      )
      expect(body).not.toContain('@maintainers')
      expect(body).not.toContain('<img')
      expect(body).not.toContain('](https://')
      expect(body).not.toMatch(/https:\/\/|www\./)
    }
  })

  it('refuses a request file over 4 MB on disk, however few characters it holds', async () => {
    // 2.5 million characters, 5 MB: two bytes each.
    const padded = (text: string) => `${text.slice(0, -1)}, "pad": "${'é'.repeat(2_500_000)}"}`
    const runArtifacts: RunArtifacts = {
      list: async () => [{ id: 1, name: requestArtifactName('') }],
      download: async (_id, _run, into) => {
        const text = padded(serializeCommentRequest(request('')))
        writeFileSync(path.join(into, REQUEST_FILE), text)
      },
    }
    const result = await postFrom(runArtifacts)
    expect(result.problems).toEqual([
      `The comment in artifact python-ci-comment of run ${RUN} was not posted: python-ci-comment.json is over 4 MB`,
    ])
    expect(api.comments).toEqual([])
  })

  it('refuses a request kept under another comment-id than its own', async () => {
    const kept = [{ name: requestArtifactName('a'), request: request('b') }]
    const result = await post(kept)
    expect(result.problems).toEqual([
      `The comment in artifact python-ci-comment-a of run ${RUN} was not posted: its comment-id would be kept as python-ci-comment-b`,
    ])
    expect(api.comments).toEqual([])
  })

  it('posts at most 20 comments for one run, and says so', async () => {
    const kept = Array.from({ length: 25 }, (_, i) => ({
      name: requestArtifactName(`job${i}`),
      request: request(`job${i}`),
    }))
    const result = await post(kept)
    expect(result.posted).toHaveLength(20)
    expect(api.comments).toHaveLength(20)
    expect(result.problems).toEqual([
      `Run ${RUN} kept 25 comments; only the first 20 are posted (one per comment-id is the most a workflow needs).`,
    ])
  })
})
