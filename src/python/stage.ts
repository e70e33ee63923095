/** The python stage: the interpreter every later stage runs. */
import type { Host } from '../host.js'
import type { PythonInfo } from '../report/metrics.js'
import type { Stage } from '../stage.js'
import { type PythonSettings, type PythonSetup, setupPython } from './setup.js'

export function pythonStage(
  host: Host,
  config: PythonSettings,
  interpreter: string | undefined,
): Stage<PythonSetup> {
  return {
    name: 'python',
    title: 'Set up Python',
    run: () => setupPython(host, config, interpreter),
    describe: (p) => ({ ok: true, summary: `${p.version} at ${p.executable}, ${p.origin}` }),
  }
}

/** The interpreter as the report names it. */
export function pythonInfo(p: PythonSetup): PythonInfo {
  return { version: p.version, path: p.executable, origin: p.origin }
}
