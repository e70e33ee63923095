/**
 * The record a test job keeps beside the dists in their artifact: each file's
 * name, size and sha256 as the build took them, the package, its version and
 * the commit. A publish job trusts the files only as far as they match it.
 * Pure.
 */
import type { BuildResult } from '../report/metrics.js'

export const MANIFEST_FILE = 'python-ci-dists.json'

export interface ManifestFile {
  readonly name: string
  readonly kind: 'sdist' | 'wheel'
  readonly size: number
  readonly sha256: string
}

export interface DistsManifest {
  readonly format: 1
  /** The distribution name from the built metadata. */
  readonly package: string
  readonly version: string
  /** GITHUB_SHA of the test job; '' outside GitHub. */
  readonly commit: string
  readonly files: readonly ManifestFile[]
}

export class ManifestError extends Error {
  override name = 'ManifestError'
}

export function manifestOf(build: BuildResult, commit: string): DistsManifest {
  const dists = [build.sdist, build.wheel].filter((d) => d !== undefined)
  const first = dists[0]
  return {
    format: 1,
    package: first?.name ?? '',
    version: first?.version ?? '',
    commit,
    files: dists.map((d) => ({ name: d.fileName, kind: d.kind, size: d.size, sha256: d.sha256 })),
  }
}

// A file name of the artifact's top folder, as the build names sdists and wheels.
const DIST_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*\.(tar\.gz|zip|whl)$/

function field(value: unknown, what: string, valid: (v: unknown) => boolean): unknown {
  if (!valid(value)) throw new ManifestError(`${MANIFEST_FILE}: ${what} is missing or malformed`)
  return value
}

const isString = (v: unknown) => typeof v === 'string'

/** The manifest in `text`; ManifestError names what is wrong with it, never echoing it. */
export function parseManifest(text: string): DistsManifest {
  let data: Record<string, unknown>
  try {
    data = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new ManifestError(`${MANIFEST_FILE} is not JSON`)
  }
  if (data === null || typeof data !== 'object' || data.format !== 1)
    throw new ManifestError(`${MANIFEST_FILE} is not a dists record of format 1`)
  const files = field(data.files, 'files', (v) => Array.isArray(v) && v.length > 0) as unknown[]
  const parsed = files.map((raw, i): ManifestFile => {
    const f = (raw ?? {}) as Record<string, unknown>
    return {
      name: field(
        f.name,
        `files[${i}].name`,
        (v) => isString(v) && DIST_NAME.test(v as string),
      ) as string,
      kind: field(f.kind, `files[${i}].kind`, (v) => v === 'sdist' || v === 'wheel') as
        | 'sdist'
        | 'wheel',
      size: field(
        f.size,
        `files[${i}].size`,
        (v) => Number.isSafeInteger(v) && (v as number) >= 0,
      ) as number,
      sha256: field(
        f.sha256,
        `files[${i}].sha256`,
        (v) => isString(v) && /^[0-9a-f]{64}$/.test(v as string),
      ) as string,
    }
  })
  if (new Set(parsed.map((f) => f.name)).size !== parsed.length)
    throw new ManifestError(`${MANIFEST_FILE} lists a file twice`)
  return {
    format: 1,
    package: field(data.package, 'package', isString) as string,
    version: field(data.version, 'version', (v) => isString(v) && v !== '') as string,
    commit: field(data.commit, 'commit', isString) as string,
    files: parsed,
  }
}

/** Files the manifest lists that are not there, and files there that it does not list. */
export function compareFileSets(
  manifest: DistsManifest,
  present: readonly string[],
): { readonly missing: string[]; readonly extra: string[] } {
  const listed = new Set(manifest.files.map((f) => f.name))
  const there = new Set(present.filter((name) => name !== MANIFEST_FILE))
  return {
    missing: [...listed].filter((name) => !there.has(name)).sort(),
    extra: [...there].filter((name) => !listed.has(name)).sort(),
  }
}
