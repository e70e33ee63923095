import { describe, expect, it } from '@jest/globals'
import { mayHoldCommand, withCommandsStopped } from '../src/log.js'

describe('mayHoldCommand', () => {
  it.each([
    ['plain text', '✓ build 2.1s: demo-0.1.0.tar.gz', false],
    ['one colon pair apart', 'a: b: c', false],
    ['a lone hash', 'issue #12 [fixed]', false],
    ['a ::command:: line', '::error::forged', true],
    ['a ::command:: after spaces', '   ::set-output name=x::1', true],
    ['a ::command:: on a later line', 'ok\n::add-mask::passed', true],
    ['a ::command:: after a carriage return', 'ok\r::error::x', true],
    ['a pytest node id', 'tests/test_a.py::test_b PASSED', true],
    ['a legacy command', '##[error]forged', true],
    ['a legacy command mid-line', 'text ##[set-output name=coverage]100', true],
    ['an upper-case legacy command', '##[ERROR]forged', true],
    ['a zero width inside the legacy prefix', '#\u200b#[error]x', true],
    ['a soft hyphen inside ::', ':\u00ad:error::x', true],
    ['a NUL inside the legacy prefix', '##\0[error]x', true],
  ])('%s', (_, text, expected) => {
    expect(mayHoldCommand(text)).toBe(expected)
  })
})

describe('withCommandsStopped', () => {
  it('puts the text between the pause and its token', () => {
    expect(withCommandsStopped('##[error]x\n::error::y', 'tok')).toBe(
      '::stop-commands::tok\n##[error]x\n::error::y\n::tok::',
    )
  })
})
