/**
 * What a stage may touch outside itself: the log, processes, the environment
 * and, on GitHub, the runner's PATH and env files. main.ts and cli.ts each build
 * one; tests build their own.
 */
import type { Log } from './log.js'
import type { ProcessRunner } from './process.js'

export interface Host {
  readonly log: Log
  readonly runner: ProcessRunner
  /** True inside a GitHub Actions job. */
  readonly onActions: boolean
  /** Where relative paths start and annotations are relative to. */
  readonly workspace: string
  /** A folder of our own for the venv and the reports (RUNNER_TEMP/python-ci on GitHub). */
  readonly tempDir: string
  /** RUNNER_TOOL_CACHE, when there is one. */
  readonly toolCacheDir: string | undefined
  /** The environment child processes start from. */
  readonly env: NodeJS.ProcessEnv
  /** Later steps of the job see this folder on PATH (no-op outside GitHub). */
  addPath(dir: string): void
  /** Later steps of the job see this variable (no-op outside GitHub). */
  exportVariable(name: string, value: string): void
}
