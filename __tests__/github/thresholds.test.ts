import { describe, expect, it } from '@jest/globals'
import { failsUnder, failUnderReason } from '../../src/report/thresholds.js'
import { createCoverage } from '../helpers/metrics.js'

describe('failsUnder, as coverage.py compares fail_under', () => {
  it.each([
    [79.6, '80', 80, false],
    [79.4, '79', 80, true],
    [79.94, '79.94', 79.95, true],
    [79.946, '79.95', 79.95, false],
    [99.9, '99', 100, true],
    [100, '100', 100, false],
    [0, '0', 0, false],
    [12.5, '12.50', 12.5, false],
  ])('%d (shown %s) against %d: %s', (percent, percentDisplay, threshold, fails) => {
    expect(failsUnder(createCoverage({ percent, percentDisplay }), threshold)).toBe(fails)
  })

  it('names the threshold and the measured value', () => {
    expect(failUnderReason(createCoverage({ percent: 78.57, percentDisplay: '79' }), 90)).toBe(
      'coverage 79% is under fail-under 90%',
    )
    expect(failUnderReason(createCoverage(), undefined)).toBeUndefined()
    expect(failUnderReason(undefined, 90)).toBeUndefined()
  })
})
