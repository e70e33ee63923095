/**
 * The code-quality line: when flake8 is importable in the project's venv (a
 * dev dependency, or the base Python's through system-site-packages), its
 * finding count for the project, as `flake8 --count` prints it. Never
 * installed: a project without flake8 gets no line. It runs beside the build
 * and the tests and logs into a buffer, replayed when the report needs it;
 * a linter that cannot run is one warning, never a failed step.
 */
import { errorMessage } from '../error-message.js'
import type { Venv } from '../install/install.js'
import { BufferedLog } from '../log.js'
import { type ProcessRunner, tail } from '../process.js'
import type { LintResult } from '../report/metrics.js'

/** Prints "flake8 5.0.4" when flake8 can be imported, else nothing. */
export const PROBE = [
  'import importlib.util, importlib.metadata',
  "if importlib.util.find_spec('flake8'):",
  "    print('flake8', importlib.metadata.version('flake8'))",
].join('\n')

/** The linter the probe found, if any. Pure. */
export function parseProbe(stdout: string): { tool: 'flake8'; version: string } | undefined {
  const m = /^flake8 (\S+)\s*$/m.exec(stdout)
  return m?.[1] === undefined ? undefined : { tool: 'flake8', version: m[1] }
}

/**
 * The total of `flake8 --count`: its last line, after one line per finding.
 * Undefined when the output does not end in a count (flake8 crashed). Pure.
 */
export function parseFlake8Count(stdout: string): number | undefined {
  const lines = stdout.trimEnd().split(/\r?\n/)
  const last = lines[lines.length - 1]?.trim() ?? ''
  return /^\d+$/.test(last) ? Number(last) : undefined
}

export interface LintRun {
  /** Undefined: no linter present, or it could not run (the log says why). */
  readonly result?: LintResult
  readonly log: BufferedLog
}

/** Runs flake8 on the working directory if the venv has it. Never rejects. */
export async function runLint(runner: ProcessRunner, venv: Venv, cwd: string): Promise<LintRun> {
  const log = new BufferedLog()
  try {
    const probe = await runner.run(venv.python, ['-c', PROBE], { cwd, env: venv.env })
    const found = probe.code === 0 ? parseProbe(probe.stdout) : undefined
    if (found === undefined) {
      log.debug('no flake8 in the environment: no code-quality line')
      return { log }
    }
    // The project's own flake8 configuration (setup.cfg, tox.ini, .flake8) applies, as in `flake8 .`.
    const args = ['-m', 'flake8', '--count', '--exit-zero', '.']
    const run = await runner.run(venv.python, args, { cwd, env: venv.env })
    const problems = run.code === 0 ? parseFlake8Count(run.stdout) : undefined
    if (problems === undefined) {
      log.warning(
        `flake8 ${found.version} could not check the project (exit ${run.code}); no code-quality line:\n${tail(run.output, 20)}`,
      )
      return { log }
    }
    return { result: { ...found, problems }, log }
  } catch (error) {
    log.warning(`flake8 could not be run: ${errorMessage(error)}; no code-quality line`)
    return { log }
  }
}
