import { describe, expect, it } from '@jest/globals'
import { parseTagPattern, type TagPattern } from '../../src/config.js'
import { decidePublish, type PublishEvent, type PublishInputs } from '../../src/publish/decide.js'
import { normalizePep440, parsePep440, samePep440 } from '../../src/publish/pep440.js'
import type { TestRun } from '../../src/report/metrics.js'
import { createBuild, createDist } from '../helpers/metrics.js'

function pattern(text: string): TagPattern {
  const parsed = parseTagPattern(text)
  if (!parsed) throw new Error(`${text} does not parse`)
  return parsed
}

describe('PEP 440', () => {
  it.each([
    ['1.2.0', '1.2.0'],
    ['v1.2.0', '1.2.0'],
    ['1.0.0-rc1', '1.0.0rc1'],
    ['1.0.0.rc1', '1.0.0rc1'],
    ['1.0.0RC1', '1.0.0rc1'],
    ['1.0.0-c1', '1.0.0rc1'],
    ['1.0.0-preview.2', '1.0.0rc2'],
    ['1.0a', '1.0a0'],
    ['1.0.0-alpha.1', '1.0.0a1'],
    ['1.0beta2', '1.0b2'],
    ['1.0-1', '1.0.post1'],
    ['1.0-r2', '1.0.post2'],
    ['1.0.post', '1.0.post0'],
    ['1.0-dev3', '1.0.dev3'],
    ['1.0.0rc1.post2.dev3', '1.0.0rc1.post2.dev3'],
    ['01.002.0003', '1.2.3'],
    ['1!2.0', '1!2.0'],
    ['0!1.0', '1.0'],
    ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
    [' 1.0 ', '1.0'],
    ['1.0-beta-', '1.0b0'],
  ])('%s normalises to %s', (text, normal) => {
    expect(normalizePep440(text)).toBe(normal)
  })

  it.each(['', '1.0.0-', 'one', '1..0', 'v', '1.0+', '1.0+a..b', 'version1'])(
    '%j is not a version',
    (text) => {
      expect(parsePep440(text)).toBeUndefined()
    },
  )

  it.each([
    ['1.2.0', '1.2.0', true],
    ['1.2', '1.2.0', true],
    ['1.2.0.0', '1.2', true],
    ['v1.2.0', '1.2', true],
    ['1.0.0rc1', '1.0.0-rc1', true],
    ['1.0.0rc1', '1.0.0.rc1', true],
    ['1.0.0rc1', '1.0.0rc01', true],
    ['1.0.0a1', '1.0.0alpha1', true],
    ['1.2.0', '1.2.1', false],
    ['1.2', '1.20', false],
    ['1.0.0rc1', '1.0.0', false],
    ['1.0.0rc1', '1.0.0rc2', false],
    ['1.0.0', '1.0.0.post0', false],
    ['1.0.0', '1.0.0.dev0', false],
    ['1.0', '1!1.0', false],
    ['1.0', '1.0+local', false],
    ['2.0.0', '0.2.0', false],
  ])('%s == %s: %s', (a, b, same) => {
    const pa = parsePep440(a)
    const pb = parsePep440(b)
    if (!pa || !pb) throw new Error('test versions must parse')
    expect(samePep440(pa, pb)).toBe(same)
    expect(samePep440(pb, pa)).toBe(same)
  })
})

describe('tag-pattern', () => {
  it.each([
    ['v*', 'v', ['v1.2.3', 'v1'], ['1.2.3', 'release-1', 'x/v1']],
    ['release-*', 'release-', ['release-1.0'], ['v1.0', 'release1.0']],
    ['*', '', ['1.0', 'v1.0'], ['a/b']],
    ['v[0-9]*', 'v', ['v1.0'], ['vx', 'v']],
    ['v?.*', 'v', ['v1.2'], ['v12.3']],
    ['pkg.v*', 'pkg.v', ['pkg.v1'], ['pkgxv1']],
  ])('%s: prefix %j', (text, prefix, matches, misses) => {
    const p = pattern(text)
    expect(p.prefix).toBe(prefix)
    for (const tag of matches) expect(p.regex.test(tag)).toBe(true)
    for (const tag of misses) expect(p.regex.test(tag)).toBe(false)
  })

  it.each(['v1.0', '', 'release', 'v[0-9'])('%j has no usable wildcard', (text) => {
    expect(parseTagPattern(text)).toBeUndefined()
  })
})

