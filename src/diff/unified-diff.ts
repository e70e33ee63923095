/**
 * Parses unified diffs into the lines each file gained: `git diff` output, and the
 * `patch` field of the pull request files API (hunks without file headers). Pure.
 *
 * Hunks are read by their line counts, not by the look of a line, so a changed line
 * whose text starts with "--- " or "+++ " is still content.
 */

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied'

export interface FileDiff {
  /** Repository-relative path in the new tree; for a deleted file, its old path. */
  readonly path: string
  /** Where a renamed or copied file came from. */
  readonly oldPath?: string
  readonly status: FileStatus
  /** Git said "Binary files … differ" or wrote a binary patch: no lines to count. */
  readonly binary: boolean
  /** Line numbers in the new file that the diff adds or changes, ascending, unique. */
  readonly addedLines: readonly number[]
}

/** The text is not a unified diff this parser understands. */
export class DiffParseError extends Error {
  override name = 'DiffParseError'
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

interface Hunks {
  readonly added: number[]
  /** Index of the first line after the hunks. */
  readonly end: number
}

/**
 * Reads consecutive hunks from lines[start]; stops at the first line that is neither a
 * hunk header nor inside a hunk.
 */
function readHunks(lines: readonly string[], start: number, where: string): Hunks {
  const added: number[] = []
  let index = start
  while (index < lines.length) {
    const header = HUNK.exec(lines[index])
    if (header === null) break
    let oldLeft = header[2] === undefined ? 1 : Number(header[2])
    let newLeft = header[4] === undefined ? 1 : Number(header[4])
    let next = Number(header[3])
    index += 1
    while (index < lines.length && (oldLeft > 0 || newLeft > 0)) {
      const line = lines[index]
      const mark = line.charAt(0)
      if (mark === '+') {
        added.push(next)
        next += 1
        newLeft -= 1
      } else if (mark === '-') {
        oldLeft -= 1
      } else if (mark === ' ' || line === '' || line === '\r') {
        // Some tools strip the lone space of an empty context line.
        next += 1
        oldLeft -= 1
        newLeft -= 1
      } else if (mark !== '\\') {
        throw new DiffParseError(
          `${where}: hunk ends early at ${JSON.stringify(clip(line))} (${oldLeft} old and ${newLeft} new lines missing)`,
        )
      }
      index += 1
    }
    if (oldLeft > 0 || newLeft > 0) {
      throw new DiffParseError(`${where}: the diff ends inside a hunk`)
    }
    // "\ No newline at end of file" follows the last line it belongs to.
    while (index < lines.length && lines[index].startsWith('\\')) index += 1
  }
  return { added, end: index }
}

/**
 * The new-file line numbers a `patch` from the pull request files API adds or changes.
 * An absent or empty patch (binary, too large, a pure rename) gives none.
 */
export function parsePatch(patch: string | undefined, where = 'patch'): number[] {
  if (patch === undefined || patch === '') return []
  const lines = splitLines(patch)
  const hunks = readHunks(lines, 0, where)
  const rest = lines.slice(hunks.end).find((line) => line !== '')
  if (hunks.end === 0 || rest !== undefined) {
    throw new DiffParseError(
      `${where}: expected hunks starting with "@@ -a,b +c,d @@", found ${JSON.stringify(clip(rest ?? lines[0]))}`,
    )
  }
  return unique(hunks.added)
}

interface OpenFile {
  oldPath?: string
  newPath?: string
  headerOld?: string
  headerNew?: string
  status: FileStatus
  binary: boolean
  added: number[]
}

/**
 * Parses `git diff` output (several files, extended headers). Git must print the
 * default "a/" and "b/" prefixes: run it with `-c diff.noprefix=false
 * -c diff.mnemonicprefix=false`, as diff-cover does.
 */
export function parseGitDiff(text: string): FileDiff[] {
  const lines = splitLines(text)
  const files: FileDiff[] = []
  let open: OpenFile | undefined
  let index = 0
  const finish = () => {
    if (open !== undefined) files.push(close(open))
    open = undefined
  }
  while (index < lines.length) {
    const line = stripCr(lines[index])
    if (line.startsWith('diff --git ')) {
      finish()
      const [headerOld, headerNew] = splitGitHeader(line.slice('diff --git '.length))
      open = { headerOld, headerNew, status: 'modified', binary: false, added: [] }
      index += 1
      continue
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      throw new DiffParseError(
        `combined diffs of merge commits are not supported: ${JSON.stringify(clip(line))}`,
      )
    }
    if (line.startsWith('@@ ')) {
      if (open === undefined) {
        throw new DiffParseError(`hunk before any file header: ${JSON.stringify(clip(line))}`)
      }
      const hunks = readHunks(lines, index, describe(open))
      open.added.push(...hunks.added)
      index = hunks.end
      continue
    }
    if (open === undefined) {
      // Text before the first file (a commit message from `git show`, say) is not ours.
      index += 1
      continue
    }
    if (line.startsWith('--- ')) {
      const path = headerPath(line.slice(4), 'a/')
      if (path === undefined) open.status = 'added'
      else open.oldPath = path
    } else if (line.startsWith('+++ ')) {
      const path = headerPath(line.slice(4), 'b/')
      if (path === undefined) open.status = 'deleted'
      else open.newPath = path
    } else if (line.startsWith('new file mode ')) open.status = 'added'
    else if (line.startsWith('deleted file mode ')) open.status = 'deleted'
    else if (line.startsWith('rename from ')) {
      open.status = 'renamed'
      open.oldPath = unquote(line.slice('rename from '.length))
    } else if (line.startsWith('rename to '))
      open.newPath = unquote(line.slice('rename to '.length))
    else if (line.startsWith('copy from ')) {
      open.status = 'copied'
      open.oldPath = unquote(line.slice('copy from '.length))
    } else if (line.startsWith('copy to ')) open.newPath = unquote(line.slice('copy to '.length))
    else if (line === 'GIT binary patch' || /^Binary files .* differ$/.test(line)) {
      open.binary = true
    }
    index += 1
  }
  finish()
  return files
}

function close(file: OpenFile): FileDiff {
  const oldPath = file.oldPath ?? file.headerOld
  const newPath = file.newPath ?? file.headerNew
  const path = file.status === 'deleted' ? oldPath : newPath
  if (path === undefined) throw new DiffParseError(`${describe(file)}: no file name`)
  const moved = file.status === 'renamed' || file.status === 'copied'
  return {
    path,
    ...(moved && oldPath !== undefined ? { oldPath } : {}),
    status: file.status,
    binary: file.binary,
    addedLines: file.status === 'deleted' ? [] : unique(file.added),
  }
}

function describe(file: OpenFile): string {
  return `diff of ${file.newPath ?? file.headerNew ?? file.oldPath ?? file.headerOld ?? '?'}`
}

/**
 * The file name of a "--- a/x" or "+++ b/x" line; undefined for /dev/null. Git ends a
 * name that contains a space with a tab, and other diff tools put a date after a tab.
 */
function headerPath(rest: string, prefix: string): string | undefined {
  const name = rest.startsWith('"') ? unquote(rest.replace(/\t.*$/, '')) : rest.replace(/\t.*$/, '')
  if (name === '/dev/null') return undefined
  return name.startsWith(prefix) ? name.slice(prefix.length) : name
}

/**
 * The two names of "diff --git a/x b/y". Used only when no ---/+++ or rename lines
 * follow (binary files, mode changes), where the two names are the same unless quoted.
 */
function splitGitHeader(rest: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest)
    const first = unquote(rest.slice(0, end + 1))
    const second = rest.slice(end + 2)
    return [strip(first, 'a/'), strip(second.startsWith('"') ? unquote(second) : second, 'b/')]
  }
  if (rest.endsWith('"')) {
    const start = rest.lastIndexOf(' "')
    return [strip(rest.slice(0, start), 'a/'), strip(unquote(rest.slice(start + 1)), 'b/')]
  }
  // "a/NAME b/NAME": the same name twice, so the halves split it even when it has spaces.
  const half = (rest.length - 1) / 2
  if (Number.isInteger(half) && rest.charAt(half) === ' ') {
    const first = strip(rest.slice(0, half), 'a/')
    const second = strip(rest.slice(half + 1), 'b/')
    if (first === second) return [first, second]
  }
  const split = rest.indexOf(' b/')
  if (split < 0) return [undefined, undefined]
  return [strip(rest.slice(0, split), 'a/'), rest.slice(split + 3)]
}

