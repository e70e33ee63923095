/**
 * One warning per outage: when a service the run talks to is down, every
 * feature that needed it notes what it skipped here, and the run gives one
 * warning per service naming all of it, instead of one per feature. Faults
 * that are not outages (a token without a permission, say) keep their own
 * warnings, which say what to change.
 */
import { errorMessage } from '../error-message.js'
import type { Log } from '../log.js'
import { GitHubApiError } from './rest.js'

export type OutageService = 'github' | 'artifacts' | 'cache'

const STILL_REPORTED = 'The results are in the job summary and the outputs of this step.'

/** The first line of the warning for each service, given the first fault's cause. */
const HEADLINE: Readonly<Record<OutageService, (cause: string) => string>> = {
  github: (cause) => `GitHub's API did not answer (${cause})`,
  artifacts: (cause) => `The Actions artifact service failed (${cause})`,
  cache: (cause) => cause,
}

const TAIL: Readonly<Record<OutageService, string>> = {
  github: `. ${STILL_REPORTED}`,
  artifacts: `. ${STILL_REPORTED}`,
  cache: '; the run goes on without the cache.',
}

const CONNECTION =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|socket hang up|other side closed|fetch failed/i

/**
 * A message on one line. The cache client's own messages hold line breaks
 * already escaped as a literal %0A, which the log then shows as such.
 */
export function oneLine(text: string): string {
  return text.replace(/\s*(?:[\r\n]|%0A|%0D)+\s*/gi, ' ').trim()
}

/**
 * Why the error is an outage ("HTTP 502 after 4 tries"), or undefined when it
 * is the service's answer to this request (a 403 for a permission, a 404).
 * Pure.
 */
export function outageCause(error: unknown): string | undefined {
  if (error instanceof GitHubApiError) {
    const tries = error.attempts > 1 ? ` after ${error.attempts} tries` : ''
    if (error.status === 0) return `no response${tries}: ${oneLine(error.githubMessage)}`
    if (error.status >= 500) return `HTTP ${error.status}${tries}`
    if (error.status === 429 || (error.status === 403 && /rate limit/i.test(error.githubMessage)))
      return `rate limited, HTTP ${error.status}${tries}`
    return undefined
  }
  const status =
    error !== null && typeof error === 'object' && 'status' in error ? error.status : undefined
  if (typeof status === 'number' && (status >= 500 || status === 429)) return `HTTP ${status}`
  const message = oneLine(errorMessage(error))
  if (CONNECTION.test(message)) return `no connection: ${message.slice(0, 200)}`
  return undefined
}

export class Outages {
  private readonly seen = new Map<OutageService, { cause: string; skipped: string[] }>()

  /** Notes the fault of `service` with `cause`, so that `skipped` did not happen. */
  record(service: OutageService, cause: string, skipped: string): void {
    const entry = this.seen.get(service) ?? { cause: oneLine(cause), skipped: [] }
    if (!entry.skipped.includes(skipped)) entry.skipped.push(skipped)
    this.seen.set(service, entry)
  }

  /**
   * Notes the error when it is an outage and says whether it was; a caller
   * given false warns on its own. The artifact service's faults all count:
   * its one job is the upload that failed.
   */
  note(service: OutageService, error: unknown, skipped: string): boolean {
    const cause =
      outageCause(error) ??
      (service === 'artifacts' ? oneLine(errorMessage(error)).slice(0, 300) : undefined)
    if (cause === undefined) return false
    this.record(service, cause, skipped)
    return true
  }

  has(service: OutageService): boolean {
    return this.seen.has(service)
  }

  /** One line per service that failed. */
  warnings(): string[] {
    return [...this.seen].map(
      ([service, { cause, skipped }]) =>
        `${HEADLINE[service](cause)}: ${skipped.join(', ')}${TAIL[service]}`,
    )
  }

  /** Logs the warnings, once: what is reported is forgotten. */
  report(log: Log): void {
    for (const warning of this.warnings()) log.warning(warning)
    this.seen.clear()
  }
}
