import { describe, expect, it } from '@jest/globals'
import { defaultArtifactName, uploadDists } from '../../src/artifacts/dists.js'
import { createBuild } from '../helpers/metrics.js'

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

describe('uploadDists', () => {
  it('uploads the sdist and the wheel from their folder', async () => {
    const calls: [string, string[], string][] = []
    const uploaded = await uploadDists(
      {
        upload: async (name, files, root) => {
          calls.push([name, files, root])
          return { id: 3, size: 10 }
        },
      },
      'dists-x',
      createBuild(),
    )
    expect(calls).toEqual([
      ['dists-x', [createBuild().sdist?.path, createBuild().wheel?.path], '/work/demo/dist'],
    ])
    expect(uploaded).toEqual({
      name: 'dists-x',
      files: ['demo-0.1.0.tar.gz', 'demo-0.1.0-py3-none-any.whl'],
      id: 3,
      size: 10,
    })
  })
})
