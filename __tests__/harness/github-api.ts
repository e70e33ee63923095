/**
 * A loopback stand-in for the parts of GitHub's REST API the comment uses:
 * issue comments (list with Link-header pagination, create, update) and
 * GET /user. It refuses what GitHub refuses: no or an unknown token (401),
 * bodies over 65,536 characters (422), writes with a read-only token (403
 * "Resource not accessible by integration"), GET /user with an installation
 * token (403). Faults can be queued: 500s, secondary rate limits, dropped connections.
 * Workflow runs live in a registry (`runs`), listed per workflow as GitHub does.
 * Given the results service stand-in, the artifacts it holds are listed (all,
 * or one run's) and their zips served by a 302 to a signed Azurite URL.
 * A pull request's files (setPullRequestFiles) are listed with Link-header pagination.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ArtifactRecord, ResultsService } from './results-service.js'

export interface StoredComment {
  id: number
  issue: number
  body: string
  user: { login: string; type: 'User' | 'Bot' }
}

export interface TokenGrant {
  /** Whose comments this token writes. */
  readonly login: string
  readonly type: 'User' | 'Bot'
  /** A fork PR's GITHUB_TOKEN: reads only. */
  readonly readOnly?: boolean
  /** GET /user works for personal tokens, not for the job's GITHUB_TOKEN. */
  readonly userEndpoint?: boolean
}

/** A workflow run as the runs API describes it (the fields the action and the tests use). */
export interface WorkflowRun {
  id: number
  /** .github/workflows/ci.yml */
  workflow_path: string
  head_branch: string
  head_sha: string
  event: string
  status: 'completed' | 'in_progress' | 'queued'
  conclusion: string | null
  created_at: string
  /** owner/name the head commit came from (a fork's, for its pull requests); default this repository. */
  head_repository?: string
}

/** An entry of the pull request files API; `patch` is left out for binary or too large diffs. */
export interface PullRequestFileEntry {
  readonly filename: string
  readonly status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  readonly previous_filename?: string
  readonly patch?: string
}

export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly status: number
}

export interface GitHubApi {
  readonly url: string
  readonly comments: StoredComment[]
  readonly requests: LoggedRequest[]
  /** Every workflow run of the repository, in the order they were added. */
  readonly runs: WorkflowRun[]
  /** The next `count` requests answer 500. */
  failNext(count: number): void
  /** The next `count` requests whose path (query included) matches answer 500 (Infinity: all). */
  failMatching(pattern: RegExp, count: number): void
  /** The next request (whose path, query included, matches) answers 403 with a secondary rate limit and retry-after. */
  rateLimitNext(retryAfterSeconds?: number, pattern?: RegExp): void
  /** The next `count` matching requests answer 403 with a secondary rate limit and retry-after (Infinity: all). */
  rateLimitMatching(pattern: RegExp, count: number, retryAfterSeconds: number): void
  /** The next `count` matching requests get their connection closed with no answer (Infinity: all). */
  dropMatching(pattern: RegExp, count: number): void
  /** Every fault queued and not yet served is dropped. */
  clearFaults(): void
  addComment(issue: number, body: string, user?: StoredComment['user']): StoredComment
  /** GET …/pulls/{number}/files lists these, paginated by the Link header (per_page at most 100). */
  setPullRequestFiles(number: number, files: readonly PullRequestFileEntry[]): void
  /** GET …/pulls/{number} answers with this head commit and head repository (owner/name). */
  setPullRequest(number: number, head: { readonly sha: string; readonly repo: string }): void
  /**
   * Registers a run; unset fields default to a successful push to main of ci.yml,
   * created `id` minutes after 2026-01-01 (so a higher id is newer).
   */
  addWorkflowRun(run: Partial<WorkflowRun> & { id: number }): WorkflowRun
  close(): Promise<void>
}

export const GITHUB_TOKEN = 'ghs_writeTokenForTests'
export const READ_ONLY_TOKEN = 'ghs_readOnlyTokenForTests'
export const PERSONAL_TOKEN = 'ghp_personalTokenForTests'

const DEFAULT_TOKENS: Record<string, TokenGrant> = {
  [GITHUB_TOKEN]: { login: 'github-actions[bot]', type: 'Bot' },
  [READ_ONLY_TOKEN]: { login: 'github-actions[bot]', type: 'Bot', readOnly: true },
  [PERSONAL_TOKEN]: { login: 'monalisa', type: 'User', userEndpoint: true },
}

