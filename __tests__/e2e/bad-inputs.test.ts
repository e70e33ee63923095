/**
 * Each bad input, given to the bundle as the runner gives it: the step fails
 * at once with one error that names the input and the value, no stack trace,
 * and no stage started. The unit table in config.test.ts says each message
 * word for word; this one shows what reaches a user.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { configFailure } from '../harness/config-failure.js'
import { runEach } from '../harness/run-each.js'
import type { RunContext } from '../harness/runner.js'

jest.setTimeout(300_000)

interface BadInput {
  readonly input: string
  readonly value: string
  /** How the message shows the value; default: JSON-quoted. */
  readonly shown?: string
  /** Links and files laid into the workspace first. */
  readonly prepare?: (ctx: RunContext) => void
}

const bad = (input: string, value: string, shown?: string): BadInput => ({
  input,
  value,
  ...(shown !== undefined && { shown }),
})

const link =
  (from: string, to: string) =>
  (ctx: RunContext): void =>
    symlinkSync(to, path.join(ctx.workspace, from))

const CASES: readonly BadInput[] = [
  bad('python-version', 'abc'),
  bad('python-version', '2.7'),
  bad('python-version', 'pypy3.10'),
  bad('python-version', '3.13t'),
  bad('python-version', '>=4.0'),
  bad('python-version', '3.11\n3.12'),
  bad('python-version-file', 'nope/.python-version'),
  bad('python-version-file', '../../../../../../../../etc/passwd'),
  bad('python-version-file', '/proc/self/environ'),
  { ...bad('python-version-file', 'pin'), prepare: link('pin', '/proc/self/environ') },
  bad('architecture', 'x65'),
  bad('working-directory', 'nope'),
  bad('working-directory', '../outside'),
  bad('working-directory', '/'),
  { ...bad('working-directory', 'elsewhere'), prepare: link('elsewhere', '/usr') },
  bad('install', 'foo'),
  bad('install', 'extra:'),
  bad('install', 'extra:nope'),
  bad('install', 'group:nope'),
  bad('install', 'none auto'),
  bad('install', 'requirements:missing.txt'),
  bad('install', 'requirements:../../../../../../../../etc/passwd'),
  { ...bad('install', 'requirements:req.txt'), prepare: link('req.txt', '/etc/passwd') },
  bad('pip-args', '--index-url "https://x.test/simple'),
  bad('system-site-packages', 'maybe'),
  bad('build', 'yes'),
  bad('build-isolation', 'on'),
  bad('test', '1'),
  bad('pytest-args', '-k "unclosed'),
  bad('pytest-args', '--junitxml=out.xml'),
  bad('pytest-args', '--cov=pkg'),
  bad('coverage-source', 'pkg;rm', '"pkg;rm"'),
  bad('coverage-source', '../outside'),
  bad('subprocess-coverage', 'off'),
  bad('fail-on-test-failure', 'yes'),
  bad('cache', 'yes'),
  bad('cache-dependency-path', '../elsewhere/requirements.txt'),
  bad('cache-dependency-path', '/etc/*.conf'),
  { ...bad('cache-dependency-path', 'deps/*.txt'), prepare: link('deps', '/etc') },
  bad('cache-suffix', 'a,b'),
  bad('python-manifest-url', 'not a url'),
  bad('python-manifest-url', 'http://mirror.example.org/versions-manifest.json'),
  bad('python-manifest-url', 'file:///etc/passwd'),
  bad('dists-artifact', 'a:b'),
  bad('publish', 'yes'),
  bad('repository-url', 'http://pypi.example.org/legacy/'),
  bad('repository-url', 'ftp://upload.pypi.org/legacy/'),
  bad(
    'repository-url',
    'https://__token__:pypi-secret@upload.pypi.org/legacy/',
    '"https://***@upload.pypi.org/legacy/"',
  ),
  bad('skip-existing', 'sometimes'),
  bad('verify-metadata', 'no'),
  bad('tag-pattern', 'v1.0.0'),
  bad('tag-pattern', 'v[z-a]*'),
  bad('comment', 'yes'),
  bad('comment-id', 'a-->b'),
  bad('comment-from-run', 'run-12'),
  bad('fail-under', '101'),
  bad('fail-under-diff', 'abc'),
  bad('max-coverage-drop', '1%'),
  bad('annotate-uncovered', 'yes'),
  bad('diff-base', '--output=x'),
  bad('history-window', '101'),
  bad('lint', 'yes'),
]

const runOf = runEach(CASES, 3, (c) => ({
  fixture: 'setuptools-pyproject',
  inputs: { [c.input]: c.value },
  prepare: (ctx) => {
    // A real project outside the workspace, for working-directory to reach.
    const outside = path.join(ctx.workspace, '..', 'outside')
    mkdirSync(outside, { recursive: true })
    writeFileSync(path.join(outside, 'pyproject.toml'), '[project]\nname = "outside"\n')
    c.prepare?.(ctx)
  },
  timeoutMs: 60_000,
}))

describe('a bad input stops the step at once, with one line', () => {
  it('tries a good number of bad inputs', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
  })

  it.each(CASES)('$input: $value', (c) => {
    const run = runOf(c)
    const seen = configFailure(run.result)
    const shown = c.shown ?? JSON.stringify(c.value)
    expect(seen).toEqual({
      exitCode: 1,
      errors: [expect.stringContaining(shown)],
      stackTrace: [],
      groups: [],
      venvs: [],
    })
    const [error = ''] = seen.errors
    expect(error.startsWith(`${c.input}: `)).toBe(true)
    expect(error).not.toMatch(/\n|%0A/)
    // Nothing of the runner's files: /etc/passwd's first line, or the environment.
    expect(run.result.stdout).not.toMatch(/root:x:0:0|PATH=\/usr/)
  })

  it('each run takes about as long as Node takes to load the bundle', () => {
    const seconds = CASES.map((c) => runOf(c).seconds).sort((a, b) => a - b)
    const median = seconds[Math.floor(seconds.length / 2)] ?? Number.NaN
    // Well under a second unloaded; a generous bound for a busy machine.
    expect(median).toBeLessThan(5)
  })
})
