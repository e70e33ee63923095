/**
 * A loopback stand-in for actions/python-versions: a versions-manifest.json laid
 * out like the real one, naming one release (Debian's python, the only one this
 * machine can "install") whose linux/x64 file is a .tar.gz on this server. The
 * tarball holds a setup.sh that installs into $RUNNER_TOOL_CACHE as the real
 * one does: Python/<version>/x64, then the x64.complete marker.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { DEBIAN_PYTHON, requireWheelhouse, tempDir, WHEELHOUSE } from './paths.js'
import { debianPythonVersion, majorMinor } from './tool-cache.js'

export interface ManifestFileEntry {
  readonly filename: string
  readonly arch: string
  readonly platform: string
  readonly platform_version?: string
  readonly download_url: string
}

export interface ManifestEntry {
  readonly version: string
  readonly stable: boolean
  readonly release_url: string
  readonly files: readonly ManifestFileEntry[]
}

export interface ManifestServer {
  /** http://127.0.0.1:<port> */
  readonly url: string
  /** <url>/versions-manifest.json */
  readonly manifestUrl: string
  /** The release's download URL and its path on this server. */
  readonly tarballUrl: string
  readonly tarballPath: string
  readonly manifest: readonly ManifestEntry[]
  /** Requests per path (query strings dropped), 404s included. */
  readonly requests: ReadonlyMap<string, number>
  close(): Promise<void>
}

export interface ManifestServerOptions {
  /** The version to announce and install; default Debian's real version. */
  readonly version?: string
  /** Where the manifest says the tarball is; default this server. */
  readonly downloadBase?: string
}

/** VERSION_ID of this machine's os-release ("12" on Debian 12), as the real manifest's platform_version. */
export function osVersionId(): string | undefined {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    if (existsSync(file)) {
      return /^VERSION_ID="?([^"\n]*)"?$/m.exec(readFileSync(file, 'utf8'))?.[1]
    }
  }
  return undefined
}

/** The setup.sh of a python-versions release, reduced to what this machine can do. */
export function setupScript(version: string, arch = 'x64'): string {
  requireWheelhouse()
  const minor = `python${majorMinor(debianPythonVersion())}`
  return `#!/bin/bash
set -e

PYTHON_FULL_VERSION="${version}"
ARCH="${arch}"

if [ -z "\${AGENT_TOOLSDIRECTORY:-}" ] && [ -z "\${RUNNER_TOOL_CACHE:-}" ]; then
    echo "Neither AGENT_TOOLSDIRECTORY nor RUNNER_TOOL_CACHE is set" >&2
    exit 1
fi
TOOLCACHE_ROOT="\${AGENT_TOOLSDIRECTORY:-$RUNNER_TOOL_CACHE}"
PYTHON_TOOLCACHE_PATH="$TOOLCACHE_ROOT/Python"
PYTHON_TOOLCACHE_VERSION_PATH="$PYTHON_TOOLCACHE_PATH/$PYTHON_FULL_VERSION"
PYTHON_TOOLCACHE_VERSION_ARCH_PATH="$PYTHON_TOOLCACHE_VERSION_PATH/$ARCH"

echo "Check if Python hostedtoolcache folder exist..."
mkdir -p "$PYTHON_TOOLCACHE_VERSION_PATH"
if [ -d "$PYTHON_TOOLCACHE_VERSION_ARCH_PATH" ]; then
    echo "Deleting Python $PYTHON_FULL_VERSION ($ARCH)"
    rm -rf "$PYTHON_TOOLCACHE_VERSION_ARCH_PATH"
fi

echo "Install Python $PYTHON_FULL_VERSION in $PYTHON_TOOLCACHE_VERSION_ARCH_PATH..."
# A Python installation with pip only (see tool-cache.ts).
PREFIX="$PYTHON_TOOLCACHE_VERSION_ARCH_PATH"
mkdir -p "$PREFIX/bin" "$PREFIX/lib/python3"
cp "${path.dirname(DEBIAN_PYTHON)}/${minor}" "$PREFIX/bin/${minor}"
ln -s ${minor} "$PREFIX/bin/python3"
ln -s python3 "$PREFIX/bin/python"
ln -s /usr/lib/${minor} "$PREFIX/lib/${minor}"
cp -r "${path.join(WHEELHOUSE, 'pip-site')}" "$PREFIX/lib/python3/dist-packages"
cp release.txt "$PYTHON_TOOLCACHE_VERSION_ARCH_PATH/"

echo "Create complete file"
touch "$PYTHON_TOOLCACHE_VERSION_PATH/$ARCH.complete"
`
}

function buildTarball(dir: string, version: string, filename: string): string {
  const content = path.join(dir, 'content')
  mkdirSync(content)
  writeFileSync(path.join(content, 'setup.sh'), setupScript(version), { mode: 0o755 })
  writeFileSync(path.join(content, 'release.txt'), `python-ci-action e2e stand-in for ${version}\n`)
  const file = path.join(dir, filename)
  // Files at the top of the archive, as in python-versions releases.
  execFileSync('tar', ['-czf', file, '-C', content, '.'])
  return file
}

export async function start(options: ManifestServerOptions = {}): Promise<ManifestServer> {
  const version = options.version ?? debianPythonVersion()
  const platformVersion = osVersionId()
  const filename = `python-${version}-linux-${platformVersion ?? 'any'}-x64.tar.gz`
  const dir = tempDir('manifest')
  const tarball = readFileSync(buildTarball(dir, version, filename))
  const requests = new Map<string, number>()
  let manifestBody = '[]'

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    requests.set(pathname, (requests.get(pathname) ?? 0) + 1)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
    } else if (pathname === '/versions-manifest.json') {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(manifestBody),
      })
      res.end(req.method === 'HEAD' ? undefined : manifestBody)
    } else if (pathname === `/${filename}`) {
      res.writeHead(200, {
        'content-type': 'application/gzip',
        'content-length': tarball.length,
      })
      res.end(req.method === 'HEAD' ? undefined : tarball)
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  const tarballPath = `/${filename}`
  const manifest: ManifestEntry[] = [
    {
      version,
      stable: true,
      release_url: `https://github.com/actions/python-versions/releases/tag/${version}-0000000000`,
      files: [
        {
          filename,
          arch: 'x64',
          platform: 'linux',
          ...(platformVersion === undefined ? {} : { platform_version: platformVersion }),
          download_url: `${options.downloadBase ?? url}${tarballPath}`,
        },
      ],
    },
  ]
  manifestBody = JSON.stringify(manifest, null, 2)

  return {
    url,
    manifestUrl: `${url}/versions-manifest.json`,
    tarballUrl: `${url}${tarballPath}`,
    tarballPath,
    manifest,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => {
          rmSync(dir, { recursive: true, force: true })
          resolve()
        })
      }),
  }
}
