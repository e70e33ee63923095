/**
 * Poetry's dependency specifications written as PEP 508 requirements for pip:
 * its version syntax (^, ~, *, "1.2", "1.2.*", "||"), tables with version,
 * extras, markers, python and platform, and git, path and url sources. Pure.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export interface Converted {
  /** PEP 508 requirements, one per constraint (a list of tables gives several). */
  readonly requirements: readonly string[]
  /** What could not be carried over, for the log. */
  readonly notes: readonly string[]
}

/** A PEP 440 specifier set ('' for any version), or why there is none. */
export type Specifier = { readonly specifier: string } | { readonly unsupported: string }

const OPERATOR = /(<>|!=|>=|<=|==|~=|=|>|<|~|\^)\s+/g

/** Release numbers and what follows them (a pre-release, post or local part). */
function release(text: string): { parts: number[]; rest: string } | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(.*)$/i.exec(text)
  if (!m?.[1]) return undefined
  return { parts: m[1].split('.').map(Number), rest: m[2] ?? '' }
}

/** `parts` written with at least `length` numbers, zeros after. */
function version(parts: readonly number[], length: number): string {
  return [...parts, ...Array(Math.max(length - parts.length, 0)).fill(0)].join('.')
}

/** One constraint of an AND group as PEP 440 clauses ([] for any version); undefined: not Poetry's syntax. */
function single(constraint: string): string[] | undefined {
  if (/^v?[xX*](\.[xX*])*$/.test(constraint)) return []
  const tilde = /^~(?!=)(.+)$/.exec(constraint)
  const caret = /^\^(.+)$/.exec(constraint)
  const lower = release(tilde?.[1] ?? caret?.[1] ?? '')
  if ((tilde || caret) && lower) {
    const { parts } = lower
    const [major = 0, minor = 0, patch = 0] = parts
    // Caret: up to the next release that changes the first non-zero number
    // (Poetry's next_breaking); tilde: the next minor, or major when only it is given.
    const upper = caret
      ? major > 0 || parts.length === 1
        ? [major + 1]
        : minor > 0 || parts.length === 2
          ? [0, minor + 1]
          : [0, 0, patch + 1]
      : parts.length === 1
        ? [major + 1]
        : [major, minor + 1]
    return [`>=${version(parts, 1)}${lower.rest}`, `<${version(upper, parts.length)}`]
  }
  if (tilde || caret) return undefined
  const wildcard = /^(!=|==)?v?(\d+(?:\.\d+){0,2})(?:\.\*)+$/.exec(constraint)
  if (wildcard) return [`${wildcard[1] ?? '=='}${wildcard[2]}.*`]
  const basic = /^(<>|!=|>=|<=|==|~=|=|>|<)?v?(\d[0-9A-Za-z.+!_-]*(?:\.\*)?)$/.exec(constraint)
  if (!basic?.[2]) return undefined
  const op = basic[1] === undefined || basic[1] === '=' ? '==' : basic[1] === '<>' ? '!=' : basic[1]
  return [`${op}${basic[2]}`]
}

/** Poetry's constraint as OR groups of AND'ed PEP 440 clauses; undefined: not understood. */
function parse(constraint: string): string[][] | undefined {
  const groups: string[][] = []
  for (const alternative of constraint.trim().split(/\s*\|\|?\s*/)) {
    const clauses: string[] = []
    const words = alternative
      .replace(/,\s*$/, '')
      .replace(OPERATOR, '$1')
      .split(/[\s,]+/)
      .filter((w) => w !== '')
    for (const word of words) {
      const parsed = single(word)
      if (parsed === undefined) return undefined
      clauses.push(...parsed)
    }
    groups.push(clauses)
  }
  return groups
}

/** A Poetry version constraint as a PEP 440 specifier set. */
export function poetryVersion(constraint: string): Specifier {
  const groups = parse(constraint)
  if (groups === undefined) return { unsupported: `version '${constraint}' is not understood` }
  if (groups.some((g) => g.length === 0)) return { specifier: '' }
  if (groups.length > 1)
    return {
      unsupported: `version '${constraint}' has alternatives (||), which PEP 508 cannot say`,
    }
  return { specifier: (groups[0] ?? []).join(',') }
}

