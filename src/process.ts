/**
 * The one seam through which the action runs programs: argument arrays, never a
 * shell string. Stages take a ProcessRunner so tests can hand in a fake.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { constants } from 'node:os'

export interface RunOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Called with output as it arrives (stdout and stderr interleaved). */
  readonly onOutput?: (chunk: string) => void
  /** Called with each complete line as it arrives, stdout and stderr apart; a last unended line comes at the end. */
  readonly onLine?: (line: string) => void
  /** Ends the process's group after this long (SIGTERM, then SIGKILL); the result says timedOut. */
  readonly timeoutMs?: number
}

export interface RunResult {
  /** The exit code; 127 when the program could not be started, 128 + N when signal N killed it. */
  readonly code: number
  /** The signal that killed the program, when one did. */
  readonly signal?: NodeJS.Signals
  /** The program ran past RunOptions.timeoutMs and was stopped. */
  readonly timedOut?: boolean
  readonly stdout: string
  readonly stderr: string
  /** stdout and stderr in the order they arrived. */
  readonly output: string
  readonly durationMs: number
}

export interface ProcessRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>
}

/** How long a process's group gets between SIGTERM and SIGKILL. */
const TERM_GRACE_MS = 3000
/**
 * How long the output pipes may stay open after the process exits: a
 * background process it started may hold them, and would keep the stage
 * waiting for ever.
 */
const DRAIN_MS = 300
/** Time a timed-out pytest gets to write its reports after SIGTERM. */
const TIMEOUT_GRACE_MS = 10_000

/** The number of a signal by name (SIGSEGV: 11), when the platform has it. */
export function signalNumber(signal: string): number | undefined {
  return (constants.signals as Record<string, number | undefined>)[signal]
}

/**
 * How a program ended, in words: "pytest was killed by SIGSEGV (signal 11)",
 * "pytest exited 139, as a shell does when its command is killed by SIGSEGV
 * (signal 11)", "pytest exited 3". Pure.
 */
export function describeExit(name: string, result: Pick<RunResult, 'code' | 'signal'>): string {
  if (result.signal !== undefined) {
    const number = signalNumber(result.signal)
    return `${name} was killed by ${result.signal}${number === undefined ? '' : ` (signal ${number})`}`
  }
  const code = result.code
  const byShell =
    code > 128 && code < 128 + 65
      ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0]
      : undefined
  return byShell
    ? `${name} exited ${code}, as a shell does when its command is killed by ${byShell} (signal ${code - 128})`
    : `${name} exited ${code}`
}

/** Sends `signal` to every process of the group `pgid` leads; false when none is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false
  }
}

/**
 * SIGTERM to what is left of a group, SIGKILL after the grace. The timer
 * keeps Node alive until then, so the step cannot end and leave one behind.
 */
function endGroup(pgid: number, graceMs: number): void {
  if (signalGroup(pgid, 'SIGTERM')) setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs)
}

/** Whole lines from a stream's chunks; the last unended one on flush. */
function lineSplitter(emit: (line: string) => void) {
  let partial = ''
  return {
    push(text: string) {
      const parts = (partial + text).split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) emit(line.endsWith('\r') ? line.slice(0, -1) : line)
    },
    flush() {
      if (partial !== '') emit(partial)
      partial = ''
    },
  }
}

/**
 * Runs each program as the leader of a process group of its own, and ends
 * that group when the program exits: whatever it left running (a test's
 * background server, a daemon) does not outlive it. The result comes when
 * the program exits, not when its output pipes close, which a process it left
 * behind could hold open for ever.
 */
export class SpawnRunner implements ProcessRunner {
  private readonly live = new Set<ChildProcess>()
  private cancelled = false

  run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const started = performance.now()
    if (this.cancelled) {
      const message = `${command} was not started: the step is being cancelled\n`
      return Promise.resolve({
        code: 130,
        stdout: '',
        stderr: message,
        output: message,
        durationMs: 0,
      })
    }
    return new Promise((resolve) => {
      const stdout: string[] = []
      const stderr: string[] = []
      const output: string[] = []
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // A process group of its own; on Windows detached means a console of its own instead.
        detached: process.platform !== 'win32',
      })
      this.live.add(child)
      // Decoded by the stream, so a character split across two chunks stays whole.
      child.stdout.setEncoding('utf8')
      child.stderr.setEncoding('utf8')
      const onLine = options.onLine
      const splitters = onLine ? [lineSplitter(onLine), lineSplitter(onLine)] : []
      const collect = (into: string[], index: number) => (text: string) => {
        into.push(text)
        output.push(text)
        options.onOutput?.(text)
        splitters[index]?.push(text)
      }
      child.stdout.on('data', collect(stdout, 0))
      child.stderr.on('data', collect(stderr, 1))

