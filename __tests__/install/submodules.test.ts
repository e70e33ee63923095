import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  emptySubmodulesWarning,
  submodulePaths,
  warnEmptySubmodules,
} from '../../src/install/submodules.js'
import { BufferedLog } from '../../src/log.js'
import { replayedLines } from '../helpers/log.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterEach(removeWorkspaces)

const GITMODULES = `[submodule "shapes"]
\tpath = vendor/shapes
\turl = https://github.com/o/shapes.git
[submodule "docs theme"]
\tpath = "docs/theme/"
\turl = ../theme.git
[core]
\tpath = not/a/submodule
`

describe('submodulePaths', () => {
  it("reads each submodule's path, and nothing else", () => {
    expect(submodulePaths(GITMODULES)).toEqual(['vendor/shapes', 'docs/theme'])
  })
})

describe('emptySubmodulesWarning', () => {
  it.each([
    [[], undefined],
    [
      ['vendor/shapes'],
      "vendor/shapes is a git submodule (.gitmodules) but its folder is empty: the checkout has no submodules. If the tests need them, check out with `submodules: true` (actions/checkout's input)",
    ],
    [
      ['a', 'b'],
      "a, b are git submodules (.gitmodules) but their folders are empty: the checkout has no submodules. If the tests need them, check out with `submodules: true` (actions/checkout's input)",
    ],
  ])('%j -> %j', (empty, warning) => {
    expect(emptySubmodulesWarning(empty)).toBe(warning)
  })
})

describe('warnEmptySubmodules', () => {
  function warningsFor(dir: string): string[] {
    const log = new BufferedLog()
    warnEmptySubmodules(log, dir)
    return replayedLines(log).map((l) => l.replace(/^warning /, ''))
  }

  it("warns of the empty or missing ones, from a project in the repository's subfolder", () => {
    const root = createWorkspace({ '.gitmodules': GITMODULES, 'pkg/setup.py': '', '.git/HEAD': '' })
    mkdirSync(path.join(root, 'vendor', 'shapes'), { recursive: true })
    const [warning, ...more] = warningsFor(path.join(root, 'pkg'))
    expect(more).toEqual([])
    expect(warning).toMatch(/^vendor\/shapes, docs\/theme are git submodules/)
  })

  it('is silent when the submodules are there, or there are none', () => {
    const root = createWorkspace({
      '.gitmodules': GITMODULES,
      'vendor/shapes/x.py': '',
      'docs/theme/y.css': '',
    })
    expect(warningsFor(root)).toEqual([])
    const nested = createWorkspace({ '.gitmodules': GITMODULES, 'pkg/.git': 'gitdir: x' })
    expect(warningsFor(path.join(nested, 'pkg'))).toEqual([])
  })
})
