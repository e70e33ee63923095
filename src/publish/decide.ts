/**
 * Whether this run publishes: from the event, the publish settings, and what
 * the build and the tests gave. Pure. Three answers: skip (not a release run;
 * the step is unaffected), refuse (a release was asked for but cannot be right;
 * the step fails with one line per reason) or publish (these files, this version).
 */
import type { BuildResult, DistFile, TestRun } from '../report/metrics.js'
import { formatPep440, type Pep440Version, parsePep440, samePep440 } from './pep440.js'

export type PublishMode = 'auto' | 'true' | 'false'
export const PUBLISH_MODES: readonly PublishMode[] = ['auto', 'true', 'false']

/** What the run was started by, from GITHUB_* and the event payload. */
export interface PublishEvent {
  /** GITHUB_EVENT_NAME: push, release, pull_request, … */
  readonly name: string
  /** GITHUB_REF: refs/tags/v1.2.0, refs/heads/main, … */
  readonly ref: string
  /** owner/name of the repository the run belongs to. */
  readonly repository: string
  /** The run's repository is a fork, or a pull request comes from one. */
  readonly fork: boolean
  /** A release event's action: published, created, … */
  readonly releaseAction?: string
  /** A release event's tag_name. */
  readonly releaseTag?: string
}

/** tag-pattern, parsed: a glob whose literal prefix is cut from a tag to give the version. */
export interface TagPattern {
  readonly text: string
  /** Everything before the first wildcard: "v" for v*. */
  readonly prefix: string
  readonly regex: RegExp
}

export interface PublishInputs {
  readonly event: PublishEvent
  readonly mode: PublishMode
  readonly tagPattern: TagPattern
  /** undefined: the build did not run. */
  readonly build: BuildResult | undefined
  /** undefined: the tests did not run. */
  readonly test: TestRun | undefined
}

export type PublishDecision =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'refuse'; readonly reasons: readonly string[] }
  | {
      readonly kind: 'publish'
      readonly tag: string
      /** The built version, as the dists carry it. */
      readonly version: string
      readonly files: readonly DistFile[]
    }

/** Parses a tag-pattern glob (*, ?, [...]); undefined when it has no wildcard to take a version from. */
export function parseTagPattern(text: string): TagPattern | undefined {
  const first = text.search(/[*?[]/)
  if (first === -1) return undefined
  let source = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? ''
    if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const end = text.indexOf(']', i + 2)
      if (end === -1) return undefined
      const body = text
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')
      source += `[${body}]`
      i = end
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return { text, prefix: text.slice(0, first), regex: new RegExp(`^${source}$`) }
}

/** The tag a run is about, or why it is not a release run. */
function releaseTag(event: PublishEvent): { tag: string } | { not: string } {
  if (event.name.startsWith('pull_request')) {
    return { not: `a ${event.name} event never publishes; release from a tag push` }
  }
  if (event.fork) {
    return {
      not: `${event.repository || 'this repository'} is a fork; publishing runs from the original repository only`,
    }
  }
  if (event.name === 'release') {
    if (event.releaseAction !== 'published') {
      return {
        not: `a release event with action ${event.releaseAction ?? '(none)'} does not publish; only "published" does`,
      }
    }
    const tag = event.releaseTag ?? event.ref.replace(/^refs\/tags\//, '')
    return tag ? { tag } : { not: 'the release event names no tag' }
  }
  if (event.name === 'push' && event.ref.startsWith('refs/tags/')) {
    return { tag: event.ref.slice('refs/tags/'.length) }
  }
  const what = event.name === 'push' ? `a push to ${event.ref}` : `a ${event.name} event`
  return { not: `${what} is not a tag push or a published release` }
}

function testReasons(test: TestRun | undefined): string[] {
  if (test === undefined)
    return ['the tests did not run in this run (test: false, or the install failed)']
  if (test.ok) return []
  const r = test.results
  if (r === undefined)
    return [`the tests did not pass: ${test.stopped ?? `pytest exited ${test.exitCode}`}`]
  return [`the tests did not pass: ${r.failed} failed, ${r.errors} errors in ${r.tests} tests`]
}

function buildReasons(build: BuildResult | undefined): string[] {
  if (build === undefined)
    return ['nothing was built in this run (build: false, or the install failed)']
  if (build.error !== undefined) return [`the build failed: ${build.error.split('\n')[0] ?? ''}`]
  const reasons = build.problems.map((p) => `the built files are not releasable: ${p}`)
  if (!build.ok && reasons.length === 0) reasons.push('the build failed')
  return reasons
}

function versionReasons(
  tag: string,
  pattern: TagPattern,
  build: BuildResult | undefined,
): { reasons: string[]; version?: string } {
  const dist = build?.sdist ?? build?.wheel
  if (dist === undefined || dist.version === '') return { reasons: [] }
  const reasons: string[] = []
  const built = parsePep440(dist.version)
  if (built === undefined) {
    reasons.push(`the built version ${dist.version} is not a PEP 440 version, which PyPI refuses`)
  } else if (built.local !== undefined) {
    reasons.push(
      `the built version ${dist.version} has a local part (+${built.local}), which PyPI refuses; build from the tag itself`,
    )
  }
  const tagText = tag.slice(pattern.prefix.length)
  const fromTag: Pep440Version | undefined = parsePep440(tagText)
  if (fromTag === undefined) {
    reasons.push(
      `tag ${tag} gives version "${tagText}" (the tag minus tag-pattern's prefix "${pattern.prefix}"), which is not a PEP 440 version`,
    )
  } else if (built !== undefined && !samePep440(fromTag, built)) {
    reasons.push(
      `tag ${tag} is version ${formatPep440(fromTag)}, but the built version is ${formatPep440(built)}; tag the commit whose version matches, or fix the version`,
    )
  }
  return { reasons, version: dist.version }
}

export function decidePublish(inputs: PublishInputs): PublishDecision {
  if (inputs.mode === 'false') return { kind: 'skip', reason: 'publish: false' }
  const found = releaseTag(inputs.event)
  let tag: string
  if ('not' in found) {
    return inputs.mode === 'auto'
      ? { kind: 'skip', reason: `${found.not} (publish: auto)` }
      : { kind: 'refuse', reasons: [`publish: true, but ${found.not}`] }
  }
  tag = found.tag
  if (!inputs.tagPattern.regex.test(tag)) {
    const why = `tag ${tag} does not match tag-pattern ${inputs.tagPattern.text}`
    return inputs.mode === 'auto'
      ? { kind: 'skip', reason: `${why} (publish: auto)` }
      : { kind: 'refuse', reasons: [`publish: true, but ${why}`] }
  }
  const version = versionReasons(tag, inputs.tagPattern, inputs.build)
  const reasons = [...testReasons(inputs.test), ...buildReasons(inputs.build), ...version.reasons]
  if (reasons.length > 0) return { kind: 'refuse', reasons }
  const files = [inputs.build?.sdist, inputs.build?.wheel].filter((d) => d !== undefined)
  return { kind: 'publish', tag, version: version.version ?? '', files }
}
