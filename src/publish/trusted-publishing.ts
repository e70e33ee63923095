/**
 * PyPI Trusted Publishing: the index's OIDC audience, GitHub's OIDC token for
 * it, and the exchange for a short-lived API token, which is masked before
 * anything else happens. Failures are explained as pypa/gh-action-pypi-publish
 * explains them, with the claims PyPI matched against; tokens are never printed.
 */
import { HttpClient } from '@actions/http-client'
import { errorMessage } from '../error-message.js'

export class TrustedPublishingError extends Error {
  override name = 'TrustedPublishingError'
  /** Lines that explain the failure further: the claims, what to check. */
  readonly details: readonly string[]
  constructor(message: string, details: readonly string[] = []) {
    super(message)
    this.details = details
  }
}

export interface TrustedPublishingServices {
  /** core.getIDToken: GitHub's OIDC token for an audience. */
  readonly getIdToken: (audience: string) => Promise<string>
  /** core.setSecret */
  readonly mask: (secret: string) => void
  /** The environment: ACTIONS_ID_TOKEN_REQUEST_URL tells whether the job may ask for a token. */
  readonly env: NodeJS.ProcessEnv
}

/** Where the index serves the Trusted Publishing endpoints: the origin of the upload URL. */
export function indexOrigin(repositoryUrl: string): string {
  return new URL(repositoryUrl).origin
}

/** The claims of a JWT that PyPI matches a publisher against; never the token itself. Pure. */
export function publisherClaims(jwt: string): Record<string, string> {
  const payload = jwt.split('.')[1]
  if (payload === undefined) return {}
  let claims: Record<string, unknown>
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
  } catch {
    return {}
  }
  const shown: Record<string, string> = {}
  for (const name of [
    'sub',
    'repository',
    'repository_owner',
    'repository_owner_id',
    'workflow_ref',
    'job_workflow_ref',
    'ref',
    'environment',
  ]) {
    const value = claims[name]
    if (typeof value === 'string' || typeof value === 'number') shown[name] = String(value)
  }
  return shown
}

interface MintError {
  code?: unknown
  description?: unknown
}

/** Why PyPI refused the exchange, one line, plus the claims it checked. Pure. */
export function explainMintFailure(
  status: number,
  body: string,
  claims: Record<string, string>,
): TrustedPublishingError {
  let errors: MintError[] = []
  try {
    const parsed = JSON.parse(body) as { errors?: unknown }
    if (Array.isArray(parsed.errors)) errors = parsed.errors as MintError[]
  } catch {
    // Not JSON: the status says enough.
  }
  const listed = errors
    .map((e) => `${String(e.code ?? 'error')}: ${String(e.description ?? '')}`.trim())
    .join('; ')
  const checked = [
    `repository ${claims.repository ?? '(unknown)'}`,
    `workflow ${claims.job_workflow_ref ?? claims.workflow_ref ?? '(unknown)'}`,
    `environment ${claims.environment ?? '(none)'}`,
  ].join(', ')
  const message =
    `Trusted Publishing failed: the index refused the token exchange (HTTP ${status}${listed ? `: ${listed}` : ''}); ` +
    `a trusted publisher on the index must match ${checked}`
  const details = [
    'The index checks these claims of the OIDC token against the trusted publishers configured for the project:',
    ...Object.entries(claims).map(([name, value]) => `  ${name}: ${value}`),
    'This generally means the trusted publisher is not configured, or names another repository, workflow file or environment.',
    'Reusable workflows are matched by the calling workflow; the environment must be the one the job runs in.',
  ]
  return new TrustedPublishingError(message, details)
}

async function readJson(
  client: HttpClient,
  method: 'GET' | 'POST',
  url: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  const response =
    method === 'GET'
      ? await client.get(url, { accept: 'application/json' })
      : await client.post(url, body ?? '', {
          accept: 'application/json',
          'content-type': 'application/json',
        })
  return { status: response.message.statusCode ?? 0, body: await response.readBody() }
}

const MISSING_PERMISSION =
  'Trusted Publishing needs an OIDC token, but this job cannot get one (ACTIONS_ID_TOKEN_REQUEST_URL is not set): ' +
  'give the publishing job "permissions: id-token: write", or pass pypi-token'

/**
 * The API token for uploads through Trusted Publishing; masked before it is returned.
 * Throws TrustedPublishingError with the reason and what to check.
 */
export async function mintToken(
  repositoryUrl: string,
  services: TrustedPublishingServices,
  client = new HttpClient('python-ci-action'),
): Promise<string> {
  // The runner sets the URL and its token together; the token is kept from child processes, not from us.
  if (!services.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
    throw new TrustedPublishingError(MISSING_PERMISSION, [
      'Pull requests from forks never get id-token: write; publishing runs on tag pushes of the repository itself.',
    ])
  }
  const origin = indexOrigin(repositoryUrl)
  let audience: string
  try {
    const response = await readJson(client, 'GET', `${origin}/_/oidc/audience`)
    if (response.status !== 200) {
      throw new TrustedPublishingError(
        `Trusted Publishing is not available at ${origin} (GET /_/oidc/audience answered HTTP ${response.status}${messageOf(response.body)}); pass pypi-token for this index`,
      )
    }
    const parsed = JSON.parse(response.body) as { audience?: unknown }
    if (typeof parsed.audience !== 'string' || parsed.audience === '') {
      throw new TrustedPublishingError(
        `Trusted Publishing: ${origin}/_/oidc/audience gave no audience; pass pypi-token for this index`,
      )
    }
    audience = parsed.audience
  } catch (error) {
    throw asPublishingError(error, `asking ${origin}/_/oidc/audience`)
  }
  let oidc: string
  try {
    oidc = await services.getIdToken(audience)
  } catch (error) {
    throw new TrustedPublishingError(
      `Trusted Publishing: GitHub gave no OIDC token for audience ${audience} (${errorMessage(error)}); the job needs "permissions: id-token: write"`,
    )
  }
  services.mask(oidc)
  const claims = publisherClaims(oidc)
  let response: { status: number; body: string }
  try {
    response = await readJson(
      client,
      'POST',
      `${origin}/_/oidc/mint-token`,
      JSON.stringify({ token: oidc }),
    )
  } catch (error) {
    throw asPublishingError(error, `posting to ${origin}/_/oidc/mint-token`)
  }
  if (response.status !== 200) throw explainMintFailure(response.status, response.body, claims)
  let token: unknown
  try {
    token = (JSON.parse(response.body) as { token?: unknown }).token
  } catch {
    token = undefined
  }
  if (typeof token !== 'string' || token === '') {
    throw new TrustedPublishingError(
      `Trusted Publishing: ${origin}/_/oidc/mint-token answered 200 without a token`,
    )
  }
  services.mask(token)
  return token
}

function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message
    return typeof message === 'string' ? `: ${message}` : ''
  } catch {
    return ''
  }
}

function asPublishingError(error: unknown, doing: string): TrustedPublishingError {
  if (error instanceof TrustedPublishingError) return error
  const reason = errorMessage(error)
  return new TrustedPublishingError(`Trusted Publishing failed while ${doing}: ${reason}`)
}