      let timedOut = false
      let killTimer: NodeJS.Timeout | undefined
      const timeout =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true
              const pgid = child.pid
              if (pgid === undefined) return
              signalGroup(pgid, 'SIGTERM')
              killTimer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), TIMEOUT_GRACE_MS)
            }, options.timeoutMs)

      let spawnError: Error | undefined
      let done = false
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (done) return
        done = true
        clearTimeout(timeout)
        clearTimeout(killTimer)
        this.live.delete(child)
        child.stdout.destroy()
        child.stderr.destroy()
        for (const s of splitters) s.flush()
        const failure = spawnError ? `${command}: ${spawnError.message}\n` : ''
        const killed = signal ? `${describeExit(command, { code: 0, signal })}\n` : ''
        resolve({
          code: spawnError ? 127 : (code ?? 128 + (signalNumber(signal ?? '') ?? 0)),
          ...(signal && { signal }),
          ...(timedOut && { timedOut }),
          stdout: stdout.join(''),
          stderr: stderr.join('') + failure + killed,
          output: output.join('') + failure + killed,
          durationMs: performance.now() - started,
        })
      }
      child.on('error', (error) => {
        spawnError = error
        if (child.pid === undefined) finish(null, null)
      })
      let open = 2
      let exited: (() => void) | undefined
      const closed = () => {
        open -= 1
        if (open === 0) exited?.()
      }
      child.stdout.on('close', closed)
      child.stderr.on('close', closed)
      child.on('exit', (code, signal) => {
        if (child.pid !== undefined) endGroup(child.pid, TERM_GRACE_MS)
        exited = () => finish(code, signal)
        if (open === 0) return exited()
        setTimeout(exited, DRAIN_MS)
      })
    })
  }

  /**
   * Ends every group this runner started (SIGTERM, SIGKILL after the grace)
   * and starts nothing more: the step is being cancelled. Resolves when the
   * programs have exited, or after the grace.
   */
  async cancel(graceMs = TERM_GRACE_MS): Promise<void> {
    this.cancelled = true
    const children = [...this.live]
    const exited = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve()
          else child.once('exit', () => resolve())
        }),
    )
    for (const child of children) if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM')
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(exited),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs)
      }),
    ])
    clearTimeout(timer)
    for (const child of children) if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL')
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes this removes.
const COLOUR_CODES = /\x1b\[[0-9;]*[A-Za-z]/g

/** A program's output without terminal colour codes, which are noise in a summary or an annotation. */
export function stripColour(text: string): string {
  return text.replace(COLOUR_CODES, '')
}

/** The last `lines` lines of a program's output, for error messages. */
export function tail(text: string, lines = 30): string {
  const all = stripColour(text).trimEnd().split('\n')
  return all.slice(-lines).join('\n')
}

/**
 * pip's and build's own wrapping around a failed subprocess: it says that the
 * backend failed, never why, so it is the reason only when nothing else is.
 */
const WRAPPER_LINES = [
  // pip's error codes: subprocess-exited-with-error, metadata-generation-failed, ...
  /^error: [a-z]+(-[a-z]+)+$/,
  /^note: /,
  /^hint: /,
  /^ERROR:? Backend subprocess exited/,
  /^ERROR: Failed (to build|building)/,
  /^ERROR: Could not build wheels/,
  /^ERROR: ResolutionImpossible/,
  /^[×│╰]/,
  /^\[end of output\]$/,
]

const isWrapper = (line: string): boolean => WRAPPER_LINES.some((w) => w.test(line))

/** argparse's usage error, as pytest and pip print it: "python -m pytest: error: unrecognized arguments: --x". */
const USAGE_ERROR = /^\S[^:]*: error: \S/

/** The last line of a Python traceback ("ValueError: …", "pkg.errors.BuildError"), or setuptools' own "error: …". */
const BACKEND_ERROR =
  /^(([A-Za-z_]\w*\.)*[A-Z]\w*(Error|Exception|Exit|Interrupt)(: .+)?|error: .+)$/

/**
 * The line that says why a tool failed, pure, in this order: an argparse usage
 * error; the backend's own error (a traceback's last line, setuptools'
 * "error: …"); the last line of what pip shows of the backend's output; the
 * last "ERROR" line that build ("ERROR …") or pip ("ERROR: …") prints, with the
 * lines it introduces when it ends in a colon; else the last line printed.
 */
export function failureReason(output: string): string | undefined {
  const lines = stripColour(output)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const usage = lines.find((l) => USAGE_ERROR.test(l))
  if (usage !== undefined) return usage
  const backend = lines.findLast((l) => BACKEND_ERROR.test(l) && !isWrapper(l))
  if (backend !== undefined) return backend
  // pip: "╰─> [3 lines of output]" ... "[end of output]" holds the backend's own words.
  const blockEnd = lines.lastIndexOf('[end of output]')
  const blockLast = blockEnd > 0 ? lines[blockEnd - 1] : undefined
  if (blockLast !== undefined && !/lines of output\]$/.test(blockLast)) return blockLast
  const isError = (l: string) => /^ERROR:?\s/.test(l)
  const index = lines.findLastIndex((l) => isError(l) && !isWrapper(l))
  if (index === -1) {
    // build: the backend's last words come right before "ERROR Backend subprocess exited …".
    const exited = lines.findLastIndex((l) => /^ERROR:? Backend subprocess exited/.test(l))
    const before = exited > 0 ? lines[exited - 1] : undefined
    if (before !== undefined && !/^(\*|running |ERROR)/.test(before)) return before
    const error = lines.findLast(isError)
    if (error !== undefined) return error.replace(/^ERROR:?\s+/, '')
    return lines.findLast((l) => !isWrapper(l)) ?? lines.at(-1)
  }
  const error = lines[index]?.replace(/^ERROR:?\s+/, '') ?? ''
  return error.endsWith(':') ? `${error} ${lines.slice(index + 1, index + 4).join(', ')}` : error
}

/**
 * A command line for the log: arguments quoted where a shell would need it,
 * so it can be copied, and credentials in URLs (https://user:token@host)
 * hidden, as pip itself hides them.
 */
export function formatCommand(command: string, args: readonly string[]): string {
  return [command, ...args]
    .map((arg) => arg.replace(/(\w+:\/\/)[^/\s@]+@/g, '$1***@'))
    .map((arg) =>
      arg === '' || /[^\w@%+=:,./-]/.test(arg) ? `'${arg.replaceAll("'", `'\\''`)}'` : arg,
    )
    .join(' ')
}
