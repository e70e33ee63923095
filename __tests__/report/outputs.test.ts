import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { toAnnotations, toOutputs } from '../../src/report/outputs.js'
import {
  createBuild,
  createDiffCoverage,
  createMetrics,
  createProblem,
  createPublish,
  createResults,
  createTestRun,
} from '../helpers/metrics.js'

const REPORT = '/work/demo/.python-ci/python-ci-report.md'

describe('toOutputs', () => {
  it('gives every output when every stage ran', () => {
    expect(toOutputs(createMetrics(), REPORT)).toEqual({
      'python-version': '3.12.4',
      'python-path': '/opt/hostedtoolcache/Python/3.12.4/x64/bin/python',
      sdist: '/work/demo/dist/demo-0.1.0.tar.gz',
      wheel: '/work/demo/dist/demo-0.1.0-py3-none-any.whl',
      'package-name': 'demo',
      'package-version': '0.1.0',
      'dists-artifact': 'dists-demo-test-linux-x64-py3.12',
      tests: '10',
      passed: '8',
      failed: '1',
      skipped: '1',
      xfailed: '0',
      xpassed: '0',
      errors: '0',
      coverage: '79',
      'coverage-delta': '-1',
      published: 'true',
      'published-files': '["demo-0.1.0.tar.gz","demo-0.1.0-py3-none-any.whl"]',
      'cache-hit': 'false',
      'comment-url': 'https://github.com/owner/repo/pull/7#issuecomment-1',
      'diff-coverage': '77',
      'success-rate': '85',
      cancelled: 'false',
      'report-path': REPORT,
    })
  })

  it('says cancelled true for the report of a cancelled step', () => {
    const outputs = toOutputs(createMetrics({ cancelled: 'SIGTERM' }), REPORT)
    expect(outputs.cancelled).toBe('true')
  })

  it.each([
    ['skipped', createPublish({ status: 'skipped', files: [], reasons: ['publish: false'] })],
    [
      'skipped as already there',
      createPublish({
        files: createPublish().files.map((f) => ({ ...f, outcome: 'skipped' as const })),
      }),
    ],
    [
      'refused',
      createPublish({ status: 'refused', files: [], reasons: ['the tests did not pass'] }),
    ],
  ])('says published false when publishing was %s', (_label, publish) => {
    const outputs = toOutputs(createMetrics({ publish }), REPORT)
    expect(outputs.published).toBe('false')
    expect(outputs['published-files']).toBe('[]')
  })

  it('lists only the files uploaded by this step', () => {
    const [sdist, wheel] = createPublish().files
    if (!sdist || !wheel) throw new Error('createPublish gives two files')
    const publish = createPublish({ files: [{ ...sdist, outcome: 'skipped' }, wheel] })
    const outputs = toOutputs(createMetrics({ publish }), REPORT)
    expect(outputs.published).toBe('true')
    expect(outputs['published-files']).toBe('["demo-0.1.0-py3-none-any.whl"]')
  })

  it('uses exactly the outputs action.yml declares', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'))
    const declared = Object.keys(action.outputs).sort()
    expect(Object.keys(toOutputs(createMetrics(), REPORT)).sort()).toEqual(declared)
  })

  it.each([
    [
      'nothing ran',
      { python: undefined, build: undefined, test: undefined },
      ['python-version', 'python-path', 'sdist', 'wheel', 'package-name', 'package-version'].concat(
        ['tests', 'passed', 'failed', 'skipped', 'xfailed', 'xpassed', 'errors', 'coverage'],
      ),
    ],
    [
      'the build failed',
      { build: createBuild({ ok: false, sdist: undefined, wheel: undefined }) },
      ['sdist', 'wheel', 'package-name', 'package-version'],
    ],
    ['only the sdist was built', { build: createBuild({ wheel: undefined }) }, ['wheel']],
    [
      'pytest left no report',
      { test: createTestRun({ results: undefined }) },
      ['tests', 'passed', 'failed', 'skipped', 'xfailed', 'xpassed', 'errors'],
    ],
    ['there is no coverage', { test: createTestRun({ coverage: undefined }) }, ['coverage']],
    [
      'the changed lines were not measured',
      { diffCoverage: { measured: false, reason: 'no changed lines' } } as const,
      ['diff-coverage'],
    ],
    [
      'the success rate was not measured',
      { history: { kind: 'not-measured', reason: 'outside GitHub Actions' } } as const,
      ['success-rate'],
    ],
  ])('leaves keys out when %s', (_label, overrides, missing) => {
    const all = Object.keys(toOutputs(createMetrics(), REPORT))
    const keys = Object.keys(toOutputs(createMetrics(overrides), REPORT))
    expect(keys).toEqual(all.filter((key) => !missing.includes(key)))
  })
})

