/**
 * Starting a process without blocking the event loop: the loopback servers the
 * tests start live in the same process as jest and must keep answering while
 * the action runs.
 */
import { spawn } from 'node:child_process'

export interface ProcessResult {
  /** null when the process was killed by a signal. */
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
}

export interface ProcessOptions {
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  /** Killed (SIGKILL) after this long; default 150 s. */
  readonly timeoutMs?: number
  /** Sends `signal` once, as soon as `when` holds (asked as stdout grows, and every 100 ms). */
  readonly interrupt?: Interrupt
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
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      check()
    })
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      clearInterval(poll)
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      clearInterval(poll)
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
      })
    })
  })
}
