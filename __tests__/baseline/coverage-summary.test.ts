import { describe, expect, it } from '@jest/globals'
import {
  baselineArtifactName,
  compareCoverage,
  coverageSummary,
  decideBaseline,
  parseCoverageSummary,
  SummaryError,
} from '../../src/baseline/coverage-summary.js'
import { parseRunEvent } from '../../src/github/run-event.js'
import { deltaMark, describeBaseline, formatDelta } from '../../src/report/figures.js'
import { renderSummary, renderText } from '../../src/report/markdown.js'
import type { CoverageBaseline } from '../../src/report/metrics.js'
import { toOutputs } from '../../src/report/outputs.js'
import { maxCoverageDropReason } from '../../src/verdict/thresholds.js'
import {
  createBaseline,
  createCoverage,
  createFileCoverage,
  createMetrics,
} from '../helpers/metrics.js'

const SHA = '89abcdef0123456789abcdef0123456789abcdef'

const base = createCoverage({
  percent: 87.5,
  percentDisplay: '87.50',
  coveredLines: 70,
  statements: 80,
  coveredBranches: 0,
  branches: 0,
  files: [
    createFileCoverage({
      path: 'demo/a.py',
      statements: 40,
      missing: 0,
      percent: 100,
      percentDisplay: '100.00',
    }),
    createFileCoverage({
      path: 'demo/b.py',
      statements: 40,
      missing: 10,
      percent: 75,
      percentDisplay: '75.00',
    }),
    createFileCoverage({
      path: 'demo/gone.py',
      statements: 5,
      missing: 5,
      percent: 0,
      percentDisplay: '0.00',
    }),
  ],
})

describe('the stored summary', () => {
  it('reads back what a base run wrote', () => {
    const summary = coverageSummary(base, SHA, 'main')
    expect(parseCoverageSummary(JSON.stringify(summary))).toEqual(summary)
    expect(summary.total).toEqual({
      percent: 87.5,
      percentDisplay: '87.50',
      coveredLines: 70,
      statements: 80,
      coveredBranches: 0,
      branches: 0,
    })
    expect(summary.files['demo/b.py']).toEqual({
      coveredLines: 30,
      statements: 40,
      percent: 75,
      percentDisplay: '75.00',
    })
  })

  const good = () => JSON.parse(JSON.stringify(coverageSummary(base, SHA, 'main')))
  it.each([
    ['not JSON', () => '{', 'coverage-summary.json is not JSON'],
    [
      'another format',
      () => JSON.stringify({ ...good(), format: 2 }),
      'has format 2; this version reads 1',
    ],
    ['no total', () => JSON.stringify({ ...good(), total: null }), 'total is not an object'],
    [
      'a percent over 100',
      () => JSON.stringify({ ...good(), total: { ...good().total, percent: 101 } }),
      'total.percent is not a number from 0 to 100',
    ],
    [
      'a fractional count',
      () => JSON.stringify({ ...good(), total: { ...good().total, statements: 1.5 } }),
      'total.statements is not a whole number',
    ],
    [
      'a display that is no percentage',
      () => JSON.stringify({ ...good(), total: { ...good().total, percentDisplay: '<b>' } }),
      'total.percentDisplay is not a percentage',
    ],
    [
      'a bad file entry',
      () => JSON.stringify({ ...good(), files: { 'x.py': { statements: 1 } } }),
      'files["x.py"].coveredLines is not a whole number',
    ],
    [
      'no sha',
      () => JSON.stringify({ ...good(), sha: 1 }),
      'coverage-summary.json.sha is not a string',
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseCoverageSummary(text())).toThrow(SummaryError)
    expect(() => parseCoverageSummary(text())).toThrow(message)
  })
})

