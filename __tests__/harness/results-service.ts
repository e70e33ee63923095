/**
 * A loopback stand-in of the Actions results service, the one @actions/cache
 * (v2) and @actions/artifact talk to: the Twirp CacheService and
 * ArtifactService at /twirp/… on the root, JSON only, with a Bearer token
 * whose `scp` names the run and job, as the real one requires. Blobs live in
 * Azurite behind signed URLs. Tests read the state and switch faults on.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Azurite } from './azurite.js'

const CACHE = '/twirp/github.actions.results.api.v1.CacheService/'
const ARTIFACT = '/twirp/github.actions.results.api.v1.ArtifactService/'
const CACHE_CONTAINER = 'actions-cache'
const ARTIFACT_CONTAINER = 'actions-results'

export interface CacheEntry {
  readonly id: number
  readonly key: string
  readonly version: string
  readonly blob: string
  /** Set by FinalizeCacheEntryUpload; entries without it are reserved, not restorable. */
  sizeBytes?: number
  /** Order of creation: higher is newer. */
  readonly created: number
}

export interface ArtifactRecord {
  readonly id: number
  readonly runId: string
  readonly jobId: string
  readonly name: string
  readonly version: number
  readonly blob: string
  size?: number
  digest?: string
  readonly createdAt: string
  /** From CreateArtifact's expires_at; a test may move it into the past to expire the artifact. */
  expiresAt?: string
}

export interface TwirpCall {
  readonly service: 'cache' | 'artifact'
  readonly method: string
  readonly body: Record<string, unknown>
  readonly status: number
}

/** A fault served instead of the real answer, `times` times (Infinity: until cleared). */
export interface Fault {
  readonly kind: 'status' | 'malformed-json'
  readonly status?: number
  times: number
}

