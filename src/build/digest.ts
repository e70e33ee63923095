/**
 * The record of what the build made: each file's sha256, taken by the action
 * itself as each build command ends (never by a Python that project code may
 * have patched), and checked again before the files are kept or uploaded,
 * since the tests run beside the build and may touch them.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export interface FileDigest {
  readonly sha256: string
  readonly size: number
}

export function digestOf(file: string): FileDigest {
  const bytes = readFileSync(file)
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }
}

/** Enough of a digest to tell two apart in a one-line message. */
function short(sha256: string): string {
  return `${sha256.slice(0, 12)}…`
}

/** One line for a file whose bytes are not the build's, or undefined when they are. Pure. */
export function describeChange(
  fileName: string,
  built: string,
  now: string | undefined,
): string | undefined {
  if (now === built) return undefined
  if (now === undefined) return `${fileName} is gone since the build (sha256 ${short(built)})`
  return `${fileName} changed after the build (sha256 ${short(built)} at build, ${short(now)} now)`
}

/** The files whose bytes on disk are no longer those the build recorded, one line each. */
export function changedSinceBuild(
  files: readonly { readonly path: string; readonly fileName: string; readonly sha256: string }[],
): string[] {
  const changes: string[] = []
  for (const f of files) {
    let now: string | undefined
    try {
      now = digestOf(f.path).sha256
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      now = undefined
    }
    const change = describeChange(f.fileName, f.sha256, now)
    if (change !== undefined) changes.push(change)
  }
  return changes
}
