/**
 * The comment a pull request run could not post itself (a fork's read-only
 * token), carried to the workflow_run companion in an artifact as data (the
 * run's results, format 2), never as Markdown: the companion renders it
 * itself. Pure: the request is built, named, parsed and checked here; nothing
 * is sent.
 *
 * The artifact comes from the pull request's own run, so it is untrusted: a
 * fork may change the workflow and upload anything under this name. The
 * companion therefore posts only on the pull request whose head commit the
 * triggering run tested (checked against the API), with a marker it derives
 * from the comment-id itself, and never takes more than one body per name.
 */
import { perCommentArtifactName } from '../artifacts/dists.js'
import { COMMENT_ID_PATTERN } from '../config.js'
import { field } from '../github/run-event.js'
import { type CommentResults, ResultsSchemaError, readCommentResults } from './results.js'

export const REQUEST_FILE = 'python-ci-comment.json'
export const REQUEST_ARTIFACT = 'python-ci-comment'
const FORMAT = 2
/** No honest run comes near it; the companion reads no more. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024
export const REQUEST_TOO_LARGE = `${REQUEST_FILE} is over ${MAX_REQUEST_BYTES / 1024 / 1024} MB`

export interface CommentRequest {
  readonly format: typeof FORMAT
  /** owner/name of the repository the pull request belongs to. */
  readonly repository: string
  readonly number: number
  /** The head commit the run tested: the companion posts only when the pull request still has it. */
  readonly headSha: string
  /** comment-id; '' when not set. */
  readonly commentId: string
  /** The figures the comment shows; the companion replaces the verdict with the run's conclusion. */
  readonly results: CommentResults
}

/** One artifact per comment-id, so the jobs of a matrix with their own ids never collide. */
export function requestArtifactName(commentId: string): string {
  return perCommentArtifactName(REQUEST_ARTIFACT, commentId).replace(/\s+/g, '_')
}

export function isRequestArtifact(name: string): boolean {
  return name === REQUEST_ARTIFACT || name.startsWith(`${REQUEST_ARTIFACT}-`)
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/

/** The request, or why it cannot be used (one line). */
export function parseCommentRequest(text: string): CommentRequest | { readonly error: string } {
  if (text.length > MAX_REQUEST_BYTES) return { error: REQUEST_TOO_LARGE }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { error: `${REQUEST_FILE} is not JSON` }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `${REQUEST_FILE} is not an object` }
  }
  const r = value as Record<string, unknown>
  if (r.format === 1) {
    return {
      error: `${REQUEST_FILE} has format 1 (a Markdown body, written by the pull request's run); the companion posts only what it renders itself from format ${FORMAT} results. Update the action in the pull request workflow`,
    }
  }
  if (r.format !== FORMAT) {
    return {
      error: `${REQUEST_FILE} has format ${JSON.stringify(r.format)}; this version reads ${FORMAT}`,
    }
  }
  if (typeof r.repository !== 'string' || !REPOSITORY.test(r.repository)) {
    return { error: `${REQUEST_FILE}: repository is not owner/name` }
  }
  if (typeof r.number !== 'number' || !Number.isSafeInteger(r.number) || r.number < 1) {
    return { error: `${REQUEST_FILE}: number is not a pull request number` }
  }
  if (typeof r.headSha !== 'string' || !SHA.test(r.headSha)) {
    return { error: `${REQUEST_FILE}: headSha is not a commit hash` }
  }
  if (
    typeof r.commentId !== 'string' ||
    (r.commentId !== '' && !COMMENT_ID_PATTERN.test(r.commentId))
  ) {
    return { error: `${REQUEST_FILE}: commentId is not a valid comment-id` }
  }
  let results: CommentResults
  try {
    results = readCommentResults(r.results)
  } catch (error) {
    if (error instanceof ResultsSchemaError) return { error: `${REQUEST_FILE}: ${error.message}` }
    throw error
  }
  return {
    format: FORMAT,
    repository: r.repository,
    number: r.number,
    headSha: r.headSha,
    commentId: r.commentId,
    results,
  }
}

export function serializeCommentRequest(request: Omit<CommentRequest, 'format'>): string {
  return `${JSON.stringify({ format: FORMAT, ...request }, null, 2)}\n`
}

/** What GET /repos/{o}/{r}/actions/runs/{id} says about the run that kept the request. */
export interface TriggeringRun {
  readonly id: number
  readonly event: string
  readonly headSha: string
  /** owner/name the head commit came from: the fork for a fork's pull request. */
  readonly headRepository: string
  readonly conclusion: string
}

export function runFacts(run: unknown): TriggeringRun | undefined {
  const id = field(run, 'id')
  const headSha = field(run, 'head_sha')
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof headSha !== 'string') {
    return undefined
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '')
  return {
    id,
    event: text(field(run, 'event')),
    headSha,
    headRepository: text(field(field(run, 'head_repository'), 'full_name')),
    conclusion: text(field(run, 'conclusion')),
  }
}

/** The pull request as GET /repos/{o}/{r}/pulls/{n} gives it, the fields the check needs. */
export interface PullRequestHead {
  readonly sha: string
  readonly repository: string
}

/**
 * Whether a request may be posted on behalf of the triggering run: the
 * pull request must be of this repository and still (or then) have the
 * run's head commit. undefined: yes; else why not.
 */
export function refuseRequest(
  request: CommentRequest,
  repository: string,
  run: TriggeringRun,
  pull: PullRequestHead,
): string | undefined {
  if (request.repository !== repository) {
    return `it is for ${request.repository}, not ${repository}`
  }
  if (request.headSha !== run.headSha) {
    return `it names commit ${request.headSha.slice(0, 7)}, but the run tested ${run.headSha.slice(0, 7)}`
  }
  if (pull.sha !== run.headSha) {
    return `pull request #${request.number} is at ${pull.sha.slice(0, 7)}, not at the commit the run tested (${run.headSha.slice(0, 7)})`
  }
  if (
    run.headRepository !== '' &&
    pull.repository !== '' &&
    pull.repository !== run.headRepository
  ) {
    return `pull request #${request.number} comes from ${pull.repository}, the run from ${run.headRepository}`
  }
  return undefined
}
