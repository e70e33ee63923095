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
export function readPayload(file: string | undefined): Payload {
  if (!file || !existsSync(file)) return {}
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Payload
  } catch {
    return {}
  }
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
