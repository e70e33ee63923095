/**
 * Logs for tests: recordingLog() keeps what a stage says so a test can read it
 * back, and replayedLines() reads what a BufferedLog recorded (the code-quality
 * line, the success-rate request).
 */
import type { AnnotationProperties, BufferedLog, Log } from '../../src/log.js'

export interface LogEntry {
  readonly level: 'info' | 'debug' | 'warning' | 'error'
  readonly message: string
  readonly properties?: AnnotationProperties
}

export interface RecordingLog extends Log {
  /** Everything said, debug included, in order. */
  readonly entries: LogEntry[]
  /** Info lines as written, warnings and errors as "warning …" and "error …"; no debug. */
  readonly lines: string[]
  /** The titles of the groups opened, in order. */
  readonly groups: string[]
  readonly warnings: string[]
  readonly errors: string[]
}

export function recordingLog(): RecordingLog {
  const entries: LogEntry[] = []
  const lines: string[] = []
  const groups: string[] = []
  const warnings: string[] = []
  const errors: string[] = []
  return {
    entries,
    lines,
    groups,
    warnings,
    errors,
    info(message) {
      entries.push({ level: 'info', message })
      lines.push(message)
    },
    debug(message) {
      entries.push({ level: 'debug', message })
    },
    warning(message, properties) {
      entries.push({ level: 'warning', message, properties })
      lines.push(`warning ${message}`)
      warnings.push(message)
    },
    error(message, properties) {
      entries.push({ level: 'error', message, properties })
      lines.push(`error ${message}`)
      errors.push(message)
    },
    group(title, body) {
      groups.push(title)
      return body()
    },
  }
}

/** Info, warning and error lines in order, each after its level; debug lines are left out. */
export function replayedLines(log: BufferedLog): string[] {
  const into = recordingLog()
  log.replay(into)
  return into.entries.filter((e) => e.level !== 'debug').map((e) => `${e.level} ${e.message}`)
}
