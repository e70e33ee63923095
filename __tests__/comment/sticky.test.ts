import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  COMMENT_LIMIT,
  commentBody,
  commentMarker,
  fitComment,
  hasMarker,
  resultsDigest,
  upsertComment,
} from '../../src/comment/sticky.js'
import { GitHubClient } from '../../src/github/rest.js'
import { formatRanges } from '../../src/report/figures.js'
import { renderSummary } from '../../src/report/markdown.js'
import {
  GITHUB_TOKEN,
  type GitHubApi,
  PERSONAL_TOKEN,
  startGitHubApi,
} from '../harness/github-api.js'
import {
  createCoverage,
  createDiffCoverage,
  createFileCoverage,
  createMetrics,
  createProblem,
  createResults,
  createTestRun,
} from '../helpers/metrics.js'

describe('commentMarker', () => {
  it.each([
    ['', '<!-- python-ci-action -->'],
    ['py3.12-ubuntu', '<!-- python-ci-action comment-id: py3.12-ubuntu -->'],
    ['pkg/a b', '<!-- python-ci-action comment-id: pkg/a b -->'],
  ])('%j', (id, marker) => {
    expect(commentMarker(id)).toBe(marker)
  })

  it.each(['a-->b', 'a--b', '<x>', 'a\nb', ' a', '!x'])('refuses %j', (id) => {
    expect(() => commentMarker(id)).toThrow()
  })

  it('matches only its own id, on the first line', () => {
    const a = commentMarker('a')
    expect(hasMarker(`${a}\nreport`, a)).toBe(true)
    expect(hasMarker(`${commentMarker('ab')}\nreport`, a)).toBe(false)
    expect(hasMarker(`${commentMarker('')}\nreport`, a)).toBe(false)
    expect(hasMarker(`${a}\nreport`, commentMarker(''))).toBe(false)
    expect(hasMarker(`> quoted\n${a}`, a)).toBe(false)
  })
})

describe('resultsDigest', () => {
  it('ignores timings and sees results', () => {
    const m = createMetrics()
    const slower = createMetrics({
      stages: m.stages.map((s) => ({ ...s, durationMs: s.durationMs * 3 })),
      test: createTestRun({ results: createResults({ seconds: 99 }) }),
    })
    expect(resultsDigest(slower)).toBe(resultsDigest(m))
    const better = createMetrics({
      test: createTestRun({ coverage: createCoverage({ percentDisplay: '80' }) }),
    })
    expect(resultsDigest(better)).not.toBe(resultsDigest(m))
  })
})

/** Metrics whose default rendering is far over the limit: long tracebacks and 5,000 files. */
function hugeMetrics() {
  const problems = Array.from({ length: 50 }, (_, i) =>
    createProblem({ id: `tests/test_x.py::test_${i}`, details: `line\n`.repeat(2000) }),
  )
  const files = Array.from({ length: 5000 }, (_, i) =>
    createFileCoverage({ path: `pkg/module_${String(i).padStart(4, '0')}.py` }),
  )
  return createMetrics({
    test: createTestRun({
      results: createResults({ failed: 50, problems }),
      coverage: createCoverage({ files }),
    }),
    diffCoverage: undefined,
  })
}

/** A change to 3,000 files, each with hundreds of scattered uncovered lines. */
function hugeDiffMetrics() {
  const uncoveredLines = Array.from({ length: 400 }, (_, i) => 3 * i + 1)
  const files = Array.from({ length: 3000 }, (_, i) => ({
    path: `pkg/changed_${String(i).padStart(4, '0')}.py`,
    coverable: 800,
    covered: 400,
    percent: 50,
    uncoveredLines,
    uncoveredRanges: formatRanges(uncoveredLines),
  }))
  // Failure details that fit, and more coverage rows than a report shows.
  const problems = Array.from({ length: 20 }, (_, i) =>
    createProblem({ id: `tests/test_x.py::test_${i}`, details: `line\n`.repeat(500) }),
  )
  const covered = Array.from({ length: 5000 }, (_, i) =>
    createFileCoverage({ path: `pkg/module_${String(i).padStart(4, '0')}.py` }),
  )
  return createMetrics({
    test: createTestRun({
      results: createResults({ failed: 20, problems }),
      coverage: createCoverage({ files: covered }),
    }),
    diffCoverage: createDiffCoverage({
      files,
      changedLines: 3_000_000,
      coverableLines: 2_400_000,
      coveredLines: 1_200_000,
      percent: 50,
      percentTruncated: 50,
      percentDisplay: '50',
    }),
  })
}