function strip(name: string, prefix: string): string {
  return name.startsWith(prefix) ? name.slice(prefix.length) : name
}

function closingQuote(text: string): number {
  for (let index = 1; index < text.length; index += 1) {
    if (text.charAt(index) === '\\') index += 1
    else if (text.charAt(index) === '"') return index
  }
  throw new DiffParseError(`unterminated quoted file name: ${JSON.stringify(clip(text))}`)
}

const ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
}

/**
 * Git's C-style quoting of a file name: "t\303\251st.py" is the UTF-8 bytes of
 * "tést.py". A name without quotes is returned as it is.
 */
export function unquote(name: string): string {
  if (!name.startsWith('"')) return name
  if (name.length < 2 || !name.endsWith('"')) {
    throw new DiffParseError(`unterminated quoted file name: ${JSON.stringify(clip(name))}`)
  }
  const bytes: number[] = []
  const body = name.slice(1, -1)
  for (let index = 0; index < body.length; index += 1) {
    const char = body.charAt(index)
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'))
      continue
    }
    const next = body.charAt(index + 1)
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1))
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8))
      index += 3
    } else if (next in ESCAPES) {
      bytes.push(ESCAPES[next])
      index += 1
    } else {
      throw new DiffParseError(`unknown escape \\${next} in file name ${JSON.stringify(name)}`)
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** File to changed lines, for the files that have any (deleted and binary files have none). */
export function changedLinesByFile(files: readonly FileDiff[]): Map<string, readonly number[]> {
  const byFile = new Map<string, readonly number[]>()
  for (const file of files) {
    if (file.status === 'deleted' || file.addedLines.length === 0) continue
    const known = byFile.get(file.path)
    byFile.set(
      file.path,
      known === undefined ? file.addedLines : unique([...known, ...file.addedLines]),
    )
  }
  return byFile
}

/** The part of an entry of the pull request files API that the parser reads. */
export interface PullRequestFile {
  readonly filename: string
  readonly status: string
  readonly previous_filename?: string
  /** Absent for binary files and for diffs GitHub finds too large. */
  readonly patch?: string
}

/** The pull request files API's entries as FileDiffs. */
export function parsePullRequestFiles(files: readonly PullRequestFile[]): FileDiff[] {
  return files.map((file) => {
    const status = pullStatus(file.status)
    const moved = status === 'renamed' || status === 'copied'
    return {
      path: file.filename,
      ...(moved && file.previous_filename !== undefined ? { oldPath: file.previous_filename } : {}),
      status,
      // GitHub leaves out the patch of binary files; a text file with no patch has no lines either.
      binary: file.patch === undefined && status !== 'renamed',
      addedLines: status === 'deleted' ? [] : parsePatch(file.patch, `patch of ${file.filename}`),
    }
  })
}

function pullStatus(status: string): FileStatus {
  switch (status) {
    case 'added':
    case 'renamed':
    case 'copied':
      return status
    case 'removed':
      return 'deleted'
    default:
      // "modified", "changed" (mode only) and "unchanged".
      return 'modified'
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line
}

function unique(lines: readonly number[]): number[] {
  return [...new Set(lines)].sort((a, b) => a - b)
}

function clip(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`
}
