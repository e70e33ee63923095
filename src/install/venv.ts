/** A virtual environment as the stages use it, and the install stage's named error. */
import path from 'node:path'
import type { Host } from '../host.js'

export class InstallError extends Error {
  override name = 'InstallError'
}

export interface Venv {
  readonly dir: string
  readonly python: string
  /** The environment for processes that run in the venv (PATH and VIRTUAL_ENV set). */
  readonly env: NodeJS.ProcessEnv
}

const isWindows = process.platform === 'win32'

/** The venv at `dir`: its interpreter, and an environment with its bin folder first on PATH. */
export function venvOf(host: Host, dir: string): Venv {
  const bin = path.join(dir, isWindows ? 'Scripts' : 'bin')
  return {
    dir,
    python: path.join(bin, isWindows ? 'python.exe' : 'python'),
    env: { ...host.env, VIRTUAL_ENV: dir, PATH: `${bin}${path.delimiter}${host.env.PATH ?? ''}` },
  }
}
