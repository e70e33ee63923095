import { describe, expect, it } from '@jest/globals'
import { poetryPythonMarker, poetryRequirements, poetryVersion } from '../../src/install/poetry.js'

describe('poetryVersion', () => {
  // The ranges are poetry-core's (parse_constraint, next_breaking), written as PEP 440.
  it.each([
    ['^1.2.3', '>=1.2.3,<2.0.0'],
    ['^1.2', '>=1.2,<2.0'],
    ['^1', '>=1,<2'],
    ['^0.2.3', '>=0.2.3,<0.3.0'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0,<0.1'],
    ['^0', '>=0,<1'],
    ['^ 2.0', '>=2.0,<3.0'],
    ['^1.0.0a1', '>=1.0.0a1,<2.0.0'],
    ['~1.2.3', '>=1.2.3,<1.3.0'],
    ['~1.2', '>=1.2,<1.3'],
    ['~1', '>=1,<2'],
    ['~=1.2', '~=1.2'],
    ['*', ''],
    ['', ''],
    ['x.x', ''],
    ['1.2.*', '==1.2.*'],
    ['!=1.2.*', '!=1.2.*'],
    ['1.2.3', '==1.2.3'],
    ['=1.2', '==1.2'],
    ['v1.2', '==1.2'],
    ['<>1.3', '!=1.3'],
    ['>=1.2,<2.0', '>=1.2,<2.0'],
    ['>= 1.2, < 2.0', '>=1.2,<2.0'],
    ['>=1.2 <2.0', '>=1.2,<2.0'],
    ['>=1.2,', '>=1.2'],
    ['^1.2 !=1.5.0', '>=1.2,<2.0,!=1.5.0'],
    ['^1.0 || *', ''],
  ])('%j -> %j', (constraint, specifier) => {
    expect(poetryVersion(constraint)).toEqual({ specifier })
  })

  it.each([
    ['^1.0 || ^2.0', "version '^1.0 || ^2.0' has alternatives (||), which PEP 508 cannot say"],
    ['~1.0 | ~2.0', "version '~1.0 | ~2.0' has alternatives (||), which PEP 508 cannot say"],
    ['latest', "version 'latest' is not understood"],
    ['^x', "version '^x' is not understood"],
  ])('%j has no PEP 440 form', (constraint, unsupported) => {
    expect(poetryVersion(constraint)).toEqual({ unsupported })
  })
})

describe('poetryPythonMarker', () => {
  it.each([
    ['^3.8', 'python_version >= "3.8" and python_version < "4.0"'],
    ['>=3.8.1', 'python_full_version >= "3.8.1"'],
    ['3.9.*', 'python_version == "3.9.*"'],
    ['<3.12', 'python_version < "3.12"'],
    ['*', ''],
    [
      '~2.7 || ^3.4',
      '(python_version >= "2.7" and python_version < "2.8") or (python_version >= "3.4" and python_version < "4.0")',
    ],
    ['<3.8 || >=3.11', 'python_version < "3.8" or python_version >= "3.11"'],
  ])('%j -> %j', (constraint, marker) => {
    expect(poetryPythonMarker(constraint)).toBe(marker)
  })

  it('is undefined for what is not a constraint', () => {
    expect(poetryPythonMarker('three')).toBeUndefined()
  })
})

describe('poetryRequirements', () => {
  const dir = '/work/proj'

  it.each([
    ['pytest', '^7.2', ['pytest>=7.2,<8.0']],
    ['pytest-mock', '*', ['pytest-mock']],
    [
      'requests',
      { version: '^2.31', extras: ['socks', 'security'] },
      ['requests[socks,security]>=2.31,<3.0'],
    ],
    ['tomli', { version: '^2', python: '<3.11' }, ['tomli>=2,<3; python_version < "3.11"']],
    ['pywin32', { version: '*', platform: 'win32' }, ['pywin32; sys_platform == "win32"']],
    [
      'uvloop',
      { version: '>=0.17', markers: "sys_platform != 'win32'", python: '^3.8' },
      [
        'uvloop>=0.17; (python_version >= "3.8" and python_version < "4.0") and (sys_platform != \'win32\')',
      ],
    ],
    [
      'numpy',
      [
        { version: '<1.25', python: '<3.9' },
        { version: '^1.25', python: '>=3.9' },
      ],
      ['numpy<1.25; python_version < "3.9"', 'numpy>=1.25,<2.0; python_version >= "3.9"'],
    ],
    [
      'lib',
      { git: 'https://github.com/o/lib.git', tag: 'v1.0', subdirectory: 'py' },
      ['lib @ git+https://github.com/o/lib.git@v1.0#subdirectory=py'],
    ],
    [
      'lib',
      { git: 'git@github.com:o/lib.git', branch: 'main' },
      ['lib @ git+ssh://git@github.com/o/lib.git@main'],
    ],
    [
      'lib',
      { git: 'https://h/lib.git', python: '^3.9' },
      ['lib @ git+https://h/lib.git ; python_version >= "3.9" and python_version < "4.0"'],
    ],
    ['helper', { path: '../helper' }, ['helper @ file:///work/helper']],
    [
      'wheelish',
      { url: 'https://h/w-1.0-py3-none-any.whl' },
      ['wheelish @ https://h/w-1.0-py3-none-any.whl'],
    ],
    ['python', '^3.9', []],
  ])('%s = %j -> %j', (name, spec, requirements) => {
    expect(poetryRequirements(name, spec, dir)).toEqual({ requirements, notes: [] })
  })

  it.each([
    [
      'tox',
      '^3 || ^4',
      ['tox'],
      ["tox: version '^3 || ^4' has alternatives (||), which PEP 508 cannot say; any version"],
    ],
    [
      'helper',
      { path: 'libs/helper', develop: true },
      ['helper @ file:///work/proj/libs/helper'],
      ["helper: from path 'libs/helper', not editable"],
    ],
    [
      'proj',
      { path: '.', develop: true },
      [],
      ["proj: path '.' is the project itself, installed by the action"],
    ],
    [
      'private',
      { version: '^1', source: 'corp' },
      ['private>=1,<2'],
      ["private: source 'corp' is Poetry's; pip looks in the indexes it is given"],
    ],
    ['odd', 3, [], ['odd: 3 is not a Poetry dependency; left out']],
    ['old', { version: '*', python: 'two' }, [], ["old: python 'two' is not understood; left out"]],
  ])('%s = %j -> %j, with a note', (name, spec, requirements, notes) => {
    expect(poetryRequirements(name, spec, dir)).toEqual({ requirements, notes })
  })
})
