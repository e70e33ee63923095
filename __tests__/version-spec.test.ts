import { describe, expect, it } from '@jest/globals'
import {
  highestMatch,
  parseVersionSpec,
  toSemver,
  type VersionSpec,
  versionFromFile,
} from '../src/version-spec.js'

function spec(text: string): VersionSpec {
  const parsed = parseVersionSpec(text, 'python-version')
  if (!parsed) throw new Error(`${text} should parse`)
  return parsed
}

describe('parseVersionSpec(...).matches', () => {
  describe('PEP 440 specifier sets', () => {
    it.each([
      ['==3.11.*', '3.11.0', true],
      ['==3.11.*', '3.11.9', true],
      ['==3.11.*', '3.12.0', false],
      ['==3.11.*', '3.1.0', false],
      ['==3.11', '3.11.0', true],
      ['==3.11', '3.11.4', false],
      ['==3.11.4', '3.11.4', true],
      ['===3.11.4', '3.11.4', true],
      ['~=3.10', '3.10.0', true],
      ['~=3.10', '3.13.2', true],
      ['~=3.10', '3.9.18', false],
      ['~=3.10', '4.0.0', false],
      ['~=3.10.2', '3.10.2', true],
      ['~=3.10.2', '3.10.14', true],
      ['~=3.10.2', '3.10.1', false],
      ['~=3.10.2', '3.11.0', false],
      ['!=3.12.1', '3.12.1', false],
      ['!=3.12.1', '3.12.2', true],
      ['!=3.12.*', '3.12.5', false],
      ['!=3.12.*', '3.13.0', true],
      ['>=3.9,<3.13', '3.9.0', true],
      ['>=3.9,<3.13', '3.12.7', true],
      ['>=3.9,<3.13', '3.13.0', false],
      ['>=3.9,<3.13', '3.8.18', false],
      ['>=3.9, <3.13', '3.12.7', true],
      ['>=3.9 , <3.13', '3.13.1', false],
      ['>= 3.10', '3.10.0', true],
      ['>3.11', '3.11.0', false],
      ['>3.11', '3.11.1', true],
      ['<=3.11', '3.11.0', true],
      ['<=3.11', '3.11.1', false],
      ['<3.12', '3.11.9', true],
      ['<3.12', '3.12.0', false],
      ['>=2.7,!=3.0.*,!=3.1.*', '3.1.5', false],
      ['>=2.7,!=3.0.*,!=3.1.*', '3.2.0', true],
      ['>=3.10', '3.14.0rc1', false],
      ['>=3.10', '3.13.0b2', false],
      ['>=3.14.0rc1', '3.14.0rc1', true],
      ['>=3.14.0rc1', '3.14.1', true],
      ['>=3.10', 'not-a-version', false],
    ])('%j matches %s: %s', (text, version, expected) => {
      expect(spec(text).matches(version)).toBe(expected)
    })
  })

  describe('setup-python versions and ranges', () => {
    it.each([
      ['3', '3.0.0', true],
      ['3', '3.13.1', true],
      ['3', '2.7.18', false],
      ['3', '3.14.0rc1', false],
      ['3.12', '3.12.0', true],
      ['3.12', '3.12.9', true],
      ['3.12', '3.12', true],
      ['3.12', '3.13.0', false],
      ['3.12', '3.11.9', false],
      ['3.14', '3.14.0rc1', false],
      ['3.x', '3.13.0', true],
      ['3.x', '4.0.0', false],
      ['3.x', '3.14.0rc1', false],
      ['3.12.x', '3.12.5', true],
      ['3.12.1', '3.12.1', true],
      ['3.12.1', '3.12.2', false],
      ['v3.12.1', '3.12.1', true],
      ['>=3.10 <3.13', '3.10.0', true],
      ['>=3.10 <3.13', '3.12.4', true],
      ['>=3.10 <3.13', '3.13.0', false],
      ['>=3.10 <3.13', '3.9.9', false],
      ['^3.10', '3.13.0', true],
      ['^3.10', '3.9.0', false],
      ['~3.12', '3.12.3', true],
      ['~3.12', '3.13.0', false],
      ['3.14.0-rc.1', '3.14.0rc1', true],
      ['3.14.0-rc.1', '3.14.0-rc.1', true],
      ['3.14.0-rc.1', '3.14.0rc2', false],
      ['3.14.0-rc.1', '3.14.0', false],
      ['3.14.0rc1', '3.14.0rc1', true],
      ['>=3.14.0-rc.1', '3.14.0rc2', true],
      ['>=3.14.0-rc.1', '3.14.1', true],
      ['>=3.14.0-rc.1', '3.13.5', false],
      ['3.12', 'not-a-version', false],
    ])('%j matches %s: %s', (text, version, expected) => {
      expect(spec(text).matches(version)).toBe(expected)
    })
  })

  it.each([
    ['3.14.0-rc.1', true],
    ['3.14.0rc1', true],
    ['>=3.13.0b1', true],
    ['3.13.0-alpha.2', true],
    ['3.14', false],
    ['>=3.10,<3.13', false],
    ['3.x', false],
  ])('%j allows pre-releases: %s', (text, expected) => {
    expect(spec(text).allowPrerelease).toBe(expected)
  })

  it('keeps the text, trimmed, and the source', () => {
    expect(parseVersionSpec('  3.12\n', '.python-version')).toMatchObject({
      text: '3.12',
      source: '.python-version',
    })
  })

  it.each([
    '',
    '   ',
    'abc',
    'latest',
    '3..1',
    '3.12.',
    '3.12-dev',
    '3.12.4.1',
    '>>3',
    '=>3.10',
    '>=3.10,',
    ',>=3.10',
    '>=3.10,,<3.13',
    '==3.*.1',
    '>=3.10,<',
  ])('%j is in neither grammar', (text) => {
    expect(parseVersionSpec(text, 'python-version')).toBeNull()
  })
})

