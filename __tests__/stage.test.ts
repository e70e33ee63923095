/**
 * The stage contract driven with fake stages: the order of groups and lines,
 * the formats of the one-line results, a buffered stage replayed after a live
 * one, background work replayed when awaited, and, through runPipeline, what
 * is skipped when a stage fails.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parseRunEvent } from '../src/github/run-event.js'
import type { Host } from '../src/host.js'
import { BufferedLog, type Log } from '../src/log.js'
import { runPipeline } from '../src/pipeline.js'
import type { ProcessRunner } from '../src/process.js'
import {
  refuseStage,
  runStage,
  runStep,
  type Stage,
  settle,
  skipStage,
  stageLine,
} from '../src/stage.js'
import { createConfig } from './helpers/config.js'

/** A log that keeps every line, groups as "> title" and "<". */
function recordingLog(): { log: Log; lines: string[] } {
  const lines: string[] = []
  const log: Log = {
    info: (m) => void lines.push(m),
    debug: (m) => void lines.push(`debug ${m.split('\n')[0]}`),
    warning: (m) => void lines.push(`warning ${m}`),
    error: (m) => void lines.push(`error ${m}`),
    group: async (title, body) => {
      lines.push(`> ${title}`)
      try {
        return await body()
      } finally {
        lines.push('<')
      }
    },
  }
  return { log, lines }
}

/** Times in lines vary: "1.23s" becomes "T". */
const untimed = (lines: readonly string[]) => lines.map((l) => l.replace(/ \d+\.\d\ds:/, ' T:'))

function fake<T>(name: 'python' | 'build' | 'test', value: T | Error, said = 'done'): Stage<T> {
  return {
    name,
    title: `Run ${name}`,
    run: async (log) => {
      log.info(`${name} working`)
      if (value instanceof Error) throw value
      return value
    },
    describe: () => ({ ok: true, summary: said }),
  }
}

describe('stageLine', () => {
  it.each<[Parameters<typeof stageLine>, string]>([
    [['ok', 'build', 'demo-0.1.0.tar.gz (4 KB)', 2100], '✓ build 2.10s: demo-0.1.0.tar.gz (4 KB)'],
    [['failed', 'test', '1 failed', 12], '✗ test 0.01s: 1 failed'],
    [['failed', 'publish', 'refused: tests failed', 0], '✗ publish 0.0s: refused: tests failed'],
    [['skipped', 'publish', 'publish: false'], '– publish: publish: false'],
    [['ok', 'success rate', '85% (17 of 20)'], '✓ success rate: 85% (17 of 20)'],
  ])('%j', (args, line) => {
    expect(stageLine(...args)).toBe(line)
  })
})

