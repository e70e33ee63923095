/**
 * Coverage against the base branch, the part that talks to GitHub. A push to
 * the default branch stores this run's coverage summary as an artifact; a pull
 * request finds the newest such artifact of a run on its base branch through
 * the REST API, downloads it (the artifact client's findBy) and compares.
 * Nothing here fails the step: a fault is one warning and "baseline unreadable".
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ArtifactService, RunArtifacts } from '../artifacts/dists.js'
import type { CommentSettings } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { GitHubServices } from '../github/rest.js'
import { GitHubApiError, GitHubClient } from '../github/rest.js'
import type { RunEvent } from '../github/run-event.js'
import { BufferedLog, type Log } from '../log.js'
import { describeBaseline } from '../report/figures.js'
import type { CoverageBaseline, CoverageResult } from '../report/metrics.js'
import { stageLine } from '../stage.js'
import {
  type BaselineDecision,
  baselineArtifactName,
  compareCoverage,
  coverageSummary,
  decideBaseline,
  parseCoverageSummary,
  SUMMARY_FILE,
} from './coverage-summary.js'

/** An artifact item of GET /repos/{o}/{r}/actions/artifacts, the fields read here. */
interface ListedArtifact {
  readonly id?: unknown
  readonly expired?: unknown
  readonly created_at?: unknown
  readonly workflow_run?: {
    readonly id?: unknown
    readonly head_branch?: unknown
    readonly repository_id?: unknown
    readonly head_repository_id?: unknown
  } | null
}

/** The newest stored baseline of a branch: enough to download it. */
export interface FoundBaseline {
  readonly artifactId: number
  readonly runId: number
}

/** GitHub keeps artifacts for 90 days by default; ten pages of the newest are plenty to find the base branch's. */
const PAGE_SIZE = 100
const MAX_PAGES = 10

/**
 * The newest non-expired artifact `name` of a run on `branch` of this
 * repository, newest first as the API lists them; stops at the first page
 * that has one. A fork's pull request runs on the fork's branch, often named
 * main too, and may upload anything under this name: a run whose head is not
 * in this repository never counts.
 */
export async function findBaseline(
  client: Pick<GitHubClient, 'request'>,
  repository: { readonly owner: string; readonly repo: string },
  name: string,
  branch: string,
): Promise<FoundBaseline | undefined> {
  const base = `/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.repo)}/actions/artifacts`
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = new URLSearchParams({ name, per_page: String(PAGE_SIZE), page: String(page) })
    const { data } = await client.request<{ artifacts?: unknown }>('GET', `${base}?${query}`)
    const items: ListedArtifact[] = Array.isArray(data?.artifacts) ? data.artifacts : []
    const usable = items
      .filter(
        (a) =>
          a.expired !== true &&
          typeof a.id === 'number' &&
          typeof a.workflow_run?.id === 'number' &&
          a.workflow_run.head_branch === branch &&
          typeof a.workflow_run.repository_id === 'number' &&
          a.workflow_run.head_repository_id === a.workflow_run.repository_id,
      )
      .sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')))
    const newest = usable[0]
    if (newest !== undefined)
      return { artifactId: Number(newest.id), runId: Number(newest.workflow_run?.id) }
    if (items.length < PAGE_SIZE) return undefined
  }
  return undefined
}

export interface BaselineServices {
  /** Uploads this run's artifacts. */
  readonly artifacts: ArtifactService
  /** Another run's artifacts through the REST API, read with a token. */
  readonly runArtifacts: (token: string) => RunArtifacts
  readonly github: GitHubServices
}

/** The lookup started early; settled by settleBaseline once the tests are done. */
export interface PendingBaseline {
  readonly decision: BaselineDecision
  readonly name: string
  /** What the lookup logged while the stages ran. */
  readonly log: BufferedLog
  /** On a pull request: the artifact found, or the baseline already settled as missing or unreadable. */
  readonly lookup?: Promise<FoundBaseline | CoverageBaseline>
}

/** Decides and, on a pull request, starts looking for the base branch's artifact (it never rejects). */
export function startBaseline(
  env: NodeJS.ProcessEnv,
  event: RunEvent,
  comment: CommentSettings,
  token: string | undefined,
  services: BaselineServices,
): PendingBaseline {
  const log = new BufferedLog()
  const decision = decideBaseline(event)
  const name = baselineArtifactName(comment.id)
  if (decision.kind !== 'compare') return { decision, name, log }
  const { branch } = decision
  const { owner = '', repo = '' } = event.repository ?? {}
  const lookup = async (): Promise<FoundBaseline | CoverageBaseline> => {
    if (token === undefined)
      return { kind: 'not-looked-up', branch, note: 'github-token is empty, so no baseline' }
    try {
      const client = new GitHubClient({
        token,
        env,
        ...services.github,
        onRetry: (message) => log.info(message),
      })
      const found = await findBaseline(client, { owner, repo }, name, branch)
      return found ?? { kind: 'missing', branch, note: `no baseline yet for ${branch}` }
    } catch (error) {
      if (error instanceof Error && error.stack) log.debug(error.stack)
      if (services.github.outages?.note('github', error, 'no base-branch coverage')) {
        log.info(`The base branch's coverage could not be looked up: ${errorMessage(error)}`)
        return { kind: 'unreadable', branch, note: `baseline unreadable for ${branch}` }
      }
      const advice =
        error instanceof GitHubApiError && (error.status === 403 || error.status === 404)
          ? ' Listing artifacts needs "permissions: actions: read" on the job.'
          : ''
      log.warning(
        `The base branch's coverage could not be looked up: ${errorMessage(error)}.${advice} There is no delta; the other results are not affected.`,
      )
      return { kind: 'unreadable', branch, note: `baseline unreadable for ${branch}` }
    }
  }
  return { decision, name, log, lookup: lookup() }
}

