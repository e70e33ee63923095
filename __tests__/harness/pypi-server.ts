/**
 * A strict loopback PyPI: the legacy upload API as warehouse's forklift checks
 * it (multipart file_upload, protocol_version 1, Basic auth __token__, digests
 * recomputed, filename/name/version consistent, PEP 440, 400 "File already
 * exists" in the reason phrase, 403 on a bad token), the Trusted Publishing
 * endpoints (/_/oidc/audience, /_/oidc/mint-token with warehouse's 422 shapes)
 * and, on the same port, the runner's OIDC token endpoint
 * (ACTIONS_ID_TOKEN_REQUEST_URL). Its upload API is proved against Debian's twine.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StoredFile {
  readonly filename: string
  readonly name: string
  readonly version: string
  readonly filetype: string
  readonly sha256: string
  readonly size: number
  readonly content: Buffer
  /** The token the upload was authorised by. */
  readonly token: string
}

export interface UploadAttempt {
  readonly filename: string
  readonly status: number
  readonly reason: string
}

/** The claims the OIDC endpoint puts in its tokens, and that a trusted publisher must match. */
export interface PublisherClaims {
  readonly repository: string
  readonly job_workflow_ref: string
  readonly environment: string
}

export interface PypiServer {
  /** http://127.0.0.1:<port> */
  readonly url: string
  /** <url>/legacy/ */
  readonly uploadUrl: string
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL (already holds '?'). */
  readonly idTokenRequestUrl: string
  /** The value for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  readonly idTokenRequestToken: string
  /** The API token uploads are accepted with (besides minted ones). */
  readonly apiToken: string
  /** Files held, by file name. */
  readonly files: ReadonlyMap<string, StoredFile>
  readonly attempts: readonly UploadAttempt[]
  /** Every OIDC token issued and every API token minted. */
  readonly issuedIdTokens: readonly string[]
  readonly mintedTokens: readonly string[]
  /** The claims of issued OIDC tokens; the trusted publisher configured on this "PyPI". */
  claims: PublisherClaims
  publisher: PublisherClaims
  /** Answer the next `count` uploads with `status` (default 503). */
  failNextUploads(count: number, status?: number): void
  close(): Promise<void>
}

// PEP 440 as packaging.version.VERSION_PATTERN, written out here on its own so
// the stand-in never shares a bug with the action's parser.
const PEP440 =
  /^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?(?:[-_.]?dev[-_.]?[0-9]*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i
const NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i
const MAX_SIZE = 100 * 1024 * 1024

interface Part {
  readonly name: string
  readonly filename?: string
  readonly contentType?: string
  readonly body: Buffer
}

/** multipart/form-data, as requests_toolbelt writes it. Throws on anything malformed. */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const marker = boundary?.[1] ?? boundary?.[2]
  if (!marker) throw new Error('no multipart boundary')
  const delimiter = Buffer.from(`--${marker}`)
  const parts: Part[] = []
  let start = body.indexOf(delimiter)
  if (start !== 0) throw new Error('body does not start with the boundary')
  for (;;) {
    start += delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    if (body.subarray(start, start + 2).toString() !== '\r\n') throw new Error('bad boundary line')
    start += 2
    const headerEnd = body.indexOf('\r\n\r\n', start)
    if (headerEnd === -1) throw new Error('part without headers end')
    const headers = body.subarray(start, headerEnd).toString('utf8').split('\r\n')
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4)
    if (next === -1) throw new Error('part without a closing boundary')
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? ''
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1]
    if (name === undefined) throw new Error('part without a name')
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1]
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '')
    parts.push({ name, filename, contentType: type, body: body.subarray(headerEnd + 4, next) })
    start = next + 2
  }
  return parts
}

