/**
 * Whether a path the action reads lies inside the workspace, symbolic links
 * followed: a checkout must not point an error message, pip or a build at the
 * runner's own files (/proc/self/environ, /etc/passwd, another checkout).
 */
import { lstatSync, realpathSync } from 'node:fs'
import path from 'node:path'

/** Where a path really leads: symbolic links followed, for as much of it as exists. */
function realLocation(file: string): string {
  const rest: string[] = []
  let at = path.resolve(file)
  for (;;) {
    try {
      return path.join(realpathSync(at), ...rest)
    } catch {
      const parent = path.dirname(at)
      if (parent === at) return path.resolve(file)
      rest.unshift(path.basename(at))
      at = parent
    }
  }
}

export function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file)
  return (
    relative === '' ||
    !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
  )
}

/**
 * Why the action may not read `file`, or undefined when it may: every path it
 * reads lies inside the workspace, symbolic links followed, so that a checkout
 * cannot point an error message (or a build) at the runner's own files.
 */
export function outsideWorkspace(workspace: string, file: string): string | undefined {
  if (!isInside(workspace, path.resolve(file))) return `is outside the workspace (${workspace})`
  if (!isInside(realLocation(workspace), realLocation(file)))
    return `leads outside the workspace (${workspace}) through a symbolic link`
  return undefined
}
