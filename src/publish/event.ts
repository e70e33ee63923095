/**
 * The event a run was started by, as publishing needs it: GITHUB_EVENT_NAME,
 * GITHUB_REF, GITHUB_REPOSITORY and, from the payload at GITHUB_EVENT_PATH,
 * whether a fork is involved and a release's action and tag.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { PublishEvent } from './decide.js'

interface Payload {
  action?: unknown
  release?: { tag_name?: unknown }
  repository?: { fork?: unknown; full_name?: unknown }
  pull_request?: {
    head?: { sha?: unknown; repo?: { full_name?: unknown; fork?: unknown } | null }
  }
}

/** The event payload at GITHUB_EVENT_PATH; {} when there is none or it is not JSON. */
function parsePayload(file: string | undefined): Payload {
  if (!file || !existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Payload
  } catch {
    return {}
  }
}

let pinned: { readonly file: string | undefined; readonly payload: Payload } | undefined

/**
 * Reads the payload once, before any project code runs: a test can find the
 * event file (its path is in the action's own environment under /proc) and
 * rewrite it, to point the comment at another pull request or to make a
 * push look like a release. Every later read gets these contents.
 */
export function pinPayload(file: string | undefined): void {
  pinned = { file, payload: parsePayload(file) }
}

/** The event payload: the pinned one for that file, else read now. */
export function readPayload(file: string | undefined): Payload {
  return pinned !== undefined && pinned.file === file ? pinned.payload : parsePayload(file)
}

export function readEvent(env: NodeJS.ProcessEnv): PublishEvent {
  const payload = readPayload(env.GITHUB_EVENT_PATH)
  const repository = env.GITHUB_REPOSITORY ?? ''
  const head = payload.pull_request?.head?.repo
  const fromFork =
    head !== undefined &&
    (head === null ||
      head.fork === true ||
      (head.full_name !== undefined && head.full_name !== repository))
  return {
    name: env.GITHUB_EVENT_NAME ?? '',
    ref: env.GITHUB_REF ?? '',
    repository,
    fork: payload.repository?.fork === true || fromFork,
    ...(typeof payload.action === 'string' && { releaseAction: payload.action }),
    ...(typeof payload.release?.tag_name === 'string' && { releaseTag: payload.release.tag_name }),
  }
}
