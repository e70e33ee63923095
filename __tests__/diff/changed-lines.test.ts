/**
 * The changed-lines stage with a fake git: which reason a user reads when the lines
 * cannot be counted, and the one log line, threshold included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { diffCoverageStage } from '../../src/diff/changed-lines.js'
import { parseRunEvent, readEventPayload } from '../../src/github/run-event.js'
import type { RunResult } from '../../src/process.js'
import { createConfig } from '../helpers/config.js'
import { fakeHost } from '../helpers/host.js'
import { recordingLog } from '../helpers/log.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'python-ci-changed-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const XML = path.join(dir, 'coverage.xml')
writeFileSync(XML, '<?xml version="1.0" ?><coverage lines-valid="0" lines-covered="0"></coverage>')
const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'
const EVENT = path.join(dir, 'event.json')
writeFileSync(EVENT, JSON.stringify({ number: 7, pull_request: { number: 7, base: { sha: SHA } } }))

const result = (code: number, stderr = ''): RunResult => ({
  code,
  stdout: '',
  stderr,
  output: stderr,
  durationMs: 1,
})

/** A host whose every process is git answering `git`. */
function gitHost(git: RunResult, env: NodeJS.ProcessEnv) {
  const log = recordingLog()
  const calls: (readonly string[])[] = []
  const host = fakeHost({
    log,
    runner: {
      run: async (_command, args) => {
        calls.push(args)
        return git
      },
    },
    workspace: dir,
    tempDir: dir,
    env,
  })
  return { host, lines: log.lines, calls }
}

/** The entry point's one read of the event file. */
const eventIn = (env: NodeJS.ProcessEnv) =>
  parseRunEvent(env, readEventPayload(env.GITHUB_EVENT_PATH))

const PUSH = { GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'owner/repo' }
const PR = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REPOSITORY: 'owner/repo',
  GITHUB_EVENT_PATH: EVENT,
}

describe('diffCoverageStage, when the lines cannot be counted', () => {
  it.each([
    [
      'a push without diff-base',
      PUSH,
      {},
      result(0),
      'no base: not a pull request (a push event); set diff-base to compare with a branch',
    ],
    [
      'diff-base not fetched',
      PUSH,
      { diffBase: 'origin/main' },
      result(128, 'fatal: Not a valid object name origin/main'),
      "the base origin/main is not in this checkout's history; fetch it (actions/checkout with fetch-depth: 0, or git fetch origin origin/main)",
    ],
    [
      'a folder that is no git repository',
      PUSH,
      { diffBase: 'main' },
      result(128, 'fatal: not a git repository (or any of the parent directories): .git'),
      'the workspace is not a git repository',
    ],
    [
      'no git',
      PR,
      { diffBase: 'main' },
      result(127, 'git: spawn git ENOENT'),
      'git is not installed',
    ],
    [
      'a shallow pull request checkout without a token',
      PR,
      {},
      result(128, `fatal: Not a valid object name ${SHA}^{commit}`),
      "the base 1a2b3c4 is not in this checkout's history and github-token is empty, so the pull request's files cannot be listed",
    ],
  ])('%s', async (_label, env, overrides, git, reason) => {
    const { host, lines, calls } = gitHost(git, env)
    const config = createConfig({ ...overrides, failUnderDiff: 80 })
    const measured = await diffCoverageStage(host, config, eventIn(host.env), XML, {})
    expect(measured).toMatchObject({ measured: false, reason })
    expect(lines.at(-1)).toMatch(
      /^– diff coverage [\d.]+s: not measured: .*; fail-under-diff 80% not checked$/,
    )
    // Arguments, never a shell string; the base is one argument of its own.
    for (const args of calls) expect(args[0] === 'cat-file' || args.includes('diff')).toBe(true)
  })

  it('asks git for the pull request base by its sha, with the prefixes the parser needs', async () => {
    const { host, calls } = gitHost(result(0), PR)
    await diffCoverageStage(host, createConfig(), eventIn(host.env), XML, {})
    expect(calls).toEqual([
      ['cat-file', '-e', `${SHA}^{commit}`],
      [
        ...['-c', 'diff.noprefix=false', '-c', 'diff.mnemonicprefix=false', 'diff'],
        ...['--no-color', '--no-ext-diff', '--relative', `${SHA}...HEAD`, '--'],
      ],
    ])
  })

  it('says when there is no coverage.xml', async () => {
    const { host } = gitHost(result(0), PR)
    const measured = await diffCoverageStage(
      host,
      createConfig(),
      eventIn(host.env),
      path.join(dir, 'none.xml'),
      {},
    )
    expect(measured).toEqual({ measured: false, reason: 'no coverage.xml', base: SHA })
  })
})
