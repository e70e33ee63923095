import { describe, expect, it } from '@jest/globals'
import { chooseSource, noReportReason, testsPassed } from '../../src/test/run-tests.js'
import { createResults } from '../helpers/metrics.js'

describe('chooseSource', () => {
  it.each([
    [
      ['a', 'b'],
      { source: ['x'], include: null, top_level: ['t'] },
      ['a', 'b'],
      'a, b (coverage-source input)',
    ],
    [
      [],
      { source: ['x'], include: null, top_level: ['t'] },
      [],
      "x (the project's coverage configuration)",
    ],
    [
      [],
      { source: null, include: ['src/*'], top_level: ['t'] },
      [],
      "include src/* (the project's coverage configuration)",
    ],
    [
      [],
      { source: null, include: null, top_level: ['t', 'u'] },
      ['t', 'u'],
      "t, u (the installed project's top-level packages)",
    ],
    [
      [],
      { source: [], include: [], top_level: [] },
      [],
      'everything imported (no source configured and no package found); set coverage-source',
    ],
  ])('%j %j', (configured, probe, source, note) => {
    expect(chooseSource(configured, probe)).toEqual({ source, note })
  })
})

describe('testsPassed', () => {
  const some = createResults({ tests: 3, passed: 3, failed: 0, errors: 0, collectionErrors: 0 })
  const none = createResults({ tests: 0, passed: 0, failed: 0, errors: 0, collectionErrors: 0 })
  it.each([
    ['exit 0 with a report', 0, some, false, true],
    ['exit 0 and no report (a test called os._exit(0))', 0, undefined, false, false],
    ['exit 0 and no report, allow-no-tests or not', 0, undefined, true, false],
    ['exit 5, nothing collected', 5, none, false, false],
    ['exit 5, nothing collected, allow-no-tests', 5, none, true, true],
    ['exit 0 with no test (all deselected)', 0, none, false, false],
    ['exit 0 with no test, allow-no-tests', 0, none, true, true],
    ['exit 5 and no report', 5, undefined, true, false],
    ['exit 1 with a report', 1, some, false, false],
  ])('%s', (_, code, results, allowNoTests, passed) => {
    expect(testsPassed(code, results, allowNoTests)).toBe(passed)
  })
})

describe('noReportReason', () => {
  it.each([
    [0, 'pytest wrote no JUnit report (it exited 0; a test may have ended the process)'],
    [5, 'pytest wrote no JUnit report (it exited 5; a test may have ended the process)'],
    [1, 'pytest exited 1 and wrote no JUnit report'],
  ])('exit %i', (code, reason) => expect(noReportReason(code)).toBe(reason))
})
