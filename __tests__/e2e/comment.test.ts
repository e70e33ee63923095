/**
 * The pull request comment: dist/main.js on a pull_request event against the
 * loopback GitHub API stand-in. One comment per pull request and comment-id,
 * found again across pages, refused writes and failures as one warning.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { GITHUB_TOKEN, READ_ONLY_TOKEN } from '../harness/github-api.js'
import { pullRequestSuite } from '../harness/pull-request.js'
import { type ActionResult, describeRun } from '../harness/runner.js'

jest.setTimeout(180_000)

const suite = pullRequestSuite()
const { runOnPr } = suite

const on = (issue: number) => suite.api.comments.filter((c) => c.issue === issue)
const warnings = (r: ActionResult) => r.commands.filter((c) => c.name === 'warning')
const writes = () => suite.api.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH')

describe('the sticky comment', () => {
  it('is created once, then found on page 3 of 251 comments and updated in place', async () => {
    for (let i = 0; i < 250; i++) suite.api.addComment(7, `earlier comment ${i}`)
    const first = await runOnPr(7)
    if (first.exitCode !== 0) throw new Error(describeRun(first))
    expect(on(7)).toHaveLength(251)
    const ours = on(7)[250]
    expect(ours?.user.login).toBe('github-actions[bot]')
    expect(ours?.body.startsWith('<!-- python-ci-action -->\n')).toBe(true)
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/owner/repo/pull/7#issuecomment-${ours?.id}`,
    )
    expect(first.stdout).toMatch(/✓ comment [\d.]+s: created: https:/)

    const second = await runOnPr(7)
    expect(second.exitCode).toBe(0)
    expect(on(7)).toHaveLength(251)
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    expect(second.stdout).toMatch(/✓ comment [\d.]+s: (updated|unchanged): https:/)
    const pages = suite.api.requests.filter((r) =>
      r.path.startsWith('/repos/owner/repo/issues/7/comments?'),
    )
    expect(pages.map((r) => r.path)).toContain(
      '/repos/owner/repo/issues/7/comments?per_page=100&page=3',
    )
    expect(warnings(second)).toEqual([])
  })

  it('keeps one comment per comment-id', async () => {
    const a = await runOnPr(8, { 'comment-id': 'py-a' })
    const b = await runOnPr(8, { 'comment-id': 'py-b' })
    await runOnPr(8, { 'comment-id': 'py-a' })
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect(on(8).map((c) => c.body.split('\n')[0])).toEqual([
      '<!-- python-ci-action comment-id: py-a -->',
      '<!-- python-ci-action comment-id: py-b -->',
    ])
    expect(on(8)[0]?.body).toContain('Python CI · py-a: passed')
  })

  it('renders hostile test names inert and pings nobody', async () => {
    const result = await runOnPr(9, {}, 'hostile-names')
    const [comment] = on(9)
    if (comment === undefined) throw new Error(describeRun(result))
    // Mentions in fenced code do not notify; everywhere else @ is followed by a zero-width space.
    const outsideCode = comment.body.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '')
    expect(outsideCode).not.toMatch(/@octocat/)
    expect(outsideCode).toContain('@&#8203;octocat')
    expect(outsideCode).not.toMatch(/<script>/)
    expect(result.summary).toContain('### Tests')
  })
})

describe('when the comment cannot be posted', () => {
  it('a read-only token gives one warning, and the step and summary stay as they were', async () => {
    const before = writes().length
    const result = await runOnPr(10, { 'github-token': READ_ONLY_TOKEN })
    expect(result.exitCode).toBe(0)
    expect(on(10)).toEqual([])
    expect(writes().length).toBe(before + 1)
    const [warning, ...more] = warnings(result)
    expect(more).toEqual([])
    expect(warning?.message).toContain('The pull request comment was not posted')
    expect(warning?.message).toContain('Resource not accessible by integration')
    expect(warning?.message).toContain('pull-requests: write')
    expect(warning?.message).toContain('workflow_run')
    expect(result.summary).toContain('### Tests')
    expect(result.outputs.coverage).toBeDefined()
    expect(result.outputs['comment-url']).toBeUndefined()
  })

  it('retries a 500 and a secondary rate limit, then fails the step on fail-under after commenting', async () => {
    // On the comment's own requests: the step makes others (baseline, success rate) beside them.
    suite.api.failMatching(/\/issues\/11\/comments/, 1)
    suite.api.rateLimitNext(1, /\/issues\/11\/comments/)
    const result = await runOnPr(11, { 'fail-under': '100' })
    const coverage = result.outputs.coverage ?? ''
    expect(Number(coverage)).toBeLessThan(100)
    expect(on(11)).toHaveLength(1)
    expect(warnings(result)).toEqual([])
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error').map((c) => c.message)
    expect(errors).toEqual([`coverage ${coverage}% is under fail-under 100%`])
    // The comment shows the failing verdict it led to.
    expect(on(11)[0]?.body).toContain(`coverage ${coverage}% is under fail-under 100%`)
    expect(result.stdout).toMatch(/returned 500; retrying/)
    expect(result.stdout).toMatch(/returned 403; retrying in 1\.0 s/)
  })

  it('never prints the token', () => {
    for (const r of suite.results) {
      // ::add-mask:: hands it to the runner, which shows no such line.
      const shown = r.stdout.replace(/^::add-mask::.*$/gm, '')
      expect(shown).not.toContain(GITHUB_TOKEN)
      expect(r.stderr).not.toContain(GITHUB_TOKEN)
    }
  })
})
