/**
 * The one seam through which the action runs programs: argument arrays, never a
 * shell string. Stages take a ProcessRunner so tests can hand in a fake.
 */
import { spawn } from 'node:child_process'

export interface RunOptions {
  readonly cwd?: string
  readonly env?: NodeJS.ProcessEnv
  /** Called with output as it arrives (stdout and stderr interleaved). */
  readonly onOutput?: (chunk: string) => void
}

export interface RunResult {
  /** The exit code; 127 when the program could not be started. */
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** stdout and stderr in the order they arrived. */
  readonly output: string
  readonly durationMs: number
}

export interface ProcessRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>
}

export class SpawnRunner implements ProcessRunner {
  run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const started = performance.now()
    return new Promise((resolve) => {
      const stdout: string[] = []
      const stderr: string[] = []
      const output: string[] = []
      const child = spawn(command, [...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      // Decoded by the stream, so a character split across two chunks stays whole.
      child.stdout.setEncoding('utf8')
      child.stderr.setEncoding('utf8')
      const collect = (into: string[]) => (text: string) => {
        into.push(text)
        output.push(text)
        options.onOutput?.(text)
      }
      child.stdout.on('data', collect(stdout))
      child.stderr.on('data', collect(stderr))
      let spawnError: Error | undefined
      child.on('error', (error) => {
        spawnError = error
      })
      child.on('close', (code, signal) => {
        const failure = spawnError ? `${command}: ${spawnError.message}\n` : ''
        const killed = signal ? `${command} was killed by ${signal}\n` : ''
        resolve({
          code: spawnError ? 127 : (code ?? 128),
          stdout: stdout.join(''),
          stderr: stderr.join('') + failure + killed,
          output: output.join('') + failure + killed,
          durationMs: performance.now() - started,
        })
      })
    })
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
