/**
 * Projects whose tests do not end the way tests should: a test that leaves
 * processes behind holding pytest's output, one that never returns, one that
 * crashes the interpreter, and a step cancelled while a test runs.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type ActionResult, describeRun, runAction } from '../../harness/runner.js'
import { renderGfm, textOf } from '../../helpers/gfm.js'

jest.setTimeout(300_000)

/** Long enough for a run on a loaded machine; a bundle that hangs is stopped here. */
const HARNESS_TIMEOUT_MS = 150_000

/** Whether a process is running: present and not a zombie (an orphan the container's init may not reap). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

async function stopsRunning(pid: number, ms = 8000): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (!running(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return !running(pid)
}

/** The pid a fixture's test wrote, or undefined when it never got that far. */
function pidIn(result: ActionResult, file: string): number | undefined {
  const where = path.join(result.projectDir, file)
  return existsSync(where) ? Number(readFileSync(where, 'utf8')) : undefined
}

/** What an older bundle left running must not outlive the test. */
function killLeftovers(result: ActionResult | undefined, files: readonly string[]): void {
  if (result === undefined) return
  for (const file of files) {
    const pid = pidIn(result, file)
    if (pid !== undefined && running(pid)) process.kill(pid, 'SIGKILL')
  }
}

/** Markdown as a reader sees it: rendered by GitHub's cmark-gfm, as text. */
const readable = (markdown: string) => textOf(renderGfm(markdown))

const shown = (result: ActionResult) => readable(result.summary)

const errors = (result: ActionResult) =>
  result.commands.filter((c) => c.name === 'error').map((c) => c.message)

describe('a test that leaves processes behind holding pytest’s output', () => {
  const PIDS = ['daemon-popen.pid', 'daemon-fork.pid']
  let result: ActionResult
  let seconds: number
  beforeAll(async () => {
    const started = Date.now()
    result = await runAction({
      fixture: 'hostile-daemon',
      toolCachePython: true,
      timeoutMs: HARNESS_TIMEOUT_MS,
    })
    seconds = (Date.now() - started) / 1000
  })
  afterAll(() => {
    killLeftovers(result, PIDS)
    result?.cleanup()
  })

  it('does not hang the step, whose counts are right', () => {
    if (result.timedOut || result.exitCode !== 0) throw new Error(describeRun(result))
    expect(seconds).toBeLessThan(HARNESS_TIMEOUT_MS / 1000)
    expect(result.outputs).toMatchObject({ tests: '4', passed: '4', failed: '0' })
    expect(result.outputs.cancelled).toBe('false')
    expect(result.summary).toContain('passed')
  })

  it('shows pytest in its group as it runs, and the build beside it in one group after', () => {
    const groups = result.stdout
      .split('\n')
      .filter((l) => l.startsWith('::group::') || l.startsWith('::endgroup::'))
    // Groups never nest: each opens after the one before has closed.
    groups.forEach((line, i) => {
      expect(line.startsWith(i % 2 === 0 ? '::group::' : '::endgroup::')).toBe(true)
    })
    const opened = groups.filter((l) => l.startsWith('::group::'))
    expect(opened.indexOf('::group::Build sdist and wheel')).toBe(
      opened.indexOf('::group::Run pytest under coverage') + 1,
    )
  })

  it('ends what the tests left behind', async () => {
    for (const file of PIDS) {
      const pid = pidIn(result, file)
      expect({ file, written: pid !== undefined }).toEqual({ file, written: true })
      expect({ file, stopped: await stopsRunning(pid ?? 0) }).toEqual({ file, stopped: true })
    }
  })
})

describe('a test that never returns, with test-timeout', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await runAction({
      fixture: 'hostile-hang',
      toolCachePython: true,
      inputs: { 'test-timeout': '0.2', build: 'false' },
      timeoutMs: HARNESS_TIMEOUT_MS,
    })
  })
  afterAll(() => {
    killLeftovers(result, ['hang.pid'])
    result?.cleanup()
  })

  it('fails the step with one line naming the timeout', () => {
    if (result.timedOut) throw new Error(describeRun(result))
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual(['tests timed out after 0.2 minutes (test-timeout)'])
    expect(shown(result)).toContain('tests timed out after 0.2 minutes (test-timeout)')
    expect(shown(result)).not.toContain('errors during collection')
  })

  it('reports the tests that finished, and their coverage', () => {
    expect(result.outputs).toMatchObject({ tests: '2', passed: '2', failed: '0' })
    expect(Number(result.outputs.coverage)).toBeGreaterThan(0)
  })

  it('ends the hung test', async () => {
    expect(await stopsRunning(pidIn(result, 'hang.pid') ?? 0)).toBe(true)
  })
})