describe('highestMatch', () => {
  it.each([
    ['3.12', ['3.12.1', '3.12.10', '3.12.9', '3.13.0'], '3.12.10'],
    ['>=3.10', ['3.9.18', '3.13.2', '3.14.0rc1', '3.10.4'], '3.13.2'],
    ['>=3.14.0-rc.1', ['3.14.0rc1', '3.14.0rc2', '3.13.5'], '3.14.0rc2'],
    ['>=3.14.0rc1', ['3.14.0rc1', '3.14.0', '3.14.0rc2'], '3.14.0'],
    ['3.x', ['3.8.0', '3.11.0', '3.9.0'], '3.11.0'],
    ['3.11', ['3.12.0', '3.10.0'], undefined],
    ['3.11', [], undefined],
  ])('%j of %j is %s', (text, versions, expected) => {
    expect(highestMatch(spec(text), versions)).toBe(expected)
  })
})

describe('toSemver', () => {
  it.each([
    ['3.14.0rc1', '3.14.0-rc.1'],
    ['3.14.0-rc.1', '3.14.0-rc.1'],
    ['3.13.0a2', '3.13.0-a.2'],
    ['3.13.0b1', '3.13.0-b.1'],
    ['3.13.0-alpha.1', '3.13.0-a.1'],
    ['3.13.0-beta.2', '3.13.0-b.2'],
    ['3.12', '3.12.0'],
    ['3', '3.0.0'],
    ['v3.11.4', '3.11.4'],
    [' 3.12.4 ', '3.12.4'],
    ['abc', null],
    ['3.x', null],
    ['3.12.4.1', null],
    ['', null],
  ])('%j -> %j', (version, expected) => {
    expect(toSemver(version)).toBe(expected)
  })
})

describe('versionFromFile', () => {
  it.each([
    ['.python-version', '3.12.4\n', '3.12.4'],
    ['.python-version', '# pinned\n\n  3.11 # for now\n3.10\n', '3.11'],
    ['.python-version', '\r\n3.12\r\n', '3.12'],
    ['/repo/sub/.python-version', '3.13', '3.13'],
    ['.python-version', '', null],
    ['.python-version', '# nothing yet\n', null],
    ['.tool-versions', 'nodejs 20.11.0\npython 3.12.1 3.11.7\n', '3.12.1'],
    ['.tool-versions', '# python 3.9\npython   3.10.2\n', '3.10.2'],
    ['C:\\repo\\.tool-versions', 'python 3.11.9\r\n', '3.11.9'],
    ['.tool-versions', 'nodejs 20.11.0\n', null],
    ['runtime.txt', '3.12.2\n', '3.12.2'],
  ])('%s holding %j gives %j', (file, content, expected) => {
    expect(versionFromFile(file, content)).toBe(expected)
  })

  it.each([
    [{ project: { 'requires-python': '>=3.10' } }, '>=3.10'],
    [{ tool: { poetry: { dependencies: { python: '^3.10' } } } }, '>=3.10,<4'],
    [{ tool: { poetry: { dependencies: { python: '^3' } } } }, '>=3.0,<4'],
    [{ tool: { poetry: { dependencies: { python: '~3.11' } } } }, '>=3.11,<3.12'],
    [{ tool: { poetry: { dependencies: { python: '>=3.9,<3.13' } } } }, '>=3.9,<3.13'],
    [
      {
        project: { 'requires-python': '>=3.11' },
        tool: { poetry: { dependencies: { python: '^3.9' } } },
      },
      '>=3.11',
    ],
    [{ project: { name: 'x' } }, null],
    [{ project: { 'requires-python': 3.1 } }, null],
    [{}, null],
  ])('pyproject.toml %j gives %j', (toml, expected) => {
    expect(versionFromFile('/repo/pyproject.toml', '', toml)).toBe(expected)
  })

  it('gives null for a pyproject.toml without its parsed table', () => {
    expect(versionFromFile('pyproject.toml', 'requires-python = ">=3.10"')).toBeNull()
  })
})
