import { chmodSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  FINGERPRINT_BUDGET,
  hasStaticVersion,
  projectFingerprint,
  readProjectMarker,
  writeProjectMarker,
} from '../../src/install/fingerprint.js'
import { itUnreadable } from '../helpers/permissions.js'

let dir: string
let other: string

/** The fingerprint's hash; a fingerprint that is unknown fails the test with its reason. */
function hashOf(root: string, extra?: string): string {
  const fingerprint = projectFingerprint(root, extra)
  if (!('hash' in fingerprint)) throw new Error(fingerprint.unknown)
  return fingerprint.hash
}

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
    expect(hashOf(dir)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashOf(dir)).toBe(hashOf(other))
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
    const before = hashOf(dir)
    change(dir)
    expect(hashOf(dir)).not.toBe(before)
  })

  it('leaves out .git, and takes what git says as extra', () => {
    const before = hashOf(dir)
    writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/other\n')
    expect(hashOf(dir)).toBe(before)
    expect(hashOf(dir, 'v1.0-0-gabc')).not.toBe(before)
    expect(hashOf(dir, 'v1.0-1-gdef')).not.toBe(hashOf(dir, 'v1.0-0-gabc'))
  })
})

describe('projectFingerprint leaves out what is never built', () => {
  /** Writes each file, with its folders, holding `text`. */
  const write = (root: string, files: readonly string[], text: string) => {
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      writeFileSync(path.join(root, file), text)
    }
  }

  // The folder holding the left-out one is there before: a new folder counts.
  it.each<[string, string, string[]]>([
    ['__pycache__', 'demo', ['__pycache__/__init__.cpython-311.pyc']],
    ['.pytest_cache', '', ['.pytest_cache/v/cache/lastfailed']],
    ['.mypy_cache', '', ['.mypy_cache/3.11/demo.data.json']],
    ['.ruff_cache', '', ['.ruff_cache/CACHEDIR.TAG']],
    ['.tox', '', ['.tox/py311/lib/site.py']],
    ['.nox', '', ['.nox/tests/lib/site.py']],
    ['node_modules', 'web', ['node_modules/left-pad/index.js']],
    ['a nested .git', 'vendor/lib', ['.git/HEAD']],
    ['.venv with pyvenv.cfg', '', ['.venv/pyvenv.cfg', '.venv/lib/site.py']],
    ['venv with pyvenv.cfg', 'tools', ['venv/pyvenv.cfg', 'venv/lib/site.py']],
  ])('%s: added, then changed, the fingerprint stays', (_what, parent, files) => {
    mkdirSync(path.join(dir, parent), { recursive: true })
    const before = hashOf(dir)
    write(path.join(dir, parent), files, 'one\n')
    expect(hashOf(dir)).toBe(before)
    write(path.join(dir, parent), files, 'two\n')
    expect(hashOf(dir)).toBe(before)
    // A module beside them still counts.
    writeFileSync(path.join(dir, 'demo', '__init__.py'), 'VALUE = 3\n')
    expect(hashOf(dir)).not.toBe(before)
  })

  it('a package named venv, without pyvenv.cfg, counts', () => {
    const before = hashOf(dir)
    write(dir, ['venv/__init__.py'], 'X = 1\n')
    expect(hashOf(dir)).not.toBe(before)
  })
})

describe('projectFingerprint gives up, never fails', () => {
  itUnreadable('a folder it may not read: unknown, naming it', () => {
    const pgdata = path.join(dir, 'pgdata')
    mkdirSync(pgdata)
    chmodSync(pgdata, 0o000)
    try {
      expect(projectFingerprint(dir)).toEqual({
        unknown: `the checkout could not be read (EACCES: permission denied, scandir '${pgdata}')`,
      })
    } finally {
      chmodSync(pgdata, 0o755)
    }
  })

  it('a link that loops on itself: unknown', () => {
    symlinkSync('loop', path.join(dir, 'loop'))
    const fingerprint = projectFingerprint(dir)
    expect(fingerprint).toEqual({
      unknown: expect.stringMatching(
        /^the checkout could not be read \(.*ELOOP: too many symbolic links/,
      ),
    })
  })

  it.each([
    ['files and folders', { entries: 7, bytes: 4 * 1024 * 1024 }, 'more than 7 files and folders'],
    ['bytes', { entries: 100, bytes: 1024 * 1024 }, 'more than 1 MiB in its files'],
  ])('over the budget of %s: unknown, naming the budget', (_what, budget, over) => {
    // The project has 5 files and folders besides .git; three more, one a sparse 2 MiB file.
    expect(projectFingerprint(dir, '', budget)).toHaveProperty('hash')
    writeFileSync(path.join(dir, 'data.bin'), '')
    truncateSync(path.join(dir, 'data.bin'), 2 * 1024 * 1024)
    mkdirSync(path.join(dir, 'a'))
    mkdirSync(path.join(dir, 'b'))
    expect(projectFingerprint(dir, '', budget)).toEqual({
      unknown: `the checkout holds ${over}, the fingerprint's budget`,
    })
  })

  it('the default budget: 20,000 files and folders, 256 MiB', () => {
    expect(FINGERPRINT_BUDGET).toEqual({ entries: 20_000, bytes: 256 * 1024 * 1024 })
  })

  it('hashes a file bigger than its read buffer whole: a change at the end counts', () => {
    const big = path.join(dir, 'demo', 'model.bin')
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024 + 7, 1))
    const before = hashOf(dir)
    writeFileSync(big, Buffer.concat([Buffer.alloc(3 * 1024 * 1024 + 6, 1), Buffer.from([2])]))
    expect(hashOf(dir)).not.toBe(before)
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
    const marker = { fingerprint: 'f'.repeat(64), distName: 'demo', venvPip: true, buildEnv: true }
    writeProjectMarker(dir, marker)
    expect(readProjectMarker(dir)).toEqual(marker)
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
    const before = hashOf(dir)
    writeFileSync(path.join(shared, 'util.py'), 'A = 2\n')
    expect(hashOf(dir)).not.toBe(before)
  })

  it('does not loop on a link back up, and a dangling link still counts', () => {
    symlinkSync('..', path.join(dir, 'demo', 'up'))
    symlinkSync('missing.py', path.join(dir, 'demo', 'gone.py'))
    expect(hashOf(dir)).toMatch(/^[0-9a-f]{64}$/)
  })
})
