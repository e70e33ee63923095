import { describe, expect, it } from '@jest/globals'
import { pipIsOffline } from '../../src/install/install.js'

describe('pipIsOffline', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
    ['YES', true],
    [' on ', true],
  ])('PIP_NO_INDEX=%j -> %s', (value, offline) => {
    expect(pipIsOffline(value === undefined ? {} : { PIP_NO_INDEX: value })).toBe(offline)
  })
})