describe('toAnnotations', () => {
  it('gives one error per failing test', () => {
    const problems = [
      createProblem(),
      createProblem({
        kind: 'error',
        id: 'tests/test_db.py::test_query',
        file: 'tests/test_db.py',
        line: undefined,
        message: 'failed on setup with "KeyError"',
        details: 'E   KeyError',
      }),
    ]
    const metrics = createMetrics({
      test: createTestRun({ results: createResults({ failed: 1, errors: 1, problems }) }),
    })
    expect(toAnnotations(metrics, { repoPrefix: 'project', annotateUncovered: false })).toEqual([
      {
        level: 'error',
        title: 'Test failed: tests/test_calc.py::test_add',
        message: `assert 3 == 4\n\n${createProblem().details}`,
        file: 'project/tests/test_calc.py',
        startLine: 7,
      },
      {
        level: 'error',
        title: 'Test error: tests/test_db.py::test_query',
        message: 'failed on setup with "KeyError"\n\nE   KeyError',
        file: 'project/tests/test_db.py',
      },
    ])
  })

  it('names a collection error as such, with its exception first', () => {
    const problems = [
      createProblem({
        kind: 'collection',
        id: 'tests/test_io.py',
        file: 'tests/test_io.py',
        line: 1,
        message: "ModuleNotFoundError: No module named 'foo'",
        details:
          "tests/test_io.py:1: in <module>\n    import foo\nE   ModuleNotFoundError: No module named 'foo'",
      }),
    ]
    const results = createResults({ failed: 0, errors: 1, collectionErrors: 1, problems })
    const metrics = createMetrics({ test: createTestRun({ results }) })
    const [annotation, ...rest] = toAnnotations(metrics, {
      repoPrefix: '',
      annotateUncovered: false,
    })
    expect(rest).toEqual([])
    expect(annotation).toMatchObject({
      level: 'error',
      title: 'Collection error: tests/test_io.py',
      file: 'tests/test_io.py',
      startLine: 1,
    })
    expect(annotation?.message.split('\n')[0]).toBe("ModuleNotFoundError: No module named 'foo'")
  })

  it.each([
    ['a path in the working directory', 'tests/t.py', '', 'tests/t.py'],
    ['a path with a prefix', 'tests/t.py', 'sub/dir', 'sub/dir/tests/t.py'],
    ['Windows separators', 'tests\\t.py', 'sub', 'sub/tests/t.py'],
    ['an absolute path', '/usr/lib/python3/x.py', '', undefined],
    ['a path above the working directory', '../other/t.py', 'sub', undefined],
    ['a file whose name starts with two dots', '..hidden/t.py', 'sub', 'sub/..hidden/t.py'],
    ['no path', undefined, 'sub', undefined],
  ])('places %s', (_label, file, repoPrefix, expected) => {
    const problems = [createProblem({ file })]
    const metrics = createMetrics({ test: createTestRun({ results: createResults({ problems }) }) })
    const [annotation] = toAnnotations(metrics, { repoPrefix })
    expect(annotation.file).toBe(expected)
    expect(annotation.startLine).toBe(expected === undefined ? undefined : 7)
  })

  it('keeps the end of a long traceback, within 2000 characters', () => {
    const details = [
      ...Array.from({ length: 60 }, (_, i) => `frame ${i} ${'x'.repeat(200)}`),
      'E   Boom',
    ]
    const problems = [createProblem({ details: details.join('\n') })]
    const metrics = createMetrics({ test: createTestRun({ results: createResults({ problems }) }) })
    const [annotation] = toAnnotations(metrics, { repoPrefix: '' })
    expect(annotation.message.length).toBeLessThanOrEqual(2000)
    expect(annotation.message.startsWith('assert 3 == 4\n\n…')).toBe(true)
    expect(annotation.message.endsWith('E   Boom')).toBe(true)
  })

  it('stops at maxErrors and counts the rest in a notice', () => {
    const problems = Array.from({ length: 12 }, (_, i) => createProblem({ id: `t.py::test_${i}` }))
    const metrics = createMetrics({
      test: createTestRun({ results: createResults({ failed: 70, errors: 3, problems }) }),
    })
    const annotations = toAnnotations(metrics, {
      repoPrefix: '',
      maxErrors: 5,
      annotateUncovered: false,
    })
    expect(annotations.map((a) => a.level)).toEqual([...Array(5).fill('error'), 'notice'])
    expect(annotations[5].message).toBe(
      '68 more failing tests are not annotated; the job summary and the log list them.',
    )
  })

  it("stops at GitHub's 10 errors per step by default", () => {
    const problems = Array.from({ length: 11 }, () => createProblem())
    const metrics = createMetrics({
      test: createTestRun({ results: createResults({ failed: 11, problems }) }),
    })
    const annotations = toAnnotations(metrics, { repoPrefix: '', annotateUncovered: false })
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10)
    expect(annotations.at(-1)?.message).toMatch(/^1 more failing test is not annotated/)
  })

  it.each([
    ['tests did not run', { test: undefined }],
    [
      'nothing failed',
      { test: createTestRun({ results: createResults({ failed: 0, problems: [] }) }) },
    ],
    ['pytest left no report', { test: createTestRun({ results: undefined }) }],
  ])('gives none when %s', (_label, overrides) => {
    const metrics = createMetrics({ ...overrides, diffCoverage: undefined })
    expect(toAnnotations(metrics, { repoPrefix: '' })).toEqual([])
  })
})

