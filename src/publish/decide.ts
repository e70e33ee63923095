/**
 * Whether this run publishes: from the event, the publish settings, and what
 * the build and the tests gave. Pure. Three answers: skip (not a release run;
 * the step is unaffected), refuse (a release was asked for but cannot be right;
 * the step fails with one line per reason) or publish (these files, this version).
 */

import type { PublishMode, TagPattern } from '../config.js'
import type { RunEvent } from '../github/run-event.js'
import type { BuildResult, DistFile, TestRun } from '../report/metrics.js'
import { formatPep440, type Pep440Version, parsePep440, samePep440 } from './pep440.js'

/** What publishing reads of the run event. */
export type PublishEvent = Pick<RunEvent, 'name' | 'ref' | 'repositoryName' | 'fork' | 'release'>

export interface PublishInputs {
  readonly event: PublishEvent
  readonly mode: PublishMode
  readonly tagPattern: TagPattern
  /** undefined: the build did not run. */
  readonly build: BuildResult | undefined
  /** undefined: the tests did not run. */
  readonly test: TestRun | undefined
  /**
   * Why the step fails already (the verdict without publishing's part): a
   * release needs every threshold to hold, not just green tests.
   */
  readonly failing?: readonly string[]
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

/** The tag a run is about, or why it is not a release run. */
function releaseTag(event: PublishEvent): { tag: string } | { not: string } {
  if (event.name.startsWith('pull_request')) {
    return { not: `a ${event.name} event never publishes; release from a tag push` }
  }
  if (event.fork) {
    return {
      not: `${event.repositoryName || 'this repository'} is a fork; publishing runs from the original repository only`,
    }
  }
  if (event.name === 'release') {
    if (event.release?.action !== 'published') {
      return {
        not: `a release event with action ${event.release?.action ?? '(none)'} does not publish; only "published" does`,
      }
    }
    const tag = event.release?.tag ?? event.ref.replace(/^refs\/tags\//, '')
    return tag ? { tag } : { not: 'the release event names no tag' }
  }
  if (event.name === 'push' && event.ref.startsWith('refs/tags/')) {
    return { tag: event.ref.slice('refs/tags/'.length) }
  }
  const what = event.name === 'push' ? `a push to ${event.ref}` : `a ${event.name} event`
  return { not: `${what} is not a tag push or a published release` }
}

/** `said`: the step's failing reasons already say why; only what they cannot say is added. */
function testReasons(test: TestRun | undefined, said: boolean): string[] {
  if (test === undefined)
    return ['the tests did not run in this run (test: false, or the install failed)']
  if (test.ok || said) return []
  const r = test.results
  if (r === undefined)
    return [`the tests did not pass: ${test.stopped ?? `pytest exited ${test.exitCode}`}`]
  return [`the tests did not pass: ${r.failed} failed, ${r.errors} errors in ${r.tests} tests`]
}

function buildReasons(build: BuildResult | undefined, said: boolean): string[] {
  if (build === undefined)
    return ['nothing was built in this run (build: false, or the install failed)']
  if (said) return []
  if (build.error !== undefined) return [`the build failed: ${build.error.split('\n')[0] ?? ''}`]
  const reasons = build.problems.map((p) => `the built files are not releasable: ${p}`)
  if (!build.ok && reasons.length === 0) reasons.push('the build failed')
  return reasons
}

function versionReasons(
  tag: string,
  pattern: TagPattern,
  builtVersion: string | undefined,
): { reasons: string[]; version?: string } {
  if (builtVersion === undefined || builtVersion === '') return { reasons: [] }
  const reasons: string[] = []
  const built = parsePep440(builtVersion)
  if (built === undefined) {
    reasons.push(`the built version ${builtVersion} is not a PEP 440 version, which PyPI refuses`)
  } else if (built.local !== undefined) {
    reasons.push(
      `the built version ${builtVersion} has a local part (+${built.local}), which PyPI refuses; build from the tag itself`,
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
  return { reasons, version: builtVersion }
}

export type TagDecision =
  | Exclude<PublishDecision, { kind: 'publish' }>
  | { readonly kind: 'tag'; readonly tag: string }

/**
 * Whether the event is a release of the repository itself, on a tag that
 * tag-pattern matches: all a publish job can decide before it downloads anything.
 */
export function decideReleaseEvent(
  inputs: Pick<PublishInputs, 'event' | 'mode' | 'tagPattern'>,
): TagDecision {
  if (inputs.mode === 'false') return { kind: 'skip', reason: 'publish: false' }
  const found = releaseTag(inputs.event)
  if ('not' in found) {
    return inputs.mode === 'auto'
      ? { kind: 'skip', reason: `${found.not} (publish: auto)` }
      : { kind: 'refuse', reasons: [`publish: true, but ${found.not}`] }
  }
  if (!inputs.tagPattern.regex.test(found.tag)) {
    const why = `tag ${found.tag} does not match tag-pattern ${inputs.tagPattern.text}`
    return inputs.mode === 'auto'
      ? { kind: 'skip', reason: `${why} (publish: auto)` }
      : { kind: 'refuse', reasons: [`publish: true, but ${why}`] }
  }
  return { kind: 'tag', tag: found.tag }
}

/**
 * The version a publish job found recorded in the dists artifact against the
 * tag: the same rules as for a build in the same job.
 */
export function releaseVersionReasons(
  tag: string,
  pattern: TagPattern,
  builtVersion: string,
): string[] {
  return versionReasons(tag, pattern, builtVersion).reasons
}

export function decidePublish(inputs: PublishInputs): PublishDecision {
  const found = decideReleaseEvent(inputs)
  if (found.kind !== 'tag') return found
  const tag = found.tag
  const dist = inputs.build?.sdist ?? inputs.build?.wheel
  const version = versionReasons(tag, inputs.tagPattern, dist?.version)
  const failing = inputs.failing ?? []
  const said = failing.length > 0
  const reasons = [
    ...failing,
    ...testReasons(inputs.test, said),
    ...buildReasons(inputs.build, said),
    ...version.reasons,
  ]
  if (reasons.length > 0) return { kind: 'refuse', reasons }
  const files = [inputs.build?.sdist, inputs.build?.wheel].filter((d) => d !== undefined)
  return { kind: 'publish', tag, version: version.version ?? '', files }
}