/** A Poetry python constraint as a PEP 508 marker ('' for any version); undefined: not understood. */
export function poetryPythonMarker(constraint: string): string | undefined {
  const groups = parse(constraint)
  if (groups === undefined) return undefined
  if (groups.some((g) => g.length === 0)) return ''
  const clauses = groups.map((g) =>
    g.map((clause) => {
      const m = /^([<>=!~]+)(.*)$/.exec(clause)
      const [op, v] = [m?.[1] ?? '==', m?.[2] ?? '']
      // python_version is major.minor only; a patch level needs python_full_version.
      const variable =
        v.replace(/\.\*$/, '').split('.').length > 2 ? 'python_full_version' : 'python_version'
      return `${variable} ${op} "${v}"`
    }),
  )
  if (clauses.length === 1) return (clauses[0] ?? []).join(' and ')
  return clauses.map((c) => (c.length > 1 ? `(${c.join(' and ')})` : c.join(''))).join(' or ')
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** git@host:owner/repo.git, as Poetry accepts it, as a URL pip can clone. */
function gitUrl(url: string): string {
  const scp = /^([\w.-]+@[\w.-]+):(?!\/\/)(.*)$/.exec(url)
  const full = scp ? `ssh://${scp[1]}/${scp[2]}` : url
  return full.startsWith('git+') ? full : `git+${full}`
}

interface Entry {
  readonly requirement?: string
  readonly note?: string
}

function tableEntry(name: string, spec: Record<string, unknown>, projectDir: string): Entry {
  const notes: string[] = []
  const extras = Array.isArray(spec.extras)
    ? spec.extras.filter((e): e is string => typeof e === 'string')
    : []
  const head = `${name}${extras.length ? `[${extras.join(',')}]` : ''}`
  const markers: string[] = []
  const python = text(spec.python)
  if (python !== undefined) {
    const marker = poetryPythonMarker(python)
    if (marker === undefined)
      return { note: `${name}: python '${python}' is not understood; left out` }
    if (marker !== '') markers.push(marker)
  }
  const platform = text(spec.platform)
  if (platform !== undefined) markers.push(`sys_platform == "${platform}"`)
  const written = text(spec.markers)
  if (written !== undefined) markers.push(written)
  const marker =
    markers.length === 0
      ? ''
      : markers.length === 1
        ? (markers[0] ?? '')
        : markers.map((m) => `(${m})`).join(' and ')
  const git = text(spec.git)
  const local = text(spec.path)
  const url = text(spec.url)
  let target: string
  if (git !== undefined) {
    const ref = text(spec.rev) ?? text(spec.tag) ?? text(spec.branch)
    const sub = text(spec.subdirectory)
    target = ` @ ${gitUrl(git)}${ref ? `@${ref}` : ''}${sub ? `#subdirectory=${sub}` : ''}`
  } else if (local !== undefined) {
    const folder = path.resolve(projectDir, local)
    if (folder === path.resolve(projectDir))
      return { note: `${name}: path '${local}' is the project itself, installed by the action` }
    target = ` @ ${pathToFileURL(folder).href}`
    if (spec.develop === true) notes.push(`${name}: from path '${local}', not editable`)
  } else if (url !== undefined) {
    target = ` @ ${url}`
  } else {
    const v = poetryVersion(text(spec.version) ?? '*')
    if ('unsupported' in v) notes.push(`${name}: ${v.unsupported}; any version`)
    target = 'specifier' in v ? v.specifier : ''
  }
  const source = text(spec.source)
  if (source !== undefined)
    notes.push(`${name}: source '${source}' is Poetry's; pip looks in the indexes it is given`)
  // After a URL, PEP 508 needs a space before the ';' that starts the marker.
  const separator = target.startsWith(' @ ') ? ' ; ' : '; '
  return {
    requirement: `${head}${target}${marker ? `${separator}${marker}` : ''}`,
    note: notes.length ? notes.join('; ') : undefined,
  }
}

/**
 * One entry of a Poetry dependencies table: `name = "^1.2"`, a table, or a
 * list of tables for different markers. git entries become `name @ git+URL@REF`
 * (pip clones them); path entries `name @ file://…` resolved from the
 * project's folder (not editable, even with develop = true), and left out
 * when they are the project itself.
 */
export function poetryRequirements(name: string, spec: unknown, projectDir: string): Converted {
  if (name.toLowerCase() === 'python') return { requirements: [], notes: [] }
  const specs = Array.isArray(spec) ? spec : [spec]
  const requirements: string[] = []
  const notes: string[] = []
  for (const one of specs) {
    let entry: Entry
    if (typeof one === 'string') {
      const v = poetryVersion(one)
      entry =
        'specifier' in v
          ? { requirement: `${name}${v.specifier}` }
          : { requirement: name, note: `${name}: ${v.unsupported}; any version` }
    } else if (one !== null && typeof one === 'object' && !Array.isArray(one)) {
      entry = tableEntry(name, one as Record<string, unknown>, projectDir)
    } else {
      entry = { note: `${name}: ${JSON.stringify(one)} is not a Poetry dependency; left out` }
    }
    if (entry.requirement !== undefined) requirements.push(entry.requirement)
    if (entry.note !== undefined) notes.push(entry.note)
  }
  return { requirements, notes }
}
