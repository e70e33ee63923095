/**
 * Pull requests from forks: the pull request run has a read-only token, so
 * dist/main.js keeps the comment as an artifact; a second run on a
 * workflow_run event with comment-from-run (the companion) reads it from the
 * first run through the REST API and the real @actions/artifact client,
 * checks it against the pull request, and posts it. Loopback stand-ins: GitHub's REST API, the results
 * service, Azurite.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../harness/azurite.js'
import {
  GITHUB_TOKEN,
  type GitHubApi,
  READ_ONLY_TOKEN,
  startGitHubApi,
} from '../harness/github-api.js'
import { DEBIAN_PYTHON } from '../harness/paths.js'
import { pullRequestEvent, QUICK_INPUTS } from '../harness/pull-request.js'
import { type ResultsService, startResultsService } from '../harness/results-service.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const PR_RUN = 1001
const NUMBER = 7
const HEAD = 'c0ffee'.padEnd(40, '0')
const FORK = 'contributor/repo'

let azurite: Azurite
let service: ResultsService
let api: GitHubApi
let prRun: ActionResult
const results: ActionResult[] = []

function warnings(result: ActionResult): string[] {
  return result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
}

async function companion(run = PR_RUN, token = GITHUB_TOKEN): Promise<ActionResult> {
  const result = await runAction({
    eventName: 'workflow_run',
    // workflow_run.pull_requests is empty for a fork: the number comes from the artifact.
    payload: { action: 'completed', workflow_run: { id: run, pull_requests: [] } },
    inputs: { 'github-token': token, 'comment-from-run': String(run) },
    env: { ...service.env({ run: '2001' }), GITHUB_API_URL: api.url },
  })
  results.push(result)
  return result
}

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  api = await startGitHubApi({ results: service })
  api.addWorkflowRun({
    id: PR_RUN,
    event: 'pull_request',
    head_branch: 'feature',
    head_sha: HEAD,
    head_repository: FORK,
  })
  api.addWorkflowRun({ id: PR_RUN + 1, event: 'push' })
  api.setPullRequest(NUMBER, { sha: HEAD, repo: FORK })
  prRun = await runAction({
    fixture: 'setuptools-pyproject',
    toolCachePython: true,
    ...pullRequestEvent({ number: NUMBER, head: { sha: HEAD, repo: FORK } }),
    inputs: { ...QUICK_INPUTS, 'github-token': READ_ONLY_TOKEN },
    env: { ...service.env({ run: String(PR_RUN) }), GITHUB_API_URL: api.url },
  })
  results.push(prRun)
})
afterAll(async () => {
  for (const r of results) r.cleanup()
  await api?.close()
  await service?.close()
  await azurite?.stop()
})

describe('a pull request run with a read-only token', () => {
  it('stays green and warns once that the comment was not posted', () => {
    if (prRun.exitCode !== 0) throw new Error(describeRun(prRun))
    const [warning, ...more] = warnings(prRun)
    expect(more).toEqual([])
    expect(warning).toContain('The pull request comment was not posted')
    expect(warning).toContain('Resource not accessible by integration')
    expect(api.comments).toEqual([])
  })

  it('keeps the comment, the pull request and the head commit in an artifact', async () => {
    const record = service.artifacts.find((a) => a.name === 'python-ci-comment')
    if (!record) throw new Error(`no comment artifact:\n${describeRun(prRun)}`)
    expect(record.runId).toBe(String(PR_RUN))
    expect(prRun.stdout).toContain('The comment was kept as artifact python-ci-comment')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'companion-'))
    writeFileSync(path.join(dir, 'a.zip'), await service.artifactBlob(record))
    const text = execFileSync(
      DEBIAN_PYTHON,
      [
        '-c',
        'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())',
        'a.zip',
        'python-ci-comment.json',
      ],
      { cwd: dir, encoding: 'utf8' },
    )
    const request = JSON.parse(text) as Record<string, unknown>
    expect(request).toMatchObject({
      format: 2,
      repository: 'owner/repo',
      number: NUMBER,
      headSha: HEAD,
      commentId: '',
    })
    // Data, not Markdown: the companion renders the comment itself.
    expect(request.body).toBeUndefined()
    const results = request.results as { test: { results: { passed: number } } }
    expect(String(results.test.results.passed)).toBe(prRun.outputs.passed)
    expect(text).not.toContain('<!--')
  })
})

describe('the workflow_run companion', () => {
  it('posts the kept comment on the pull request, once, and gives its URL', async () => {
    const first = await companion()
    if (first.exitCode !== 0) throw new Error(describeRun(first))
    expect(warnings(first)).toEqual([])
    const ours = api.comments.filter((c) => c.issue === NUMBER)
    expect(ours).toHaveLength(1)
    expect(ours[0]?.body.split('\n')[0]).toBe('<!-- python-ci-action -->')
    expect(ours[0]?.body).toContain(`${prRun.outputs.passed} passed`)
    // The verdict is the run's conclusion as the API gives it (the stand-in's default: success).
    expect(ours[0]?.body).toContain('## ✅ Python CI: passed')
    expect(ours[0]?.body).toContain(`Workflow run ${PR_RUN} concluded success`)
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/owner/repo/pull/${NUMBER}#issuecomment-${ours[0]?.id}`,
    )
    expect(first.summary).toContain(`#${NUMBER}: created`)
    // It ran nothing of the project: no Python was set up.
    expect(first.outputs['python-version']).toBeUndefined()

    const again = await companion()
    expect(again.exitCode).toBe(0)
    expect(api.comments.filter((c) => c.issue === NUMBER)).toHaveLength(1)
    expect(again.summary).toContain(`#${NUMBER}: unchanged`)
  })

  it('refuses a request for a pull request that is not at the commit the run tested', async () => {
    const before = api.comments.map((c) => c.body)
    api.setPullRequest(NUMBER, { sha: 'b'.repeat(40), repo: FORK })
    try {
      const result = await companion()
      expect(result.exitCode).toBe(0)
      const [warning, ...more] = warnings(result)
      expect(more).toEqual([])
      expect(warning).toContain(
        `pull request #${NUMBER} is at bbbbbbb, not at the commit the run tested (c0ffee0)`,
      )
      expect(api.comments.map((c) => c.body)).toEqual(before)
    } finally {
      api.setPullRequest(NUMBER, { sha: HEAD, repo: FORK })
    }
  })

  it('posts nothing for a run that was not a pull request', async () => {
    const result = await companion(PR_RUN + 1)
    expect(result.exitCode).toBe(0)
    expect(warnings(result)).toEqual([])
    expect(result.stdout).toContain(`run ${PR_RUN + 1} was started by push, not a pull request`)
  })

  it('warns once when the token may not read the run', async () => {
    const result = await companion(PR_RUN, 'ghs_unknown')
    expect(result.exitCode).toBe(0)
    const [warning, ...more] = warnings(result)
    expect(more).toEqual([])
    expect(warning).toContain(`Run ${PR_RUN} could not be read`)
    expect(warning).toContain('401: Bad credentials')
    // ::add-mask:: hands it to the runner, which shows no such line.
    const shown = result.stdout.replace(/^::add-mask::.*$/gm, '')
    expect(`${shown}${result.stderr}`).not.toContain('ghs_unknown')
    expect(result.commands).toContainEqual(
      expect.objectContaining({ name: 'add-mask', message: 'ghs_unknown' }),
    )
  })
})
