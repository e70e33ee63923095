/** The build stage: sdist and wheel, and its one line. */
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import type { Installed } from '../install/install.js'
import { formatSize } from '../report/markdown.js'
import type { BuildResult } from '../report/metrics.js'
import { type Described, firstLine, type Stage } from '../stage.js'
import { buildDists } from './build.js'

export function describeBuild(build: BuildResult): Described {
  if (build.error) return { ok: false, summary: firstLine(build.error) }
  const files = [build.sdist, build.wheel]
    .filter((d) => d !== undefined)
    .map((d) => `${d.fileName} (${formatSize(d.size)})`)
    .join(', ')
  return {
    ok: build.ok,
    summary: build.problems.length ? `${files}; ${firstLine(build.problems[0] ?? '')}` : files,
  }
}

/** sourceDone: called once the sdist is made, whatever happens (the tests wait for it). */
export function buildStage(
  host: Host,
  config: Config,
  installed: Installed,
  sourceDone: () => void,
): Stage<BuildResult> {
  return {
    name: 'build',
    title: 'Build sdist and wheel',
    run: (log) => {
      if (installed.tools === undefined) throw new Error('no tools environment to build with')
      return buildDists(host, log, config, installed.venv, installed.tools, sourceDone)
    },
    describe: describeBuild,
  }
}
