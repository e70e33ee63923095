import { describe, expect, it } from '@jest/globals'
import {
  chooseRelease,
  ManifestError,
  type ManifestRelease,
  osVersionFromOsRelease,
  parseManifest,
} from '../../src/python/manifest.js'
import { parseVersionSpec } from '../../src/version-spec.js'

const file = (version: string, arch = 'x64', platform = 'linux', platform_version?: string) => ({
  filename: `python-${version}-${platform}-${platform_version ?? ''}-${arch}.tar.gz`,
  arch,
  platform,
  platform_version,
  download_url: `https://example.invalid/${version}/${platform}/${platform_version ?? 'any'}/${arch}`,
})

const releases: ManifestRelease[] = [
  { version: '3.14.0-rc.1', stable: false, files: [file('3.14.0-rc.1', 'x64', 'linux', '24.04')] },
  {
    version: '3.13.1',
    stable: true,
    files: [file('3.13.1', 'x64', 'linux', '24.04'), file('3.13.1', 'arm64', 'linux', '24.04')],
  },
  {
    version: '3.12.8',
    stable: true,
    files: [
      file('3.12.8', 'x64', 'linux', '22.04'),
      file('3.12.8', 'x64', 'linux', '24.04'),
      file('3.12.8', 'x64', 'darwin'),
    ],
  },
  { version: '3.11.2', stable: true, files: [file('3.11.2', 'x64', 'linux')] },
]

const spec = (text: string) => {
  const s = parseVersionSpec(text, 'python-version')
  if (!s) throw new Error(text)
  return s
}

describe('chooseRelease', () => {
  it.each([
    ['3.x', 'linux', '24.04', 'x64', '3.13.1'],
    ['>=3.9', 'linux', '24.04', 'arm64', '3.13.1'],
    ['3.12', 'linux', '22.04', 'x64', '3.12.8'],
    ['3.13', 'linux', '22.04', 'x64', undefined],
    ['3.x', 'linux', '12', 'x64', '3.11.2'],
    ['3.12', 'darwin', undefined, 'x64', '3.12.8'],
    ['3.14.0-rc.1', 'linux', '24.04', 'x64', '3.14.0-rc.1'],
    ['>=3.14', 'linux', '24.04', 'x64', undefined],
  ])('%s on %s %s %s -> %s', (text, platform, osVersion, arch, expected) => {
    const choice = chooseRelease(releases, spec(text), { platform, osVersion, arch })
    expect(choice?.version).toBe(expected)
    if (choice) {
      expect(choice.file.arch).toBe(arch)
      expect(choice.file.platform).toBe(platform)
    }
  })
})

describe('parseManifest', () => {
  it('keeps releases and drops entries that are not', () => {
    expect(parseManifest(JSON.stringify([...releases, { nope: 1 }]), 'u')).toHaveLength(4)
  })
  it.each(['{', '{"a":1}'])('rejects %j', (text) => {
    expect(() => parseManifest(text, 'http://m/x.json')).toThrow(ManifestError)
  })
})

describe('osVersionFromOsRelease', () => {
  it.each([
    ['NAME="Ubuntu"\nVERSION_ID="24.04"\n', '24.04'],
    ['ID=debian\nVERSION_ID=12\n', '12'],
    ['ID=arch\n', undefined],
  ])('%j', (text, expected) => expect(osVersionFromOsRelease(text)).toBe(expected))
})
