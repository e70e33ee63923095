import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { findLeftovers, isLeftover, removeNewLeftovers } from '../../src/install/leftovers.js'
import { BufferedLog } from '../../src/log.js'
import { replayedLines } from '../helpers/log.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterEach(removeWorkspaces)

describe('isLeftover', () => {
  it.each([
    ['build', true],
    ['.eggs', true],
    ['demo.egg-info', true],
    ['src/demo.egg-info', true],
    ['src/build', false],
    ['a/b/demo.egg-info', false],
    ['demo', false],
    ['tests', false],
  ])('%s: %s', (folder, leftover) => {
    expect(isLeftover(folder)).toBe(leftover)
  })
})

describe('removeNewLeftovers', () => {
  it('removes only what appeared since the snapshot, and says so', () => {
    const dir = createWorkspace({
      'setup.py': '',
      'demo/__init__.py': '',
      'old.egg-info/PKG-INFO': '',
      '.git/HEAD': '',
    })
    const before = findLeftovers(dir)
    expect(before).toEqual(['old.egg-info'])
    for (const made of ['build/lib/demo', 'demo.egg-info', 'src/other.egg-info', '.git/x.egg-info'])
      mkdirSync(path.join(dir, made), { recursive: true })
    expect(findLeftovers(dir)).toEqual([
      'build',
      'demo.egg-info',
      'old.egg-info',
      'src/other.egg-info',
    ])
    const log = new BufferedLog()
    removeNewLeftovers(log, dir, before, 'the install')
    expect(replayedLines(log)).toEqual([
      'info removed what the install left in the checkout: build, demo.egg-info, src/other.egg-info',
    ])
    expect(findLeftovers(dir)).toEqual(['old.egg-info'])
  })
})
