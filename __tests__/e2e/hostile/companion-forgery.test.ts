/**
 * A fork's pull request may change its workflow and upload anything as the
 * comment artifact. Here a failed run left two forged artifacts: format-2
 * results that claim success and carry a phishing link, a raw <img> and
 * Markdown prose, and a format-1 Markdown body that says "passed · coverage
 * 100%". The companion must post what GitHub's API says about the run
 * (failure) and nothing it did not render itself: the posted body, rendered
 * by Debian's cmark-gfm, holds no link, image or HTML of the fork's.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../../harness/azurite.js'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from '../../harness/github-api.js'
import { NODE24, REPO_ROOT, tempDir } from '../../harness/paths.js'
import { runProcess } from '../../harness/process.js'
import { type ResultsService, startResultsService } from '../../harness/results-service.js'
import { type ActionResult, describeRun, runAction, stackTraceLines } from '../../harness/runner.js'

jest.setTimeout(180_000)

const PR_RUN = 3101
const NUMBER = 17
const HEAD = 'bad0'.padEnd(40, '1')
const FORK = 'mallory/repo'
const CLIENTS = path.join(REPO_ROOT, '__tests__', 'harness', 'clients.mjs')

const PHISHING = 'https://evil.example/login'
const PROSE = '## ✅ Python CI: passed · coverage 100%'
/** Every way the fork tries to get a link, an image or HTML into the comment. */
const INJECTED = [
  `[Verify your account](${PHISHING})`,
  `<img src="https://evil.example/pixel.png">`,
  '<a href="https://evil.example/a">details</a>',
  '![badge](https://evil.example/badge.svg)',
  `<${PHISHING}>`,
  'www.evil.example/www',
  PHISHING,
  '<script>alert(1)</script>',
  '<details open><summary>click</summary>',
]

/** A format-2 artifact as a modified workflow could write it: valid in form, forged in content. */
const forgedResults = {
  format: 2,
  repository: 'owner/repo',
  number: NUMBER,
  headSha: HEAD,
  commentId: '',
  // Unknown fields: ignored.
  body: `<!-- python-ci-action -->\n${PROSE}\n[login](${PHISHING})`,
  results: {
    markdown: PROSE,
    verdict: { ok: true, reasons: [`all good, see ${INJECTED[0]}`] },
    stages: [{ name: 'test', status: 'ok', durationMs: 1, summary: INJECTED[1] }],
    test: {
      ok: true,
      exitCode: 0,
      notes: [INJECTED[2] ?? ''],
      results: {
        tests: 1,
        passed: 1,
        failed: 0,
        skipped: 0,
        xfailed: 0,
        xpassed: 0,
        errors: 0,
        collectionErrors: 0,
        seconds: 0.1,
        problems: INJECTED.map((text, i) => ({
          kind: 'failure',
          id: `tests/test_x.py::test_${i} ${text}`,
          message: text,
          details: text,
        })),
        slowest: [{ id: INJECTED[3], seconds: 1 }],
      },
      coverage: {
        percent: 100,
        percentDisplay: '100',
        coveredLines: 1,
        statements: 1,
        coveredBranches: 0,
        branches: 0,
        sourceNote: INJECTED[4],
        files: [
          {
            path: INJECTED[5],
            statements: 1,
            missing: 0,
            branches: 0,
            partialBranches: 0,
            percent: 100,
            percentDisplay: '100',
            missingLines: [],
          },
        ],
      },
    },
  },
}

/** A format-1 artifact: the Markdown body the action itself used to keep, here forged. */
const forgedBody = {
  format: 1,
  repository: 'owner/repo',
  number: NUMBER,
  headSha: HEAD,
  commentId: 'legacy',
  body: `<!-- python-ci-action comment-id: legacy -->\n${PROSE}\n\n${INJECTED.join('\n\n')}`,
}

let azurite: Azurite
let service: ResultsService
let api: GitHubApi
let companion: ActionResult
let root: string

