/**
 * What a BufferedLog recorded, as "level message" lines, for tests of work
 * that logs into a buffer (the code-quality line, the success-rate request).
 */
import type { BufferedLog, Log } from '../../src/log.js'

/** Info, warning and error lines in order; debug lines are left out. */
export function replayedLines(log: BufferedLog): string[] {
  const lines: string[] = []
  const into: Log = {
    info: (m) => lines.push(`info ${m}`),
    debug: () => {},
    warning: (m) => lines.push(`warning ${m}`),
    error: (m) => lines.push(`error ${m}`),
    group: (_, body) => body(),
  }
  log.replay(into)
  return lines
}
