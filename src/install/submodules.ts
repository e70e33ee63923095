/**
 * Git submodules the checkout lacks. actions/checkout leaves each submodule's
 * folder empty unless asked for `submodules: true`, and tests that need one
 * then fail while pytest collects them, with a FileNotFoundError that does
 * not say why; one warning before the install names the folders and the fix.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Log } from '../log.js'

/** The `path = …` of each [submodule "…"] section of a .gitmodules file. Pure. */
export function submodulePaths(gitmodules: string): string[] {
  const paths: string[] = []
  let inSubmodule = false
  for (const raw of gitmodules.split(/\r?\n/)) {
    const line = raw.trim()
    if (line.startsWith('[')) inSubmodule = /^\[submodule\s+"[^"]*"\s*\]$/.test(line)
    const m = /^path\s*=\s*(.*)$/.exec(line)
    if (inSubmodule && m?.[1]) paths.push(m[1].replace(/^"(.*)"$/, '$1').replace(/\/+$/, ''))
  }
  return paths
}

/** The warning for submodule folders that are missing or empty, if any. Pure. */
export function emptySubmodulesWarning(empty: readonly string[]): string | undefined {
  if (empty.length === 0) return undefined
  const list = empty.join(', ')
  const verb = empty.length === 1 ? 'is a git submodule' : 'are git submodules'
  const them = empty.length === 1 ? 'its folder is' : 'their folders are'
  return `${list} ${verb} (.gitmodules) but ${them} empty: the checkout has no submodules. If the tests need them, check out with \`submodules: true\` (actions/checkout's input)`
}

/** The folder whose .gitmodules applies: from `dir` up to the repository's root (the first folder holding .git). */
function gitmodulesOf(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const file = path.join(at, '.gitmodules')
    if (existsSync(file)) return file
    if (existsSync(path.join(at, '.git')) || path.dirname(at) === at) return undefined
  }
}

function isEmptyFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory() && readdirSync(folder).length === 0
  } catch {
    // Missing: as empty as a folder can be.
    return true
  }
}

/** Warns about the submodules of the checkout holding `dir` whose folders are empty. */
export function warnEmptySubmodules(log: Log, dir: string): void {
  const file = gitmodulesOf(dir)
  if (file === undefined) return
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    log.debug(`${file} could not be read: ${String(error)}`)
    return
  }
  const root = path.dirname(file)
  const empty = submodulePaths(text).filter((p) => isEmptyFolder(path.join(root, p)))
  const warning = emptySubmodulesWarning(empty)
  if (warning) log.warning(warning)
}
