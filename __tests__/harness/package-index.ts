/**
 * A loopback package index (PEP 503 simple API) serving wheels made on the
 * spot, so pip really downloads and caches them: what the pip cache layer
 * saves is then pip's own HTTP cache, and the index's log shows whether pip
 * fetched a file again. It speaks HTTPS with a self-signed certificate
 * (pip keeps no HTTP cache for http:// URLs); pip is told to trust the host
 * with PIP_TRUSTED_HOST=127.0.0.1.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { DEBIAN_PYTHON, requireWheelhouse, tempDir, WHEELHOUSE } from './paths.js'

export interface PackageIndex {
  /** https://127.0.0.1:<port>/simple/ */
  readonly url: string
  /** Every path requested, in order. */
  readonly requests: string[]
  /** Wheel files downloaded (GET /files/…). */
  fileDownloads(): string[]
  close(): Promise<void>
}

// The files come on stdin as JSON (a wheel's source may outgrow the argument list).
const WRITE_WHEEL = `
import base64, hashlib, json, sys, zipfile
out, name, version, compression = sys.argv[1:5]
files = json.loads(sys.stdin.buffer.read().decode("utf-8"))
dist = f"{name}-{version}.dist-info"
files[f"{dist}/METADATA"] = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n"
files[f"{dist}/WHEEL"] = "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{p},sha256={digest(c.encode())},{len(c.encode())}\\n" for p, c in files.items())
files[f"{dist}/RECORD"] = record + f"{dist}/RECORD,,\\n"
with zipfile.ZipFile(out, "w", getattr(zipfile, compression)) as z:
    for p, c in files.items():
        z.writestr(p, c)
`

/**
 * Writes name-version-py3-none-any.whl into dir: `files` (paths inside the
 * wheel, in order, to their text), then its METADATA, WHEEL and RECORD.
 * Stored, or deflated as real wheels are when a size matters.
 */
export function writeWheel(
  dir: string,
  name: string,
  version: string,
  files: Readonly<Record<string, string>>,
  options: { readonly deflated?: boolean } = {},
): string {
  const file = path.join(dir, `${name}-${version}-py3-none-any.whl`)
  const compression = options.deflated ? 'ZIP_DEFLATED' : 'ZIP_STORED'
  execFileSync(DEBIAN_PYTHON, ['-c', WRITE_WHEEL, file, name, version, compression], {
    input: JSON.stringify(files),
  })
  return file
}

/** Writes name-version-py3-none-any.whl into dir with `body` as the package's __init__.py. */
export function makeWheel(dir: string, name: string, version: string, body: string): string {
  return writeWheel(dir, name, version, { [`${name}/__init__.py`]: body })
}

/** The pinned wheels of the wheelhouse (.ci/wheelhouse.txt), as paths. */
export function wheelhouseWheels(): string[] {
  requireWheelhouse()
  return readdirSync(WHEELHOUSE)
    .filter((f) => f.endsWith('.whl'))
    .map((f) => path.join(WHEELHOUSE, f))
}

let shared: Promise<PackageIndex> | undefined

/**
 * The index of the hosted world: the wheelhouse, served once per test worker
 * and left running for its other files; it never keeps the worker alive.
 */
export function wheelhouseIndex(): Promise<PackageIndex> {
  shared ??= startPackageIndex(wheelhouseWheels(), { unref: true })
  return shared
}

/** pip's variables for reaching `index`, as a hosted runner's pip reaches PyPI. */
export function indexPip(index: PackageIndex): Record<string, string> {
  return { PIP_INDEX_URL: index.url, PIP_TRUSTED_HOST: '127.0.0.1' }
}

export async function startPackageIndex(
  wheels: readonly string[],
  options: { readonly unref?: boolean } = {},
): Promise<PackageIndex> {
  const byName = new Map<string, { file: string; bytes: Buffer }[]>()
  for (const file of wheels) {
    const base = path.basename(file)
    const project = (base.split('-')[0] ?? '').toLowerCase().replace(/[._]/g, '-')
    byName.set(project, [...(byName.get(project) ?? []), { file: base, bytes: readFileSync(file) }])
  }
  const requests: string[] = []
  const certDir = tempDir('index-cert')
  const [key, cert] = ['key.pem', 'cert.pem'].map((f) => path.join(certDir, f)) as [string, string]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  const tls = { key: readFileSync(key), cert: readFileSync(cert) }
  rmSync(certDir, { recursive: true, force: true })
  const server = https.createServer(tls, (req, res) => {
    const url = req.url ?? ''
    requests.push(url)
    const simple = /^\/simple\/([^/]+)\/$/.exec(url)
    if (simple) {
      const files = byName.get(simple[1] ?? '')
      if (!files) return res.writeHead(404).end('not found')
      const links = files.map((f) => {
        const sha = createHash('sha256').update(f.bytes).digest('hex')
        return `<a href="/files/${f.file}#sha256=${sha}">${f.file}</a>`
      })
      return res
        .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=600' })
        .end(`<!DOCTYPE html><html><body>${links.join('\n')}</body></html>`)
    }
    const file = /^\/files\/([^/]+)$/.exec(url)?.[1]
    const found = [...byName.values()].flat().find((f) => f.file === file)
    if (!found) return res.writeHead(404).end('not found')
    // As PyPI serves files: immutable, so pip's HTTP cache keeps them.
    res
      .writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(found.bytes.length),
        'cache-control': 'max-age=365000000, immutable, public',
      })
      .end(found.bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  if (options.unref) server.unref()
  const port = (server.address() as AddressInfo).port
  return {
    url: `https://127.0.0.1:${port}/simple/`,
    requests,
    fileDownloads: () => requests.filter((r) => r.startsWith('/files/')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