describe('a step cancelled with SIGTERM while a test runs', () => {
  let result: ActionResult
  beforeAll(async () => {
    let projectDir = ''
    result = await runAction({
      fixture: 'hostile-hang',
      toolCachePython: true,
      prepare: (ctx) => {
        projectDir = ctx.projectDir
      },
      // -v: a line per test, which the log shows as pytest prints it.
      inputs: { 'pytest-args': '-v', build: 'false' },
      // Once the log shows the second test passed and the third has started.
      interrupt: {
        signal: 'SIGTERM',
        when: (stdout) =>
          /test_2 PASSED/.test(stdout) && existsSync(path.join(projectDir, 'hang.pid')),
      },
      timeoutMs: HARNESS_TIMEOUT_MS,
    })
  })
  afterAll(() => {
    killLeftovers(result, ['hang.pid'])
    result?.cleanup()
  })

  it('writes a summary that says the step was cancelled, and exits non-zero', () => {
    if (result.timedOut) throw new Error(describeRun(result))
    expect(result.exitCode).toBe(1)
    expect(shown(result)).toContain('the step was cancelled (SIGTERM) after python, cache, install')
    expect(errors(result)).toEqual([
      'the step was cancelled (SIGTERM) after python, cache, install',
    ])
  })

  it('gives the outputs known so far: Python and the tests that finished', () => {
    expect(result.outputs['python-version']).toMatch(/^3\.\d+\.\d+$/)
    expect(result.outputs).toMatchObject({ tests: '2', passed: '2', failed: '0' })
    expect(shown(result)).toContain('pytest was stopped when the step was cancelled')
  })

  it('says so in the cancelled output', () => {
    expect(result.outputs.cancelled).toBe('true')
  })

  it('ends the test that was running', async () => {
    expect(pidIn(result, 'hang.pid')).toBeDefined()
    expect(await stopsRunning(pidIn(result, 'hang.pid') ?? 0)).toBe(true)
  })
})

describe('the CLI interrupted (Ctrl-C sends SIGINT) while a test runs', () => {
  let result: ActionResult
  let projectDir = ''
  beforeAll(async () => {
    result = await runAction({
      entry: 'cli',
      fixture: 'hostile-hang',
      into: 'project',
      args: ['project', '--no-build', '--pytest-args', '-v'],
      toolCachePython: true,
      prepare: (ctx) => {
        projectDir = ctx.projectDir
      },
      // The terminal shows no test lines: once the hanging test, the last, has started.
      interrupt: { signal: 'SIGINT', when: () => existsSync(path.join(projectDir, 'hang.pid')) },
      timeoutMs: HARNESS_TIMEOUT_MS,
    })
  })
  afterAll(() => {
    killLeftovers(result, ['hang.pid'])
    result?.cleanup()
  })

  it('exits 130 with the report of what finished in python-ci-report.md', () => {
    if (result.timedOut) throw new Error(describeRun(result))
    expect(result.exitCode).toBe(130)
    const report = readable(
      readFileSync(path.join(result.workspace, 'python-ci-report.md'), 'utf8'),
    )
    expect(report).toContain('the run was cancelled (SIGINT) after python, cache, install')
    expect(report).toContain('pytest was stopped when the run was cancelled')
    expect(report).toContain('2 tests: 2 passed, 0 failed')
  })

  it('prints the report and names the reason on the terminal', () => {
    expect(result.stdout).toContain(`Report: ${path.join(result.workspace, 'python-ci-report.md')}`)
    expect(result.stdout + result.stderr).toContain(
      'the run was cancelled (SIGINT) after python, cache, install',
    )
  })

  it('ends the test that was running', async () => {
    expect(pidIn(result, 'hang.pid')).toBeDefined()
    expect(await stopsRunning(pidIn(result, 'hang.pid') ?? 0)).toBe(true)
  })
})

describe('a test that crashes the interpreter', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await runAction({
      fixture: 'hostile-segfault',
      toolCachePython: true,
      inputs: { build: 'false' },
      timeoutMs: HARNESS_TIMEOUT_MS,
    })
  })
  afterAll(() => result?.cleanup())

  it('fails the step with the signal by name', () => {
    if (result.timedOut) throw new Error(describeRun(result))
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual(['pytest was killed by SIGSEGV (signal 11)'])
    expect(shown(result)).toContain('pytest was killed by SIGSEGV (signal 11)')
    expect(result.stdout).not.toMatch(/exited (with code )?(128|139)/)
    expect(shown(result)).not.toMatch(/exited (with code )?(128|139)/)
  })
})
