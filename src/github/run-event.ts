/**
 * The event a run was started by: GITHUB_* variables and the event payload,
 * parsed once into one frozen object that every decision reads (comment,
 * changed lines, baseline, success rate, cache, publish). Pure, except
 * readEventPayload, the one place that reads the event file.
 */
import { existsSync, readFileSync } from 'node:fs'

export interface Repository {
  readonly owner: string
  readonly repo: string
}

export interface PullRequestEvent {
  /** The pull request the event names: its own, an issue_comment's, or a workflow_run's first. */
  readonly number?: number
  readonly baseRef?: string
  readonly baseSha?: string
  readonly headRef?: string
  readonly headSha?: string
  /** The head repository's owner/name; undefined when the payload names none. */
  readonly headRepository?: string
  /** The head is another repository, or one GitHub no longer shows (deleted fork). */
  readonly fromFork: boolean
}

export interface RunEvent {
  /** GITHUB_EVENT_NAME: push, pull_request, release, …; '' outside GitHub. */
  readonly name: string
  /** GITHUB_REF: refs/heads/main, refs/tags/v1.2.0, … */
  readonly ref: string
  /** GITHUB_SHA */
  readonly sha: string
  /** GITHUB_REPOSITORY as given, owner/name, for messages. */
  readonly repositoryName: string
  /** GITHUB_REPOSITORY split; undefined when it is not owner/name. */
  readonly repository?: Repository
  readonly defaultBranch?: string
  /** The repository the run belongs to is a fork, or the pull request comes from one. */
  readonly fork: boolean
  /** pull_request, pull_request_target: the events whose payload is a pull request. */
  readonly isPullRequest: boolean
  readonly pullRequest?: PullRequestEvent
  /** A release event's action (published, created, …) and tag_name. */
  readonly release?: { readonly action?: string; readonly tag?: string }
  /** The workflow's file name from GITHUB_WORKFLOW_REF, e.g. ci.yml. */
  readonly workflowFile?: string
  /** GITHUB_RUN_ID */
  readonly runId?: number
  readonly serverUrl: string
  readonly apiUrl: string
  /** GITHUB_ACTIONS is true: a step of a workflow. */
  readonly onActions: boolean
}

const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target'])

/** Whether an event's payload is a pull request (pull_request, pull_request_target). */
export function isPullRequestEvent(name: string): boolean {
  return PULL_REQUEST_EVENTS.has(name)
}

/**
 * The payload at GITHUB_EVENT_PATH; {} when there is none or it is not JSON.
 * Read once, before any project code runs: a test can find the event file
 * (its path is in the action's own environment under /proc) and rewrite it,
 * to point the comment at another pull request or to make a push look like
 * a release.
 */
export function readEventPayload(file: string | undefined): unknown {
  if (!file || !existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch {
    return {}
  }
}

/** A key of an object in an untyped payload; undefined for anything else. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}

export function splitRepository(name: string): Repository | undefined {
  const [owner = '', repo = ''] = name.split('/')
  return owner === '' || repo === '' ? undefined : { owner, repo }
}

/** The file name in GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/ci.yml@refs/heads/main. */
export function workflowFile(workflowRef: string | undefined): string | undefined {
  // The ref after the first '@' behind the file name may hold '@' itself.
  return /^[^/]+\/[^/]+\/\.github\/workflows\/([^/]+?\.ya?ml)(?:@|$)/.exec(workflowRef ?? '')?.[1]
}

function pullRequestNumber(name: string, payload: unknown): number | undefined {
  if (isPullRequestEvent(name)) {
    return (
      positive(field(field(payload, 'pull_request'), 'number')) ??
      positive(field(payload, 'number'))
    )
  }
  // issue_comment on a pull request: the issue is the pull request.
  const issue = field(payload, 'issue')
  if (name === 'issue_comment' && field(issue, 'pull_request') !== undefined) {
    return positive(field(issue, 'number'))
  }
  // workflow_run lists the pull requests of its head branch, but only of the
  // same repository: for a fork it is empty.
  const runs = field(field(payload, 'workflow_run'), 'pull_requests')
  if (name === 'workflow_run' && Array.isArray(runs)) return positive(field(runs[0], 'number'))
  return undefined
}

function pullRequestOf(
  name: string,
  payload: unknown,
  repositoryName: string,
): PullRequestEvent | undefined {
  const number = pullRequestNumber(name, payload)
  const pr = field(payload, 'pull_request')
  if (number === undefined && (pr === null || typeof pr !== 'object')) return undefined
  const base = field(pr, 'base')
  const head = field(pr, 'head')
  const headRepo = field(head, 'repo')
  const headName = field(headRepo, 'full_name')
  const fromFork =
    headRepo !== undefined &&
    (headRepo === null ||
      field(headRepo, 'fork') === true ||
      (headName !== undefined && headName !== repositoryName))
  return {
    ...(number !== undefined && { number }),
    ...optional('baseRef', text(field(base, 'ref'))),
    ...optional('baseSha', text(field(base, 'sha'))),
    ...optional('headRef', text(field(head, 'ref'))),
    ...optional('headSha', text(field(head, 'sha'))),
    ...optional('headRepository', text(headName)),
    fromFork,
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}

/** The run event from GITHUB_* variables and the parsed payload ({} outside GitHub). */
export function parseRunEvent(env: NodeJS.ProcessEnv, payload: unknown): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? ''
  const repositoryName = env.GITHUB_REPOSITORY ?? ''
  const repository = splitRepository(repositoryName)
  const pullRequest = pullRequestOf(name, payload, repositoryName)
  const defaultBranch = text(field(field(payload, 'repository'), 'default_branch'))
  const action = text(field(payload, 'action'))
  const tag = text(field(field(payload, 'release'), 'tag_name'))
  const file = workflowFile(env.GITHUB_WORKFLOW_REF)
  const runId = /^[1-9]\d{0,15}$/.test(env.GITHUB_RUN_ID ?? '')
    ? Number(env.GITHUB_RUN_ID)
    : undefined
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return Object.freeze({
    name,
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repositoryName,
    ...(repository && { repository: Object.freeze(repository) }),
    ...(defaultBranch !== undefined && { defaultBranch }),
    fork: field(field(payload, 'repository'), 'fork') === true || pullRequest?.fromFork === true,
    isPullRequest: isPullRequestEvent(name),
    ...(pullRequest && { pullRequest: Object.freeze(pullRequest) }),
    ...((action !== undefined || tag !== undefined) && {
      release: Object.freeze({
        ...(action !== undefined && { action }),
        ...(tag !== undefined && { tag }),
      }),
    }),
    ...(file !== undefined && { workflowFile: file }),
    ...(runId !== undefined && { runId }),
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    onActions: env.GITHUB_ACTIONS === 'true',
  })
}
