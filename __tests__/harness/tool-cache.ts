/**
 * The runner's tool cache, laid out as on hosted runners:
 * $RUNNER_TOOL_CACHE/Python/<version>/<arch> plus the <arch>.complete marker
 * beside it. The "install" is a real Python installation, not a venv: a copy of
 * Debian's interpreter whose lib/python3.X is Debian's standard library, and
 * whose only package is pip (the wheelhouse's, unpacked). So sys.prefix is the
 * tool-cache folder, nothing of Debian's dist-packages is importable, and a
 * venv made from it with --system-site-packages sees pip alone, as on a runner.
 * The offline world lays a venv of Debian's python that sees apt's packages.
 */
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { DEBIAN_PYTHON, requireWheelhouse, WHEELHOUSE } from './paths.js'

export interface ToolCachePython {
  /** The version folder's name. */
  readonly version: string
  /** $RUNNER_TOOL_CACHE/Python/<version>/<arch>: pythonLocation. */
  readonly installDir: string
  readonly binDir: string
  /** <installDir>/bin/python3 */
  readonly executable: string
}

/** Which Python a test world gives: the hosted runner's (pip only) or the offline one (Debian's tools). */
export type World = 'hosted' | 'offline'

let debianVersion: string | undefined

/** The real version of Debian's python, as platform.python_version() prints it. */
export function debianPythonVersion(): string {
  debianVersion ??= execFileSync(
    DEBIAN_PYTHON,
    ['-c', 'import platform; print(platform.python_version())'],
    { encoding: 'utf8' },
  ).trim()
  return debianVersion
}

/** "3.11.2" -> "3.11" */
export function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.')
}

/**
 * Makes `dir` a Python installation with pip and nothing else (hosted), or a
 * venv of Debian's python that sees the system's packages (offline).
 */
export function makePythonInstall(dir: string, world: World = 'hosted'): void {
  if (world === 'offline') {
    execFileSync(DEBIAN_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    return
  }
  requireWheelhouse()
  const minor = `python${majorMinor(debianPythonVersion())}`
  const bin = path.join(dir, 'bin')
  mkdirSync(bin, { recursive: true })
  // A copy, not a link: CPython finds its prefix from the executable's real folder.
  copyFileSync(path.join(path.dirname(DEBIAN_PYTHON), minor), path.join(bin, minor))
  symlinkSync(minor, path.join(bin, 'python3'))
  symlinkSync('python3', path.join(bin, 'python'))
  mkdirSync(path.join(dir, 'lib'), { recursive: true })
  symlinkSync(path.join('/usr/lib', minor), path.join(dir, 'lib', minor))
  // Debian's site.py looks for packages in <prefix>/lib/python3/dist-packages.
  cpSync(path.join(WHEELHOUSE, 'pip-site'), path.join(dir, 'lib', 'python3', 'dist-packages'), {
    recursive: true,
  })
}

/**
 * Puts a Python into the tool cache at `root` (RUNNER_TOOL_CACHE) under
 * `version` (default: Debian's real version) and marks it complete.
 */
export function layToolCache(
  root: string,
  version: string = debianPythonVersion(),
  arch = 'x64',
  world: World = 'hosted',
): ToolCachePython {
  const versionDir = path.join(root, 'Python', version)
  const installDir = path.join(versionDir, arch)
  if (existsSync(installDir)) rmSync(installDir, { recursive: true, force: true })
  mkdirSync(versionDir, { recursive: true })
  makePythonInstall(installDir, world)
  writeFileSync(`${installDir}.complete`, '')
  const binDir = path.join(installDir, 'bin')
  return { version, installDir, binDir, executable: path.join(binDir, 'python3') }
}