describe('uncovered changed lines as annotations', () => {
  const noTests = { test: createTestRun({ results: undefined }) }

  it('gives one warning per range, at its repository path and lines', () => {
    const diffCoverage = createDiffCoverage({
      files: [{ ...createDiffCoverage().files[0], path: 'pkg/a.py', uncoveredLines: [3, 4, 5, 9] }],
    })
    // The paths are the repository's already: the working directory's prefix is not added.
    const annotations = toAnnotations(createMetrics({ ...noTests, diffCoverage }), {
      repoPrefix: 'sub',
    })
    expect(annotations).toEqual([
      {
        level: 'warning',
        title: 'Changed lines not covered',
        message: 'Lines 3-5 were changed and no test runs them.',
        file: 'pkg/a.py',
        startLine: 3,
        endLine: 5,
      },
      {
        level: 'warning',
        title: 'Changed lines not covered',
        message: 'Line 9 was changed and no test runs it.',
        file: 'pkg/a.py',
        startLine: 9,
      },
    ])
  })

  it.each([
    [
      25,
      10,
      '15 more ranges of uncovered changed lines are not annotated; the job summary lists them.',
    ],
    [
      11,
      10,
      '1 more range of uncovered changed lines is not annotated; the job summary lists them.',
    ],
    [10, 10, undefined],
    [4, 3, '1 more range of uncovered changed lines is not annotated; the job summary lists them.'],
  ])('%i ranges, at most %i warnings: then one notice', (ranges, max, notice) => {
    const uncoveredLines = Array.from({ length: ranges }, (_, i) => 10 * i + 1)
    const file = { ...createDiffCoverage().files[0], uncoveredLines }
    const metrics = createMetrics({
      ...noTests,
      diffCoverage: createDiffCoverage({ files: [file] }),
    })
    const annotations = toAnnotations(metrics, {
      repoPrefix: '',
      ...(max !== 10 && { maxWarnings: max }),
    })
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(Math.min(ranges, max))
    expect(annotations.find((a) => a.level === 'notice')?.message).toBe(notice)
  })

  it.each([
    ['annotate-uncovered is false', { annotateUncovered: false }, createDiffCoverage()],
    ['nothing was measured', {}, { measured: false, reason: 'no changed lines' } as const],
  ])('gives none when %s', (_label, options, diffCoverage) => {
    const metrics = createMetrics({ ...noTests, diffCoverage })
    expect(toAnnotations(metrics, { repoPrefix: '', ...options })).toEqual([])
  })
})