/**
 * Finishes what startBaseline began, after the tests: stores this run's
 * coverage (a push to the default branch) or downloads the base's and
 * compares, once what the lookup logged is replayed (stage.ts's settle). Logs
 * one line; gives the baseline for the report on pull requests.
 */
export async function settleBaseline(
  log: Log,
  pending: PendingBaseline,
  coverage: CoverageResult | undefined,
  context: { readonly env: NodeJS.ProcessEnv; readonly dir: string; readonly token?: string },
  services: BaselineServices,
): Promise<CoverageBaseline | undefined> {
  const { decision, name } = pending
  if (decision.kind === 'none') {
    log.debug(`coverage baseline: ${decision.reason}`)
    return undefined
  }
  if (decision.kind === 'store') {
    if (coverage === undefined) {
      log.info(
        stageLine(
          'skipped',
          'baseline',
          `no coverage was measured, so none is stored for ${decision.branch}`,
        ),
      )
      return undefined
    }
    try {
      const dir = path.join(context.dir, 'store')
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      const file = path.join(dir, SUMMARY_FILE)
      const summary = coverageSummary(coverage, context.env.GITHUB_SHA ?? '', decision.branch)
      writeFileSync(file, `${JSON.stringify(summary, null, 1)}\n`)
      await services.artifacts.upload(name, [file], dir)
      const stored = `${coverage.percentDisplay}% stored as artifact ${name} for ${decision.branch}`
      log.info(stageLine('ok', 'baseline', stored))
    } catch (error) {
      const skipped = `no coverage stored as the baseline of ${decision.branch}`
      if (services.github.outages?.note('artifacts', error, skipped)) {
        log.info(`This run's coverage was not stored (artifact ${name}): ${errorMessage(error)}`)
        return undefined
      }
      log.warning(
        `This run's coverage was not stored as the baseline of ${decision.branch} (artifact ${name}): ${errorMessage(error)}. Pull requests will compare with an older one, if any.`,
      )
    }
    return undefined
  }
  const found = await pending.lookup
  const baseline = await compareWith(log, found, name, decision.branch, coverage, context, services)
  log.info(
    stageLine(
      baseline.kind === 'compared' ? 'ok' : 'skipped',
      'baseline',
      describeBaseline(baseline),
    ),
  )
  return baseline
}

async function compareWith(
  log: Log,
  found: FoundBaseline | CoverageBaseline | undefined,
  name: string,
  branch: string,
  coverage: CoverageResult | undefined,
  context: { readonly dir: string; readonly token?: string },
  services: BaselineServices,
): Promise<CoverageBaseline> {
  if (found === undefined) return { kind: 'not-looked-up', branch, note: 'not looked up' }
  if ('kind' in found) return found
  if (coverage === undefined || context.token === undefined) {
    return { kind: 'not-looked-up', branch, note: 'no coverage was measured to compare' }
  }
  const dir = path.join(context.dir, 'download')
  try {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const runArtifacts = services.runArtifacts(context.token)
    // The artifact client logs its own progress: kept in a group of its own.
    await log.group(`Download the coverage of ${branch} (run ${found.runId})`, async () => {
      try {
        await runArtifacts.download(found.artifactId, found.runId, dir)
      } catch (error) {
        throw new DownloadError(
          `downloading artifact ${found.artifactId} failed: ${withStatus(error)}`,
          error,
        )
      }
    })
    const summary = parseCoverageSummary(readFileSync(path.join(dir, SUMMARY_FILE), 'utf8'))
    return compareCoverage(coverage, summary, name)
  } catch (error) {
    const cause = error instanceof DownloadError ? error.cause : undefined
    if (
      cause !== undefined &&
      services.github.outages?.note('github', cause, 'no base-branch coverage')
    ) {
      log.info(
        `The base branch's coverage (artifact ${name}) could not be read: ${errorMessage(error)}`,
      )
      return { kind: 'unreadable', branch, note: `baseline unreadable for ${branch}` }
    }
    log.warning(
      `The base branch's coverage (artifact ${name} of run ${found.runId}) could not be read: ${errorMessage(error)}. There is no delta; the other results are not affected.`,
    )
    return { kind: 'unreadable', branch, note: `baseline unreadable for ${branch}` }
  }
}

/** The download of the base's artifact failed; `cause` is the client's error. */
class DownloadError extends Error {
  override name = 'DownloadError'
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message)
  }
}

/** The message, with the HTTP status when the error carries one (octokit's RequestError does). */
function withStatus(error: unknown): string {
  const status =
    error !== null && typeof error === 'object' && 'status' in error ? error.status : undefined
  return `${errorMessage(error)}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`
}
