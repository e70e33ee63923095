import { describe, expect, it } from '@jest/globals'
import {
  compareFileSets,
  MANIFEST_FILE,
  ManifestError,
  manifestOf,
  parseManifest,
} from '../../src/artifacts/manifest.js'
import { createBuild } from '../helpers/metrics.js'

const manifest = manifestOf(createBuild(), 'c0ffee')

describe('manifestOf', () => {
  it('records each built file with its size and sha256, the package, version and commit', () => {
    expect(manifest).toEqual({
      format: 1,
      package: 'demo',
      version: '0.1.0',
      commit: 'c0ffee',
      files: [
        { name: 'demo-0.1.0.tar.gz', kind: 'sdist', size: 4096, sha256: 'a'.repeat(64) },
        {
          name: 'demo-0.1.0-py3-none-any.whl',
          kind: 'wheel',
          size: 3210,
          sha256: 'b'.repeat(64),
        },
      ],
    })
  })

  it('reads back what it wrote', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest)
  })
})

describe('parseManifest', () => {
  const withFile = (file: Record<string, unknown>) =>
    JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], ...file }] })
  it.each([
    ['not json', `${MANIFEST_FILE} is not JSON`],
    ['null', `${MANIFEST_FILE} is not a dists record of format 1`],
    [
      JSON.stringify({ ...manifest, format: 2 }),
      `${MANIFEST_FILE} is not a dists record of format 1`,
    ],
    [JSON.stringify({ ...manifest, files: [] }), `${MANIFEST_FILE}: files is missing or malformed`],
    [
      withFile({ name: '../../etc/passwd' }),
      `${MANIFEST_FILE}: files[0].name is missing or malformed`,
    ],
    [withFile({ name: 'sub/demo.whl' }), `${MANIFEST_FILE}: files[0].name is missing or malformed`],
    [withFile({ name: 'demo.exe' }), `${MANIFEST_FILE}: files[0].name is missing or malformed`],
    [
      withFile({ sha256: 'A'.repeat(64) }),
      `${MANIFEST_FILE}: files[0].sha256 is missing or malformed`,
    ],
    [withFile({ size: -1 }), `${MANIFEST_FILE}: files[0].size is missing or malformed`],
    [withFile({ kind: 'egg' }), `${MANIFEST_FILE}: files[0].kind is missing or malformed`],
    [
      JSON.stringify({ ...manifest, files: [manifest.files[0], manifest.files[0]] }),
      `${MANIFEST_FILE} lists a file twice`,
    ],
    [
      JSON.stringify({ ...manifest, version: '' }),
      `${MANIFEST_FILE}: version is missing or malformed`,
    ],
  ])('refuses %s', (text, expected) => {
    expect(() => parseManifest(text)).toThrow(new ManifestError(expected))
  })
})

describe('compareFileSets', () => {
  const names = manifest.files.map((f) => f.name)
  it.each([
    [[...names, MANIFEST_FILE], [], []],
    [[names[0] ?? '', MANIFEST_FILE], [names[1]], []],
    [[...names, 'evil-9.9.9.tar.gz', MANIFEST_FILE], [], ['evil-9.9.9.tar.gz']],
    [[], [...names].sort(), []],
  ])('%j -> missing %j, extra %j', (present, missing, extra) => {
    expect(compareFileSets(manifest, present)).toEqual({ missing, extra })
  })
})
