/**
 * Starting a process without blocking the event loop: the loopback servers the
 * tests start live in the same process as jest and must keep answering while
 * the action runs.
 */
import { spawn } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'

export interface ProcessResult {
  /** null when the process was killed by a signal. */
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
  /** Wall time from the spawn to the exit, in milliseconds (the benches time runs with it). */
  readonly ms: number
}

export interface ProcessOptions {
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  /** Killed (SIGKILL) after this long; default 150 s. */
  readonly timeoutMs?: number
  /** Sends `signal` once, as soon as `when` holds (asked as stdout grows, and every 100 ms). */
  readonly interrupt?: Interrupt
  /** Each line of stdout as it arrives, with the milliseconds since the spawn. */
  readonly onLine?: (line: string, ms: number) => void
}

export interface Interrupt {
  readonly signal: NodeJS.Signals
  readonly when: (stdout: string) => boolean
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs ?? 150_000)
    let sent = false
    const check = () => {
      const interrupt = options.interrupt
      if (sent || interrupt === undefined) return
      if (!interrupt.when(Buffer.concat(stdout).toString('utf8'))) return
      sent = true
      child.kill(interrupt.signal)
    }
    const poll = options.interrupt ? setInterval(check, 100) : undefined
    // A chunk may end inside a character; the decoder keeps its first bytes for the next.
    const decoder = new StringDecoder('utf8')
    let partial = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      if (options.onLine) {
        const lines = (partial + decoder.write(chunk)).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) options.onLine(line, performance.now() - started)
      }
      check()
    })
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      const ms = performance.now() - started
      const last = partial + decoder.end()
      if (options.onLine && last !== '') options.onLine(last, ms)
      clearTimeout(timer)
      clearInterval(poll)
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        ms,
      })
    })
  })
}