export interface ResultsService {
  /** http://127.0.0.1:<port>/ (ACTIONS_RESULTS_URL) */
  readonly url: string
  readonly token: string
  readonly cacheEntries: CacheEntry[]
  readonly artifacts: ArtifactRecord[]
  readonly calls: TwirpCall[]
  /** Blob downloads served through the truncating path. */
  readonly truncatedDownloads: string[]
  /** Faults by Twirp method name, e.g. GetCacheEntryDownloadURL. */
  readonly faults: Map<string, Fault>
  /** Download URLs that cut the body at half its length, `times` times. */
  truncateDownloads(times: number): void
  /** The finalized entry's blob, read from Azurite. */
  blob(entry: CacheEntry): Promise<Buffer>
  /** The finalized artifact's zip, read from Azurite. */
  artifactBlob(record: ArtifactRecord): Promise<Buffer>
  /** A signed Azurite URL of the artifact's zip (its path ends in .zip), as GitHub's zip redirect gives. */
  artifactUrl(record: ArtifactRecord): string
  /**
   * The variables the runner gives a node action (ACTIONS_RESULTS_URL, the token, v2, not GHES, no proxy).
   * With a run (digits, so the backend run id is the GITHUB_RUN_ID the REST API shows) the token
   * is scoped to it and GITHUB_RUN_ID is set, so two runs of one test keep their artifacts apart.
   */
  env(scope?: { readonly run: string; readonly job?: string }): Record<string, string>
  close(): Promise<void>
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** An unsigned JWT of the shape the runner hands out; neither client checks the signature. */
export function runtimeToken(scp = 'Actions.Results:run-1:job-1'): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
    scp,
    ac: JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]),
  })}.x`
}

/** The run and job from a token's scp ("Actions.Results:<run>:<job>"), or undefined. */
export function tokenScope(header: string | undefined): { run: string; job: string } | undefined {
  const m = /^Bearer ([^.\s]+)\.([^.\s]+)\.\S*$/.exec(header ?? '')
  if (!m?.[2]) return undefined
  try {
    const payload = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as { scp?: unknown }
    if (typeof payload.scp !== 'string') return undefined
    for (const scope of payload.scp.split(' ')) {
      const parts = scope.split(':')
      if (parts.length === 3 && parts[0] === 'Actions.Results' && parts[1] && parts[2])
        return { run: parts[1], job: parts[2] }
    }
  } catch {
    return undefined
  }
  return undefined
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

type Body = Record<string, unknown>

function text(body: Body, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '')
    throw new TwirpError(400, 'invalid_argument', `${field} is required`)
  return value
}

/** GitHub's matching: same version only; the key exactly, then as a prefix, then each restore key as a prefix; newest first. */
export function matchCacheEntry(
  entries: readonly CacheEntry[],
  key: string,
  restoreKeys: readonly string[],
  version: string,
): CacheEntry | undefined {
  const usable = entries
    .filter((e) => e.version === version && e.sizeBytes !== undefined)
    .sort((a, b) => b.created - a.created)
  const exact = usable.find((e) => e.key === key)
  if (exact) return exact
  for (const prefix of [key, ...restoreKeys]) {
    const found = usable.find((e) => e.key.startsWith(prefix))
    if (found) return found
  }
  return undefined
}

function blobName(key: string, id: number): string {
  // Blob names stay plain ASCII: the key is only a hint for a person reading Azurite.
  return `${id}-${key.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}`
}

export async function startResultsService(azurite: Azurite): Promise<ResultsService> {
  await azurite.container(CACHE_CONTAINER)
  await azurite.container(ARTIFACT_CONTAINER)
  const token = runtimeToken()
  const cacheEntries: CacheEntry[] = []
  const artifacts: ArtifactRecord[] = []
  const calls: TwirpCall[] = []
  const truncatedDownloads: string[] = []
  const faults = new Map<string, Fault>()
  let truncations = 0
  let counter = 0
  let origin = ''

  const blobSize = async (container: string, blob: string): Promise<number | undefined> => {
    const c = await azurite.container(container)
    const client = c.getBlobClient(blob)
    if (!(await client.exists())) return undefined
    return (await client.getProperties()).contentLength
  }

  const downloadUrl = (container: string, blob: string): string => {
    const signed = azurite.signedUrl(container, blob, 'r')
    if (truncations <= 0) return signed
    truncations--
    return `${origin}truncated?from=${encodeURIComponent(signed)}`
  }

  const cacheMethods: Record<string, (body: Body) => Promise<Body>> = {
    async CreateCacheEntry(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      if (cacheEntries.some((e) => e.key === key && e.version === version)) {
        return { ok: false, message: `cache entry ${key} with this version already exists` }
      }
      const id = ++counter
      const entry: CacheEntry = { id, key, version, blob: blobName(key, id), created: id }
      cacheEntries.push(entry)
      return { ok: true, signed_upload_url: azurite.signedUrl(CACHE_CONTAINER, entry.blob, 'cw') }
    },
    async FinalizeCacheEntryUpload(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      const entry = cacheEntries.find(
        (e) => e.key === key && e.version === version && e.sizeBytes === undefined,
      )
      if (!entry) throw new TwirpError(404, 'not_found', `no reserved cache entry ${key}`)
      const size = await blobSize(CACHE_CONTAINER, entry.blob)
      if (size === undefined)
        throw new TwirpError(400, 'failed_precondition', `nothing was uploaded for ${key}`)
      if (String(size) !== String(body.size_bytes ?? '')) {
        throw new TwirpError(
          400,
          'invalid_argument',
          `size_bytes ${String(body.size_bytes)} is not the uploaded size ${size}`,
        )
      }
      entry.sizeBytes = size
      return { ok: true, entry_id: String(entry.id) }
    },
    async GetCacheEntryDownloadURL(body) {
      const key = text(body, 'key')
      const version = text(body, 'version')
      const restoreKeys = Array.isArray(body.restore_keys)
        ? body.restore_keys.filter((k): k is string => typeof k === 'string')
        : []
      const entry = matchCacheEntry(cacheEntries, key, restoreKeys, version)
      if (!entry) return { ok: false }
      return {
        ok: true,
        signed_download_url: downloadUrl(CACHE_CONTAINER, entry.blob),
        matched_key: entry.key,
      }
    },
  }

  const ids = (body: Body, scope: { run: string; job: string }) => {
    const run = text(body, 'workflow_run_backend_id')
    const job = text(body, 'workflow_job_run_backend_id')
    if (run !== scope.run || job !== scope.job) {
      throw new TwirpError(
        403,
        'permission_denied',
        `the token is for ${scope.run}:${scope.job}, not ${run}:${job}`,
      )
    }
    return { run, job }
  }
  // Reads name an artifact's own job, which may be another job of the run (download-artifact across jobs).
  const sameRun = (body: Body, scope: { run: string; job: string }) => {
    const run = text(body, 'workflow_run_backend_id')
    text(body, 'workflow_job_run_backend_id')
    if (run !== scope.run) {
      throw new TwirpError(
        403,
        'permission_denied',
        `the token is for run ${scope.run}, not ${run}`,
      )
    }
    return { run }
  }
  const finalized = (run: string) =>
    artifacts.filter((a) => a.runId === run && a.size !== undefined)
  const listed = (a: ArtifactRecord) => ({
    workflow_run_backend_id: a.runId,
    workflow_job_run_backend_id: a.jobId,
    database_id: String(a.id),
    name: a.name,
    size: String(a.size ?? 0),
    created_at: a.createdAt,
    ...(a.digest ? { digest: a.digest } : {}),
  })

  const artifactMethods: Record<
    string,
    (body: Body, scope: { run: string; job: string }) => Promise<Body>
  > = {
    async CreateArtifact(body, scope) {
      const { run, job } = ids(body, scope)
      const name = text(body, 'name')
      if (finalized(run).some((a) => a.name === name)) {
        throw new TwirpError(409, 'already_exists', `an artifact named ${name} already exists`)
      }
      const id = ++counter
      const record: ArtifactRecord = {
        id,
        runId: run,
        jobId: job,
        name,
        version: Number(body.version ?? 0),
        blob: `${run}/${id}-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.zip`,
        createdAt: new Date().toISOString(),
        ...(typeof body.expires_at === 'string' && { expiresAt: body.expires_at }),
      }
      artifacts.push(record)
      return {
        ok: true,
        signed_upload_url: azurite.signedUrl(ARTIFACT_CONTAINER, record.blob, 'cw'),
      }
    },
    async FinalizeArtifact(body, scope) {
      const { run } = ids(body, scope)
      const name = text(body, 'name')
      const record = artifacts.find((a) => a.runId === run && a.name === name && !a.size)
      if (!record) throw new TwirpError(404, 'not_found', `no artifact ${name} is being uploaded`)
      const size = await blobSize(ARTIFACT_CONTAINER, record.blob)
      if (size === undefined)
        throw new TwirpError(400, 'failed_precondition', `nothing was uploaded for ${name}`)
      record.size = size
      if (typeof body.hash === 'string') record.digest = body.hash
      return { ok: true, artifact_id: String(record.id) }
    },
    async ListArtifacts(body, scope) {
      const { run } = ids(body, scope)
      const name = body.name_filter
      const id = body.id_filter
      return {
        artifacts: finalized(run)
          .filter((a) => name === undefined || a.name === name)
          .filter((a) => id === undefined || String(a.id) === String(id))
          .map(listed),
      }
    },
    async GetSignedArtifactURL(body, scope) {
      const { run } = sameRun(body, scope)
      const name = text(body, 'name')
      const record = finalized(run).find((a) => a.name === name)
      if (!record) throw new TwirpError(404, 'not_found', `no artifact ${name}`)
      return { signed_url: downloadUrl(ARTIFACT_CONTAINER, record.blob) }
    },
    async DeleteArtifact(body, scope) {
      const { run } = ids(body, scope)
      const name = text(body, 'name')
      const record = finalized(run).find((a) => a.name === name)
      if (!record) throw new TwirpError(404, 'not_found', `no artifact ${name}`)
      artifacts.splice(artifacts.indexOf(record), 1)
      await (await azurite.container(ARTIFACT_CONTAINER)).deleteBlob(record.blob)
      return { ok: true, artifact_id: String(record.id) }
    },
  }

  const send = (res: http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body)
  }

  const twirp = async (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
    const url = req.url ?? ''
    const service = url.startsWith(CACHE) ? 'cache' : url.startsWith(ARTIFACT) ? 'artifact' : null
    const method = url.slice((service === 'cache' ? CACHE : ARTIFACT).length)
    let body: Body = {}
    const record = (status: number) => {
      if (service) calls.push({ service, method, body, status })
    }
    try {
      if (!service) throw new TwirpError(404, 'bad_route', `no route ${req.method} ${url}`)
      if (req.method !== 'POST') throw new TwirpError(404, 'bad_route', 'Twirp takes POST only')
      const handler = service === 'cache' ? cacheMethods[method] : artifactMethods[method]
      if (!handler) throw new TwirpError(404, 'bad_route', `no method ${method}`)
      const scope = tokenScope(req.headers.authorization)
      if (!scope)
        throw new TwirpError(401, 'unauthenticated', 'a Bearer token with an Actions.Results scp')
      if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
        throw new TwirpError(415, 'malformed', 'Content-Type must be application/json')
      try {
        body = JSON.parse(raw) as Body
      } catch {
        throw new TwirpError(400, 'malformed', 'the body is not JSON')
      }
      const fault = faults.get(method)
      if (fault && fault.times > 0) {
        fault.times--
        if (fault.kind === 'malformed-json') {
          record(200)
          send(res, 200, '{"ok": tru')
          return
        }
        throw new TwirpError(fault.status ?? 500, 'internal', 'injected fault')
      }
      const result = await handler(body, scope)
      record(200)
      send(res, 200, JSON.stringify(result))
    } catch (error) {
      const e =
        error instanceof TwirpError
          ? error
          : new TwirpError(500, 'internal', error instanceof Error ? error.message : String(error))
      record(e.status)
      send(res, e.status, JSON.stringify({ code: e.code, msg: e.message }))
    }
  }

  // Serves a blob through loopback and cuts it at half, after promising all of it.
  const truncated = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const from = new URL(req.url ?? '', 'http://x').searchParams.get('from') ?? ''
    truncatedDownloads.push(from)
    http
      .get(from, (upstream) => {
        const chunks: Buffer[] = []
        upstream.on('data', (c: Buffer) => chunks.push(c))
        upstream.on('end', () => {
          const all = Buffer.concat(chunks)
          res.writeHead(upstream.statusCode ?? 500, {
            'content-length': String(all.length),
            'content-type': upstream.headers['content-type'] ?? 'application/octet-stream',
          })
          res.write(all.subarray(0, Math.floor(all.length / 2)), () => res.socket?.destroy())
        })
      })
      .on('error', () => res.socket?.destroy())
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if ((req.url ?? '').startsWith('/truncated?')) return truncated(req, res)
      void twirp(req, res, Buffer.concat(chunks).toString('utf8'))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`

  return {
    url: origin,
    token,
    cacheEntries,
    artifacts,
    calls,
    truncatedDownloads,
    faults,
    truncateDownloads(times) {
      truncations = times
    },
    blob: (entry) => azurite.download(CACHE_CONTAINER, entry.blob),
    artifactBlob: (record) => azurite.download(ARTIFACT_CONTAINER, record.blob),
    artifactUrl: (record) => azurite.signedUrl(ARTIFACT_CONTAINER, record.blob, 'r'),
    env: (scope) => ({
      ACTIONS_RESULTS_URL: origin,
      ACTIONS_RUNTIME_TOKEN: scope
        ? runtimeToken(`Actions.Results:${scope.run}:${scope.job ?? '1'}`)
        : token,
      ACTIONS_CACHE_SERVICE_V2: 'True',
      GITHUB_SERVER_URL: 'https://github.com',
      NO_PROXY: '127.0.0.1,localhost',
      ...(scope && { GITHUB_RUN_ID: scope.run }),
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
