import { describe, expect, it } from '@jest/globals'
import {
  buildBackendOf,
  LEGACY_BACKEND,
  LEGACY_REQUIRES,
  wheelDistName,
} from '../../src/install/wheel.js'

describe('buildBackendOf', () => {
  it.each<[string, Record<string, unknown> | undefined, string, string[], readonly string[]]>([
    ['no pyproject.toml', undefined, LEGACY_BACKEND, [], LEGACY_REQUIRES],
    [
      'no build-backend',
      { 'build-system': { requires: ['setuptools'] } },
      LEGACY_BACKEND,
      [],
      ['setuptools'],
    ],
    [
      'setuptools',
      {
        'build-system': { 'build-backend': 'setuptools.build_meta', requires: ['setuptools>=61'] },
      },
      'setuptools.build_meta',
      [],
      ['setuptools>=61'],
    ],
    [
      'an in-tree backend',
      {
        'build-system': {
          'build-backend': 'backend:hooks',
          'backend-path': ['_build', 3],
          requires: [],
        },
      },
      'backend:hooks',
      ['_build'],
      [],
    ],
  ])('%s', (_what, pyproject, backend, backendPath, requires) => {
    expect(buildBackendOf(pyproject)).toEqual({ backend, backendPath, requires })
  })
})

describe('wheelDistName', () => {
  it.each([
    ['/tmp/x/cache_demo-0.1.0-py3-none-any.whl', 'cache_demo'],
    ['demo-1.0-1-cp311-cp311-linux_x86_64.whl', 'demo'],
    ['not-a-wheel', undefined],
  ])('%s -> %s', (file, name) => {
    expect(wheelDistName(file)).toBe(name)
  })
})
