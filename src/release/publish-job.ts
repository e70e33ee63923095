/**
 * mode: publish, the release job that needs: the test job. It reads the run
 * event, downloads this run's dists artifact, checks every file against the
 * sha256 the build recorded, checks the tag against the recorded version,
 * and uploads with twine from a tools environment of its own. It sets up no
 * project and runs nothing from the checkout, so it is the one job that may
 * hold id-token: write.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import type { CurrentRunArtifacts } from '../artifacts/dists.js'
import {
  compareFileSets,
  type DistsManifest,
  MANIFEST_FILE,
  ManifestError,
  parseManifest,
} from '../artifacts/manifest.js'
import { changedSinceBuild } from '../build/digest.js'
import type { PublishJobConfig } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import { pipIsOffline } from '../install/install.js'
import { prepareTools } from '../install/tools.js'
import type { ProcessRunner } from '../process.js'
import { decideReleaseEvent, releaseVersionReasons } from '../publish/decide.js'
import { describePublish, type PublishingServices, publishDists } from '../publish/publish.js'
import { setupPython } from '../python/setup.js'
import type { DistFile, PublishResult } from '../report/metrics.js'
import { skipStage, stageLine } from '../stage.js'
import { chooseDistsArtifact } from './choose.js'

export interface PublishJobServices {
  readonly artifacts: CurrentRunArtifacts
  readonly publishing: PublishingServices
}

export interface PublishJobResult {
  readonly publish: PublishResult
  /** The artifact taken, once one was chosen. */
  readonly artifact?: string
  /** Its manifest, once read. */
  readonly manifest?: DistsManifest
  /** The files the manifest vouched for, once every one matched. */
  readonly verified?: readonly DistFile[]
}

class Refused extends Error {
  override name = 'Refused'
}

/**
 * Every process of the job starts in the action's own folder, and Python
 * puts neither it nor a script's folder on sys.path: whatever the workspace
 * holds, twine and pip import only what their environment has.
 */
export function confinedHost(host: Host): Host {
  const runner: ProcessRunner = {
    run: (command, args, options = {}) =>
      host.runner.run(command, args, {
        ...options,
        cwd: options.cwd ?? host.tempDir,
        env: { ...(options.env ?? host.env), PYTHONSAFEPATH: '1' },
      }),
  }
  return { ...host, runner, env: { ...host.env, PYTHONSAFEPATH: '1' } }
}

/** The artifact's files, checked against its manifest: exactly those files, each with its recorded sha256. */
async function verifiedDists(dir: string): Promise<{ manifest: DistsManifest; files: DistFile[] }> {
  const manifestPath = path.join(dir, MANIFEST_FILE)
  if (!existsSync(manifestPath))
    throw new Refused(
      `the artifact holds no ${MANIFEST_FILE}, the record of the files the build made`,
    )
  let manifest: DistsManifest
  try {
    manifest = parseManifest(readFileSync(manifestPath, 'utf8'))
  } catch (error) {
    if (error instanceof ManifestError) throw new Refused(error.message)
    throw error
  }
  const { missing, extra } = compareFileSets(manifest, readdirSync(dir))
  if (missing.length > 0)
    throw new Refused(`the artifact lacks ${missing.join(', ')}, which the build recorded`)
  if (extra.length > 0)
    throw new Refused(`the artifact holds ${extra.join(', ')}, which the build did not record`)
  const files: DistFile[] = manifest.files.map((f) => ({
    path: path.join(dir, f.name),
    fileName: f.name,
    kind: f.kind,
    size: f.size,
    sha256: f.sha256,
    name: manifest.package,
    version: manifest.version,
  }))
  const problems = changedSinceBuild(files)
  if (problems.length > 0) throw new Refused(problems.join('; '))
  return { manifest, files }
}