describe('fitComment', () => {
  it('drops changed-lines rows of a huge change before the totals, and says so', () => {
    const metrics = hugeDiffMetrics()
    expect(renderSummary(metrics).length).toBeGreaterThan(COMMENT_LIMIT)
    const { body, cut } = commentBody('<!-- m -->', metrics, renderSummary, 'Python CI')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(cut).toBe('30 coverage rows and 30 changed-lines rows left out')
    expect(body).toContain(
      "> ✂️ 30 coverage rows and 30 changed-lines rows left out to stay under GitHub's 65,536-character limit on comments; the job summary of this run has the full report.",
    )
    expect(body).toContain('changed lines **50%**')
    expect(body).toContain(
      '**50%** of the changed lines that coverage measures · 1200000/2400000 covered',
    )
    expect(body).toContain('2980 more changed files not shown, 2980 of them with uncovered lines.')
    // A row never carries all of a file's ranges: it is cut with the count of lines.
    expect(body).toContain(', … (400 lines in all) |')
  })

  it('leaves a report that fits alone', () => {
    const { body, cut } = commentBody('<!-- m -->', createMetrics(), renderSummary, 'Python CI')
    expect(cut).toBeUndefined()
    expect(body.startsWith('<!-- m -->\n<!-- python-ci-action results: ')).toBe(true)
    expect(body).toContain('demo/calc.py')
  })

  it('drops failure details and file rows until the report fits, and says so', () => {
    const metrics = hugeMetrics()
    expect(renderSummary(metrics).length).toBeGreaterThan(COMMENT_LIMIT)
    const { body, cut } = commentBody('<!-- m -->', metrics, renderSummary, 'Python CI')
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(cut).toBe('17 failure details and 50 coverage rows left out')
    expect(body).toContain(
      "17 failure details and 50 coverage rows left out to stay under GitHub's 65,536-character limit on comments",
    )
    // The totals and the verdict stay.
    expect(body).toContain('coverage **79%**')
    expect(body).toContain('❌ Python CI: failed')
  })

  it('cuts at a line as the last resort, closing an open code fence', () => {
    const render = () => `# title\n\`\`\`\n${'x\n'.repeat(300)}\`\`\`\n`
    const { body, cut } = fitComment('<!-- m -->', render, () => 'rows left out', 400)
    expect(body.length).toBeLessThanOrEqual(400)
    expect(cut).toMatch(/^the report was cut after \d+ characters$/)
    expect(body).toMatch(/x\n```\n\n> ✂️ The report was cut after \d+ characters to stay under/)
  })
})

describe('upsertComment against the stand-in', () => {
  let api: GitHubApi
  const target = { owner: 'owner', repo: 'repo', number: 7 }
  const marker = commentMarker('')
  const client = (token = GITHUB_TOKEN) =>
    new GitHubClient({ token, env: { GITHUB_API_URL: api.url }, baseDelayMs: 1 })
  const upsert = (body: string, token = GITHUB_TOKEN, onlyOnChange = false) =>
    upsertComment(client(token), target, { marker, body: `${marker}\n${body}`, onlyOnChange })

  beforeEach(async () => {
    api = await startGitHubApi()
  })
  afterEach(() => api.close())

  it('creates, then updates, then leaves an identical body alone', async () => {
    expect(await upsert('one')).toMatchObject({ action: 'created' })
    expect(await upsert('two')).toMatchObject({ action: 'updated' })
    expect(await upsert('two')).toMatchObject({ action: 'unchanged' })
    expect(api.comments.map((c) => c.body)).toEqual([`${marker}\ntwo`])
    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual([
      'POST',
      'PATCH',
    ])
  })

  it("never takes a person's comment that carries the marker, with the job's token", async () => {
    api.addComment(7, `${marker}\nwritten by a person`, { login: 'mallory', type: 'User' })
    expect(await upsert('report')).toMatchObject({ action: 'created' })
    expect(api.comments.map((c) => c.body)).toEqual([
      `${marker}\nwritten by a person`,
      `${marker}\nreport`,
    ])
  })

  it("with a personal token, takes only that person's comment", async () => {
    api.addComment(7, `${marker}\nby the bot`, { login: 'github-actions[bot]', type: 'Bot' })
    api.addComment(7, `${marker}\nold`, { login: 'monalisa', type: 'User' })
    expect(await upsert('new', PERSONAL_TOKEN)).toMatchObject({ action: 'updated' })
    expect(api.comments.map((c) => c.body)).toEqual([`${marker}\nby the bot`, `${marker}\nnew`])
  })

  it('on-change: edits only when the results digest differs', async () => {
    const digest = (d: string, rest: string) => `<!-- python-ci-action results: ${d} -->\n${rest}`
    await upsert(digest('aaaa', 'took 1 s'), GITHUB_TOKEN, true)
    expect(await upsert(digest('aaaa', 'took 2 s'), GITHUB_TOKEN, true)).toMatchObject({
      action: 'unchanged',
    })
    expect(await upsert(digest('bbbb', 'took 2 s'), GITHUB_TOKEN, true)).toMatchObject({
      action: 'updated',
    })
    expect(api.comments).toHaveLength(1)
  })
})
