/**
 * What a user sees of a run that a bad input stopped: the step failed with
 * one error annotation, no stack trace, and nothing started (no log group of
 * a stage, no virtual environment).
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { type ActionResult, describeRun, stackTraceLines } from './runner.js'

export interface ConfigFailure {
  readonly exitCode: number | null
  /** The messages of the ::error annotations. */
  readonly errors: readonly string[]
  readonly stackTrace: readonly string[]
  /** The log groups opened: a stage that started. */
  readonly groups: readonly string[]
  /** Virtual environments the run made in RUNNER_TEMP. */
  readonly venvs: readonly string[]
}

export function configFailure(result: ActionResult): ConfigFailure {
  const ours = existsSync(result.runnerTemp)
    ? readdirSync(result.runnerTemp).filter((d) => d.startsWith('python-ci-'))
    : []
  return {
    exitCode: result.exitCode,
    errors: result.commands.filter((c) => c.name === 'error').map((c) => c.message),
    stackTrace: stackTraceLines(`${result.stdout}\n${result.stderr}`),
    groups: result.commands.filter((c) => c.name === 'group').map((c) => c.message),
    venvs: ours
      .map((d) => path.join(result.runnerTemp, d, 'venv'))
      .filter((venv) => existsSync(venv)),
  }
}

/** The one error of a run that failed at once, or a thrown description of the run. */
export function stoppedAtOnce(result: ActionResult): string {
  const seen = configFailure(result)
  const [error, ...more] = seen.errors
  const atOnce =
    seen.exitCode === 1 &&
    error !== undefined &&
    more.length === 0 &&
    seen.stackTrace.length === 0 &&
    seen.groups.length === 0 &&
    seen.venvs.length === 0
  if (!atOnce) throw new Error(`${JSON.stringify(seen, null, 2)}\n${describeRun(result)}`)
  return error
}
