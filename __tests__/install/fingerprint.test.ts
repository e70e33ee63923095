import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  hasStaticVersion,
  projectFingerprint,
  readProjectMarker,
  writeProjectMarker,
} from '../../src/install/fingerprint.js'

let dir: string
let other: string

/** A small project: pyproject.toml, a package, a test, and a .git folder. */
function project(root: string): void {
  mkdirSync(path.join(root, 'demo'), { recursive: true })
  mkdirSync(path.join(root, 'tests'))
  mkdirSync(path.join(root, '.git'))
  writeFileSync(path.join(root, 'pyproject.toml'), '[project]\nname = "demo"\nversion = "1.0"\n')
  writeFileSync(path.join(root, 'demo', '__init__.py'), 'VALUE = 1\n')
  writeFileSync(path.join(root, 'tests', 'test_demo.py'), 'def test(): pass\n')
  writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n')
}

beforeEach(() => {
  const base = path.join(os.tmpdir(), `fingerprint-${process.pid}-${Date.now()}`)
  dir = path.join(base, 'a')
  other = path.join(base, 'b')
  project(dir)
  project(other)
})
afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }))

describe('projectFingerprint', () => {
  it('is the same for the same files in another folder', () => {
    expect(projectFingerprint(dir)).toMatch(/^[0-9a-f]{64}$/)
    expect(projectFingerprint(dir)).toBe(projectFingerprint(other))
  })

  it.each<[string, (root: string) => void]>([
    [
      'a byte of a module',
      (r) => writeFileSync(path.join(r, 'demo', '__init__.py'), 'VALUE = 2\n'),
    ],
    ['a new empty file', (r) => writeFileSync(path.join(r, 'demo', 'data.txt'), '')],
    ['a new empty folder', (r) => mkdirSync(path.join(r, 'demo', 'sub'))],
    [
      'a file moved',
      (r) => {
        rmSync(path.join(r, 'tests', 'test_demo.py'))
        writeFileSync(path.join(r, 'test_demo.py'), 'def test(): pass\n')
      },
    ],
    ['the executable bit', (r) => chmodSync(path.join(r, 'demo', '__init__.py'), 0o755)],
    ['a symlink', (r) => symlinkSync('__init__.py', path.join(r, 'demo', 'alias.py'))],
    ['a test file', (r) => writeFileSync(path.join(r, 'tests', 'test_demo.py'), 'def test(): 1\n')],
  ])('changes with %s', (_what, change) => {
    const before = projectFingerprint(dir)
    change(dir)
    expect(projectFingerprint(dir)).not.toBe(before)
  })

  it('leaves out .git, and takes what git says as extra', () => {
    const before = projectFingerprint(dir)
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/other\n')
    expect(projectFingerprint(dir)).toBe(before)
    expect(projectFingerprint(dir, 'v1.0-0-gabc')).not.toBe(before)
    expect(projectFingerprint(dir, 'v1.0-1-gdef')).not.toBe(projectFingerprint(dir, 'v1.0-0-gabc'))
  })
})

describe('hasStaticVersion', () => {
  it.each<[string, Record<string, unknown> | undefined, boolean]>([
    ['no pyproject.toml', undefined, false],
    ['no [project]', { 'build-system': {} }, false],
    ['a version', { project: { name: 'a', version: '1.0' } }, true],
    ['dynamic version', { project: { name: 'a', dynamic: ['version'] } }, false],
    ['a version, other fields dynamic', { project: { version: '1', dynamic: ['readme'] } }, true],
  ])('%s -> %s', (_what, pyproject, expected) => {
    expect(hasStaticVersion(pyproject)).toBe(expected)
  })
})

describe('the project marker', () => {
  it('reads back what was written', () => {
    writeProjectMarker(dir, { fingerprint: 'f'.repeat(64), distName: 'demo', venvPip: true })
    expect(readProjectMarker(dir)).toEqual({
      fingerprint: 'f'.repeat(64),
      distName: 'demo',
      venvPip: true,
    })
  })

  it.each([
    ['missing', undefined],
    ['not JSON', '{'],
    ['without a fingerprint', '{"distName": "demo"}'],
  ])('%s: undefined', (_what, text) => {
    if (text !== undefined) writeFileSync(path.join(dir, 'python-ci-project.json'), text)
    expect(readProjectMarker(dir)).toBeUndefined()
  })
})

describe('projectFingerprint and symlinks', () => {
  it('follows a linked folder: a change in what it points to changes the fingerprint', () => {
    const shared = path.join(path.dirname(dir), 'shared')
    mkdirSync(shared)
    writeFileSync(path.join(shared, 'util.py'), 'A = 1\n')
    symlinkSync(shared, path.join(dir, 'demo', 'shared'))
    const before = projectFingerprint(dir)
    writeFileSync(path.join(shared, 'util.py'), 'A = 2\n')
    expect(projectFingerprint(dir)).not.toBe(before)
  })

  it('does not loop on a link back up, and a dangling link still counts', () => {
    symlinkSync('..', path.join(dir, 'demo', 'up'))
    symlinkSync('missing.py', path.join(dir, 'demo', 'gone.py'))
    expect(projectFingerprint(dir)).toMatch(/^[0-9a-f]{64}$/)
  })
})
