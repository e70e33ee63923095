import { describe, expect, it } from '@jest/globals'
import {
  builtFiles,
  checkDists,
  generatorName,
  scmVersionWarning,
  wheelContentWarnings,
} from '../../src/build/build.js'
import type { DistFile } from '../../src/report/metrics.js'

const dist = (kind: DistFile['kind'], name: string, version: string): DistFile => ({
  path: `/d/${name}-${version}.${kind === 'wheel' ? 'whl' : 'tar.gz'}`,
  fileName: `${name}-${version}.${kind === 'wheel' ? 'whl' : 'tar.gz'}`,
  kind,
  size: 10,
  sha256: 'x',
  name,
  version,
})

describe('builtFiles', () => {
  it.each([
    [
      'Successfully built demo-0.1.0.tar.gz and demo-0.1.0-py3-none-any.whl',
      ['demo-0.1.0.tar.gz', 'demo-0.1.0-py3-none-any.whl'],
    ],
    [
      '* Building wheel...\n\x1b[1mSuccessfully built\x1b[0m x-1.tar.gz and x-1-py3-none-any.whl\n',
      ['x-1.tar.gz', 'x-1-py3-none-any.whl'],
    ],
    [
      'noise\nSuccessfully built x-1.tar.gz and x-1-py3-none-any.whl\n',
      ['x-1.tar.gz', 'x-1-py3-none-any.whl'],
    ],
    ['Successfully built x-1-py3-none-any.whl', ['x-1-py3-none-any.whl']],
    ['ERROR Backend subprocess exited', []],
  ])('%j', (output, expected) => {
    expect(builtFiles(output)).toEqual(expected)
  })
})

describe('generatorName', () => {
  // As the backends write their WHEEL files.
  it.each([
    ['setuptools (80.9.0)', 'setuptools 80.9.0'],
    ['bdist_wheel (0.38.4)', 'bdist_wheel 0.38.4'],
    ['hatchling 1.27.0', 'hatchling 1.27.0'],
    ['poetry-core 2.1.3', 'poetry-core 2.1.3'],
    ['flit 3.12.0', 'flit 3.12.0'],
    ['maturin (1.8.1)', 'maturin 1.8.1'],
    ['  meson  ', 'meson'],
  ])('%s', (generator, expected) => {
    expect(generatorName(generator)).toBe(expected)
  })
})

describe('checkDists', () => {
  it.each<[DistFile | undefined, DistFile | undefined, string[]]>([
    [dist('sdist', 'demo', '1.0'), dist('wheel', 'demo', '1.0'), []],
    [dist('sdist', 'Demo.Pkg', '1.0'), dist('wheel', 'demo_pkg', '1.0'), []],
    [
      dist('sdist', 'demo', '1.0'),
      dist('wheel', 'other', '1.0'),
      ['the sdist is named demo but the wheel other'],
    ],
    [
      dist('sdist', 'demo', '1.0'),
      dist('wheel', 'demo', '1.1'),
      ['the sdist has version 1.0 but the wheel 1.1'],
    ],
    [undefined, dist('wheel', 'demo', '1.0'), ['no sdist was built']],
    [
      dist('sdist', 'demo', ''),
      undefined,
      ['no wheel was built', 'demo-.tar.gz has no Name or Version in its metadata'],
    ],
  ])('%#', (sdist, wheel, problems) => {
    expect(checkDists(sdist, wheel)).toEqual(problems)
  })
})

describe('scmVersionWarning', () => {
  it.each([
    ['1.2.3', true, false],
    ['1.2.3.dev0', false, false],
    ['0.1.dev1', true, true],
    ['0.1.dev1+g1a2b3c4', true, true],
    ['2.0.1.dev4+g0123abcd.d20260101', false, true],
    ['1.0+local', true, false],
  ])('%s (shallow %s, no tag) warns: %s', (version, shallow, warns) => {
    const warning = scmVersionWarning(version, shallow)
    expect(warning !== undefined).toBe(warns)
    if (warning) {
      expect(warning).toContain(version)
      expect(warning).toContain('fetch-depth: 0')
      expect(warning).toContain(shallow ? 'the checkout is shallow' : 'no git tag was found')
    }
  })

  it.each([
    ['4.26.1.dev142+gb37f7be6d', false, false],
    ['0.1.dev1+g1a2b3c4', true, true],
  ])('%s after a reachable tag (shallow %s) warns: %s', (version, shallow, warns) => {
    expect(scmVersionWarning(version, shallow, true) !== undefined).toBe(warns)
  })
})

describe('wheelContentWarnings', () => {
  it.each<[string[], string[]]>([
    [['demo', 'demo-1.0.dist-info'], []],
    [['demo.py', 'demo-1.0.dist-info', 'demo-1.0.data'], []],
    [
      ['demo-1.0.dist-info'],
      [
        "w.whl holds no Python package or module, only metadata; check the backend's package configuration",
      ],
    ],
    [
      ['demo', 'tests', 'demo-1.0.dist-info'],
      [
        "w.whl installs a top-level 'tests' package, which collides with other projects' tests; exclude it from the wheel",
      ],
    ],
  ])('%j', (top, warnings) => expect(wheelContentWarnings('w.whl', top)).toEqual(warnings))
})
