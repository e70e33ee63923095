/**
 * Requirement files: where `install: auto` finds them, and what pip is given
 * for each. A file (or one it includes with -r) that installs the project
 * itself (`-e .`, `.[test]`) would make pip install the project twice and
 * fail, so pip gets a copy without those lines, and the action installs the
 * project once, with the extras they named. Pure: the caller reads and writes.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

interface Place {
  /** Relative to the project, '' for its folder. */
  readonly folder: string
  readonly pattern: RegExp
}

/** Where auto looks, in this order. */
export const AUTO_REQUIREMENT_PLACES: readonly Place[] = [
  {
    folder: '',
    pattern:
      /^(requirements[-_](dev|test|tests|testing)|(dev|test|tests|testing)[-_]requirements)\.txt$/i,
  },
  { folder: 'requirements', pattern: /^(dev|test)[^/]*\.txt$/i },
  { folder: 'tests', pattern: /^requirements[^/]*\.txt$/i },
  { folder: 'test', pattern: /^requirements[^/]*\.txt$/i },
]

/** The requirement files auto takes, relative to the project ('/'-separated), given each folder's file names. */
export function autoRequirementFiles(list: (folder: string) => readonly string[]): string[] {
  return AUTO_REQUIREMENT_PLACES.flatMap(({ folder, pattern }) =>
    list(folder)
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => (folder ? `${folder}/${name}` : name)),
  )
}

/** pip's logical lines: a trailing backslash continues the line; '#' after a space or at the start is a comment. */
export function logicalLines(text: string): string[] {
  const lines: string[] = []
  let pending = ''
  for (const raw of text.split(/\r?\n/)) {
    if (raw.endsWith('\\')) {
      pending += raw.slice(0, -1)
      continue
    }
    lines.push((pending + raw).replace(/(^|\s+)#.*$/, '').trim())
    pending = ''
  }
  if (pending) lines.push(pending.replace(/(^|\s+)#.*$/, '').trim())
  return lines.filter((l) => l !== '')
}

export type RequirementLine =
  | { readonly kind: 'include'; readonly option: string; readonly target: string }
  | { readonly kind: 'find-links'; readonly option: string; readonly target: string }
  | { readonly kind: 'local'; readonly editable: boolean; readonly target: string }
  | { readonly kind: 'other' }

const isUrl = (target: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(target)

/** What one logical line of a requirements file does, as far as paths go. */
export function classifyLine(line: string): RequirementLine {
  const include = /^(-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?<=^-[rc]))(\S.*)$/.exec(line)
  if (include?.[1] && include[2])
    return { kind: 'include', option: include[1], target: include[2].trim() }
  const links = /^(-f|--find-links)(?:\s*=\s*|\s+)(\S.*)$/.exec(line)
  if (links?.[1] && links[2])
    return { kind: 'find-links', option: links[1], target: links[2].trim() }
  const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/.exec(line)
  if (editable?.[1]) return { kind: 'local', editable: true, target: editable[1] }
  const first = line.split(/\s+/)[0] ?? ''
  if (/^(\.|\/|~|file:)/i.test(first)) return { kind: 'local', editable: false, target: first }
  return { kind: 'other' }
}

/** A local target's path and extras (`.[test]`, `file:..`, `./#egg=x`); undefined for a URL elsewhere. */
function localTarget(target: string): { path: string; extras: string[] } | undefined {
  const extras = /\[([^\]]*)\]$/.exec(target.replace(/#.*$/, ''))?.[1]
  let bare = target.replace(/#.*$/, '').replace(/\[[^\]]*\]$/, '')
  if (/^file:\/\//i.test(bare)) {
    try {
      bare = fileURLToPath(bare)
    } catch {
      return undefined
    }
  } else if (/^file:/i.test(bare)) bare = bare.slice('file:'.length)
  else if (isUrl(bare)) return undefined
  const list = (extras ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  return { path: bare === '' ? '.' : bare, extras: list }
}

export interface PreparedFiles {
  /** What pip gets after each -r, in order: the file itself, or its copy. */
  readonly args: readonly string[]
  /** Copies to write before pip runs. */
  readonly copies: readonly { readonly file: string; readonly text: string }[]
  /** Extras of the project that lines installing it asked for. */
  readonly extras: readonly string[]
  readonly notes: readonly string[]
}

export interface FileAccess {
  /** The file's text; undefined when it cannot be read (pip then says why). */
  read(file: string): string | undefined
  exists(file: string): boolean
}

/**
 * For each requirement file (absolute), what pip gets: the file itself, or
 * a copy in scratchDir without the lines that install the project. pip runs
 * in the project's folder and resolves local paths from there (-e ./lib), so
 * a copy keeps those lines as they are; -r, -c and a relative --find-links it
 * resolves from the file's folder, so a copy has them absolute. A line
 * installs the project when its path is the project's folder seen from the
 * project or from the file (`-e ..` in tests/requirements.txt).
 */
export function prepareRequirementFiles(
  files: readonly string[],
  projectDir: string,
  scratchDir: string,
  access: FileAccess,
): PreparedFiles {
  const project = path.resolve(projectDir)
  const copies: { file: string; text: string }[] = []
  const extras: string[] = []
  const notes: string[] = []
  const done = new Map<string, string>()
  const shown = (file: string) => path.relative(project, file) || file

  const visit = (file: string, stack: readonly string[]): string => {
    const known = done.get(file)
    if (known !== undefined) return known
    const text = stack.includes(file) ? undefined : access.read(file)
    if (text === undefined) return file
    const dir = path.dirname(file)
    let changed = false
    const out: string[] = []
    for (const line of logicalLines(text)) {
      const kind = classifyLine(line)
      if (kind.kind === 'include' && !isUrl(kind.target)) {
        const target = path.resolve(dir, kind.target)
        const nested = /^(-r|--requirement)$/.test(kind.option)
          ? visit(target, [...stack, file])
          : target
        if (nested !== target) changed = true
        out.push(`${kind.option} ${nested}`)
      } else if (
        kind.kind === 'find-links' &&
        !isUrl(kind.target) &&
        !path.isAbsolute(kind.target)
      ) {
        const beside = path.resolve(dir, kind.target)
        out.push(access.exists(beside) ? `${kind.option} ${beside}` : line)
      } else if (kind.kind === 'local') {
        const local = localTarget(kind.target)
        const self =
          local !== undefined &&
          [path.resolve(project, local.path), path.resolve(dir, local.path)].includes(project)
        if (local && self) {
          changed = true
          extras.push(...local.extras)
          notes.push(
            `${shown(file)}: '${line}' is the project itself, which the action installs once${kind.editable ? ' (not editable)' : ''}; that line is left out`,
          )
          out.push(`# ${line}  (the project itself: installed by the action)`)
        } else out.push(line)
      } else out.push(line)
    }
    if (!changed) {
      done.set(file, file)
      return file
    }
    const copy = path.join(scratchDir, `${copies.length + 1}-${path.basename(file)}`)
    copies.push({ file: copy, text: `${out.join('\n')}\n` })
    done.set(file, copy)
    return copy
  }

  const args = files.map((f) => visit(path.resolve(project, f), []))
  return { args, copies, extras: [...new Set(extras)], notes }
}
