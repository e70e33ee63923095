/**
 * The sticky pull request comment: one per pull request and comment-id, found
 * again by a hidden marker on its first line and updated in place, and a body
 * that always fits GitHub's limit.
 */
import { createHash } from 'node:crypto'
import { COMMENT_ID_PATTERN } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { GitHubClient } from '../github/rest.js'
import {
  type Budget,
  describeLeftOut,
  type FittedReport,
  fitReport,
  type RowLimits,
} from '../report/budget.js'
import type { SummaryOptions } from '../report/markdown.js'
import type { Metrics } from '../report/metrics.js'
import type { CommentTarget } from './target.js'

/** GitHub rejects issue comments longer than this (it counts characters; we count UTF-16 units, never fewer). */
export const COMMENT_LIMIT = 65_536

export function commentMarker(id: string): string {
  if (id === '') return '<!-- python-ci-action -->'
  if (!COMMENT_ID_PATTERN.test(id)) throw new Error(`comment-id ${JSON.stringify(id)} is not valid`)
  return `<!-- python-ci-action comment-id: ${id} -->`
}

/** The marker must be the whole first line: a comment that merely quotes it is not ours. */
export function hasMarker(body: string, marker: string): boolean {
  const first = body.split('\n', 1)[0] ?? ''
  return first.trim() === marker
}

const DIGEST = /^<!-- python-ci-action results: ([0-9a-f]+) -->$/m

/**
 * A digest of what a reader acts on (verdict, counts, failures, coverage, the
 * build), leaving out timings, so comment: on-change can tell a new result
 * from a re-run of the same one.
 */
export function resultsDigest(metrics: Metrics): string {
  const results = metrics.test?.results
  const coverage = metrics.test?.coverage
  const dist = metrics.build?.wheel ?? metrics.build?.sdist
  const stable = {
    verdict: metrics.verdict,
    results: results && {
      counts: [
        results.tests,
        results.passed,
        results.failed,
        results.skipped,
        results.xfailed,
        results.xpassed,
        results.errors,
      ],
      problems: results.problems.map((p) => [p.kind, p.id, p.message]),
    },
    notes: metrics.test?.notes,
    coverage: coverage && {
      total: coverage.percentDisplay,
      files: coverage.files.map((f) => [f.path, f.percentDisplay, f.missingLines.join(',')]),
    },
    build: metrics.build && {
      ok: metrics.build.ok,
      dist: dist && [dist.name, dist.version],
      problems: metrics.build.problems,
      warnings: metrics.build.warnings,
    },
    publish: metrics.publish && [metrics.publish.status, metrics.publish.reasons],
    baseline:
      metrics.baseline &&
      (metrics.baseline.kind === 'compared'
        ? [metrics.baseline.deltaDisplay, metrics.baseline.base.sha]
        : metrics.baseline.kind),
    diff: metrics.diffCoverage?.measured
      ? [
          metrics.diffCoverage.percentDisplay,
          metrics.diffCoverage.files.map((f) => [f.path, f.uncoveredRanges]),
        ]
      : metrics.diffCoverage?.reason,
    stages: metrics.stages.map((s) => [s.name, s.status]),
  }
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex').slice(0, 32)
}

export type FittedBody = FittedReport

/** GitHub counts characters; UTF-16 units are never fewer. */
const COMMENT_BUDGET: Budget = {
  limit: COMMENT_LIMIT,
  measure: (text) => text.length,
  limitText: "GitHub's 65,536-character limit on comments",
  fullReport: 'the job summary of this run has the full report',
}

/**
 * The comment's body: the head lines (marker, digest), then the report
 * rendered with fewer rows until it fits `limit`, with a line saying what was
 * left out; cut at a line, with balanced HTML, as the last resort.
 */
export function fitComment(
  head: string,
  render: (limits: RowLimits) => string,
  leftOut: (limits: RowLimits) => string,
  limit = COMMENT_LIMIT,
): FittedBody {
  return fitReport(head, render, leftOut, { ...COMMENT_BUDGET, limit })
}

export function commentBody(
  marker: string,
  metrics: Metrics,
  render: (metrics: Metrics, options: SummaryOptions) => string,
  title: string,
): FittedBody {
  const head = `${marker}\n<!-- python-ci-action results: ${resultsDigest(metrics)} -->`
  return fitComment(
    head,
    (limits) => render(metrics, { ...limits, title }),
    (limits) => describeLeftOut(metrics, limits),
  )
}

interface IssueComment {
  readonly id: number
  readonly body?: string | null
  readonly html_url: string
  readonly user?: { readonly login?: string; readonly type?: string } | null
}

export interface UpsertOptions {
  readonly marker: string
  readonly body: string
  /** Leave an existing comment alone when its results digest equals the body's. */
  readonly onlyOnChange: boolean
  readonly debug?: (message: string) => void
}

export interface UpsertResult {
  readonly action: 'created' | 'updated' | 'unchanged'
  readonly id: number
  readonly url: string
}

/**
 * Finds our comment among all of the pull request's comments and updates it,
 * else creates one. Ours means: the marker on its first line, written by the
 * token's own identity (GET /user) when that can be asked. The job's
 * GITHUB_TOKEN and GitHub App tokens cannot ask (GET /user is refused for
 * them); then only comments by bots count (github-actions[bot], an app's
 * bot). A person's comment is never taken, even when it carries the marker:
 * a token that may write comments may edit theirs too, and must not.
 */
export async function upsertComment(
  client: GitHubClient,
  target: CommentTarget,
  options: UpsertOptions,
): Promise<UpsertResult> {
  const issue = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues`
  let login: string | undefined
  try {
    const user = await client.request<{ login?: unknown }>('GET', '/user')
    if (typeof user.data?.login === 'string') login = user.data.login
  } catch (error) {
    options.debug?.(`GET /user: ${errorMessage(error)}; taking comments by bots as ours`)
  }
  const comments = await client.paginate<IssueComment>(
    `${issue}/${target.number}/comments?per_page=100`,
  )
  const ours = comments.find(
    (c) =>
      hasMarker(c.body ?? '', options.marker) &&
      (login !== undefined ? c.user?.login === login : c.user?.type === 'Bot'),
  )
  options.debug?.(
    `${comments.length} comments on #${target.number}; ours: ${ours ? ours.id : 'none'} (author ${login ?? 'any bot'})`,
  )
  if (ours !== undefined) {
    const before = ours.body ?? ''
    const unchanged =
      before === options.body ||
      (options.onlyOnChange && DIGEST.exec(before)?.[1] === DIGEST.exec(options.body)?.[1])
    if (unchanged) return { action: 'unchanged', id: ours.id, url: ours.html_url }
    const updated = await client.request<IssueComment>('PATCH', `${issue}/comments/${ours.id}`, {
      body: options.body,
    })
    return { action: 'updated', id: ours.id, url: updated.data?.html_url ?? ours.html_url }
  }
  const created = await client.request<IssueComment>('POST', `${issue}/${target.number}/comments`, {
    body: options.body,
  })
  return { action: 'created', id: created.data.id, url: created.data.html_url }
}
