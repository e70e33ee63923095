/**
 * What the installed project was built from, so a venv restored from the cache
 * can keep its copy of the project when the checkout is the same, and only
 * then: the code under test must always be the current checkout.
 */
import { createHash } from 'node:crypto'
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
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
}

/**
 * A sha256 over every file under `dir` (path, kind and bytes), in a fixed
 * order, and `extra`. Only `.git` is left out: any other file may go into the
 * build (a package's data, a setup.py that reads a file), so any change means
 * a reinstall. A symlink counts by its target and by what it points to, since
 * the build follows it (a package linked in from elsewhere in a monorepo). A
 * version taken from git is not in the files: the caller passes what git says
 * in `extra`.
 */
export function projectFingerprint(dir: string, extra = ''): string {
  const hash = createHash('sha256').update(`python-ci-project 1\0${extra}\0`)
  // Real paths of the folders being walked: a link back up is not followed again.
  const open = new Set<string>()
  const entry = (relPath: string, full: string, stat: Stats): void => {
    if (stat.isDirectory()) {
      hash.update(`d\0${relPath}\0`)
      walk(relPath, full)
    } else if (stat.isFile()) {
      // Executable bits reach installed scripts.
      hash.update(`f\0${relPath}\0${stat.mode & 0o111 ? 'x' : '-'}\0${stat.size}\0`)
      hash.update(readFileSync(full))
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
      if (rel === '' && name === '.git') continue
      const relPath = rel === '' ? name : `${rel}/${name}`
      const child = path.join(full, name)
      const stat = lstatSync(child)
      if (stat.isSymbolicLink()) {
        hash.update(`l\0${relPath}\0${readlinkSync(child)}\0`)
        const target = statSync(child, { throwIfNoEntry: false })
        if (target) entry(relPath, child, target)
      } else entry(relPath, child, stat)
    }
    open.delete(real)
  }
  walk('', dir)
  return hash.digest('hex')
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
    }
  } catch {
    return undefined
  }
}

export function writeProjectMarker(venvDir: string, marker: ProjectMarker): void {
  writeFileSync(path.join(venvDir, PROJECT_MARKER), `${JSON.stringify(marker)}\n`)
}
