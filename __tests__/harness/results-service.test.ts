/**
 * The results service stand-in, checked with the real clients: @actions/cache
 * saves and restores through it (exact, prefix and restore-key matches, other
 * versions never), @actions/artifact uploads, lists, downloads and deletes,
 * and the fault switches make the clients fail the way they fail on GitHub.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from './azurite.js'
import { NODE24, REPO_ROOT, tempDir } from './paths.js'
import { runProcess } from './process.js'
import {
  matchCacheEntry,
  type ResultsService,
  runtimeToken,
  startResultsService,
} from './results-service.js'

jest.setTimeout(120_000)

const CLIENTS = path.join(REPO_ROOT, '__tests__', 'harness', 'clients.mjs')

let azurite: Azurite
let service: ResultsService
let root: string

interface ClientRun {
  readonly result: unknown
  readonly stdout: string
  readonly warnings: string[]
  readonly errors: string[]
}

async function client(
  command: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<ClientRun> {
  const run = await runProcess(NODE24, [CLIENTS, JSON.stringify(command)], {
    cwd: root,
    env: {
      PATH: '/usr/bin:/bin',
      HOME: root,
      RUNNER_TEMP: path.join(root, 'temp'),
      GITHUB_WORKSPACE: root,
      ...service.env(),
      ...env,
    },
  })
  if (run.exitCode !== 0)
    throw new Error(`client exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`)
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '))
  const lines = run.stdout.split('\n')
  return {
    result: line === undefined ? undefined : JSON.parse(line.slice(7)),
    stdout: run.stdout,
    warnings: lines.filter((l) => l.startsWith('::warning')),
    errors: lines.filter((l) => l.startsWith('::error')),
  }
}

function writeFiles(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true })
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), content)
  }
}

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  root = tempDir('results-service')
  mkdirSync(path.join(root, 'temp'))
})
afterAll(async () => {
  await service?.close()
  await azurite?.stop()
  rmSync(root, { recursive: true, force: true })
})

describe('the cache service with the real @actions/cache', () => {
  it('saves an entry whose blob in Azurite is the tar of the files, and restores it', async () => {
    writeFiles(path.join(root, 'data'), { 'a.txt': 'alpha', 'sub/b.txt': 'beta' })
    const saved = await client({ op: 'save', paths: ['data'], key: 'deps-linux-abc' })
    expect(saved.result).toBeGreaterThan(0)
    const entry = service.cacheEntries.find((e) => e.key === 'deps-linux-abc')
    expect(entry?.sizeBytes).toBeGreaterThan(0)
    const blob = await service.blob(entry ?? service.cacheEntries[0])
    expect(blob.length).toBe(entry?.sizeBytes)
    const archive = path.join(root, 'blob.tzst')
    writeFileSync(archive, blob)
    const names = execFileSync('tar', ['--zstd', '-tf', archive], { encoding: 'utf8' })
    expect(names.split('\n')).toEqual(expect.arrayContaining(['data/a.txt', 'data/sub/b.txt']))

    rmSync(path.join(root, 'data'), { recursive: true })
    const restored = await client({ op: 'restore', paths: ['data'], key: 'deps-linux-abc' })
    expect(restored.result).toBe('deps-linux-abc')
    expect(readFileSync(path.join(root, 'data', 'sub', 'b.txt'), 'utf8')).toBe('beta')
  })

  it('matches a prefix of the key and the restore keys, newest first, and never another version', async () => {
    writeFiles(path.join(root, 'data'), { 'a.txt': 'newer' })
    await client({ op: 'save', paths: ['data'], key: 'deps-linux-def' })
    const byRestoreKey = await client({
      op: 'restore',
      paths: ['data'],
      key: 'deps-linux-zzz',
      restoreKeys: ['deps-linux-'],
    })
    expect(byRestoreKey.result).toBe('deps-linux-def')
    expect(byRestoreKey.stdout).toContain('Cache hit for restore-key: deps-linux-def')
    const byPrefix = await client({ op: 'restore', paths: ['data'], key: 'deps-linux-a' })
    expect(byPrefix.result).toBe('deps-linux-abc')
    // Other paths make another version: nothing matches.
    const otherPaths = await client({ op: 'restore', paths: ['other'], key: 'deps-linux-abc' })
    expect(otherPaths.result).toBeNull()
    expect(otherPaths.warnings).toEqual([])
  })

  it('refuses a second entry with the same key and version', async () => {
    const again = await client({ op: 'save', paths: ['data'], key: 'deps-linux-abc' })
    expect(again.result).toBe(-1)
    expect(service.cacheEntries.filter((e) => e.key === 'deps-linux-abc')).toHaveLength(1)
  })

  it('answers 401 without a token scope', async () => {
    const run = await client(
      { op: 'restore', paths: ['data'], key: 'deps-linux-abc' },
      { ACTIONS_RUNTIME_TOKEN: runtimeToken('Actions.Other') },
    )
    expect(run.result).toBeNull()
    expect(run.warnings.join('\n')).toMatch(/401/)
  })

  it('lets a one-shot 5xx be absorbed by the client’s retry', async () => {
    service.faults.set('GetCacheEntryDownloadURL', { kind: 'status', status: 503, times: 1 })
    const run = await client({ op: 'restore', paths: ['data'], key: 'deps-linux-abc' })
    expect(run.result).toBe('deps-linux-abc')
    expect(run.stdout).toMatch(/Attempt 1 of 5 failed with error: Failed request: \(503\)/)
  })

  it('serves malformed JSON and truncated blobs that the client rejects', async () => {
    service.faults.set('GetCacheEntryDownloadURL', { kind: 'malformed-json', times: 1 })
    const json = await client({ op: 'restore', paths: ['data'], key: 'deps-linux-abc' })
    expect(json.stdout).toMatch(/Attempt 1 of 5 failed with error: .*JSON/)
    expect(json.result).toBe('deps-linux-abc')

    service.truncateDownloads(1)
    rmSync(path.join(root, 'data'), { recursive: true, force: true })
    const cut = await client({ op: 'restore', paths: ['data'], key: 'deps-linux-abc' })
    expect(cut.result).toBeNull()
    expect([...cut.warnings, ...cut.errors]).toHaveLength(1)
    expect(service.truncatedDownloads).toHaveLength(1)
  })

  it('matches as GitHub does (pure)', () => {
    const e = (id: number, key: string, version = 'v') => ({
      id,
      key,
      version,
      blob: '',
      created: id,
      sizeBytes: 1,
    })
    const entries = [e(1, 'a-1'), e(2, 'a-2'), e(3, 'a-1x'), e(4, 'b-1', 'w')]
    expect(matchCacheEntry(entries, 'a-1', [], 'v')?.id).toBe(1)
    expect(matchCacheEntry(entries, 'a-', [], 'v')?.id).toBe(3)
    expect(matchCacheEntry(entries, 'c', ['b-', 'a-'], 'v')?.id).toBe(3)
    expect(matchCacheEntry(entries, 'b-1', [], 'v')).toBeUndefined()
    expect(matchCacheEntry([{ ...e(5, 'a-9'), sizeBytes: undefined }], 'a-9', [], 'v')).toBe(
      undefined,
    )
  })
})

describe('the artifact service with the real @actions/artifact', () => {
  it('uploads, lists, downloads and deletes an artifact', async () => {
    writeFiles(path.join(root, 'dist'), { 'demo-0.1.0.tar.gz': 'sdist bytes', 'x.whl': 'wheel' })
    const files = ['demo-0.1.0.tar.gz', 'x.whl'].map((f) => path.join(root, 'dist', f))
    const up = await client({ op: 'upload', name: 'dists', files, root: path.join(root, 'dist') })
    const { id, size } = up.result as { id: number; size: number }
    expect(id).toBeGreaterThan(0)
    const record = service.artifacts.find((a) => a.name === 'dists')
    expect(record?.size).toBe(size)
    expect(record?.digest).toMatch(/^sha256:[0-9a-f]{64}$/)

    const listed = (await client({ op: 'list' })).result as { id: number; name: string }[]
    expect(listed.map((a) => [a.id, a.name])).toEqual([[id, 'dists']])

    const out = path.join(root, 'downloaded')
    await client({ op: 'download', id, path: out })
    expect(readFileSync(path.join(out, 'demo-0.1.0.tar.gz'), 'utf8')).toBe('sdist bytes')

    await client({ op: 'delete', name: 'dists' })
    expect(service.artifacts).toEqual([])
    expect((await client({ op: 'list' })).result).toEqual([])
  })
})
