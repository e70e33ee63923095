import { describe, expect, it } from '@jest/globals'
import { ShellWordsError, splitShellWords } from '../src/shell-words.js'

describe('splitShellWords', () => {
  it.each([
    ['', []],
    ['  -x   -q ', ['-x', '-q']],
    ['-k "not slow"', ['-k', 'not slow']],
    ["-k 'a and b'", ['-k', 'a and b']],
    ['-m "x \\"y\\""', ['-m', 'x "y"']],
    ['a\\ b c', ['a b', 'c']],
    ['"$HOME" `x`', ['$HOME', '`x`']],
    ["''", ['']],
    ['a"b"\'c\'', ['abc']],
    ['one\ntwo\tthree', ['one', 'two', 'three']],
  ])('%j -> %j', (input, expected) => {
    expect(splitShellWords(input)).toEqual(expected)
  })

  it.each([
    ['-k "unclosed', 'unterminated double quote'],
    ["-k 'unclosed", 'unterminated single quote at position 4'],
    ['trailing\\', 'trailing backslash'],
  ])('%j fails: %s', (input, message) => {
    expect(() => splitShellWords(input)).toThrow(new ShellWordsError(message))
  })
})
