/**
 * A small GitHub REST client: JSON over @actions/http-client (which honours the
 * runner's proxy settings), the base URL from GITHUB_API_URL of the environment
 * it is given, pagination by the Link header, and retries with backoff on 5xx,
 * dropped connections and secondary rate limits. Anything else becomes a
 * GitHubApiError with the status and GitHub's own message. The token is only
 * ever put in the Authorization header: never in a message, a URL or the log.
 */
import { HttpClient } from '@actions/http-client'
import { errorMessage } from '../error-message.js'
import type { Outages } from './outages.js'

export class GitHubApiError extends Error {
  override name = 'GitHubApiError'
  constructor(
    /** "PATCH /repos/o/r/issues/comments/1" */
    readonly request: string,
    /** 0 when no response came back. */
    readonly status: number,
    /** GitHub's `message` field, or the start of the body. */
    readonly githubMessage: string,
    /** How many times the request was sent. */
    readonly attempts = 1,
  ) {
    super(
      `${request} ${status === 0 ? 'got no response' : `returned ${status}`}${githubMessage ? `: ${githubMessage}` : ''}`,
    )
  }
}

export interface GitHubClientOptions {
  readonly token: string
  /** GITHUB_API_URL is read from here; https://api.github.com when unset. */
  readonly env: NodeJS.ProcessEnv
  /** Attempts per request, the first included. Default 4. */
  readonly attempts?: number
  /** The first backoff after a 5xx or a dropped connection, doubled each time. Default 1000 ms. */
  readonly baseDelayMs?: number
  /** The longest wait a retry-after or rate-limit reset may ask for before we give up. Default 60 s. */
  readonly maxWaitMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  /** Called before each wait, for the log. */
  readonly onRetry?: (message: string) => void
}

export interface ApiResponse<T> {
  readonly status: number
  readonly data: T
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
}

const DEFAULT_API = 'https://api.github.com'

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function header(headers: ApiResponse<unknown>['headers'], name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The URL of rel="next" in a Link header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const part of link.split(',')) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part)
    if (m && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

function githubMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; errors?: unknown }
    if (typeof parsed.message === 'string') {
      const errors = Array.isArray(parsed.errors)
        ? parsed.errors
            .map((e) =>
              typeof e === 'string'
                ? e
                : e && typeof e === 'object' && 'message' in e && typeof e.message === 'string'
                  ? e.message
                  : '',
            )
            .filter((e) => e !== '')
        : []
      return errors.length ? `${parsed.message} (${errors.join('; ')})` : parsed.message
    }
  } catch {
    // Not JSON: a proxy's HTML page, say; its start is still worth showing.
  }
  return body.replace(/\s+/g, ' ').trim().slice(0, 200)
}

export class GitHubClient {
  private readonly http: HttpClient
  private readonly base: URL
  private readonly attempts: number
  private readonly baseDelayMs: number
  private readonly maxWaitMs: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: GitHubClientOptions) {
    const base = (options.env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, '')
    this.base = new URL(`${base}/`)
    this.attempts = Math.max(1, options.attempts ?? 4)
    this.baseDelayMs = options.baseDelayMs ?? 1000
    this.maxWaitMs = options.maxWaitMs ?? 60_000
    this.sleep = options.sleep ?? realSleep
    // Our own retries, not the client's: it would retry without honouring retry-after.
    this.http = new HttpClient('python-ci-action', [], { allowRetries: false, keepAlive: false })
  }

  /** An absolute URL for a path such as /repos/o/r/issues/1/comments (the base's own path kept, for GHES /api/v3). */
  url(path: string): string {
    return new URL(path.replace(/^\/+/, ''), this.base).toString()
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.requestUrl<T>(method, this.url(path), body)
  }

  /** Every item of a list endpoint, following rel="next" links on the API's own host only. */
  async paginate<T>(path: string): Promise<T[]> {
    const items: T[] = []
    let url: string | undefined = this.url(path)
    while (url !== undefined) {
      const page: ApiResponse<T[]> = await this.requestUrl<T[]>('GET', url)
      if (!Array.isArray(page.data)) {
        throw new GitHubApiError(`GET ${new URL(url).pathname}`, page.status, 'not a list')
      }
      items.push(...page.data)
      const next = nextLink(header(page.headers, 'link'))
      // The token goes with every request, so never to a host the API did not start on.
      url = next !== undefined && new URL(next).origin === this.base.origin ? next : undefined
    }
    return items
  }

  private async requestUrl<T>(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const parsed = new URL(url)
    const what = `${method} ${parsed.pathname}${parsed.search}`
    const headers = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.options.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    }
    const data = body === undefined ? null : JSON.stringify(body)
    for (let attempt = 1; ; attempt++) {
      let status = 0
      let text = ''
      let responseHeaders: ApiResponse<unknown>['headers'] = {}
      try {
        const response = await this.http.request(method, url, data, headers)
        status = response.message.statusCode ?? 0
        responseHeaders = response.message.headers
        text = await response.readBody()
      } catch (error) {
        text = errorMessage(error)
      }
      if (status >= 200 && status < 300) {
        return {
          status,
          headers: responseHeaders,
          data: (text === '' ? undefined : JSON.parse(text)) as T,
        }
      }
      const message = status === 0 ? text : githubMessage(text)
      const wait = this.retryWait(status, responseHeaders, message, attempt)
      if (wait === undefined || attempt >= this.attempts) {
        throw new GitHubApiError(what, status, message, attempt)
      }
      this.options.onRetry?.(
        `${what} ${status === 0 ? `failed (${message})` : `returned ${status}`}; retrying in ${(wait / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.attempts})`,
      )
      await this.sleep(wait)
    }
  }

  /** How long to wait before the next attempt, or undefined when this failure is final. */
  private retryWait(
    status: number,
    headers: ApiResponse<unknown>['headers'],
    message: string,
    attempt: number,
  ): number | undefined {
    const backoff = this.baseDelayMs * 2 ** (attempt - 1)
    if (status === 0 || status >= 500) return backoff
    if (status !== 403 && status !== 429) return undefined
    const retryAfter = header(headers, 'retry-after')
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) {
      const ms = Number(retryAfter) * 1000
      return ms <= this.maxWaitMs ? ms : undefined
    }
    if (header(headers, 'x-ratelimit-remaining') === '0') {
      const reset = Number(header(headers, 'x-ratelimit-reset'))
      const ms = Number.isFinite(reset) ? reset * 1000 - Date.now() + 1000 : backoff
      return ms <= this.maxWaitMs ? Math.max(ms, 0) : undefined
    }
    // A secondary limit without headers: GitHub asks for at least a minute.
    if (/secondary rate limit/i.test(message)) return this.maxWaitMs >= 60_000 ? 60_000 : undefined
    return status === 429 ? backoff : undefined
  }
}

/** What only a run on GitHub has; tests may shorten the waits between retries. */
export interface GitHubServices extends Pick<GitHubClientOptions, 'sleep' | 'baseDelayMs'> {
  /** Where an outage is noted, for one warning per outage; without it each feature warns. */
  readonly outages?: Outages
}