describe('formatDelta and deltaMark', () => {
  it.each([
    [1.25, 2, '+1.25', '▲ +1.25'],
    [-0.5, 2, '-0.50', '▼ −0.50'],
    [0, 2, '0', '= 0'],
    [0.004, 2, '0', '= 0'],
    [-0.004, 2, '0', '= 0'],
    [-0.006, 2, '-0.01', '▼ −0.01'],
    [12.4, 0, '+12', '▲ +12'],
    [-0.4, 0, '0', '= 0'],
    [-3.6, 0, '-4', '▼ −4'],
  ])('%d at precision %d: %s, %s', (delta, precision, display, mark) => {
    expect(formatDelta(delta, precision)).toBe(display)
    expect(deltaMark(display)).toBe(mark)
  })
})

describe('compareCoverage', () => {
  const summary = coverageSummary(base, SHA, 'main')
  const current = createCoverage({
    percent: 86.25,
    percentDisplay: '86.25',
    files: [
      createFileCoverage({ path: 'demo/a.py', percent: 100, percentDisplay: '100.00' }),
      createFileCoverage({ path: 'demo/b.py', percent: 72.5, percentDisplay: '72.50' }),
      createFileCoverage({ path: 'demo/new.py', percent: 50, percentDisplay: '50.00' }),
    ],
  })
  const compared = compareCoverage(current, summary, 'python-ci-coverage')

  it('takes the delta from the exact totals, shown at the report precision', () => {
    expect(compared).toMatchObject({
      kind: 'compared',
      branch: 'main',
      artifact: 'python-ci-coverage',
      base: { sha: SHA, percent: 87.5, percentDisplay: '87.50' },
      delta: 86.25 - 87.5,
      deltaDisplay: '-1.25',
    })
  })

  it('lists moved files by the size of the move, new files after, unchanged ones not at all', () => {
    if (compared.kind !== 'compared') throw new Error('not compared')
    expect(compared.files.map((f) => [f.path, f.basePercentDisplay, f.percentDisplay])).toEqual([
      ['demo/b.py', '75.00', '72.50'],
      ['demo/new.py', undefined, '50.00'],
    ])
  })

  it('is one line for the log', () => {
    expect(describeBaseline(compared)).toBe('-1.25 against main 89abcde (87.50%)')
    expect(
      describeBaseline({ kind: 'missing', branch: 'main', note: 'no baseline yet for main' }),
    ).toBe('no baseline yet for main')
  })
})

describe('decideBaseline', () => {
  const repository = { default_branch: 'main' }
  it.each([
    ['push', 'refs/heads/main', { repository }, { kind: 'store', branch: 'main' }],
    [
      'push',
      'refs/heads/dev',
      { repository },
      { kind: 'none', reason: 'a push to dev, not the default branch' },
    ],
    [
      'push',
      'refs/tags/v1.0',
      { repository },
      { kind: 'none', reason: 'not a push or pull request event (push)' },
    ],
    [
      'pull_request',
      'refs/pull/7/merge',
      { pull_request: { base: { ref: 'main' } } },
      { kind: 'compare', branch: 'main' },
    ],
    [
      'pull_request_target',
      'refs/heads/main',
      { pull_request: { base: { ref: 'release/1.x' } } },
      { kind: 'compare', branch: 'release/1.x' },
    ],
    [
      'pull_request',
      'refs/pull/7/merge',
      {},
      { kind: 'none', reason: 'the pull request payload names no base branch' },
    ],
    [
      'workflow_dispatch',
      'refs/heads/main',
      { repository },
      { kind: 'none', reason: 'not a push or pull request event (workflow_dispatch)' },
    ],
  ])('%s %s', (event, ref, payload, expected) => {
    expect(
      decideBaseline(parseRunEvent({ GITHUB_EVENT_NAME: event, GITHUB_REF: ref }, payload)),
    ).toEqual(expected)
  })
})

describe('baselineArtifactName', () => {
  it.each([
    ['', 'python-ci-coverage'],
    ['py3.12', 'python-ci-coverage-py3.12'],
    ['pkg/a: linux', 'python-ci-coverage-pkg_a_ linux'],
  ])('%j -> %s', (id, name) => {
    expect(baselineArtifactName(id)).toBe(name)
  })
})

