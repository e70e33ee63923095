import { describe, expect, it } from '@jest/globals'
import { failsUnder, failUnderDiffReason, failUnderReason } from '../../src/verdict/thresholds.js'
import { createCoverage, createDiffCoverage } from '../helpers/metrics.js'

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

describe('failUnderDiffReason, as diff-cover compares --fail-under', () => {
  it.each([
    [79.99, 79, 80, 'changed-lines coverage 79% is under fail-under-diff 80%'],
    [80, 80, 80, undefined],
    [99.9, 99, 100, 'changed-lines coverage 99% is under fail-under-diff 100%'],
    [100, 100, 100, undefined],
    [0, 0, 0, undefined],
    [50, 50, 50.5, 'changed-lines coverage 50% is under fail-under-diff 50.5%'],
  ])('%d (shown %i) against %d', (percent, percentTruncated, threshold, reason) => {
    const diff = createDiffCoverage({
      percent,
      percentTruncated,
      percentDisplay: String(percentTruncated),
    })
    expect(failUnderDiffReason(diff, threshold)).toBe(reason)
  })

  it('never fails a change without measured lines, nor without a threshold', () => {
    const none = { measured: false, reason: 'no changed lines' } as const
    expect(failUnderDiffReason(none, 80)).toBeUndefined()
    expect(failUnderDiffReason(undefined, 80)).toBeUndefined()
    expect(
      failUnderDiffReason(createDiffCoverage({ percentTruncated: 1 }), undefined),
    ).toBeUndefined()
  })
})
