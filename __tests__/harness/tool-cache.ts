/**
 * The runner's tool cache, laid out as on hosted runners:
 * $RUNNER_TOOL_CACHE/Python/<version>/<arch> plus the <arch>.complete marker
 * beside it. The "install" is a venv of Debian's python made with
 * --system-site-packages (so pytest, coverage, build and the backends from apt
 * are importable) and --without-pip (system pip still works through it).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DEBIAN_PYTHON } from './paths.js'

export interface ToolCachePython {
  /** The version folder's name. */
  readonly version: string
  /** $RUNNER_TOOL_CACHE/Python/<version>/<arch>: pythonLocation. */
  readonly installDir: string
  readonly binDir: string
  /** <installDir>/bin/python3 */
  readonly executable: string
}

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

/** Makes `dir` a venv of Debian's python that sees the system's packages. */
export function makePythonInstall(dir: string): void {
  execFileSync(DEBIAN_PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
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
): ToolCachePython {
  const versionDir = path.join(root, 'Python', version)
  const installDir = path.join(versionDir, arch)
  if (existsSync(installDir)) rmSync(installDir, { recursive: true, force: true })
  mkdirSync(versionDir, { recursive: true })
  makePythonInstall(installDir)
  writeFileSync(`${installDir}.complete`, '')
  const binDir = path.join(installDir, 'bin')
  return { version, installDir, binDir, executable: path.join(binDir, 'python3') }
}
