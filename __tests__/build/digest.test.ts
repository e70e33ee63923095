import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { changedSinceBuild, describeChange, digestOf } from '../../src/build/digest.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterAll(removeWorkspaces)

const A = 'ab12'.repeat(16)
const B = '9f3c'.repeat(16)

describe('describeChange', () => {
  it.each([
    ['the same bytes', A, A, undefined],
    [
      'other bytes',
      A,
      B,
      'demo.whl changed after the build (sha256 ab12ab12ab12… at build, 9f3c9f3c9f3c… now)',
    ],
    ['no file', A, undefined, 'demo.whl is gone since the build (sha256 ab12ab12ab12…)'],
  ])('%s', (_, built, now, line) => {
    expect(describeChange('demo.whl', built, now)).toBe(line)
  })
})

describe('digestOf and changedSinceBuild', () => {
  it("gives sha256sum's digest and the size", () => {
    const dir = createWorkspace({ 'a.whl': 'wheel bytes' })
    const expected = createHash('sha256').update('wheel bytes').digest('hex')
    expect(digestOf(path.join(dir, 'a.whl'))).toEqual({ sha256: expected, size: 11 })
  })

  it('names only the files whose bytes changed or went', () => {
    const dir = createWorkspace({ 'a.tar.gz': 'sdist', 'a.whl': 'wheel', 'b.whl': 'gone' })
    const files = ['a.tar.gz', 'a.whl', 'b.whl'].map((fileName) => {
      const file = path.join(dir, fileName)
      return { path: file, fileName, sha256: digestOf(file).sha256 }
    })
    expect(changedSinceBuild(files)).toEqual([])
    writeFileSync(path.join(dir, 'a.whl'), 'wheel, rewritten')
    const moved = files.map((f) => (f.fileName === 'b.whl' ? { ...f, path: `${f.path}.x` } : f))
    const changes = changedSinceBuild(moved)
    expect(changes).toHaveLength(2)
    expect(changes[0]).toMatch(/^a\.whl changed after the build /)
    expect(changes[1]).toMatch(/^b\.whl is gone since the build /)
  })
})
