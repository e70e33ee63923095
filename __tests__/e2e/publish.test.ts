/**
 * Publishing on a tag, end to end: dist/main.js against the loopback PyPI and
 * OIDC stand-ins, with Debian's twine doing the uploads. Each guard refuses
 * with one line and uploads nothing; no token ever shows up where a user or a
 * later step could read it.
 */
import { createHash } from 'node:crypto'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type PypiServer, startPypiServer } from '../harness/pypi-server.js'
import { type ActionResult, describeRun, type RunOptions, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const FIXTURE = 'setuptools-pyproject'
// setuptools names sdists with the normalised project name (PEP 625).
const SDIST = 'demo_setuptools-0.1.0.tar.gz'
const WHEEL = 'demo_setuptools-0.1.0-py3-none-any.whl'
const results: ActionResult[] = []
const servers: PypiServer[] = []

async function server(): Promise<PypiServer> {
  const s = await startPypiServer()
  servers.push(s)
  return s
}

function oidcEnv(s: PypiServer): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: s.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: s.idTokenRequestToken,
  }
}

/** A tag push of v0.1.0 to `s`, by Trusted Publishing unless `options` say otherwise. */
async function release(s: PypiServer, options: RunOptions = {}): Promise<ActionResult> {
  const result = await runAction({
    fixture: FIXTURE,
    toolCachePython: true,
    ref: 'refs/tags/v0.1.0',
    ...options,
    inputs: {
      'repository-url': s.uploadUrl,
      ...options.inputs,
    },
    env: { ...oidcEnv(s), ...options.env },
  })
  results.push(result)
  return result
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

function errors(result: ActionResult): string[] {
  return result.commands.filter((c) => c.name === 'error').map((c) => c.message)
}

function expectHolds(s: PypiServer, result: ActionResult): void {
  expect([...s.files.keys()].sort()).toEqual([SDIST, WHEEL].sort())
  expect(s.files.get(SDIST)?.sha256).toBe(sha256(result.outputs.sdist ?? ''))
  expect(s.files.get(WHEEL)?.sha256).toBe(sha256(result.outputs.wheel ?? ''))
}

/** Refused: the step failed, one error line says why, nothing reached the index. */
function expectRefused(s: PypiServer, result: ActionResult, reason: RegExp): void {
  expect(result.exitCode).toBe(1)
  expect(errors(result).filter((e) => reason.test(e))).toHaveLength(1)
  expect(errors(result).find((e) => reason.test(e))).not.toContain('\n')
  expect(s.attempts).toEqual([])
  expect(result.outputs.published).toBe('false')
  expect(result.summary).toMatch(/### Publish\n\n❌ Refused to publish/)
}

/** Not a release run: the step passes, says why, and nothing reached the index. */
function expectSkipped(s: PypiServer, result: ActionResult, reason: string): void {
  if (result.exitCode !== 0) throw new Error(describeRun(result))
  expect(result.stdout).toContain(`– publish: ${reason}`)
  expect(result.summary).toContain('⏭️ Not published:')
  expect(s.attempts).toEqual([])
  expect(result.outputs.published).toBe('false')
}

afterAll(async () => {
  for (const r of results) r.cleanup()
  for (const s of servers) await s.close()
})

describe('a tag push whose version matches', () => {
  let s: PypiServer
  let result: ActionResult
  beforeAll(async () => {
    s = await server()
    result = await release(s)
  })

  it('had no twine beforehand: the build stage installed it and ran twine check --strict, publishing installed nothing', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const groups = result.stdout.split('::group::')
    const install = groups.find((g) => g.startsWith('Install the project')) ?? ''
    expect(install).toMatch(
      /tools environment \S+: build [\d.]+, twine [\d.]+ \(installed build, twine/,
    )
    const build = groups.find((g) => g.startsWith('Build sdist and wheel')) ?? ''
    expect(build).toContain('$ python -m twine check --strict ')
    const publish = groups.find((g) => g.startsWith('Publish v0.1.0')) ?? ''
    expect(publish).not.toBe('')
    expect(publish).not.toMatch(/pip.* install/)
  })

  it('uploads sdist and wheel by Trusted Publishing, and says what it uploaded', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expectHolds(s, result)
    expect(s.mintedTokens).toHaveLength(1)
    expect(s.files.get(SDIST)?.token).toBe(s.mintedTokens[0])
    expect(result.outputs.published).toBe('true')
    expect(JSON.parse(result.outputs['published-files'] ?? '')).toEqual([SDIST, WHEEL])
    expect(result.summary).toContain('✅ Published v0.1.0')
    expect(result.summary).toContain('with Trusted Publishing')
    for (const name of [SDIST, WHEEL]) {
      expect(result.summary).toContain(`\`${s.files.get(name)?.sha256}\``)
    }
    expect(result.summary).toContain(`${s.url}/project/demo-setuptools/0.1.0/`)
  })
})

describe('a tag push with pypi-token', () => {
  let s: PypiServer
  let result: ActionResult
  let again: ActionResult
  let skipping: ActionResult
  beforeAll(async () => {
    s = await server()
    result = await release(s, { inputs: { 'pypi-token': s.apiToken }, env: {} })
    again = await release(s, { inputs: { 'pypi-token': s.apiToken } })
    skipping = await release(s, { inputs: { 'pypi-token': s.apiToken, 'skip-existing': 'true' } })
  })

  it('uploads sdist and wheel with the token, minting none', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expectHolds(s, result)
    expect(s.mintedTokens).toEqual([])
    expect(s.files.get(WHEEL)?.token).toBe(s.apiToken)
    expect(result.summary).toContain('with pypi-token')
  })

  it('fails a re-run with PyPI’s message', () => {
    expect(again.exitCode).toBe(1)
    expect(errors(again)).toContainEqual(
      expect.stringMatching(
        /^publish failed: uploading demo_setuptools-0\.1\.0\.tar\.gz failed: the index answered 400 Bad Request: File already exists \('demo_setuptools-0\.1\.0\.tar\.gz'/,
      ),
    )
    expect(again.outputs.published).toBe('false')
  })

  it('reports the files as skipped on a re-run with skip-existing', () => {
    if (skipping.exitCode !== 0) throw new Error(describeRun(skipping))
    // The summary escapes the underscore of the normalised name.
    expect(skipping.summary).toContain(`| ${SDIST.replace(/_/g, '&#95;')} |`)
    expect(skipping.summary.match(/⏭️ skipped \(already there\)/g)).toHaveLength(2)
    expect(skipping.outputs.published).toBe('false')
    expect(skipping.outputs['published-files']).toBe('[]')
    expect(skipping.stdout).toContain(`skipped (already on the index) ${SDIST}, ${WHEEL}`)
  })
})

describe('an index that answers 503', () => {
  it('is retried by twine when it happens once', async () => {
    const s = await server()
    s.failNextUploads(1)
    const result = await release(s)
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(s.attempts.map((a) => a.status)).toEqual([503, 200, 200])
    expectHolds(s, result)
  })

  it('is retried by the action after a wait when twine gives up', async () => {
    const s = await server()
    // twine 4 sends an upload five times on a 5xx.
    s.failNextUploads(5)
    const result = await release(s)
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(s.attempts.map((a) => a.status)).toEqual([503, 503, 503, 503, 503, 200, 200])
    expect(result.commands).toContainEqual(
      expect.objectContaining({
        name: 'warning',
        message: expect.stringMatching(
          /^uploading demo_setuptools-0\.1\.0\.tar\.gz failed \(the index answered 503 Service Unavailable\); trying again in 2\.0s$/,
        ),
      }),
    )
    expect(result.summary).toContain('✅ uploaded after 2 attempts')
    expectHolds(s, result)
  })
})

describe('guards', () => {
  it('refuses a tag whose version differs from the built one', async () => {
    const s = await server()
    const result = await release(s, { ref: 'refs/tags/v0.2.0' })
    expectRefused(
      s,
      result,
      /^publish refused: tag v0\.2\.0 is version 0\.2\.0, but the built version is 0\.1\.0;/,
    )
  })

  it('accepts a tag equal under PEP 440 (v0.1 for 0.1.0)', async () => {
    const s = await server()
    const result = await release(s, { ref: 'refs/tags/v0.1' })
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expectHolds(s, result)
  })

  it('refuses when the tests fail', async () => {
    const s = await server()
    const result = await release(s, {
      prepare: (ctx) =>
        writeFileSync(
          path.join(ctx.projectDir, 'tests', 'test_broken.py'),
          'def test_broken():\n    assert 1 == 2\n',
        ),
    })
    // The step's own reason, said once; the publish line gives it as the refusal's.
    expectRefused(s, result, /^tests failed: 1 failure, 0 errors in \d+ tests$/)
    expect(result.stdout).toMatch(/✗ publish 0\.0s: refused: tests failed: 1 failure/)
  })

  it('refuses when twine check --strict fails', async () => {
    const s = await server()
    const result = await release(s, {
      prepare: (ctx) => {
        const file = path.join(ctx.projectDir, 'pyproject.toml')
        writeFileSync(file, readFileSync(file, 'utf8').replace('readme = "README.md"\n', ''))
      },
    })
    expectRefused(
      s,
      result,
      /^publish refused: the metadata check \(twine check --strict\) failed: .*`long_description` missing/,
    )
  })

  it('refuses without id-token permission, and says how to grant it', async () => {
    const s = await server()
    const result = await release(s, {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    })
    expectRefused(
      s,
      result,
      /^publish refused: Trusted Publishing needs an OIDC token.*id-token: write/,
    )
  })

  it('explains a 422 from mint-token with the claims PyPI checks', async () => {
    const s = await server()
    s.publisher = { ...s.publisher, environment: 'release' }
    const result = await release(s)
    expectRefused(
      s,
      result,
      /^publish refused: Trusted Publishing failed: the index refused the token exchange \(HTTP 422: invalid-publisher: valid token, but no corresponding publisher.*\); a trusted publisher on the index must match repository owner\/repo, workflow owner\/repo\/\.github\/workflows\/release\.yml@refs\/tags\/v0\.1\.0, environment pypi$/,
    )
    expect(result.summary).toContain('environment: pypi')
  })

  it('refuses an http:// repository-url on a host that is not loopback, before any work', async () => {
    const s = await server()
    const result = await release(s, {
      inputs: { 'repository-url': 'http://pypi.example.org/legacy/' },
    })
    expect(result.exitCode).toBe(1)
    expect(errors(result)).toEqual([
      'repository-url: "http://pypi.example.org/legacy/" is http:// on a host that is not loopback, so the token would travel in clear text; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
    ])
    expect(result.summary).toBe('')
  })

  it('does not publish a branch push with publish: auto', async () => {
    const s = await server()
    const result = await release(s, { ref: 'refs/heads/main' })
    expectSkipped(
      s,
      result,
      'a push to refs/heads/main is not a tag push or a published release (publish: auto)',
    )
  })

  it('does not publish a pull_request, and refuses it with publish: true', async () => {
    const s = await server()
    const auto = await release(s, { eventName: 'pull_request', ref: 'refs/pull/1/merge' })
    expectSkipped(
      s,
      auto,
      'a pull_request event never publishes; release from a tag push (publish: auto)',
    )
    const forced = await release(s, {
      eventName: 'pull_request',
      ref: 'refs/pull/1/merge',
      inputs: { publish: 'true' },
    })
    expectRefused(
      s,
      forced,
      /^publish refused: publish: true, but a pull_request event never publishes/,
    )
  })

  it('does not publish from a fork', async () => {
    const s = await server()
    const result = await release(s, {
      payload: { ref: 'refs/tags/v0.1.0', repository: { full_name: 'owner/repo', fork: true } },
    })
    expectSkipped(
      s,
      result,
      'owner/repo is a fork; publishing runs from the original repository only (publish: auto)',
    )
  })

  it('publishes a published release', async () => {
    const s = await server()
    const result = await release(s, {
      eventName: 'release',
      payload: { action: 'published', release: { tag_name: 'v0.1.0' } },
    })
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expectHolds(s, result)
  })
})

describe('secrets', () => {
  it('never shows a token, given or minted, outside ::add-mask::', () => {
    const tokens = servers.flatMap((s) => [s.apiToken, ...s.mintedTokens, ...s.issuedIdTokens])
    expect(servers.some((s) => s.mintedTokens.length > 0)).toBe(true)
    expect(tokens.length).toBeGreaterThan(servers.length)
    for (const result of results) {
      const stdout = result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n')
      const places = {
        stdout,
        stderr: result.stderr,
        summary: result.summary,
        outputs: JSON.stringify(result.outputs),
        env: JSON.stringify(result.env),
      }
      for (const token of tokens) {
        for (const [where, text] of Object.entries(places)) {
          if (text.includes(token)) throw new Error(`a token shows in ${where}`)
        }
      }
    }
    const masked = results.flatMap((r) => r.commands.filter((c) => c.name === 'add-mask'))
    expect(masked.map((c) => c.message)).toEqual(
      expect.arrayContaining(servers.flatMap((s) => s.mintedTokens)),
    )
  })
})

void appendFileSync
