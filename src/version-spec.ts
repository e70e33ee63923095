/**
 * Python version specs: what the user asked for (an input, a version file,
 * requires-python), as one matcher over concrete versions such as "3.12.4".
 * Two grammars are accepted: PEP 440 specifier sets (">=3.10,<3.13", "==3.11.*",
 * "~=3.9") and the version-or-range forms that setup-python takes ("3.12",
 * "3.x", "3.12.1", ">=3.10 <3.13", "3.14.0-rc.1").
 */
import semver from 'semver'

export type SpecSource =
  | 'python-version'
  | 'python-version-file'
  | '.python-version'
  | 'requires-python'

export interface VersionSpec {
  /** The text as the user wrote it. */
  readonly text: string
  readonly source: SpecSource
  /** True when the spec itself names a pre-release, so pre-releases may match. */
  readonly allowPrerelease: boolean
  matches(version: string): boolean
}

const PEP440_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*v?(\d+(?:\.\d+)*)(\.\*)?(?:(a|b|rc)(\d+))?$/

/** "3.14.0rc1" -> "3.14.0-rc.1"; "3.12" stays. */
export function toSemver(version: string): string | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-?(a|b|rc|alpha|beta)\.?(\d+))?$/.exec(
    version.trim(),
  )
  if (!m) return null
  const [, major, minor = '0', patch = '0', pre, preNum] = m
  const tag = pre === 'alpha' ? 'a' : pre === 'beta' ? 'b' : pre
  return `${major}.${minor}.${patch}${tag ? `-${tag}.${preNum}` : ''}`
}

function release(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10))
}

function compareRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

function prefixMatch(version: number[], prefix: number[]): boolean {
  return prefix.every((p, i) => (version[i] ?? 0) === p)
}

type Clause = (v: number[]) => boolean

function pep440Clause(text: string): Clause | null {
  const m = PEP440_CLAUSE.exec(text.trim())
  if (!m) return null
  const [, op, ver = '', star] = m
  const spec = release(ver)
  if (star && op !== '==' && op !== '!=') return null
  switch (op) {
    case '==':
    case '===':
      return star ? (v) => prefixMatch(v, spec) : (v) => compareRelease(v, spec) === 0
    case '!=':
      return star ? (v) => !prefixMatch(v, spec) : (v) => compareRelease(v, spec) !== 0
    case '<=':
      return (v) => compareRelease(v, spec) <= 0
    case '>=':
      return (v) => compareRelease(v, spec) >= 0
    case '<':
      return (v) => compareRelease(v, spec) < 0
    case '>':
      return (v) => compareRelease(v, spec) > 0
    case '~=': {
      if (spec.length < 2) return null
      const prefix = spec.slice(0, -1)
      return (v) => compareRelease(v, spec) >= 0 && prefixMatch(v, prefix)
    }
    default:
      return null
  }
}

function parsePep440(text: string): Clause | null {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.some((p) => p === '')) return null
  const clauses = parts.map(pep440Clause)
  if (clauses.some((c) => c === null)) return null
  return (v) => clauses.every((c) => c?.(v))
}

/** Parses a spec, or returns null when it is in neither grammar. */
export function parseVersionSpec(text: string, source: SpecSource): VersionSpec | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const allowPrerelease = /\d(-?(a|b|rc|alpha|beta)\.?\d+)/.test(trimmed)
  // PEP 440 allows spaces after commas (">=3.10, <3.13"); a space-separated range fails it and is semver's.
  const pep440 = /[<>=!~]/.test(trimmed) ? parsePep440(trimmed) : null
  if (pep440) {
    return {
      text: trimmed,
      source,
      allowPrerelease,
      matches: (version) => {
        const sv = semver.parse(toSemver(version) ?? '')
        if (!sv) return false
        if (sv.prerelease.length > 0 && !allowPrerelease) return false
        return pep440([sv.major, sv.minor, sv.patch])
      },
    }
  }
  const asVersion = toSemver(trimmed)
  // "3" means any 3.x and "3.12" any 3.12.x; a full version means itself.
  const range = /^\d+$/.test(trimmed)
    ? `${trimmed}.x`
    : /^\d+\.\d+$/.test(trimmed)
      ? `~${trimmed}.0`
      : asVersion && /^\d/.test(trimmed)
        ? asVersion
        : trimmed
  if (semver.validRange(range) === null) return null
  return {
    text: trimmed,
    source,
    allowPrerelease,
    matches: (version) => {
      const sv = toSemver(version)
      if (!sv) return false
      return semver.satisfies(sv, range, { includePrerelease: allowPrerelease })
    },
  }
}

/** The highest of `versions` that the spec accepts, or undefined. */
export function highestMatch(spec: VersionSpec, versions: readonly string[]): string | undefined {
  let best: string | undefined
  for (const v of versions) {
    if (!spec.matches(v)) continue
    if (best === undefined || semver.gt(toSemver(v) ?? '0.0.0', toSemver(best) ?? '0.0.0')) best = v
  }
  return best
}

/**
 * Reads a version from a version file's text, by its file name:
 * .python-version (first non-comment line), .tool-versions ("python 3.12.1"),
 * pyproject.toml (requires-python, else tool.poetry's python), anything else
 * as plain text.
 */
export function versionFromFile(
  fileName: string,
  content: string,
  toml?: Record<string, unknown>,
): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  if (base.endsWith('.toml')) {
    const project = toml?.project as Record<string, unknown> | undefined
    const requires = project?.['requires-python']
    if (typeof requires === 'string') return requires
    const tool = toml?.tool as Record<string, unknown> | undefined
    const poetry = tool?.poetry as Record<string, unknown> | undefined
    const deps = poetry?.dependencies as Record<string, unknown> | undefined
    const py = deps?.python
    return typeof py === 'string' ? poetryToPep440(py) : null
  }
  const lines = content
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '')
  if (base === '.tool-versions') {
    const line = lines.find((l) => /^python\s/.test(l))
    return line ? (line.split(/\s+/)[1] ?? null) : null
  }
  return lines[0] ?? null
}

/** Poetry's "^3.10" and "~3.10" in PEP 440 terms. */
function poetryToPep440(spec: string): string {
  const caret = /^\^(\d+)(?:\.(\d+))?/.exec(spec)
  if (caret) return `>=${caret[1]}.${caret[2] ?? 0},<${Number(caret[1]) + 1}`
  const tilde = /^~(\d+)\.(\d+)/.exec(spec)
  if (tilde) return `>=${tilde[1]}.${tilde[2]},<${tilde[1]}.${Number(tilde[2]) + 1}`
  return spec
}