const MAX_BODY = 65_536

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startGitHubApi(
  options: {
    owner?: string
    repo?: string
    tokens?: Record<string, TokenGrant>
    /** Serves the artifacts endpoints from this service's artifacts; without it they list none. */
    results?: ResultsService
  } = {},
): Promise<GitHubApi> {
  const owner = options.owner ?? 'owner'
  const repo = options.repo ?? 'repo'
  const tokens = options.tokens ?? DEFAULT_TOKENS
  const comments: StoredComment[] = []
  const requests: LoggedRequest[] = []
  const runs: WorkflowRun[] = []
  const pulls = new Map<number, { readonly sha: string; readonly repo: string }>()
  const pullFiles = new Map<number, readonly PullRequestFileEntry[]>()
  let failures = 0
  const pathFaults: { pattern: RegExp; count: number }[] = []
  const rateLimits: { pattern: RegExp; count: number; seconds: number }[] = []
  const drops: { pattern: RegExp; count: number }[] = []
  let nextId = 1000
  let base = ''

  const htmlUrl = (c: StoredComment) =>
    `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`
  const view = (c: StoredComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    html_url: htmlUrl(c),
    url: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`,
  })

  const runView = (r: WorkflowRun) => ({
    ...r,
    path: r.workflow_path,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`,
    repository: { full_name: `${owner}/${repo}` },
    head_repository: { full_name: r.head_repository ?? `${owner}/${repo}` },
  })

  const pageLinks = (url: URL, page: number, perPage: number, total: number): string[] => {
    const last = Math.max(1, Math.ceil(total / perPage))
    const links: string[] = []
    const link = (p: number, rel: string) => {
      const u = new URL(`${base}${url.pathname}${url.search}`)
      u.searchParams.set('per_page', String(perPage))
      u.searchParams.set('page', String(p))
      links.push(`<${u}>; rel="${rel}"`)
    }
    if (page < last) link(page + 1, 'next')
    if (page < last) link(last, 'last')
    if (page > 1) link(1, 'first')
    if (page > 1) link(page - 1, 'prev')
    return links
  }

  /** The page of `items` that per_page and page ask for (30 and 1 by default, 100 at most), and its Link header. */
  const pageOf = <T>(url: URL, items: readonly T[]) => {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
    const links = pageLinks(url, page, perPage, items.length)
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      headers: links.length ? { link: links.join(', ') } : ({} as Record<string, string>),
    }
  }

  /** One page of a list, with Link headers. */
  const sendPage = <T>(
    res: ServerResponse,
    url: URL,
    items: readonly T[],
    view: (item: T) => unknown,
  ): number => {
    const { items: shown, headers } = pageOf(url, items)
    send(res, 200, shown.map(view), headers)
    return 200
  }

  // GitHub's status filter takes a status or a conclusion; workflow_id a file name (or a number, unused here).
  const STATUSES = new Set([
    'completed',
    'in_progress',
    'queued',
    'requested',
    'waiting',
    'pending',
  ])
  const listRuns = (workflow: string, url: URL): [object, Record<string, string>] => {
    const q = url.searchParams
    const branch = q.get('branch')
    const event = q.get('event')
    const status = q.get('status')
    const matching = runs
      .filter((r) => r.workflow_path.split('/').pop() === workflow)
      .filter((r) => branch === null || r.head_branch === branch)
      .filter((r) => event === null || r.event === event)
      .filter(
        (r) =>
          status === null || (STATUSES.has(status) ? r.status === status : r.conclusion === status),
      )
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
    const { items, headers } = pageOf(url, matching)
    return [{ total_count: matching.length, workflow_runs: items.map(runView) }, headers]
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const drop = drops.find((f) => f.count > 0 && f.pattern.test(req.url ?? ''))
    if (drop) {
      drop.count--
      req.socket.destroy()
      return 0
    }
    const pathFault = pathFaults.find((f) => f.count > 0 && f.pattern.test(req.url ?? ''))
    if (failures > 0 || pathFault) {
      if (pathFault) pathFault.count--
      else failures--
      send(res, 500, { message: 'Server Error' })
      return 500
    }
    const rateLimit = rateLimits.find((f) => f.count > 0 && f.pattern.test(req.url ?? ''))
    if (rateLimit !== undefined) {
      const after = rateLimit.seconds
      rateLimit.count--
      send(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        { 'retry-after': String(after) },
      )
      return 403
    }
    const auth = /^(?:Bearer|token) (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const grant = auth === undefined ? undefined : tokens[auth]
    if (grant === undefined) {
      send(res, 401, {
        message: auth === undefined ? 'Requires authentication' : 'Bad credentials',
      })
      return 401
    }
    const refused = () => {
      send(res, 403, { message: 'Resource not accessible by integration' })
      return 403
    }
    if (url.pathname === '/user' && req.method === 'GET') {
      if (!grant.userEndpoint) return refused()
      send(res, 200, { login: grant.login, type: grant.type })
      return 200
    }
    const workflowRuns = new RegExp(
      `^/repos/${owner}/${repo}/actions/workflows/([^/]+)/runs$`,
    ).exec(url.pathname)
    if (workflowRuns && req.method === 'GET') {
      send(res, 200, ...listRuns(decodeURIComponent(workflowRuns[1] ?? ''), url))
      return 200
    }
    const list = new RegExp(`^/repos/${owner}/${repo}/issues/(\\d+)/comments$`).exec(url.pathname)
    const one = new RegExp(`^/repos/${owner}/${repo}/issues/comments/(\\d+)$`).exec(url.pathname)
    const writeBody = async (): Promise<string | number> => {
      if (grant.readOnly) return refused()
      const parsed = JSON.parse(await readBody(req)) as { body?: unknown }
      if (typeof parsed.body !== 'string') {
        send(res, 422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.' })
        return 422
      }
      if ([...parsed.body].length > MAX_BODY) {
        send(res, 422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        })
        return 422
      }
      return parsed.body
    }
    if (list && req.method === 'GET') {
      const issue = Number(list[1])
      return sendPage(
        res,
        url,
        comments.filter((c) => c.issue === issue),
        view,
      )
    }
    if (list && req.method === 'POST') {
      const body = await writeBody()
      if (typeof body === 'number') return body
      const c = {
        id: nextId++,
        issue: Number(list[1]),
        body,
        user: { login: grant.login, type: grant.type },
      }
      comments.push(c)
      send(res, 201, view(c))
      return 201
    }
    if (one && req.method === 'PATCH') {
      const c = comments.find((x) => x.id === Number(one[1]))
      if (c === undefined) {
        send(res, 404, { message: 'Not Found' })
        return 404
      }
      const body = await writeBody()
      if (typeof body === 'number') return body
      c.body = body
      send(res, 200, view(c))
      return 200
    }
    const files = new RegExp(`^/repos/${owner}/${repo}/pulls/(\\d+)/files$`).exec(url.pathname)
    if (files && req.method === 'GET') {
      const listed = pullFiles.get(Number(files[1]))
      if (listed === undefined) {
        send(res, 404, { message: 'Not Found' })
        return 404
      }
      const entry = (f: PullRequestFileEntry) => ({
        sha: '0'.repeat(40),
        additions: 0,
        deletions: 0,
        changes: 0,
        ...f,
      })
      return sendPage(res, url, listed, entry)
    }
    const oneRun = new RegExp(`^/repos/${owner}/${repo}/actions/runs/(\\d+)$`).exec(url.pathname)
    if (oneRun && req.method === 'GET') {
      const r = runs.find((x) => x.id === Number(oneRun[1]))
      if (r === undefined) {
        send(res, 404, { message: 'Not Found' })
        return 404
      }
      send(res, 200, runView(r))
      return 200
    }
    const pull = new RegExp(`^/repos/${owner}/${repo}/pulls/(\\d+)$`).exec(url.pathname)
    if (pull && req.method === 'GET') {
      const number = Number(pull[1])
      const head = pulls.get(number)
      if (head === undefined) {
        send(res, 404, { message: 'Not Found' })
        return 404
      }
      send(res, 200, {
        number,
        state: 'open',
        head: {
          sha: head.sha,
          repo: { full_name: head.repo, fork: head.repo !== `${owner}/${repo}` },
        },
        base: { ref: 'main', repo: { full_name: `${owner}/${repo}` } },
      })
      return 200
    }
    if (req.method === 'GET') {
      const artifacts = artifactRoute(url)
      if (artifacts !== undefined) return artifacts(res)
    }
    send(res, 404, { message: 'Not Found' })
    return 404
  }

  const expired = (a: ArtifactRecord) =>
    a.expiresAt !== undefined && Date.parse(a.expiresAt) <= Date.now()
  // Finalized artifacts of runs with numeric backend ids only: those ids are the GITHUB_RUN_IDs.
  const visible = () =>
    (options.results?.artifacts ?? [])
      .filter((a) => a.size !== undefined && /^\d+$/.test(a.runId))
      .sort((a, b) => b.id - a.id)
  const artifactView = (a: ArtifactRecord) => {
    const run = runs.find((r) => r.id === Number(a.runId))
    const api = `${base}/repos/${owner}/${repo}/actions/artifacts/${a.id}`
    return {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.size ?? 0,
      url: api,
      archive_download_url: `${api}/zip`,
      expired: expired(a),
      created_at: a.createdAt,
      updated_at: a.createdAt,
      expires_at: a.expiresAt ?? null,
      digest: a.digest ?? null,
      workflow_run: {
        id: Number(a.runId),
        repository_id: 1,
        // Runs whose head is a fork (head_repository set to another name) get another id.
        head_repository_id:
          run?.head_repository && run.head_repository !== `${owner}/${repo}` ? 2 : 1,
        head_branch: run?.head_branch ?? null,
        head_sha: run?.head_sha ?? null,
      },
    }
  }
  const artifactPage = (res: ServerResponse, url: URL, all: readonly ArtifactRecord[]) => {
    const { items, headers } = pageOf(url, all)
    send(res, 200, { total_count: all.length, artifacts: items.map(artifactView) }, headers)
    return 200
  }
  /** GET …/actions/artifacts, …/actions/runs/{id}/artifacts (both with ?name=) and …/artifacts/{id}/zip. */
  const artifactRoute = (url: URL): ((res: ServerResponse) => number) | undefined => {
    const prefix = `^/repos/${owner}/${repo}/actions`
    const name = url.searchParams.get('name')
    const named = (a: ArtifactRecord) => name === null || a.name === name
    if (new RegExp(`${prefix}/artifacts$`).test(url.pathname)) {
      return (res) => artifactPage(res, url, visible().filter(named))
    }
    const ofRun = new RegExp(`${prefix}/runs/(\\d+)/artifacts$`).exec(url.pathname)
    if (ofRun) {
      return (res) =>
        artifactPage(
          res,
          url,
          visible().filter((a) => a.runId === ofRun[1] && named(a)),
        )
    }
    const zip = new RegExp(`${prefix}/artifacts/(\\d+)/zip$`).exec(url.pathname)
    if (zip) {
      return (res) => {
        const record = visible().find((a) => a.id === Number(zip[1]))
        if (record === undefined || options.results === undefined) {
          send(res, 404, { message: 'Not Found' })
          return 404
        }
        if (expired(record)) {
          send(res, 410, { message: 'Artifact has expired' })
          return 410
        }
        res.writeHead(302, { location: options.results.artifactUrl(record) }).end()
        return 302
      }
    }
    return undefined
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).then(
      (status) => requests.push({ method: req.method ?? '', path: req.url ?? '', status }),
      (error: unknown) => {
        send(res, 500, { message: String(error) })
        requests.push({ method: req.method ?? '', path: req.url ?? '', status: 500 })
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    comments,
    requests,
    runs,
    failNext: (count) => {
      failures = count
    },
    failMatching: (pattern, count) => {
      pathFaults.push({ pattern, count })
    },
    rateLimitNext: (seconds = 1, pattern = /./) => {
      rateLimits.push({ seconds, pattern, count: 1 })
    },
    rateLimitMatching: (pattern, count, seconds) => {
      rateLimits.push({ pattern, count, seconds })
    },
    dropMatching: (pattern, count) => {
      drops.push({ pattern, count })
    },
    clearFaults: () => {
      failures = 0
      for (const list of [pathFaults, rateLimits, drops]) list.length = 0
    },
    setPullRequestFiles: (number, listed) => {
      pullFiles.set(number, listed)
    },
    addComment: (issue, body, user = { login: 'someone', type: 'User' }) => {
      const c = { id: nextId++, issue, body, user }
      comments.push(c)
      return c
    },
    setPullRequest: (number, head) => {
      pulls.set(number, head)
    },
    addWorkflowRun: (run) => {
      const status = run.status ?? 'completed'
      const stored: WorkflowRun = {
        workflow_path: '.github/workflows/ci.yml',
        head_branch: 'main',
        head_sha: run.id.toString(16).padStart(40, '0'),
        event: 'push',
        status,
        conclusion: status === 'completed' ? 'success' : null,
        created_at: new Date(Date.UTC(2026, 0, 1) + run.id * 60_000).toISOString(),
        ...run,
      }
      runs.push(stored)
      return stored
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
