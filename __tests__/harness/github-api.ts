/**
 * A loopback stand-in for the parts of GitHub's REST API the comment uses:
 * issue comments (list with Link-header pagination, create, update) and
 * GET /user. It refuses what GitHub refuses: no or an unknown token (401),
 * bodies over 65,536 characters (422), writes with a read-only token (403
 * "Resource not accessible by integration"), GET /user with an installation
 * token (403). Faults can be queued: 500s, a secondary rate limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

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

export interface LoggedRequest {
  readonly method: string
  readonly path: string
  readonly status: number
}

export interface GitHubApi {
  readonly url: string
  readonly comments: StoredComment[]
  readonly requests: LoggedRequest[]
  /** The next `count` requests answer 500. */
  failNext(count: number): void
  /** The next request answers 403 with a secondary rate limit and retry-after. */
  rateLimitNext(retryAfterSeconds?: number): void
  addComment(issue: number, body: string, user?: StoredComment['user']): StoredComment
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
  options: { owner?: string; repo?: string; tokens?: Record<string, TokenGrant> } = {},
): Promise<GitHubApi> {
  const owner = options.owner ?? 'owner'
  const repo = options.repo ?? 'repo'
  const tokens = options.tokens ?? DEFAULT_TOKENS
  const comments: StoredComment[] = []
  const requests: LoggedRequest[] = []
  let failures = 0
  let rateLimit: number | undefined
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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (failures > 0) {
      failures--
      send(res, 500, { message: 'Server Error' })
      return 500
    }
    if (rateLimit !== undefined) {
      const after = rateLimit
      rateLimit = undefined
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
      const perPage = Math.min(
        Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1),
        100,
      )
      const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1)
      const all = comments.filter((c) => c.issue === issue)
      const last = Math.max(1, Math.ceil(all.length / perPage))
      const links: string[] = []
      const link = (p: number, rel: string) => {
        const u = new URL(`${base}${url.pathname}`)
        u.searchParams.set('per_page', String(perPage))
        u.searchParams.set('page', String(p))
        links.push(`<${u}>; rel="${rel}"`)
      }
      if (page < last) link(page + 1, 'next')
      if (page < last) link(last, 'last')
      if (page > 1) link(1, 'first')
      if (page > 1) link(page - 1, 'prev')
      send(
        res,
        200,
        all.slice((page - 1) * perPage, page * perPage).map(view),
        links.length ? { link: links.join(', ') } : {},
      )
      return 200
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
    send(res, 404, { message: 'Not Found' })
    return 404
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
    failNext: (count) => {
      failures = count
    },
    rateLimitNext: (seconds = 1) => {
      rateLimit = seconds
    },
    addComment: (issue, body, user = { login: 'someone', type: 'User' }) => {
      const c = { id: nextId++, issue, body, user }
      comments.push(c)
      return c
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
