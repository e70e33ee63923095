/**
 * The code-quality line: when flake8 is importable in the project's venv (a
 * dev dependency, or the base Python's through system-site-packages), its
 * finding count for the project, as `flake8 --count` prints it. Never
 * installed: a project without flake8 gets no line. It starts once the sdist
 * step has released the checkout (setuptools writes a <name>-<version>/ copy
 * of the sources into it meanwhile), runs beside the wheel build and the tests,
 * and logs into a buffer, replayed when the report needs it; a linter that
 * cannot run is one warning, never a failed step.
 */
import { errorMessage } from '../error-message.js'
import type { Venv } from '../install/install.js'
import { BufferedLog } from '../log.js'
import { type ProcessRunner, tail } from '../process.js'
import type { LintResult } from '../report/metrics.js'

/**
 * Folders in the checkout that hold copies of the project or other people's
 * code, never its sources: build/ (setuptools leaves build/lib/<package>/*.py
 * after `pip install .`), dist/, *.egg-info and .eggs, and virtual
 * environments. Added to flake8's exclude list, which the project's own
 * `exclude` replaces (flake8's default: .svn,CVS,.bzr,.hg,.git,__pycache__,.tox,.nox,.eggs,*.egg).
 */
export const FLAKE8_EXCLUDE: readonly string[] = [
  'build',
  'dist',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '*.egg-info',
  '.eggs',
]

/**
 * Prints "flake8 5.0.4" when flake8 can be imported, else nothing; then the
 * project's own extend-exclude patterns as flake8 reads them, one
 * "extend-exclude <pattern>" line each: --extend-exclude on the command line
 * replaces the configuration's, so they are passed again. flake8 before 4.0
 * has no load_config: "config unread <why>".
 */
export const PROBE = [
  'import importlib.util, importlib.metadata',
  "if importlib.util.find_spec('flake8'):",
  "    print('flake8', importlib.metadata.version('flake8'))",
  '    try:',
  '        from flake8.options.config import load_config',
  '        from flake8.utils import normalize_paths, parse_comma_separated_list',
  '        cfg, cfg_dir = load_config(None, [])',
  "        key = next((k for k in ('extend-exclude', 'extend_exclude') if cfg.has_option('flake8', k)), None)",
  '        if key:',
  "            for p in normalize_paths(parse_comma_separated_list(cfg.get('flake8', key)), cfg_dir):",
  "                print('extend-exclude', p)",
  '    except Exception as error:',
  "        print('config unread', type(error).__name__, error)",
].join('\n')

/** The linter the probe found, if any. Pure. */
export function parseProbe(stdout: string): { tool: 'flake8'; version: string } | undefined {
  const m = /^flake8 (\S+)\s*$/m.exec(stdout)
  return m?.[1] === undefined ? undefined : { tool: 'flake8', version: m[1] }
}

/**
 * flake8's arguments: the project's configuration (setup.cfg, tox.ini,
 * .flake8) applies as in `flake8 .`, with FLAKE8_EXCLUDE added after the
 * project's own extend-exclude patterns, as the probe printed them. Pure.
 */
export function flake8Args(probeStdout: string): string[] {
  const own = [...probeStdout.matchAll(/^extend-exclude (.+)$/gm)].map((m) => m[1]?.trim() ?? '')
  const exclude = [...own.filter((p) => p !== ''), ...FLAKE8_EXCLUDE]
  return ['-m', 'flake8', '--count', '--exit-zero', `--extend-exclude=${exclude.join(',')}`, '.']
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
    const unread = /^config unread (.*)$/m.exec(probe.stdout)?.[1]
    if (unread !== undefined)
      log.debug(
        `flake8 ${found.version}'s configuration could not be read ahead (${unread}): its extend-exclude, if any, gives way to ${FLAKE8_EXCLUDE.join(',')}`,
      )
    const args = flake8Args(probe.stdout)
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
