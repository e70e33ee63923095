import { describe, expect, it } from '@jest/globals'
import { cacheKeys, decideCache, type KeyParts } from '../../src/cache/key.js'

const HASH = 'a'.repeat(64)
const parts: KeyParts = {
  os: 'Linux',
  osVersion: 'debian-12',
  arch: 'x64',
  pythonVersion: '3.11.2',
  installer: 'pip',
  dependencyHash: HASH,
  suffix: '',
  environmentSettings: '{"install":"auto"}',
}

describe('cacheKeys', () => {
  it('composes the keys from the machine, the interpreter, the installer and the hash', () => {
    const keys = cacheKeys(parts)
    expect(keys.pip.primary).toBe(`python-ci-pip-Linux-debian-12-x64-py3.11.2-pip-${HASH}`)
    expect(keys.pip.restoreKeys).toEqual(['python-ci-pip-Linux-debian-12-x64-py3.11.2-pip-'])
    expect(keys.venv.primary).toMatch(
      new RegExp(`^python-ci-venv-Linux-debian-12-x64-py3\\.11\\.2-pip-[0-9a-f]{12}-${HASH}$`),
    )
    expect(keys.venv.restoreKeys).toEqual([])
  })

  it('gives the same keys for the same inputs', () => {
    expect(cacheKeys({ ...parts })).toEqual(cacheKeys(parts))
  })

  it.each<[string, Partial<KeyParts>, ('pip' | 'venv')[]]>([
    ['a dependency file byte', { dependencyHash: 'b'.repeat(64) }, ['pip', 'venv']],
    ['the Python patch version', { pythonVersion: '3.11.3' }, ['pip', 'venv']],
    ['the OS version', { osVersion: 'debian-13' }, ['pip', 'venv']],
    ['the architecture', { arch: 'arm64' }, ['pip', 'venv']],
    ['the OS', { os: 'macOS' }, ['pip', 'venv']],
    ['the suffix', { suffix: 'nightly' }, ['pip', 'venv']],
    ['the install settings', { environmentSettings: '{"install":"none"}' }, ['venv']],
  ])('a change of %s gives new keys for %j', (_what, change, changed) => {
    const before = cacheKeys(parts)
    const after = cacheKeys({ ...parts, ...change })
    for (const layer of ['pip', 'venv'] as const) {
      if (changed.includes(layer)) expect(after[layer].primary).not.toBe(before[layer].primary)
      else expect(after[layer].primary).toBe(before[layer].primary)
    }
  })

  it('keeps the pip restore key a prefix of the primary key, without the hash', () => {
    for (const p of [parts, { ...parts, suffix: 'x-1' }, { ...parts, osVersion: '' }]) {
      const { pip } = cacheKeys(p)
      expect(pip.primary.startsWith(pip.restoreKeys[0] ?? '?')).toBe(true)
      expect(pip.primary.slice((pip.restoreKeys[0] ?? '').length)).toBe(HASH)
    }
  })

  it('puts the suffix before the hash and keeps commas out of keys', () => {
    const keys = cacheKeys({ ...parts, suffix: 'a,b c' })
    expect(keys.pip.primary).toBe(`python-ci-pip-Linux-debian-12-x64-py3.11.2-pip-a_b_c-${HASH}`)
  })
})

describe('decideCache', () => {
  it.each<[string, string, string, boolean, RegExp]>([
    ['auto', 'push', 'refs/heads/main', true, /^cache: auto \(push\)$/],
    ['auto', 'pull_request', 'refs/pull/1/merge', true, /auto \(pull_request\)/],
    ['auto', 'push', 'refs/tags/v1.0', false, /off for a tag push \(v1\.0\)/],
    ['auto', 'release', 'refs/tags/v1.0', false, /off for a tag push/],
    ['auto', 'release', 'refs/heads/main', false, /off for a release event/],
    ['auto', 'pull_request_target', 'refs/heads/main', false, /pull_request_target/],
    ['auto', 'workflow_run', 'refs/heads/main', false, /workflow_run/],
    ['true', 'release', 'refs/tags/v1.0', true, /^cache: true$/],
    ['true', 'pull_request_target', 'refs/heads/main', true, /^cache: true$/],
    ['false', 'push', 'refs/heads/main', false, /^cache: false$/],
  ])('cache %s on %s %s → %s', (mode, eventName, ref, enabled, reason) => {
    const decision = decideCache(mode as 'auto' | 'true' | 'false', { name: eventName, ref })
    expect(decision.enabled).toBe(enabled)
    expect(decision.reason).toMatch(reason)
    expect(decision.reason).not.toContain('\n')
  })

  it('names the override when auto turns caching off', () => {
    expect(decideCache('auto', { name: 'workflow_run', ref: '' }).reason).toMatch(/set cache: true/)
  })
})