function canonicalName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new UploadError(413, 'Request entity too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

export async function startPypiServer(): Promise<PypiServer> {
  const files = new Map<string, StoredFile>()
  const attempts: UploadAttempt[] = []
  const issued: string[] = []
  const minted: string[] = []
  const apiToken = `pypi-${randomBytes(24).toString('base64url')}`
  const idTokenRequestToken = `oidc-request-${randomBytes(12).toString('hex')}`
  let failures: { count: number; status: number } = { count: 0, status: 503 }
  const state = {
    claims: {
      repository: 'owner/repo',
      job_workflow_ref: 'owner/repo/.github/workflows/release.yml@refs/tags/v0.1.0',
      environment: 'pypi',
    } as PublisherClaims,
    publisher: {
      repository: 'owner/repo',
      job_workflow_ref: 'owner/repo/.github/workflows/release.yml@refs/tags/v0.1.0',
      environment: 'pypi',
    } as PublisherClaims,
  }

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const reject = (res: ServerResponse, status: number, message: string) => {
    // Warehouse puts the message in the reason phrase, which is what twine prints.
    res.writeHead(status, message, { 'content-type': 'text/plain' })
    res.end(`${status} ${message}`)
  }

  function authorise(req: IncomingMessage): string {
    const header = req.headers.authorization ?? ''
    const m = /^Basic (.+)$/.exec(header)
    if (!m) throw new UploadError(403, 'Invalid or non-existent authentication information.')
    const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const user = decoded.slice(0, colon)
    const token = decoded.slice(colon + 1)
    if (user !== '__token__' || (token !== apiToken && !minted.includes(token))) {
      throw new UploadError(403, 'Invalid or non-existent authentication information.')
    }
    return token
  }

  function upload(body: Buffer, contentType: string, token: string): StoredFile {
    if (!/^multipart\/form-data/i.test(contentType))
      throw new UploadError(400, 'Invalid request: not multipart/form-data')
    let parts: Part[]
    try {
      parts = parseMultipart(body, contentType)
    } catch (error) {
      throw new UploadError(400, `Invalid multipart body: ${(error as Error).message}`)
    }
    const field = (name: string): string | undefined =>
      parts.find((p) => p.name === name && p.filename === undefined)?.body.toString('utf8')
    if (field(':action') !== 'file_upload') throw new UploadError(400, 'Invalid value for :action')
    if (field('protocol_version') !== '1') throw new UploadError(400, 'Unknown protocol version.')
    for (const required of ['metadata_version', 'name', 'version', 'filetype']) {
      if (!field(required))
        throw new UploadError(400, `Invalid value for ${required}. Error: This field is required.`)
    }
    const name = field('name') ?? ''
    const version = field('version') ?? ''
    const filetype = field('filetype') ?? ''
    const pyversion = field('pyversion') ?? ''
    if (!NAME.test(name)) throw new UploadError(400, `Invalid value for name: ${name}`)
    if (!PEP440.test(version)) throw new UploadError(400, `Invalid value for version: ${version}`)
    if (version.includes('+')) throw new UploadError(400, "Can't use PEP 440 local versions.")
    if (filetype !== 'sdist' && filetype !== 'bdist_wheel')
      throw new UploadError(400, `Invalid value for filetype: ${filetype}`)
    // twine 4 sends no pyversion for an sdist; warehouse takes that, or "source", as source.
    if (filetype === 'sdist' && pyversion !== '' && pyversion !== 'source')
      throw new UploadError(400, 'Use "source" as pyversion for an sdist.')
    if (filetype !== 'sdist' && pyversion === '')
      throw new UploadError(400, 'Python version is required for binary distribution uploads.')
    const content = parts.find((p) => p.name === 'content' && p.filename !== undefined)
    if (!content) throw new UploadError(400, 'Upload payload does not have a file.')
    const filename = content.filename ?? ''
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
    if (/[/\\\u0000-\u001f]/.test(filename))
      throw new UploadError(400, 'Cannot upload a file with "/" or "\\" in the name.')
    const sha256 = field('sha256_digest')
    const blake2 = field('blake2_256_digest')
    const md5 = field('md5_digest')
    if (!sha256 && !blake2 && !md5)
      throw new UploadError(400, 'Include at least one message digest.')
    for (const [label, digest] of [
      ['sha256_digest', sha256],
      ['blake2_256_digest', blake2],
    ] as const) {
      if (digest !== undefined && !/^[a-f0-9]{64}$/i.test(digest))
        throw new UploadError(
          400,
          `Invalid value for ${label}. Error: Use a valid, hex-encoded, SHA256 message digest.`,
        )
    }
    const actual = createHash('sha256').update(content.body).digest('hex')
    if (sha256 !== undefined && sha256.toLowerCase() !== actual)
      throw new UploadError(
        400,
        'The digest supplied does not match a digest calculated from the uploaded file.',
      )
    if (
      md5 !== undefined &&
      md5.toLowerCase() !== createHash('md5').update(content.body).digest('hex')
    )
      throw new UploadError(
        400,
        'The digest supplied does not match a digest calculated from the uploaded file.',
      )
    if (blake2 !== undefined && blake2.toLowerCase() !== blake2b256(content.body))
      throw new UploadError(
        400,
        'The digest supplied does not match a digest calculated from the uploaded file.',
      )
    const m =
      filetype === 'sdist'
        ? /^(.+)-([^-]+)\.tar\.gz$/.exec(filename)
        : /^([^-]+)-([^-]+)-(?:\d[^-]*-)?[^-]+-[^-]+-[^-]+\.whl$/.exec(filename)
    if (!m) throw new UploadError(400, `Invalid distribution file. File name: ${filename}`)
    if (canonicalName(m[1] ?? '') !== canonicalName(name))
      throw new UploadError(
        400,
        `Start filename for ${JSON.stringify(name)} with ${JSON.stringify(canonicalName(name).replace(/-/g, '_'))}.`,
      )
    if ((m[2] ?? '').toLowerCase() !== version.toLowerCase())
      throw new UploadError(
        400,
        `Version in filename should be ${JSON.stringify(version)} not ${JSON.stringify(m[2])}.`,
      )
    if (files.has(filename)) {
      throw new UploadError(
        400,
        `File already exists ('${filename}', with blake2_256 hash '${blake2b256(files.get(filename)?.content ?? Buffer.alloc(0))}'). See /help/#file-name-reuse for more information.`,
      )
    }
    const stored: StoredFile = {
      filename,
      name,
      version,
      filetype,
      sha256: actual,
      size: content.body.length,
      content: content.body,
      token,
    }
    files.set(filename, stored)
    return stored
  }

  function issueIdToken(audience: string): string {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: audience,
      sub: `repo:${state.claims.repository}:environment:${state.claims.environment}`,
      repository: state.claims.repository,
      repository_owner: state.claims.repository.split('/')[0],
      repository_owner_id: '1',
      job_workflow_ref: state.claims.job_workflow_ref,
      workflow_ref: state.claims.job_workflow_ref,
      environment: state.claims.environment,
      ref: 'refs/tags/v0.1.0',
      sha: '0123456789abcdef0123456789abcdef01234567',
      iat: now,
      nbf: now,
      exp: now + 300,
    }
    const jwt = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'stand-in' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`
    issued.push(jwt)
    return jwt
  }

  function mint(body: string): { status: number; body: unknown } {
    const failure = (code: string, description: string) => ({
      status: 422,
      body: { message: 'Token request failed', errors: [{ code, description }] },
    })
    let token: unknown
    try {
      token = (JSON.parse(body) as { token?: unknown }).token
    } catch {
      return failure('invalid-payload', 'malformed JSON')
    }
    if (typeof token !== 'string') return failure('invalid-payload', 'token is missing')
    if (!issued.includes(token)) return failure('invalid-token', 'malformed or invalid token')
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, string>
    if (claims.aud !== 'pypi') return failure('invalid-token', `invalid audience ${claims.aud}`)
    const p = state.publisher
    if (
      claims.repository !== p.repository ||
      claims.job_workflow_ref !== p.job_workflow_ref ||
      claims.environment !== p.environment
    ) {
      return failure(
        'invalid-publisher',
        'valid token, but no corresponding publisher (Publisher with matching claims was not found)',
      )
    }
    const apiTokenMinted = `pypi-${randomBytes(32).toString('base64url')}`
    minted.push(apiTokenMinted)
    return { status: 200, body: { success: true, token: apiTokenMinted } }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    void (async () => {
      try {
        if (url.pathname === '/idtoken' && req.method === 'GET') {
          if (req.headers.authorization !== `Bearer ${idTokenRequestToken}`)
            return json(res, 401, { message: 'bad request token' })
          if (url.searchParams.get('api-version') !== '2.0')
            return json(res, 400, { message: 'api-version' })
          return json(res, 200, { value: issueIdToken(url.searchParams.get('audience') ?? '') })
        }
        if (url.pathname === '/_/oidc/audience' && req.method === 'GET')
          return json(res, 200, { audience: 'pypi' })
        if (url.pathname === '/_/oidc/mint-token' && req.method === 'POST') {
          const result = mint((await readBody(req, 1 << 20)).toString('utf8'))
          return json(res, result.status, result.body)
        }
        if (url.pathname === '/legacy/') {
          if (req.method !== 'POST') return reject(res, 405, 'Method Not Allowed')
          const body = await readBody(req, MAX_SIZE + (1 << 20))
          let filename = ''
          try {
            filename = /filename="([^"]*)"/.exec(body.toString('latin1'))?.[1] ?? ''
            const token = authorise(req)
            if (failures.count > 0) {
              failures = { ...failures, count: failures.count - 1 }
              throw new UploadError(failures.status, 'Service Unavailable')
            }
            upload(body, req.headers['content-type'] ?? '', token)
            attempts.push({ filename, status: 200, reason: 'OK' })
            res.writeHead(200, { 'content-type': 'text/plain' })
            return res.end('OK')
          } catch (error) {
            if (!(error instanceof UploadError)) throw error
            attempts.push({ filename, status: error.status, reason: error.message })
            return reject(res, error.status, error.message)
          }
        }
        reject(res, 404, 'Not Found')
      } catch (error) {
        if (!res.headersSent) reject(res, 500, `stand-in error: ${(error as Error).message}`)
        else res.destroy()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    uploadUrl: `${url}/legacy/`,
    idTokenRequestUrl: `${url}/idtoken?api-version=2.0`,
    idTokenRequestToken,
    apiToken,
    files,
    attempts,
    issuedIdTokens: issued,
    mintedTokens: minted,
    get claims() {
      return state.claims
    },
    set claims(value) {
      state.claims = value
    },
    get publisher() {
      return state.publisher
    },
    set publisher(value) {
      state.publisher = value
    },
    failNextUploads(count, status = 503) {
      failures = { count, status }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// BLAKE2b with a 32-byte digest (RFC 7693), which node's crypto does not offer:
// blake2b512 cut short is a different hash, since the length is a parameter.
const MASK = (1n << 64n) - 1n
const IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
]
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]
const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & MASK

export function blake2b256(data: Buffer): string {
  const h = [...IV]
  h[0] = (h[0] as bigint) ^ 0x01010020n
  const blocks = Math.max(1, Math.ceil(data.length / 128))
  for (let b = 0; b < blocks; b++) {
    const block = Buffer.alloc(128)
    data.copy(block, 0, b * 128, Math.min(data.length, (b + 1) * 128))
    const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(i * 8))
    const last = b === blocks - 1
    const t = BigInt(last ? data.length : (b + 1) * 128)
    const v = [...h, ...IV]
    v[12] = (v[12] as bigint) ^ t
    if (last) v[14] = (v[14] as bigint) ^ MASK
    const g = (a: number, bb: number, c: number, d: number, x: bigint, y: bigint) => {
      v[a] = ((v[a] as bigint) + (v[bb] as bigint) + x) & MASK
      v[d] = rotr((v[d] as bigint) ^ (v[a] as bigint), 32n)
      v[c] = ((v[c] as bigint) + (v[d] as bigint)) & MASK
      v[bb] = rotr((v[bb] as bigint) ^ (v[c] as bigint), 24n)
      v[a] = ((v[a] as bigint) + (v[bb] as bigint) + y) & MASK
      v[d] = rotr((v[d] as bigint) ^ (v[a] as bigint), 16n)
      v[c] = ((v[c] as bigint) + (v[d] as bigint)) & MASK
      v[bb] = rotr((v[bb] as bigint) ^ (v[c] as bigint), 63n)
    }
    for (let r = 0; r < 12; r++) {
      const s = SIGMA[r % 10] as number[]
      const mm = (i: number) => m[s[i] as number] as bigint
      g(0, 4, 8, 12, mm(0), mm(1))
      g(1, 5, 9, 13, mm(2), mm(3))
      g(2, 6, 10, 14, mm(4), mm(5))
      g(3, 7, 11, 15, mm(6), mm(7))
      g(0, 5, 10, 15, mm(8), mm(9))
      g(1, 6, 11, 12, mm(10), mm(11))
      g(2, 7, 8, 13, mm(12), mm(13))
      g(3, 4, 9, 14, mm(14), mm(15))
    }
    for (let i = 0; i < 8; i++) h[i] = (h[i] as bigint) ^ (v[i] as bigint) ^ (v[i + 8] as bigint)
  }
  const out = Buffer.alloc(64)
  for (const [i, word] of h.entries()) out.writeBigUInt64LE(word, i * 8)
  return out.subarray(0, 32).toString('hex')
}
