/**
 * The publish stage's work: publish the dists this run built and tested. The
 * decision is pure (decide.ts); then, with the twine of the tools environment
 * that the build stage already ran, the metadata is checked strictly, the
 * credentials obtained (pypi-token, else Trusted Publishing) and each file
 * uploaded. Expected failures come back as a PublishResult, never thrown.
 */

import { changedSinceBuild } from '../build/digest.js'
import { checkMetadata } from '../build/twine-check.js'
import type { PublishSettings } from '../config.js'
import type { Host } from '../host.js'
import type { Tools } from '../install/tools.js'
import type { Log } from '../log.js'
import { formatSize } from '../report/markdown.js'
import type { DistFile, PublishResult } from '../report/metrics.js'
import {
  mintToken,
  TrustedPublishingError,
  type TrustedPublishingServices,
} from './trusted-publishing.js'
import { projectUrl, uploadFiles } from './upload.js'

/** env is the action's own: child processes never get the OIDC request URL it looks for. */
export type PublishingServices = TrustedPublishingServices

export interface PublishRequest {
  readonly tag: string
  readonly version: string
  readonly files: readonly DistFile[]
  /** The tools environment whose twine uploads; nothing is installed at release time. */
  readonly tools: Tools
  readonly services: PublishingServices
  /** Waits between uploads of a file after a 5xx; for tests. */
  readonly retryWaitsMs?: readonly number[]
}

export async function publishDists(
  host: Host,
  log: Log,
  settings: PublishSettings,
  request: PublishRequest,
): Promise<PublishResult> {
  const base = {
    repositoryUrl: settings.repositoryUrl,
    tag: request.tag,
    files: [],
    details: [],
  }
  const refused = (reason: string, details: readonly string[] = []): PublishResult => ({
    ...base,
    status: 'refused',
    reasons: [reason],
    details,
  })
  // All of them before any upload: a release is the set of files, not some of them.
  const changed = changedSinceBuild(request.files)
  if (changed.length > 0) return refused(`${changed.join('; ')}; nothing was uploaded`)
  if (settings.verifyMetadata) {
    const problems = await checkMetadata(host, log, request.tools, request.files)
    if (problems !== undefined) {
      return refused(`the metadata check (twine check --strict) failed: ${problems}`)
    }
  } else log.info('verify-metadata: false, so twine check --strict is not run')

  let password: string
  let credential: PublishResult['credential']
  if (settings.token !== undefined) {
    password = settings.token
    credential = 'pypi-token'
  } else {
    log.info(`No pypi-token: Trusted Publishing with ${new URL(settings.repositoryUrl).origin}`)
    try {
      password = await mintToken(settings.repositoryUrl, request.services)
    } catch (error) {
      if (error instanceof TrustedPublishingError) {
        for (const line of error.details) log.info(line)
        return refused(error.message, error.details)
      }
      throw error
    }
    credential = 'Trusted Publishing'
  }
  log.info(`Uploading to ${settings.repositoryUrl} with ${credential}`)
  const files = await uploadFiles(
    host,
    log,
    request.tools,
    request.files,
    { username: '__token__', password },
    {
      repositoryUrl: settings.repositoryUrl,
      skipExisting: settings.skipExisting,
      retryWaitsMs: request.retryWaitsMs,
    },
  )
  const dist = request.files[0]
  const url = dist && projectUrl(settings.repositoryUrl, dist.name, dist.version)
  for (const f of files) {
    log.info(`${f.outcome} ${f.fileName} (${formatSize(f.size)}) sha256 ${f.sha256}`)
  }
  const failed = files.find((f) => f.outcome === 'failed')
  if (failed) {
    return {
      ...base,
      credential,
      projectUrl: url,
      files,
      status: 'failed',
      reasons: [`uploading ${failed.fileName} failed: ${failed.message ?? 'twine failed'}`],
    }
  }
  if (url) log.info(`Project: ${url}`)
  return { ...base, credential, projectUrl: url, files, status: 'published', reasons: [] }
}

/** The stage's one-line result. Pure. */
export function describePublish(result: PublishResult): { ok: boolean; summary: string } {
  if (result.status === 'published') {
    const uploaded = result.files.filter((f) => f.outcome === 'uploaded').map((f) => f.fileName)
    const skipped = result.files.filter((f) => f.outcome === 'skipped').map((f) => f.fileName)
    const parts = []
    if (uploaded.length > 0) parts.push(`uploaded ${uploaded.join(', ')}`)
    if (skipped.length > 0) parts.push(`skipped (already on the index) ${skipped.join(', ')}`)
    return { ok: true, summary: `${parts.join('; ')} with ${result.credential}` }
  }
  const first = result.reasons[0] ?? result.status
  return { ok: result.status === 'skipped', summary: `${result.status}: ${first}` }
}