const TAG_PUSH: PublishEvent = {
  name: 'push',
  ref: 'refs/tags/v0.1.0',
  repositoryName: 'owner/repo',
  fork: false,
}
const GREEN: TestRun = {
  ok: true,
  exitCode: 0,
  notes: [],
  results: {
    tests: 3,
    passed: 3,
    failed: 0,
    skipped: 0,
    xfailed: 0,
    xpassed: 0,
    errors: 0,
    collectionErrors: 0,
    seconds: 0.1,
    problems: [],
    slowest: [],
  },
}
const RED: TestRun = {
  ...GREEN,
  ok: false,
  exitCode: 1,
  results: { ...(GREEN.results as NonNullable<TestRun['results']>), passed: 2, failed: 1 },
}

function inputs(overrides: Partial<PublishInputs> = {}): PublishInputs {
  return {
    event: TAG_PUSH,
    mode: 'auto',
    tagPattern: pattern('v*'),
    build: createBuild(),
    test: GREEN,
    ...overrides,
  }
}

const event = (overrides: Partial<PublishEvent>): PublishEvent => ({ ...TAG_PUSH, ...overrides })

describe('decidePublish', () => {
  it('publishes a tag push whose version is the built one, sdist then wheel', () => {
    const build = createBuild()
    expect(decidePublish(inputs({ build }))).toEqual({
      kind: 'publish',
      tag: 'v0.1.0',
      version: '0.1.0',
      files: [build.sdist, build.wheel],
    })
  })

  it.each([
    ['v0.1', '0.1.0'],
    ['v0.1.0', '0.1'],
    ['v1.0.0-rc1', '1.0.0rc1'],
    ['v1.0.0.rc1', '1.0.0rc1'],
  ])('publishes tag %s for built version %s', (tag, version) => {
    const build = createBuild({
      sdist: createDist('sdist', { version }),
      wheel: createDist('wheel', { version }),
    })
    const decision = decidePublish(inputs({ event: event({ ref: `refs/tags/${tag}` }), build }))
    expect(decision.kind).toBe('publish')
  })

  it('publishes a published release by its tag_name', () => {
    const decision = decidePublish(
      inputs({
        event: event({ name: 'release', release: { action: 'published', tag: 'v0.1.0' } }),
      }),
    )
    expect(decision).toMatchObject({ kind: 'publish', tag: 'v0.1.0' })
  })

  it.each<[string, Partial<PublishInputs>, string]>([
    ['publish false', { mode: 'false' }, 'publish: false'],
    [
      'a branch push',
      { event: event({ ref: 'refs/heads/main' }) },
      'a push to refs/heads/main is not a tag push or a published release (publish: auto)',
    ],
    [
      'a pull request',
      { event: event({ name: 'pull_request', ref: 'refs/pull/1/merge' }) },
      'a pull_request event never publishes; release from a tag push (publish: auto)',
    ],
    [
      'pull_request_target',
      { event: event({ name: 'pull_request_target' }) },
      'a pull_request_target event never publishes; release from a tag push (publish: auto)',
    ],
    [
      'a fork',
      { event: event({ fork: true }) },
      'owner/repo is a fork; publishing runs from the original repository only (publish: auto)',
    ],
    [
      'a created release',
      { event: event({ name: 'release', release: { action: 'created' } }) },
      'a release event with action created does not publish; only "published" does (publish: auto)',
    ],
    [
      'workflow_dispatch',
      { event: event({ name: 'workflow_dispatch', ref: 'refs/heads/main' }) },
      'a workflow_dispatch event is not a tag push or a published release (publish: auto)',
    ],
    [
      'a tag outside the pattern',
      { event: event({ ref: 'refs/tags/docs-1' }) },
      'tag docs-1 does not match tag-pattern v* (publish: auto)',
    ],
  ])('skips %s with publish: auto', (_, overrides, reason) => {
    expect(decidePublish(inputs(overrides))).toEqual({ kind: 'skip', reason })
  })

  it.each<[string, Partial<PublishEvent>, string]>([
    [
      'a branch push',
      { ref: 'refs/heads/main' },
      'publish: true, but a push to refs/heads/main is not a tag push or a published release',
    ],
    [
      'a pull request',
      { name: 'pull_request' },
      'publish: true, but a pull_request event never publishes; release from a tag push',
    ],
    [
      'a fork',
      { fork: true },
      'publish: true, but owner/repo is a fork; publishing runs from the original repository only',
    ],
  ])('refuses %s with publish: true', (_, overrides, reason) => {
    expect(decidePublish(inputs({ mode: 'true', event: event(overrides) }))).toEqual({
      kind: 'refuse',
      reasons: [reason],
    })
  })

  it.each<[string, Partial<PublishInputs>, string[]]>([
    [
      'a tag of another version',
      { event: event({ ref: 'refs/tags/v0.2.0' }) },
      [
        'tag v0.2.0 is version 0.2.0, but the built version is 0.1.0; tag the commit whose version matches, or fix the version',
      ],
    ],
    [
      'a tag that is no version',
      { event: event({ ref: 'refs/tags/vnext' }) },
      [
        'tag vnext gives version "next" (the tag minus tag-pattern\'s prefix "v"), which is not a PEP 440 version',
      ],
    ],
    ['failing tests', { test: RED }, ['the tests did not pass: 1 failed, 0 errors in 3 tests']],
    [
      'tests that did not run',
      { test: undefined },
      ['the tests did not run in this run (test: false, or the install failed)'],
    ],
    [
      'nothing built',
      { build: undefined },
      ['nothing was built in this run (build: false, or the install failed)'],
    ],
    [
      'a failed build',
      { build: createBuild({ ok: false, error: 'python -m build failed (exit 1): boom\ntail' }) },
      ['the build failed: python -m build failed (exit 1): boom'],
    ],
    [
      'dists that disagree',
      {
        build: createBuild({
          ok: false,
          wheel: createDist('wheel', { version: '0.1.1' }),
          problems: ['the sdist has version 0.1.0 but the wheel 0.1.1'],
        }),
      },
      ['the built files are not releasable: the sdist has version 0.1.0 but the wheel 0.1.1'],
    ],
    [
      'a local version',
      {
        event: event({ ref: 'refs/tags/v0.1.dev1' }),
        build: createBuild({
          sdist: createDist('sdist', { version: '0.1.dev1+g1234567' }),
          wheel: createDist('wheel', { version: '0.1.dev1+g1234567' }),
        }),
      },
      [
        'the built version 0.1.dev1+g1234567 has a local part (+g1234567), which PyPI refuses; build from the tag itself',
        'tag v0.1.dev1 is version 0.1.dev1, but the built version is 0.1.dev1+g1234567; tag the commit whose version matches, or fix the version',
      ],
    ],
    [
      'coverage under fail-under, the tests green',
      { failing: ['coverage 50.00% is under fail-under 80%'] },
      ['coverage 50.00% is under fail-under 80%'],
    ],
    [
      "a failing step, said once: its reasons, not the tests' again",
      {
        test: RED,
        build: createBuild({ ok: false, error: 'python -m build failed (exit 1): boom' }),
        failing: ['tests failed: 1 failure, 0 errors in 3 tests', 'build failed: boom'],
      },
      ['tests failed: 1 failure, 0 errors in 3 tests', 'build failed: boom'],
    ],
    [
      'a failing step with nothing built: both said',
      { build: undefined, failing: ['max-coverage-drop: coverage fell 3 points'] },
      [
        'max-coverage-drop: coverage fell 3 points',
        'nothing was built in this run (build: false, or the install failed)',
      ],
    ],
    [
      'failing tests and a wrong tag together',
      { test: RED, event: event({ ref: 'refs/tags/v9' }) },
      [
        'the tests did not pass: 1 failed, 0 errors in 3 tests',
        'tag v9 is version 9, but the built version is 0.1.0; tag the commit whose version matches, or fix the version',
      ],
    ],
  ])('refuses %s on a tag push', (_, overrides, reasons) => {
    expect(decidePublish(inputs(overrides))).toEqual({ kind: 'refuse', reasons })
  })

  it('takes the version after the pattern’s prefix', () => {
    const decision = decidePublish(
      inputs({ tagPattern: pattern('release-*'), event: event({ ref: 'refs/tags/release-0.1' }) }),
    )
    expect(decision).toMatchObject({ kind: 'publish', tag: 'release-0.1' })
  })
})