describe('maxCoverageDropReason', () => {
  const compared = (deltaDisplay: string): CoverageBaseline => ({
    kind: 'compared',
    branch: 'main',
    artifact: 'python-ci-coverage',
    base: {
      sha: SHA,
      percent: 87.5,
      percentDisplay: '87.50',
      coveredLines: 70,
      statements: 80,
      coveredBranches: 0,
      branches: 0,
    },
    delta: Number(deltaDisplay),
    deltaDisplay,
    files: [],
  })
  it.each([
    [
      '-1.25',
      1,
      'coverage dropped 1.25 points against main (87.50% there), more than max-coverage-drop 1',
    ],
    ['-1.25', 1.25, undefined],
    [
      '-0.01',
      0,
      'coverage dropped 0.01 points against main (87.50% there), more than max-coverage-drop 0',
    ],
    ['0', 0, undefined],
    ['+2.00', 0, undefined],
    ['-5.00', undefined, undefined],
  ])('delta %s, max %s', (delta, max, reason) => {
    expect(maxCoverageDropReason(compared(delta), max)).toBe(reason)
  })

  it('is no failure without a baseline', () => {
    expect(
      maxCoverageDropReason(
        { kind: 'missing', branch: 'main', note: 'no baseline yet for main' },
        0,
      ),
    ).toBeUndefined()
    expect(maxCoverageDropReason(undefined, 0)).toBeUndefined()
  })
})

describe('the report', () => {
  const moved = createBaseline({
    branch: 'feature/<b>',
    files: [
      {
        path: 'demo/b.py',
        basePercent: 75,
        basePercentDisplay: '75',
        percent: 72.5,
        percentDisplay: '72',
        delta: -2.4,
      },
      { path: 'demo/new_|.py', percent: 50, percentDisplay: '50' },
    ],
  })

  it('shows the delta with the base numbers and a short sha in a code span', () => {
    const markdown = renderSummary(createMetrics({ baseline: moved }))
    expect(markdown).toContain(
      '**▼ −1** points against **feature/&lt;b&gt;**: 80% at `89abcde` (lines 9/10, branches 3/4)',
    )
    expect(markdown).toContain('<details><summary>2 files with changed coverage</summary>')
    expect(markdown).toContain('| demo/b.py | 75% | 72% | ▼ −2 |')
    expect(markdown).toContain('| demo/new&#95;&#124;.py | new | 50% |  |')
  })

  it('drops the per-file rows with the coverage rows when the comment is short of room', () => {
    const markdown = renderSummary(createMetrics({ baseline: moved }), { maxFiles: 0 })
    expect(markdown).toContain('**▼ −1** points against')
    expect(markdown).not.toContain('files with changed coverage')
  })

  it.each([
    ['missing', 'ℹ️ Against the base branch: no baseline yet for main'],
    ['unreadable', '⚠️ Against the base branch: no baseline yet for main'],
  ] as const)('says "%s" in one line, with no delta anywhere', (kind, line) => {
    const metrics = createMetrics({
      baseline: { kind, branch: 'main', note: 'no baseline yet for main' },
    })
    const markdown = renderSummary(metrics)
    expect(markdown).toContain(line)
    expect(markdown).toContain('coverage **79%** ·')
    expect(renderText(metrics)).toContain('baseline  no baseline yet for main\n')
    expect(toOutputs(metrics, '/r.md')['coverage-delta']).toBeUndefined()
  })

  it('gives coverage-delta as shown', () => {
    expect(toOutputs(createMetrics(), '/r.md')['coverage-delta']).toBe('-1')
    const up = createBaseline({ delta: 1.254, deltaDisplay: '+1' })
    expect(toOutputs(createMetrics({ baseline: up }), '/r.md')['coverage-delta']).toBe('+1')
  })
})
