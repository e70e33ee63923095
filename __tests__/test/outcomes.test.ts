import { describe, expect, it } from '@jest/globals'
import { OutcomesError, parseOutcomes, withOutcomes } from '../../src/test/outcomes.js'
import { createResults, EVERY_OUTCOME } from '../helpers/metrics.js'

// What the plugin wrote for a run whose pytest said
// "2 failed, 4 passed, 2 skipped, 1 xfailed, 1 xpassed, 3 errors".
const EVERY = JSON.stringify({
  counts: { error: 3, passed: 4, failed: 2, skipped: 2, xfailed: 1, xpassed: 1 },
  tests: 11,
  collection_errors: 1,
  interrupted: null,
})

describe('parseOutcomes', () => {
  it("reads pytest's categories", () => {
    expect(parseOutcomes(EVERY)).toEqual(EVERY_OUTCOME)
  })

  it('takes a category pytest never used as none, and keeps why pytest stopped', () => {
    const text = JSON.stringify({
      counts: { error: 1, deselected: 3 },
      tests: 0,
      collection_errors: 1,
      interrupted: 'Interrupted: 1 error during collection',
    })
    expect(parseOutcomes(text)).toMatchObject({
      passed: 0,
      errors: 1,
      tests: 0,
      interrupted: 'Interrupted: 1 error during collection',
    })
  })

  it.each([
    ['not JSON', '{"counts": '],
    ['not an object', '[1]'],
    ['a count that is no count', '{"counts": {"passed": -1}}'],
    ['a fraction', '{"counts": {}, "tests": 1.5}'],
  ])('rejects %s', (_label, text) => {
    expect(() => parseOutcomes(text)).toThrow(OutcomesError)
  })
})

describe('withOutcomes', () => {
  it("keeps the JUnit report's problems and times, with pytest's counts", () => {
    const junit = createResults({ tests: 12, passed: 5, skipped: 2, xfailed: 1, errors: 3 })
    const merged = withOutcomes(junit, parseOutcomes(EVERY))
    expect(merged).toMatchObject({ tests: 11, passed: 4, xpassed: 1, collectionErrors: 1 })
    expect(merged.problems).toBe(junit.problems)
    expect(merged.seconds).toBe(junit.seconds)
  })
})
