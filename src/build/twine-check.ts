/**
 * `twine check --strict` on the built files, with the tools environment's
 * twine: the build stage runs it on every build, and publishing gates on it.
 */
import type { Host } from '../host.js'
import type { Venv } from '../install/venv.js'
import type { Log } from '../log.js'
import { stripColour, tail } from '../process.js'
import type { DistFile } from '../report/metrics.js'

// twine logs through rich, which wraps at 80 columns and colours without a terminal.
export function plainOutput(venv: Venv): NodeJS.ProcessEnv {
  return { ...venv.env, COLUMNS: '200', NO_COLOR: '1' }
}

/** `twine check --strict`: undefined when the metadata is fine, else what twine said. */
export async function checkMetadata(
  host: Host,
  log: Log,
  venv: Venv,
  files: readonly Pick<DistFile, 'path'>[],
): Promise<string | undefined> {
  const args = ['-m', 'twine', 'check', '--strict', ...files.map((f) => f.path)]
  log.info(`$ python ${args.join(' ')}`)
  const result = await host.runner.run(venv.python, args, { env: plainOutput(venv) })
  log.info(result.output.trimEnd())
  if (result.code === 0) return undefined
  // One entry per WARNING or ERROR, its wrapped lines joined, each said once.
  const problems: string[] = []
  for (const line of stripColour(result.output).split('\n')) {
    if (/^(WARNING|ERROR)\b/.test(line)) problems.push(line.trim())
    else if (/^\s+\S/.test(line) && problems.length > 0)
      problems.push(`${problems.pop()} ${line.trim()}`)
  }
  const unique = [...new Set(problems.map((p) => p.replace(/\s+/g, ' ')))]
  return unique.length > 0 ? unique.join('; ') : tail(result.output, 1)
}