/** Python, the tools environment and the upload; a failure of any is the result's one reason. */
async function uploadVerified(
  host: Host,
  config: PublishJobConfig,
  services: PublishJobServices,
  release: { tag: string; version: string; files: readonly DistFile[] },
): Promise<PublishResult> {
  try {
    const python = await setupPython(host, config)
    const basePip =
      python.pipVersion !== undefined &&
      semver.gte(semver.coerce(python.pipVersion) ?? '0.0.0', '22.3.0')
    const tools = await prepareTools(host, config, python, basePip, pipIsOffline(host.env))
    return await publishDists(host, host.log, config.publish, {
      ...release,
      tools,
      services: services.publishing,
    })
  } catch (error) {
    const message = errorMessage(error)
    const reason = message.split('\n')[0] ?? message
    host.log.info(message)
    return {
      status: 'failed',
      reasons: [reason],
      details: [],
      files: [],
      repositoryUrl: config.publish.repositoryUrl,
      tag: release.tag,
    }
  }
}

export async function runPublishJob(
  outer: Host,
  config: PublishJobConfig,
  event: RunEvent,
  services: PublishJobServices,
): Promise<PublishJobResult> {
  const host = confinedHost(outer)
  const settings = config.publish
  const base = { repositoryUrl: settings.repositoryUrl, details: [], files: [] }
  const decision = decideReleaseEvent({
    event,
    mode: settings.mode,
    tagPattern: settings.tagPattern,
  })
  if (decision.kind === 'skip') {
    skipStage(host.log, 'publish', decision.reason)
    return { publish: { ...base, status: 'skipped', reasons: [decision.reason] } }
  }
  if (decision.kind === 'refuse')
    return { publish: { ...base, status: 'refused', reasons: decision.reasons } }
  const tag = decision.tag
  const refused = (reasons: string[], more: Partial<PublishJobResult> = {}): PublishJobResult => ({
    ...more,
    publish: { ...base, tag, status: 'refused', reasons },
  })

  rmSync(host.tempDir, { recursive: true, force: true })
  const dir = path.join(host.tempDir, 'dists')
  let artifact: string | undefined
  let checked: { manifest: DistsManifest; files: DistFile[] }
  try {
    checked = await host.log.group('Download and verify the dists artifact', async () => {
      let listed: { id: number; name: string }[]
      try {
        listed = await services.artifacts.list()
      } catch (error) {
        throw new Refused(`the artifacts of this run could not be listed: ${errorMessage(error)}`)
      }
      const choice = chooseDistsArtifact(listed, config.distsArtifact)
      if (choice.kind === 'error') throw new Refused(choice.message)
      artifact = choice.name
      host.log.info(`Downloading artifact ${choice.name} (id ${choice.id}) into ${dir}`)
      try {
        await services.artifacts.download(choice.id, dir)
      } catch (error) {
        throw new Refused(`the download failed: ${errorMessage(error)}`)
      }
      const found = await verifiedDists(dir)
      for (const f of found.files)
        host.log.info(`✓ ${f.fileName} ${f.size} bytes sha256 ${f.sha256}`)
      return found
    })
  } catch (error) {
    if (!(error instanceof Refused)) throw error
    const message = artifact ? `artifact ${artifact}: ${error.message}` : error.message
    host.log.info(`✗ ${message}`)
    return refused([message], artifact === undefined ? {} : { artifact })
  }
  const { manifest, files } = checked
  const commit = manifest.commit ? ` at ${manifest.commit.slice(0, 12)}` : ''
  host.log.info(
    `✓ verified ${artifact}: ${manifest.package} ${manifest.version}${commit}, ${files.map((f) => f.fileName).join(', ')}`,
  )
  const versionReasons = releaseVersionReasons(tag, settings.tagPattern, manifest.version)
  if (versionReasons.length > 0) return refused(versionReasons, { artifact, manifest })

  const result = await host.log.group(`Publish ${tag} to ${settings.repositoryUrl}`, () =>
    uploadVerified(host, config, services, { tag, version: manifest.version, files }),
  )
  const status = result.status === 'published' ? 'ok' : 'failed'
  host.log.info(stageLine(status, 'publish', describePublish(result).summary))
  return { publish: result, artifact, manifest, verified: files }
}
