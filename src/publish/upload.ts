/**
 * Uploads with twine, one file at a time: `python -m twine upload
 * --non-interactive`, credentials in TWINE_* variables (never arguments, which
 * other processes can read). twine 4 repeats a 5xx answer up to five times at
 * once; a file that still fails with a 5xx or a connection error is uploaded
 * again after a wait, twice at most.
 */
import path from 'node:path'
import { changedSinceBuild } from '../build/digest.js'
import { plainOutput } from '../build/twine-check.js'
import type { Host } from '../host.js'
import type { Venv } from '../install/install.js'
import type { Log } from '../log.js'
import { stripColour } from '../process.js'
import type { DistFile, PublishedFile } from '../report/metrics.js'

export class PublishError extends Error {
  override name = 'PublishError'
}

export interface Credentials {
  readonly username: '__token__'
  readonly password: string
}

export interface UploadOptions {
  readonly repositoryUrl: string
  readonly skipExisting: boolean
  /** Waits before the second and third upload of a file; default 2 s and 6 s. */
  readonly retryWaitsMs?: readonly number[]
}

const DEFAULT_WAITS_MS = [2000, 6000]

/** The first problem twine printed: the HTTP error and the index's message, or the exception. Pure. */
export function twineFailure(output: string): { message: string; retryable: boolean } {
  const text = stripColour(output)
  const http = /HTTPError: (\d{3}) (.*?) from (\S+)[ \t]*\n/.exec(text)
  if (http) {
    const [whole, status = '', phrase = ''] = http
    // The index's message follows, possibly wrapped, until the next log line.
    const after = text.slice(http.index + whole.length).split('\n')
    const end = after.findIndex((l) => /^\s*(INFO|WARNING|ERROR|DEBUG)\b/.test(l))
    const reason = (end === -1 ? after : after.slice(0, end)).join(' ').replace(/\s+/g, ' ').trim()
    const detail = reason && reason !== phrase.trim() ? `: ${reason}` : ''
    return {
      message: `the index answered ${status} ${phrase.trim()}${detail}`,
      retryable: status.startsWith('5'),
    }
  }
  if (
    /ConnectionError|Max retries exceeded|Connection (refused|reset|aborted)|RemoteDisconnected/.test(
      text,
    )
  ) {
    const line = text.split('\n').find((l) => /Error/.test(l)) ?? 'connection error'
    return { message: `the index could not be reached: ${line.trim()}`, retryable: true }
  }
  const lines = text.trim().split('\n')
  const error = lines.findLast((l) => /^\s*(ERROR|\w+(Error|Exception|Detected)):?/.test(l))
  return { message: (error ?? lines.at(-1) ?? 'twine failed').trim(), retryable: false }
}

/** The web page of a release on the index: https://pypi.org/project/<name>/<version>/ for PyPI. Pure. */
export function projectUrl(repositoryUrl: string, name: string, version: string): string {
  const url = new URL(repositoryUrl)
  const host =
    url.hostname === 'upload.pypi.org'
      ? 'https://pypi.org'
      : url.hostname === 'test.pypi.org'
        ? 'https://test.pypi.org'
        : url.origin
  return `${host}/project/${name}/${version}/`
}

function twineEnv(venv: Venv, credentials: Credentials, repositoryUrl: string): NodeJS.ProcessEnv {
  return {
    ...plainOutput(venv),
    TWINE_USERNAME: credentials.username,
    TWINE_PASSWORD: credentials.password,
    TWINE_REPOSITORY_URL: repositoryUrl,
    TWINE_NON_INTERACTIVE: '1',
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Uploads each file, retrying 5xx answers and connection errors; stops at the first failure. */
export async function uploadFiles(
  host: Host,
  log: Log,
  venv: Venv,
  files: readonly DistFile[],
  credentials: Credentials,
  options: UploadOptions,
): Promise<PublishedFile[]> {
  const waits = options.retryWaitsMs ?? DEFAULT_WAITS_MS
  const env = twineEnv(venv, credentials, options.repositoryUrl)
  const results: PublishedFile[] = []
  for (const file of files) {
    const args = ['-m', 'twine', 'upload', '--non-interactive', '--disable-progress-bar', file.path]
    let attempts = 0
    let outcome: PublishedFile | undefined
    // Again just before its upload: an earlier file's upload takes seconds.
    const [changed] = changedSinceBuild([file])
    if (changed !== undefined) {
      const base = { fileName: file.fileName, size: file.size, sha256: file.sha256, attempts }
      results.push({ ...base, outcome: 'failed', message: `${changed}; it was not uploaded` })
      break
    }
    while (outcome === undefined) {
      attempts += 1
      log.info(`$ python ${args.join(' ')}  (attempt ${attempts} of ${waits.length + 1})`)
      const result = await host.runner.run(venv.python, args, {
        cwd: path.dirname(file.path),
        env,
      })
      log.info(result.output.trimEnd())
      const base = { fileName: file.fileName, size: file.size, sha256: file.sha256, attempts }
      if (result.code === 0) {
        outcome = { ...base, outcome: 'uploaded' }
        break
      }
      const failure = twineFailure(result.output)
      // Ours, not twine's --skip-existing: twine 6 accepts that flag for PyPI
      // and TestPyPI only, and every index answers a re-upload with 400.
      if (options.skipExisting && /\b400\b.*File already exists/i.test(failure.message)) {
        outcome = { ...base, outcome: 'skipped' }
        break
      }
      const wait = waits[attempts - 1]
      if (!failure.retryable || wait === undefined) {
        outcome = { ...base, outcome: 'failed', message: failure.message }
        break
      }
      log.warning(
        `uploading ${file.fileName} failed (${failure.message}); trying again in ${(wait / 1000).toFixed(1)}s`,
      )
      await sleep(wait)
    }
    results.push(outcome)
    if (outcome.outcome === 'failed') break
  }
  return results
}
