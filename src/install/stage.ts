/** The install stage: the project's venv, reused when the cache restored it. */
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import type { PythonSetup } from '../python/setup.js'
import type { Stage } from '../stage.js'
import { type Installed, installProject } from './install.js'

export function installStage(
  host: Host,
  config: Config,
  python: PythonSetup,
  /** What the cache restored, when it is on. */
  cached: { readonly venvRestored: boolean; readonly broken: boolean } | undefined,
): Stage<Installed> {
  return {
    name: 'install',
    title: 'Install the project',
    run: () =>
      installProject(host, config, python, {
        reuseVenv: cached?.venvRestored,
        fingerprint: cached !== undefined && !cached.broken,
      }),
    describe: (i) => ({ ok: true, summary: i.summary }),
  }
}
