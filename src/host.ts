/**
 * What a stage may touch outside itself: the log, processes, the environment
 * and, on GitHub, the runner's PATH and env files. main.ts and cli.ts each build
 * one; tests build their own.
 */
import { FILE_COMMANDS } from './guard/file-commands.js'
import type { Log } from './log.js'
import type { ProcessRunner } from './process.js'

export interface Host {
  readonly log: Log
  readonly runner: ProcessRunner
  /** True inside a GitHub Actions job. */
  readonly onActions: boolean
  /** Where relative paths start and annotations are relative to. */
  readonly workspace: string
  /** A folder of our own for the venv and the reports (RUNNER_TEMP/python-ci-<project> on GitHub, a fresh python-ci-* temp folder for the CLI). */
  readonly tempDir: string
  /** RUNNER_TOOL_CACHE, when there is one. */
  readonly toolCacheDir: string | undefined
  /** The environment child processes start from: childEnvironment() of the process's. */
  readonly env: NodeJS.ProcessEnv
  /** Later steps of the job see this folder on PATH (no-op outside GitHub). */
  addPath(dir: string): void
  /** Later steps of the job see this variable (no-op outside GitHub). */
  exportVariable(name: string, value: string): void
}

/**
 * What the runner gives this step that the project's own code must never
 * see: our inputs (INPUT_PYPI-TOKEN, INPUT_GITHUB-TOKEN), the OIDC request
 * token and URL that would let a test or a setup.py mint a PyPI token, the
 * runtime token and URLs of the cache, artifact and results services, and the
 * file commands, through which a test would set our outputs, the summary, or
 * the environment and PATH of later steps. pip, the build backend, pytest and
 * flake8 all run the project's code, or its dependencies'.
 */
const WITHHELD = new Set([
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  ...FILE_COMMANDS,
])

/** The environment for child processes: `env` without the variables above. */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('INPUT_') && !WITHHELD.has(name)),
  )
}

/** The token inputs, as the runner names them (it keeps dashes; users' tools may not). */
const SECRET_VARIABLES = [
  'INPUT_PYPI-TOKEN',
  'INPUT_PYPI_TOKEN',
  'INPUT_GITHUB-TOKEN',
  'INPUT_GITHUB_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
]

/**
 * The values to mask before anything is read: each credential as given, and
 * trimmed, and line by line, since the runner masks exact strings and the
 * inputs are read trimmed. Pure.
 */
export function secretsToMask(env: NodeJS.ProcessEnv): string[] {
  const values = SECRET_VARIABLES.map((name) => env[name] ?? '').flatMap((raw) => [
    raw,
    raw.trim(),
    ...raw.split(/\r?\n/).map((line) => line.trim()),
  ])
  return [...new Set(values.filter((v) => v !== ''))]
}
