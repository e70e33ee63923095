/**
 * The PyPI stand-in against The wheelhouse's real twine: what twine sends is accepted
 * and stored byte for byte, and what PyPI refuses is refused the way twine
 * expects it (reason phrase, 403, 5xx then retry), so the stand-in cannot
 * drift from the client the action uses.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { cleanEnv, FIXTURES, TOOLS_PYTHON, tempDir } from './paths.js'
import { runProcess } from './process.js'
import { blake2b256, type PypiServer, startPypiServer } from './pypi-server.js'

jest.setTimeout(120_000)

let server: PypiServer
let dir: string
let dists: string[]

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/** The wheelhouse's real twine uploading to `to` (the shared stand-in unless given). */
function twine(args: readonly string[], password?: string, to: PypiServer = server) {
  return runProcess(
    TOOLS_PYTHON,
    [
      '-m',
      'twine',
      'upload',
      '--non-interactive',
      '--disable-progress-bar',
      '--repository-url',
      to.uploadUrl,
      '-u',
      '__token__',
      '-p',
      password ?? to.apiToken,
      ...args,
    ],
    { cwd: dir, env: cleanEnv(dir) },
  )
}

beforeAll(async () => {
  server = await startPypiServer()
  dir = tempDir('pypi-server')
  execFileSync('cp', ['-r', path.join(FIXTURES, 'setuptools-pyproject'), path.join(dir, 'project')])
  execFileSync(
    TOOLS_PYTHON,
    [
      '-m',
      'build',
      '--no-isolation',
      '--outdir',
      path.join(dir, 'dist'),
      path.join(dir, 'project'),
    ],
    { stdio: 'pipe' },
  )
  dists = readdirSync(path.join(dir, 'dist'))
    .sort()
    .map((f) => path.join(dir, 'dist', f))
})

afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the PyPI stand-in with real twine', () => {
  it('computes BLAKE2b-256 as Python does', () => {
    const data = readFileSync(dists[0] ?? '')
    const python = execFileSync(
      TOOLS_PYTHON,
      [
        '-c',
        'import hashlib,sys; print(hashlib.blake2b(open(sys.argv[1],"rb").read(), digest_size=32).hexdigest())',
        dists[0] ?? '',
      ],
      { encoding: 'utf8' },
    ).trim()
    expect(blake2b256(data)).toBe(python)
    expect(blake2b256(Buffer.alloc(0))).toBe(
      '0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8',
    )
  })

  it('refuses a bad token with 403, and twine fails', async () => {
    const result = await twine(dists, 'pypi-wrong')
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr + result.stdout).toMatch(/403 Forbidden/)
    expect(server.files.size).toBe(0)
  })

  it('stores what twine uploads, byte for byte', async () => {
    const result = await twine(dists)
    expect(result.exitCode).toBe(0)
    expect([...server.files.keys()].sort()).toEqual(dists.map((d) => path.basename(d)))
    for (const d of dists) {
      const stored = server.files.get(path.basename(d))
      expect(stored?.sha256).toBe(sha256(d))
      expect(stored?.name).toBe('demo-setuptools')
      expect(stored?.version).toBe('0.1.0')
    }
  })

  it('answers a second upload with 400 File already exists, which twine prints', async () => {
    const result = await twine([dists[0] ?? ''])
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr + result.stdout).toMatch(/400 Bad Request from .*\n.*File already exists/)
  })

  it('is an index twine 6+ will not --skip-existing on, so the action skips on the 400 itself', async () => {
    const result = await twine(['--skip-existing', ...dists])
    expect(result.exitCode).not.toBe(0)
    expect((result.stderr + result.stdout).replace(/\s+/g, ' ')).toMatch(
      /does not have support for the following features: --skip-existing/,
    )
  })

  it('fails the next upload with a 503, which twine itself retries', async () => {
    const fresh = await startPypiServer()
    try {
      fresh.failNextUploads(1)
      const result = await twine([dists[0] ?? ''], undefined, fresh)
      expect(result.exitCode).toBe(0)
      expect(result.stderr + result.stdout).toMatch(/503/)
      expect(fresh.attempts.map((a) => a.status)).toEqual([503, 200])
    } finally {
      await fresh.close()
    }
  })
})

describe('the Trusted Publishing stand-in', () => {
  it('issues OIDC tokens to the request token only, and mints an API token for a matching publisher', async () => {
    const denied = await fetch(`${server.idTokenRequestUrl}&audience=pypi`)
    expect(denied.status).toBe(401)
    const id = await fetch(`${server.idTokenRequestUrl}&audience=pypi`, {
      headers: { authorization: `Bearer ${server.idTokenRequestToken}` },
    })
    const { value } = (await id.json()) as { value: string }
    const audience = await (await fetch(`${server.url}/_/oidc/audience`)).json()
    expect(audience).toEqual({ audience: 'pypi' })
    const minted = await fetch(`${server.url}/_/oidc/mint-token`, {
      method: 'POST',
      body: JSON.stringify({ token: value }),
    })
    expect(minted.status).toBe(200)
    expect(await minted.json()).toEqual({ success: true, token: server.mintedTokens[0] })
  })

  it('answers 422 with warehouse’s error shape when no publisher matches', async () => {
    server.publisher = { ...server.publisher, environment: 'release' }
    const id = await fetch(`${server.idTokenRequestUrl}&audience=pypi`, {
      headers: { authorization: `Bearer ${server.idTokenRequestToken}` },
    })
    const { value } = (await id.json()) as { value: string }
    const minted = await fetch(`${server.url}/_/oidc/mint-token`, {
      method: 'POST',
      body: JSON.stringify({ token: value }),
    })
    expect(minted.status).toBe(422)
    expect(await minted.json()).toEqual({
      message: 'Token request failed',
      errors: [
        {
          code: 'invalid-publisher',
          description: expect.stringContaining('no corresponding publisher'),
        },
      ],
    })
    const forged = await fetch(`${server.url}/_/oidc/mint-token`, {
      method: 'POST',
      body: JSON.stringify({ token: 'a.b.c' }),
    })
    expect(((await forged.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'invalid-token',
    )
  })
})
