import { describe, expect, it } from '@jest/globals'
import { failureReason, formatCommand, stripColour, tail } from '../src/process.js'

describe('failureReason', () => {
  it.each([
    [
      '* Getting build dependencies...\nERROR Missing dependencies:\n\teditables>=0.3\n',
      'Missing dependencies: editables>=0.3',
    ],
    [
      'ERROR Backend subprocess exited when trying to invoke build_sdist\n',
      'Backend subprocess exited when trying to invoke build_sdist',
    ],
    [
      'running sdist\nerror: package directory demo does not exist\n\n',
      'error: package directory demo does not exist',
    ],
    [
      'Processing ./x\nERROR: Could not find a version that satisfies the requirement nope (from versions: none)\nERROR: No matching distribution found for nope\n',
      'No matching distribution found for nope',
    ],
    ['\x1b[31mERROR: bad\x1b[0m\n', 'bad'],
    ['', undefined],
  ])('%j -> %j', (output, reason) => expect(failureReason(output)).toBe(reason))
})

describe('tail and stripColour', () => {
  it('keeps the last lines, without colour codes', () => {
    expect(tail('a\nb\n\x1b[1mc\x1b[0m\n\n', 2)).toBe('b\nc')
    expect(stripColour('\x1b[33mWARNING\x1b[0m x')).toBe('WARNING x')
  })
})

describe('formatCommand', () => {
  it.each<[string, string[], string]>([
    ['python', ['-m', 'pip', 'install', '/w/demo[test]'], "python -m pip install '/w/demo[test]'"],
    ['python', ['-k', 'not slow', "it's"], "python -k 'not slow' 'it'\\''s'"],
    [
      'pip',
      ['--index-url', 'https://user:s3cret@example.org/simple'],
      "pip --index-url 'https://***@example.org/simple'",
    ],
    [
      'pip',
      ['--extra-index-url=https://tok@example.org/simple', ''],
      "pip '--extra-index-url=https://***@example.org/simple' ''",
    ],
  ])('%s %j', (command, args, expected) => expect(formatCommand(command, args)).toBe(expected))
})
