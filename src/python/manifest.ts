/**
 * The actions/python-versions manifest: which release to download for a spec,
 * an architecture and this OS. Pure; the download itself lives in setup.ts.
 */
import { highestMatch, type VersionSpec } from '../version-spec.js'

export interface ManifestFile {
  readonly filename: string
  readonly arch: string
  readonly platform: string
  readonly platform_version?: string
  readonly download_url: string
}

export interface ManifestRelease {
  readonly version: string
  readonly stable: boolean
  readonly files: readonly ManifestFile[]
}

export class ManifestError extends Error {
  override name = 'ManifestError'
}

export function parseManifest(text: string, url: string): ManifestRelease[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new ManifestError(`the Python versions manifest at ${url} is not JSON`)
  }
  if (!Array.isArray(data))
    throw new ManifestError(`the Python versions manifest at ${url} is not a list of releases`)
  return data.filter(
    (r): r is ManifestRelease =>
      r !== null &&
      typeof r === 'object' &&
      typeof r.version === 'string' &&
      Array.isArray(r.files),
  )
}

export interface Platform {
  /** process.platform: linux, darwin, win32. */
  readonly platform: string
  /** e.g. "24.04" on Ubuntu, from /etc/os-release; compared when a file names one. */
  readonly osVersion?: string
  readonly arch: string
}

export interface ManifestChoice {
  readonly version: string
  readonly file: ManifestFile
}

export function chooseRelease(
  releases: readonly ManifestRelease[],
  spec: VersionSpec,
  target: Platform,
): ManifestChoice | undefined {
  const fileFor = (r: ManifestRelease) =>
    r.files.find(
      (f) =>
        f.arch === target.arch &&
        f.platform === target.platform &&
        (f.platform_version === undefined || f.platform_version === target.osVersion),
    )
  const candidates = releases.filter((r) => (r.stable || spec.allowPrerelease) && fileFor(r))
  const version = highestMatch(
    spec,
    candidates.map((r) => r.version),
  )
  const release = candidates.find((r) => r.version === version)
  const file = release && fileFor(release)
  return version && file ? { version, file } : undefined
}

/** VERSION_ID from an os-release file's text ("24.04" on Ubuntu 24.04). */
export function osVersionFromOsRelease(text: string): string | undefined {
  const m = /^VERSION_ID="?([^"\n]*)"?$/m.exec(text)
  return m?.[1]
}