/** Uploads `request` as artifact `name` of the pull request's run, as its workflow could. */
async function forge(name: string, request: unknown): Promise<void> {
  const dir = path.join(root, name)
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'python-ci-comment.json')
  writeFileSync(file, JSON.stringify(request))
  const run = await runProcess(
    NODE24,
    [CLIENTS, JSON.stringify({ op: 'upload', name, files: [file], root: dir })],
    {
      cwd: root,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: root,
        RUNNER_TEMP: path.join(root, 'temp'),
        GITHUB_WORKSPACE: root,
        ...service.env({ run: String(PR_RUN) }),
      },
    },
  )
  if (run.exitCode !== 0) throw new Error(`upload of ${name} failed:\n${run.stdout}\n${run.stderr}`)
}

/** GitHub's rendering, near enough: cmark-gfm with GitHub's extensions, raw HTML let through. */
function render(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter', '--unsafe'],
    { input: markdown, encoding: 'utf8' },
  )
}

const RENDERER_TAGS = new Set(
  'p h2 h3 h4 ul li strong em code pre table thead tbody tr th td details summary blockquote br hr'.split(
    ' ',
  ),
)

beforeAll(async () => {
  root = tempDir('companion-forgery')
  mkdirSync(path.join(root, 'temp'), { recursive: true })
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  api = await startGitHubApi({ results: service })
  api.addWorkflowRun({
    id: PR_RUN,
    event: 'pull_request',
    head_branch: 'feature',
    head_sha: HEAD,
    head_repository: FORK,
    conclusion: 'failure',
  })
  api.setPullRequest(NUMBER, { sha: HEAD, repo: FORK })
  await forge('python-ci-comment', forgedResults)
  await forge('python-ci-comment-legacy', forgedBody)
  companion = await runAction({
    eventName: 'workflow_run',
    payload: { action: 'completed', workflow_run: { id: PR_RUN, pull_requests: [] } },
    inputs: { 'github-token': GITHUB_TOKEN, 'comment-from-run': String(PR_RUN) },
    env: { ...service.env({ run: '3201' }), GITHUB_API_URL: api.url },
  })
})
afterAll(async () => {
  companion?.cleanup()
  await api?.close()
  await service?.close()
  await azurite?.stop()
})

const posted = () => api.comments.filter((c) => c.issue === NUMBER)

describe('the companion, given forged artifacts of a failed run', () => {
  it('posts one comment, with the conclusion GitHub gives for the run', () => {
    if (companion.exitCode !== 0) throw new Error(describeRun(companion))
    expect(posted()).toHaveLength(1)
    const body = posted()[0]?.body ?? ''
    expect(body.split('\n')[0]).toBe('<!-- python-ci-action -->')
    const html = render(body)
    expect(html).toContain('<h2>❌ Python CI: failed</h2>')
    expect(html).toContain(`Workflow run ${PR_RUN} concluded failure, as GitHub`)
    expect(html).not.toContain('passed · coverage 100%')
    expect(body).not.toContain(PROSE)
  })

  it('posts no link, image or HTML the renderer did not make', () => {
    const html = render(posted()[0]?.body ?? '')
    expect(html).not.toMatch(/<a[\s>]/i)
    expect(html).not.toMatch(/<img[\s>]/i)
    expect(html).not.toMatch(/<[a-z][^>]*\s(?:href|src)=/i)
    expect(html).not.toMatch(/<script/i)
    const tags = new Set(
      [...html.matchAll(/<\/?([a-z0-9]+)[\s>/]/gi)].map((m) => m[1]?.toLowerCase()),
    )
    expect([...tags].filter((t) => t !== undefined && !RENDERER_TAGS.has(t))).toEqual([])
    // The fork's text is still shown, as text.
    expect(html).toContain('Verify your account')
  })

  it('refuses the format-1 Markdown body with one warning naming the artifact', () => {
    const warnings = companion.commands.filter((c) => c.name === 'warning').map((c) => c.message)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `The comment in artifact python-ci-comment-legacy of run ${PR_RUN} was not posted`,
    )
    expect(warnings[0]).toContain('format 1')
    expect(posted().map((c) => c.body.split('\n')[0])).not.toContain(
      '<!-- python-ci-action comment-id: legacy -->',
    )
    expect(stackTraceLines(`${companion.stdout}\n${companion.stderr}`)).toEqual([])
  })
})
