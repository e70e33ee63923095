import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  type ArtifactService,
  DistsChangedError,
  defaultArtifactName,
  uploadDists,
} from '../../src/artifacts/dists.js'
import { MANIFEST_FILE, manifestOf, parseManifest } from '../../src/artifacts/manifest.js'
import { digestOf } from '../../src/build/digest.js'
import type { BuildResult } from '../../src/report/metrics.js'
import { createBuild, createDist } from '../helpers/metrics.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

describe('defaultArtifactName', () => {
  it.each([
    [
      { job: 'test', os: 'Linux', arch: 'x64', pythonVersion: '3.12.4', packageName: 'demo-pkg' },
      'dists-demo-pkg-test-linux-x64-py3.12',
    ],
    [
      {
        job: 'build',
        os: 'Windows',
        arch: 'arm64',
        pythonVersion: '3.14.0rc1',
        packageName: 'Demo',
      },
      'dists-demo-build-windows-arm64-py3.14',
    ],
    [
      { job: '', os: 'macOS', arch: 'x64', pythonVersion: '3.9.1', packageName: 'a' },
      'dists-a-macos-x64-py3.9',
    ],
    [
      { job: 'a:b/c', os: 'Linux', arch: 'x64', pythonVersion: '3.12.1', packageName: 'p' },
      'dists-p-a_b_c-linux-x64-py3.12',
    ],
  ])('%j -> %s', (ctx, name) => expect(defaultArtifactName(ctx)).toBe(name))

  it('differs between the jobs of a matrix over Python versions and systems', () => {
    const base = {
      job: 'test',
      os: 'Linux',
      arch: 'x64',
      pythonVersion: '3.12.4',
      packageName: 'demo',
    }
    const names = new Set([
      defaultArtifactName(base),
      defaultArtifactName({ ...base, pythonVersion: '3.13.0' }),
      defaultArtifactName({ ...base, os: 'Windows' }),
      defaultArtifactName({ ...base, arch: 'arm64' }),
    ])
    expect(names.size).toBe(4)
  })
})

/** A build whose two files exist on disk, recorded as the build records them. */
function builtOnDisk(): BuildResult {
  const dir = createWorkspace({
    'demo-0.1.0.tar.gz': 'sdist bytes',
    'demo-0.1.0-py3-none-any.whl': 'wheel bytes',
  })
  const on = (kind: 'sdist' | 'wheel') => {
    const file = path.join(dir, createDist(kind).fileName)
    return createDist(kind, { path: file, ...digestOf(file) })
  }
  return createBuild({ sdist: on('sdist'), wheel: on('wheel') })
}

function recordingService(calls: [string, string[], string][]): ArtifactService {
  return {
    upload: async (name, files, root) => {
      calls.push([name, files, root])
      return { id: 3, size: 10 }
    },
  }
}

afterAll(removeWorkspaces)

describe('uploadDists', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dists-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const sha = (text: string) => createHash('sha256').update(text).digest('hex')

  /** A build whose files exist in `root`/dist, with the digests of `recorded`. */
  function built(recorded: { sdist: string; wheel: string }) {
    mkdirSync(path.join(root, 'dist'), { recursive: true })
    const dist = (kind: 'sdist' | 'wheel') => {
      const d = createDist(kind)
      const file = path.join(root, 'dist', d.fileName)
      writeFileSync(file, `${kind} bytes`)
      return { ...d, path: file, size: recorded[kind].length, sha256: sha(recorded[kind]) }
    }
    return createBuild({ sdist: dist('sdist'), wheel: dist('wheel') })
  }

  it('uploads copies of the sdist and the wheel and the manifest from a folder of its own', async () => {
    const calls: [string, string[], string][] = []
    const stage = path.join(root, 'stage')
    const build = built({ sdist: 'sdist bytes', wheel: 'wheel bytes' })
    const uploaded = await uploadDists(
      {
        upload: async (name, files, dir) => {
          calls.push([name, files, dir])
          return { id: 3, size: 10 }
        },
      },
      'dists-x',
      build,
      { dir: stage, commit: 'c0ffee' },
    )
    const names = ['demo-0.1.0.tar.gz', 'demo-0.1.0-py3-none-any.whl', MANIFEST_FILE]
    expect(calls).toEqual([['dists-x', names.map((n) => path.join(stage, n)), stage]])
    expect(uploaded).toEqual({ name: 'dists-x', files: names, id: 3, size: 10 })
    const manifest = parseManifest(readFileSync(path.join(stage, MANIFEST_FILE), 'utf8'))
    expect(manifest).toEqual(manifestOf(build, 'c0ffee'))
  })

  it('uploads nothing when a file is no longer what the build hashed', async () => {
    let uploads = 0
    const build = built({ sdist: 'sdist bytes', wheel: 'the wheel the build saw' })
    await expect(
      uploadDists(
        {
          upload: async () => {
            uploads++
            return {}
          },
        },
        'dists-x',
        build,
        { dir: path.join(root, 'stage2'), commit: '' },
      ),
    ).rejects.toThrow(
      /^demo-0\.1\.0-py3-none-any\.whl changed after the build \(sha256 [0-9a-f]{12}… at build, [0-9a-f]{12}… now\); artifact dists-x was not uploaded$/,
    )
    expect(uploads).toBe(0)
  })

  it.each([
    [
      'rewritten',
      (file: string) => writeFileSync(file, 'other bytes'),
      /^demo-0\.1\.0-py3-none-any\.whl changed after the build \(sha256 [0-9a-f]{12}… at build, [0-9a-f]{12}… now\); artifact dists-x was not uploaded$/,
    ],
    [
      'removed',
      (file: string) => rmSync(file),
      /^demo-0\.1\.0-py3-none-any\.whl is gone since the build \(sha256 [0-9a-f]{12}…\); artifact dists-x was not uploaded$/,
    ],
  ])(
    'uploads nothing when the wheel was %s after the build, in one line',
    async (_, change, line) => {
      const calls: [string, string[], string][] = []
      const build = builtOnDisk()
      change(build.wheel?.path ?? '')
      const upload = uploadDists(recordingService(calls), 'dists-x', build, {
        dir: path.join(path.dirname(build.wheel?.path ?? ''), 'stage'),
        commit: '',
      })
      await expect(upload).rejects.toThrow(DistsChangedError)
      await expect(upload).rejects.toThrow(line)
      expect(calls).toEqual([])
    },
  )
})
