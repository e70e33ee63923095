/**
 * The runner reads the file commands (outputs, summary, the environment and
 * PATH of later steps) only after the step exits. Project code never gets
 * their paths, but a process of the same user can still find them (the
 * action's /proc/<pid>/environ, or a listing of the runner's folder). So the
 * step takes their contents before any project code runs, checks them before
 * each write of its own, and puts back what it finds changed.
 */
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

export const FILE_COMMANDS = [
  'GITHUB_OUTPUT',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
] as const

export type FileCommand = (typeof FILE_COMMANDS)[number]

/** A file as we left it: its bytes, and which file it is (a swapped or linked file counts as written). */
interface Taken {
  readonly file: string
  readonly content: Buffer | undefined
  readonly inode: number | undefined
}

function take(file: string): Taken {
  try {
    const stat = lstatSync(file)
    if (!stat.isFile()) return { file, content: Buffer.alloc(0), inode: undefined }
    return { file, content: readFileSync(file), inode: stat.ino }
  } catch {
    return { file, content: undefined, inode: undefined }
  }
}

function same(a: Taken, b: Taken): boolean {
  if (a.content === undefined || b.content === undefined) return a.content === b.content
  return a.inode === b.inode && a.content.equals(b.content)
}

function putBack(taken: Taken): void {
  // A new file, never a write through what is there now: it may be a link to elsewhere.
  rmSync(taken.file, { force: true, recursive: true })
  if (taken.content !== undefined) writeFileSync(taken.file, taken.content, { flag: 'wx' })
}

export class FileCommandGuard {
  private readonly taken = new Map<FileCommand, Taken>()
  private readonly written = new Set<FileCommand>()

  /** Takes the files the environment names; call it before any project code runs. */
  constructor(env: NodeJS.ProcessEnv) {
    for (const name of FILE_COMMANDS) {
      const file = env[name]
      if (file) this.taken.set(name, take(file))
    }
  }

  /**
   * The file commands that something else wrote to since they were taken,
   * each put back as we left it; cumulative over the step.
   */
  check(): FileCommand[] {
    for (const [name, before] of this.taken) {
      const now = take(before.file)
      if (same(before, now)) continue
      this.written.add(name)
      putBack(before)
      this.taken.set(name, take(before.file))
    }
    return FILE_COMMANDS.filter((name) => this.written.has(name))
  }

  /** Runs a write of our own: the files are checked first, and what it leaves is taken as ours. */
  own<T>(write: () => T): T {
    this.check()
    const retake = () => {
      for (const [name, before] of this.taken) this.taken.set(name, take(before.file))
    }
    const result = write()
    if (result instanceof Promise) return result.finally(retake) as T
    retake()
    return result
  }
}

/** The step's one error line about writes that were put back. Pure. */
export function describeWrites(written: readonly FileCommand[]): string {
  const names =
    written.length === 1
      ? written[0]
      : `${written.slice(0, -1).join(', ')} and ${written[written.length - 1]}`
  return `project code wrote to ${names} while the step ran; those writes were discarded`
}
