/**
 * Cache keys and whether to cache at all. Pure: the caller hands in the
 * machine, the interpreter, the hash of the dependency files and the event,
 * so every rule here is table-tested.
 */
import { createHash } from 'node:crypto'
import type { CacheMode } from '../config.js'
import type { RunEvent } from '../github/run-event.js'

export interface KeyParts {
  /** RUNNER_OS, e.g. Linux. */
  readonly os: string
  /** e.g. debian-12, ubuntu-24.04; '' when unknown. */
  readonly osVersion: string
  readonly arch: string
  /** The resolved full version, e.g. 3.12.4. */
  readonly pythonVersion: string
  readonly installer: 'pip'
  /** hashFiles of the dependency files: 64 hex digits. */
  readonly dependencyHash: string
  /** cache-suffix; '' when not set. */
  readonly suffix: string
  /**
   * What else decides the environment's content (install plan, pip arguments,
   * system site packages, build isolation), in any stable text form.
   */
  readonly environmentSettings: string
}

export interface LayerKeys {
  readonly primary: string
  /** Prefixes tried when the primary key misses; empty for an exact-only layer. */
  readonly restoreKeys: readonly string[]
}

export interface CacheKeys {
  /** pip's download and wheel cache: a stale one still saves downloads. */
  readonly pip: LayerKeys
  /** The virtual environment: exact key only, a partial match would be a wrong environment. */
  readonly venv: LayerKeys
}

/** Keys may not hold commas and stay short; a dash separates every part. */
function clean(part: string): string {
  return part.replace(/[^A-Za-z0-9._+-]/g, '_')
}

export function cacheKeys(parts: KeyParts): CacheKeys {
  const machine = [parts.os, parts.osVersion, parts.arch]
    .filter((p) => p !== '')
    .map(clean)
    .join('-')
  const suffix = parts.suffix === '' ? '' : `-${clean(parts.suffix)}`
  // The hash comes last, so the prefix without it is the restore key.
  const pipPrefix = `python-ci-pip-${machine}-py${clean(parts.pythonVersion)}-${parts.installer}${suffix}-`
  const settings = createHash('sha256').update(parts.environmentSettings).digest('hex').slice(0, 12)
  const venvPrefix = `python-ci-venv-${machine}-py${clean(parts.pythonVersion)}-${parts.installer}${suffix}-${settings}-`
  return {
    pip: { primary: pipPrefix + parts.dependencyHash, restoreKeys: [pipPrefix] },
    venv: { primary: venvPrefix + parts.dependencyHash, restoreKeys: [] },
  }
}

/** What the cache decision reads of the run event. */
export type CacheEvent = Pick<RunEvent, 'name' | 'ref'>

export interface CacheDecision {
  readonly enabled: boolean
  /** One line for the log: why caching is on or off. */
  readonly reason: string
}

// Caches written by pull requests must never reach a release: these events
// run with write tokens or publish, so `auto` neither restores nor saves.
const UNTRUSTED_FOR_AUTO: Readonly<Record<string, string>> = {
  release: 'a release event',
  pull_request_target: 'a pull_request_target event',
  workflow_run: 'a workflow_run event',
}

export function decideCache(mode: CacheMode, event: CacheEvent): CacheDecision {
  if (mode === 'false') return { enabled: false, reason: 'cache: false' }
  if (mode === 'true') return { enabled: true, reason: 'cache: true' }
  const why = event.ref.startsWith('refs/tags/')
    ? `a tag push (${event.ref.slice('refs/tags/'.length)})`
    : UNTRUSTED_FOR_AUTO[event.name]
  if (why) {
    return {
      enabled: false,
      reason: `cache: auto is off for ${why}, so nothing a pull request wrote can reach it; set cache: true to cache anyway`,
    }
  }
  return { enabled: true, reason: `cache: auto (${event.name || 'no event'})` }
}
