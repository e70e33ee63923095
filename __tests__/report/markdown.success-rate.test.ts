import { describe, expect, it } from '@jest/globals'
import { describeHistory, renderSummary } from '../../src/report/markdown.js'
import type { BuildHistory } from '../../src/report/metrics.js'
import { createHistory, createMetrics } from '../helpers/metrics.js'

/** The summary's success-rate line. */
function line(history: BuildHistory): string | undefined {
  return renderSummary(createMetrics({ history }))
    .split('\n')
    .find((l) => l.startsWith('Build success rate'))
}

describe('the build success rate line', () => {
  it.each<[string, BuildHistory, string, string]>([
    [
      'a measured rate',
      createHistory(),
      'Build success rate on `main`: 85% (17 of 20 completed runs)',
      '85% (17 of 20 completed runs) on main',
    ],
    [
      'one run, with skipped runs left out',
      createHistory({ successes: 1, completed: 1, notCounted: 2, percent: 100 }),
      'Build success rate on `main`: 100% (1 of 1 completed run; 2 skipped or cancelled not counted)',
      '100% (1 of 1 completed run; 2 skipped or cancelled not counted) on main',
    ],
    [
      'a fraction',
      createHistory({ successes: 7, completed: 8, percent: 87.5 }),
      'Build success rate on `main`: 87.5% (7 of 8 completed runs)',
      '87.5% (7 of 8 completed runs) on main',
    ],
    [
      'no completed runs yet',
      createHistory({ kind: 'no-runs', successes: 0, completed: 0, percent: 0 }),
      'Build success rate on `main`: no completed runs yet',
      'no completed runs yet on main',
    ],
    [
      'not measured',
      { kind: 'not-measured', reason: 'the workflow runs API failed (see the warning)' },
      'Build success rate: not measured (the workflow runs API failed &#40;see the warning&#41;)',
      'not measured (the workflow runs API failed (see the warning))',
    ],
  ])('%s', (_, history, markdown, text) => {
    expect(line(history)).toBe(markdown)
    expect(describeHistory(history)).toBe(text)
  })

  it('keeps a branch name inert', () => {
    expect(line(createHistory({ branch: 'fix/`x`@octocat' }))).toBe(
      'Build success rate on fix/&#96;x&#96;@&#8203;octocat: 85% (17 of 20 completed runs)',
    )
    expect(line(createHistory({ branch: 'feat/*x*@octocat' }))).toBe(
      'Build success rate on `feat/*x*@octocat`: 85% (17 of 20 completed runs)',
    )
  })

  it('is absent when the pipeline did not look', () => {
    expect(
      renderSummary(createMetrics({ history: undefined })).includes('Build success rate'),
    ).toBe(false)
  })
})
