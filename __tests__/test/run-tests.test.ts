import { describe, expect, it } from '@jest/globals'
import { chooseSource } from '../../src/test/run-tests.js'

describe('chooseSource', () => {
  it.each([
    [
      ['a', 'b'],
      { source: ['x'], include: null, top_level: ['t'] },
      ['a', 'b'],
      'a, b (coverage-source input)',
    ],
    [
      [],
      { source: ['x'], include: null, top_level: ['t'] },
      [],
      "x (the project's coverage configuration)",
    ],
    [
      [],
      { source: null, include: ['src/*'], top_level: ['t'] },
      [],
      "include src/* (the project's coverage configuration)",
    ],
    [
      [],
      { source: null, include: null, top_level: ['t', 'u'] },
      ['t', 'u'],
      "t, u (the installed project's top-level packages)",
    ],
    [
      [],
      { source: [], include: [], top_level: [] },
      [],
      'everything imported (no source configured and no package found); set coverage-source',
    ],
  ])('%j %j', (configured, probe, source, note) => {
    expect(chooseSource(configured, probe)).toEqual({ source, note })
  })
})
