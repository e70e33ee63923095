/**
 * What building a project in its own folder leaves there: setuptools writes
 * NAME.egg-info (beside the packages, so src/NAME.egg-info in a src layout),
 * build/ and, for setup_requires, .eggs/. pip builds in the checkout, and a
 * later sdist reads the egg-info's SOURCES.txt back as part of its file list
 * (setuptools does when no file finder of a version control plugin answers),
 * so files an install listed end up in the sdist. The install and the sdist
 * each take away the leftovers that were not there before them.
 */
import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { errorMessage } from '../error-message.js'
import type { Log } from '../log.js'

/** Whether a folder (relative to the project, '/'-separated) is a build's leftover. Pure. */
export function isLeftover(folder: string): boolean {
  const parts = folder.split('/')
  const name = parts[parts.length - 1] ?? ''
  if (parts.length === 1 && (name === 'build' || name === '.eggs')) return true
  return parts.length <= 2 && name.endsWith('.egg-info')
}

function folders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
  } catch {
    return []
  }
}

/** The leftovers in `dir` now: its own folders, and the egg-info folders one level down. */
export function findLeftovers(dir: string): string[] {
  const top = folders(dir)
  const below = top
    .filter((f) => !f.startsWith('.') && !isLeftover(f) && f !== 'node_modules')
    .flatMap((f) => folders(path.join(dir, f)).map((g) => `${f}/${g}`))
  return [...top, ...below].filter(isLeftover).sort()
}

/**
 * Removes the leftovers in `dir` that are not in `before`, saying which.
 * One that cannot be removed is a warning: the sdist may then list more files.
 */
export function removeNewLeftovers(
  log: Log,
  dir: string,
  before: readonly string[],
  after: string,
): void {
  const made = findLeftovers(dir).filter((f) => !before.includes(f))
  if (made.length === 0) return
  const removed: string[] = []
  for (const folder of made) {
    try {
      rmSync(path.join(dir, folder), { recursive: true, force: true })
      removed.push(folder)
    } catch (error) {
      log.warning(
        `${folder}, left in the checkout by ${after}, could not be removed: ${errorMessage(error)}`,
      )
    }
  }
  if (removed.length) log.info(`removed what ${after} left in the checkout: ${removed.join(', ')}`)
}
