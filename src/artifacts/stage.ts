/**
 * The artifacts stage: the built files as a workflow artifact. A failed upload
 * is a warning: the files are still on disk and in the outputs.
 */
import path from 'node:path'
import type { Config } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { Outages } from '../github/outages.js'
import type { Host } from '../host.js'
import type { BuildResult } from '../report/metrics.js'
import type { Stage } from '../stage.js'
import {
  ArtifactExistsError,
  type ArtifactService,
  DistsChangedError,
  defaultArtifactName,
  type UploadedArtifact,
  uploadDists,
} from './dists.js'

export function artifactsStage(
  host: Host,
  config: Config,
  service: ArtifactService | undefined,
  build: BuildResult,
  pythonVersion: string,
  outages: Outages,
): Stage<UploadedArtifact | undefined> {
  const setting = config.distsArtifact
  const name =
    setting === 'auto'
      ? defaultArtifactName({
          job: host.env.GITHUB_JOB ?? '',
          os: host.env.RUNNER_OS ?? process.platform,
          arch: config.architecture,
          pythonVersion,
          packageName: build.wheel?.name ?? build.sdist?.name ?? '',
        })
      : setting
  return {
    name: 'artifacts',
    title: 'Upload the built files as an artifact',
    run: async (log) => {
      if (name === false) return undefined
      if (service === undefined) return undefined
      try {
        return await uploadDists(service, name, build, {
          dir: path.join(host.tempDir, 'dists-artifact'),
          commit: host.env.GITHUB_SHA ?? '',
        })
      } catch (error) {
        // Not a service fault: the files to keep are not the ones built; fail the stage.
        if (error instanceof DistsChangedError || error instanceof ArtifactExistsError) throw error
        log.info(`the built files were not uploaded as artifact ${name}: ${errorMessage(error)}`)
        outages.note('artifacts', error, `no artifact ${name} with the built files`)
        return undefined
      }
    },
    describe: (uploaded) =>
      uploaded
        ? { ok: true, summary: `${uploaded.name}: ${uploaded.files.join(', ')}` }
        : {
            ok: true,
            skipped: true,
            summary:
              name === false
                ? 'dists-artifact: false'
                : service
                  ? 'not uploaded (see the warning)'
                  : 'no artifact service outside GitHub Actions',
          },
  }
}