describe('runStage', () => {
  it('runs stages in the order given, each in its group, its line after the group', async () => {
    const { log, lines } = recordingLog()
    const first = await runStage(log, fake('python', 3, 'Python 3.12'))
    const second = await runStage(log, fake('build', 'wheel', 'demo.whl'))
    expect(untimed(lines)).toEqual([
      '> Run python',
      'python working',
      '<',
      '✓ python T: Python 3.12',
      '> Run build',
      'build working',
      '<',
      '✓ build T: demo.whl',
    ])
    expect([first.value, second.value]).toEqual([3, 'wheel'])
    expect([first.stage.status, second.stage.status]).toEqual(['ok', 'ok'])
    expect(first.stage.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('turns a thrown error into a failed stage: its first line is the summary, the rest the detail', async () => {
    const { log, lines } = recordingLog()
    const ended: string[] = []
    const failed = await runStage(log, fake('build', new Error('backend missing\npip said no')), {
      ended: ({ stage }) => void ended.push(stage.status),
    })
    expect(failed.value).toBeUndefined()
    expect(failed.stage).toMatchObject({
      name: 'build',
      status: 'failed',
      summary: 'backend missing',
      detail: 'pip said no',
    })
    expect(ended).toEqual(['failed'])
    expect(untimed(lines)).toEqual([
      '> Run build',
      'build working',
      '✗ backend missing',
      'pip said no',
      'debug Error: backend missing',
      '<',
      '✗ build T: backend missing',
    ])
  })

  it('says skipped when the stage ran with nothing to do, failed when its value says so', async () => {
    const { log, lines } = recordingLog()
    const off = await runStage(log, {
      ...fake('python', 0),
      describe: () => ({ ok: true, skipped: true, summary: 'off' }),
    })
    const bad = await runStage(log, {
      ...fake('build', 0),
      describe: () => ({ ok: false, summary: 'wheel is empty' }),
    })
    expect([off.stage.status, bad.stage.status]).toEqual(['skipped', 'failed'])
    expect(untimed(lines).filter((l) => !l.startsWith('>') && l !== '<')).toEqual([
      'python working',
      '– python T: off',
      'build working',
      '✗ build T: wheel is empty',
    ])
  })

  it('replays a buffered stage after the live one it runs beside, in a group of its own', async () => {
    const { log, lines } = recordingLog()
    let release = () => {}
    const testsLogged = new Promise<void>((resolve) => (release = resolve))
    const build = runStage(log, fake('build', 'wheel', 'demo.whl'), { replayAfter: testsLogged })
    const test = runStage(log, fake('test', 1, '1 passed')).finally(release)
    await Promise.all([build, test])
    expect(untimed(lines)).toEqual([
      '> Run test',
      'test working',
      '<',
      '✓ test T: 1 passed',
      '> Run build',
      'build working',
      '<',
      '✓ build T: demo.whl',
    ])
  })
})

describe('the lines of stages that do not run', () => {
  it('skips with a reason and no time, refuses with a failure of no time', () => {
    const { log, lines } = recordingLog()
    expect(skipStage(log, 'comment', 'comments need GitHub')).toEqual({
      name: 'comment',
      status: 'skipped',
      durationMs: 0,
      summary: 'comments need GitHub',
    })
    expect(refuseStage(log, 'publish', 'refused: coverage 79% is under fail-under 80%')).toEqual({
      name: 'publish',
      status: 'failed',
      durationMs: 0,
      summary: 'refused: coverage 79% is under fail-under 80%',
    })
    expect(lines).toEqual([
      '– comment: comments need GitHub',
      '✗ publish 0.0s: refused: coverage 79% is under fail-under 80%',
    ])
  })
})

describe('runStep', () => {
  it('groups and tells a step like a stage, but lets its errors through', async () => {
    const { log, lines } = recordingLog()
    const saved = await runStep(log, {
      name: 'cache save',
      title: 'Save the cache',
      run: async () => 'venv saved',
      describe: (s) => ({ ok: true, summary: s }),
    })
    expect(saved).toEqual({ value: 'venv saved', status: 'ok' })
    await expect(
      runStep(log, {
        ...fake('test', new Error('bug')),
        describe: () => ({ ok: true, summary: '' }),
      }),
    ).rejects.toThrow('bug')
    expect(untimed(lines)).toEqual([
      '> Save the cache',
      '<',
      '✓ cache save T: venv saved',
      '> Run test',
      'test working',
      '<',
    ])
  })
})

describe('settle', () => {
  it('replays what background work logged when it is awaited, then its untimed line', async () => {
    const { log, lines } = recordingLog()
    const buffer = new BufferedLog()
    const pending = (async () => {
      buffer.info('retrying in 1s')
      buffer.warning('the API failed')
      return { log: buffer, rate: 85 }
    })()
    lines.push('a stage meanwhile')
    const done = await settle(log, pending, 'success rate', (d) => ({
      status: 'ok',
      summary: `${d?.rate}%`,
    }))
    expect(done?.rate).toBe(85)
    expect(lines).toEqual([
      'a stage meanwhile',
      'retrying in 1s',
      'warning the API failed',
      '✓ success rate: 85%',
    ])
  })

  it('logs no line when the work has none to give, and takes no work at all', async () => {
    const { log, lines } = recordingLog()
    expect(await settle(log, undefined, 'lint', () => undefined)).toBeUndefined()
    const said = await settle(log, undefined, 'success rate', () => ({
      status: 'skipped',
      summary: 'not measured (outside GitHub Actions)',
    }))
    expect(said).toBeUndefined()
    expect(lines).toEqual(['– success rate: not measured (outside GitHub Actions)'])
  })
})

describe('runPipeline when a stage fails', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stage-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('skips every stage that needs Python, and says so once per stage, in order', async () => {
    const { log, lines } = recordingLog()
    const ran: string[] = []
    // The interpreter given cannot be probed: the python stage fails.
    const runner: ProcessRunner = {
      run: async (command) => {
        ran.push(command)
        return {
          code: 1,
          stdout: '',
          stderr: 'no such python',
          output: 'no such python',
          durationMs: 1,
        }
      },
    }
    const host: Host = {
      log,
      runner,
      onActions: false,
      workspace: dir,
      tempDir: path.join(dir, 'tmp'),
      toolCacheDir: undefined,
      env: {},
      addPath: () => {},
      exportVariable: () => {},
    }
    const { metrics } = await runPipeline(host, createConfig(), {
      event: parseRunEvent({}, {}),
      interpreter: '/no/python',
    })
    expect(ran).toEqual(['/no/python'])
    expect(metrics.stages.map((s) => [s.name, s.status, s.summary])).toEqual([
      ['python', 'failed', '/no/python is not a working Python interpreter'],
      ['install', 'skipped', 'no Python'],
      ['build', 'skipped', 'no Python'],
      ['test', 'skipped', 'no Python'],
      ['publish', 'skipped', 'publishing runs on GitHub only'],
      ['comment', 'skipped', 'comments need GitHub'],
    ])
    expect(untimed(lines).filter((l) => /^[✓✗–] [a-z ]+( T)?:/.test(l))).toEqual([
      '✗ python T: /no/python is not a working Python interpreter',
      '– publish: publishing runs on GitHub only',
      '– success rate: not measured (outside GitHub Actions)',
      '– comment: comments need GitHub',
    ])
    expect(metrics.verdict).toEqual({
      ok: false,
      reasons: ['python failed: /no/python is not a working Python interpreter'],
    })
  })
})
