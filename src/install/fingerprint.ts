/**
 * What the installed project was built from, so a venv restored from the cache
 * can keep its copy of the project when the checkout is the same, and only
 * then: the code under test must always be the current checkout.
 */
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'

/** Written into the venv beside the installed project, read back after a restore. */
export const PROJECT_MARKER = 'python-ci-project.json'

export interface ProjectMarker {
  /** projectFingerprint() of the checkout the project was installed from. */
  readonly fingerprint: string
  /** The project's distribution name as pip installed it, when known. */
  readonly distName: string | undefined
  /** The venv's own interpreter can run pip (its own, or the system site-packages'). */
  readonly venvPip: boolean
  /** The venv holds the build backend's environment (BUILD_ENV) for isolated rebuilds. */
  readonly buildEnv?: boolean
}

/**
 * How much of the checkout a fingerprint may read. Past it the fingerprint is
 * unknown and the project is reinstalled: hashing a checkout that big (data
 * sets, a database folder) would cost more than the reinstall it saves.
 */
export interface FingerprintBudget {
  /** Files, folders and links looked at. */
  readonly entries: number
  /** Bytes of file contents hashed. */
  readonly bytes: number
}

export const FINGERPRINT_BUDGET: FingerprintBudget = { entries: 20_000, bytes: 256 * 1024 * 1024 }

/** The checkout's hash, or why there is none (the project is then reinstalled). */
export type Fingerprint = { readonly hash: string } | { readonly unknown: string }

/**
 * Folders that are never part of a build of the project, whatever the
 * backend, and are often large; left out at any depth:
 * - .git: the history; what git says of the version is passed as `extra`.
 * - __pycache__: bytecode Python writes beside the sources from them (pytest
 *   rewrites it on every run), and backends leave it out of dists.
 * - .pytest_cache, .mypy_cache, .ruff_cache: tool caches that ignore
 *   themselves (their own .gitignore of `*`) and are never packaged.
 * - .tox, .nox: environments and logs those runners make from the sources.
 * - node_modules: what npm installed from package.json and its lock file,
 *   which are hashed; a frontend build step reads it, but only through them.
 */
const NEVER_BUILT = new Set([
  '.git',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'node_modules',
])

/**
 * .venv and venv only when they are a virtual environment (pyvenv.cfg at the
 * top): installed packages, not sources. A package named venv is hashed.
 */
const VENV_NAMES = new Set(['.venv', 'venv'])

function neverBuilt(name: string, full: string): boolean {
  return (
    NEVER_BUILT.has(name) || (VENV_NAMES.has(name) && existsSync(path.join(full, 'pyvenv.cfg')))
  )
}

class OverBudget extends Error {}

const MiB = 1024 * 1024

/**
 * A sha256 over every file under `dir` (path, kind and bytes), in a fixed
 * order, and `extra`. Only the NEVER_BUILT folders and virtual environments
 * are left out: any other file may go into the build (a package's data, a
 * setup.py that reads a file), so any change means a reinstall. A symlink
 * counts by its target and by what it points to, since the build follows it
 * (a package linked in from elsewhere in a monorepo). A version taken from git
 * is not in the files: the caller passes what git says in `extra`.
 *
 * Never throws: a folder it may not read (a root-owned database folder of a
 * docker bind mount, say) or a checkout over `budget` gives `unknown`, and
 * the caller reinstalls the project.
 */
export function projectFingerprint(
  dir: string,
  extra = '',
  budget: FingerprintBudget = FINGERPRINT_BUDGET,
): Fingerprint {
  const hash = createHash('sha256').update(`python-ci-project 1\0${extra}\0`)
  // Real paths of the folders being walked: a link back up is not followed again.
  const open = new Set<string>()
  let entries = 0
  let bytes = 0
  const spend = (entry: 0 | 1, size: number): void => {
    entries += entry
    bytes += size
    if (entries > budget.entries || bytes > budget.bytes) throw new OverBudget()
  }
  // One buffer for every file: a file is hashed in chunks, never read whole
  // (readFileSync fails on files over 2 GiB).
  const chunk = Buffer.allocUnsafe(MiB)
  const hashFile = (full: string): void => {
    const fd = openSync(full, 'r')
    try {
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
        hash.update(chunk.subarray(0, n))
      }
    } finally {
      closeSync(fd)
    }
  }
  const entry = (relPath: string, full: string, stat: Stats): void => {
    if (stat.isDirectory()) {
      hash.update(`d\0${relPath}\0`)
      walk(relPath, full)
    } else if (stat.isFile()) {
      spend(0, stat.size)
      // Executable bits reach installed scripts.
      hash.update(`f\0${relPath}\0${stat.mode & 0o111 ? 'x' : '-'}\0${stat.size}\0`)
      hashFile(full)
    }
  }
  const walk = (rel: string, full: string): void => {
    const real = realpathSync(full)
    if (open.has(real)) {
      hash.update(`c\0${rel}\0`)
      return
    }
    open.add(real)
    for (const name of readdirSync(full).sort()) {
      const child = path.join(full, name)
      if (neverBuilt(name, child)) continue
      spend(1, 0)
      const relPath = rel === '' ? name : `${rel}/${name}`
      const stat = lstatSync(child)
      if (stat.isSymbolicLink()) {
        hash.update(`l\0${relPath}\0${readlinkSync(child)}\0`)
        const target = statSync(child, { throwIfNoEntry: false })
        if (target) entry(relPath, child, target)
      } else entry(relPath, child, stat)
    }
    open.delete(real)
  }
  try {
    walk('', dir)
  } catch (error) {
    if (!(error instanceof OverBudget)) {
      // fs errors name the call and the path: "EACCES: permission denied, scandir '…/pgdata'";
      // they need not be instanceof this realm's Error (errorMessage would prefix "Error: ").
      const message =
        typeof error === 'object' && error !== null && 'message' in error ? error.message : error
      return { unknown: `the checkout could not be read (${String(message)})` }
    }
    const over =
      entries > budget.entries
        ? `more than ${budget.entries.toLocaleString('en-US')} files and folders`
        : `more than ${Math.round(budget.bytes / MiB)} MiB in its files`
    return { unknown: `the checkout holds ${over}, the fingerprint's budget` }
  }
  return { hash: hash.digest('hex') }
}

/** True when the version is written in pyproject.toml's [project] table, not computed at build time. */
export function hasStaticVersion(pyproject: Record<string, unknown> | undefined): boolean {
  const project = pyproject?.project as Record<string, unknown> | undefined
  const dynamic = Array.isArray(project?.dynamic) ? (project?.dynamic as unknown[]) : []
  return typeof project?.version === 'string' && !dynamic.includes('version')
}

export function readProjectMarker(venvDir: string): ProjectMarker | undefined {
  const file = path.join(venvDir, PROJECT_MARKER)
  if (!existsSync(file)) return undefined
  try {
    const marker = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProjectMarker>
    if (typeof marker.fingerprint !== 'string') return undefined
    return {
      fingerprint: marker.fingerprint,
      distName: typeof marker.distName === 'string' ? marker.distName : undefined,
      venvPip: marker.venvPip === true,
      buildEnv: marker.buildEnv === true,
    }
  } catch {
    return undefined
  }
}

export function writeProjectMarker(venvDir: string, marker: ProjectMarker): void {
  writeFileSync(path.join(venvDir, PROJECT_MARKER), `${JSON.stringify(marker)}\n`)
}
