import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { exceptionLine, JUnitParser, JUnitReportError, parseJUnit } from '../../src/report/junit.js'

const REPORTS = new URL('../../__fixtures__/reports/', import.meta.url)

function fixture(name: string): string {
  return readFileSync(new URL(name, REPORTS), 'utf8')
}

// Of pytest-project's test modules, test_broken.py and test_syntax.py cannot be imported.
const COLLECTION_ERRORS = 2

/**
 * The counts pytest printed, e.g. "==== 9 failed, 5 passed, 1 skipped, 1 xfailed,
 * 1 xpassed, 4 errors in 0.16s ====", in JUnit's terms: an xfail is written as
 * <skipped type="pytest.xfail">, a (non-strict) xpass as a plain pass, and a
 * module that cannot be imported as a test case with an error.
 */
function pytestCounts(summaryLine: string) {
  const count = (word: string): number => {
    const match = new RegExp(`(\\d+) ${word}\\b`).exec(summaryLine)
    return match === null ? 0 : Number(match[1])
  }
  const outcomes = {
    failed: count('failed'),
    passed: count('passed'),
    skipped: count('skipped'),
    xfailed: count('xfailed'),
    xpassed: count('xpassed'),
    errors: count('errors?'),
  }
  return {
    tests: Object.values(outcomes).reduce((sum, n) => sum + n, 0) - COLLECTION_ERRORS,
    passed: outcomes.passed + outcomes.xpassed,
    failed: outcomes.failed,
    skipped: outcomes.skipped,
    xfailed: outcomes.xfailed,
    xpassed: 0,
    errors: outcomes.errors,
    collectionErrors: COLLECTION_ERRORS,
  }
}

interface CaseSpec {
  classname?: string
  name?: string
  file?: string
  line?: number
  time?: number
  body?: string
}

function testcase(spec: CaseSpec = {}): string {
  const attributes = [
    `classname="${spec.classname ?? 'tests.test_mod'}"`,
    `name="${spec.name ?? 'test_x'}"`,
    spec.file === undefined ? '' : `file="${spec.file}"`,
    spec.line === undefined ? '' : `line="${spec.line}"`,
    `time="${spec.time ?? 0}"`,
  ].join(' ')
  return spec.body === undefined
    ? `<testcase ${attributes} />`
    : `<testcase ${attributes}>${spec.body}</testcase>`
}

function suite(cases: readonly string[], time?: number): string {
  const timeAttribute = time === undefined ? '' : ` time="${time}"`
  return `<testsuite name="pytest"${timeAttribute}>${cases.join('')}</testsuite>`
}

function report(cases: readonly string[], time?: number): string {
  return `<?xml version="1.0" encoding="utf-8"?><testsuites>${suite(cases, time)}</testsuites>`
}

const failure = (message: string, text: string): string =>
  `<failure message="${message}">${text}</failure>`

describe('parseJUnit on real pytest output', () => {
  it.each(['pytest-xunit1', 'pytest-xunit2'])(
    '%s: counts equal the line pytest printed',
    (name) => {
      const expected = pytestCounts(fixture(`${name}.txt`))
      const results = parseJUnit(fixture(`${name}.xml`))
      expect(results).toMatchObject(expected)
      expect(results.problems).toHaveLength(expected.failed + expected.errors)
    },
  )

  const xunit1 = parseJUnit(fixture('pytest-xunit1.xml'))

  it('takes the testsuite time as the duration', () => {
    const time = /<testsuite [^>]*time="([\d.]+)"/.exec(fixture('pytest-xunit1.xml'))
    expect(xunit1.seconds).toBe(Number(time?.[1]))
  })

  it.each([
    // [node id, kind, file, line, message]
    [
      'tests/test_broken.py',
      'collection',
      'tests/test_broken.py',
      1,
      "ModuleNotFoundError: No module named 'does_not_exist_module'",
    ],
    [
      'tests/test_syntax.py',
      'collection',
      'tests/test_syntax.py',
      4,
      'SyntaxError: invalid syntax',
    ],
    ['tests/test_mixed.py::test_fail', 'failure', 'tests/test_mixed.py', 15, 'assert 1 == 2'],
    [
      'tests/test_mixed.py::test_fail_in_helper',
      'failure',
      'tests/test_mixed.py',
      5,
      'AssertionError: helper says no',
    ],
    [
      'tests/test_mixed.py::test_fixture_error',
      'error',
      'tests/test_mixed.py',
      39,
      'failed on setup with "RuntimeError: fixture exploded"',
    ],
    [
      'tests/test_mixed.py::TestThing::test_method_fail',
      'failure',
      'tests/test_mixed.py',
      61,
      'AssertionError: strings differ',
    ],
    [
      'tests/test_mixed.py::test_hostile[pipe|x]',
      'failure',
      'tests/test_mixed.py',
      70,
      'AssertionError: bad value: a|b',
    ],
    [
      'tests/test_mixed.py::test_hostile[<script>alert(1)</script>]',
      'failure',
      'tests/test_mixed.py',
      70,
      'AssertionError: bad value: <script>alert(1)</script>',
    ],
    [
      'tests/test_mixed.py::test_hostile[line1\\nline2]',
      'failure',
      'tests/test_mixed.py',
      70,
      'AssertionError: bad value: line1',
    ],
  ])('xunit1 problem %s', (id, kind, file, line, message) => {
    const problem = xunit1.problems.find((p) => p.id === id)
    expect(problem).toMatchObject({ kind, file, line, message })
  })

  it('reports a failure in the test and an error in its teardown separately', () => {
    const id = 'tests/test_mixed.py::test_fail_and_teardown_error'
    const kinds = xunit1.problems.filter((p) => p.id === id).map((p) => [p.kind, p.line])
    expect(kinds).toEqual([
      ['failure', 53],
      ['error', 49],
    ])
  })

  it('keeps the traceback text', () => {
    const problem = xunit1.problems.find((p) => p.id === 'tests/test_mixed.py::test_fail')
    expect(problem?.details).toContain('E       assert 1 == 2')
    expect(problem?.details).toContain('>       assert a == b')
  })

  it('lists the slowest tests, slowest first, leaving out unmeasured ones', () => {
    expect(xunit1.slowest.map((slow) => slow.id)).toEqual([
      'tests/test_slow.py::test_slow_a',
      'tests/test_slow.py::test_slow_b',
    ])
    expect(xunit1.slowest[0].seconds).toBeGreaterThan(xunit1.slowest[1].seconds)
  })

  it('falls back to classname::name without the file attribute (xunit2)', () => {
    const xunit2 = parseJUnit(fixture('pytest-xunit2.xml'))
    expect(xunit2.problems.map((p) => [p.id, p.file, p.line]).slice(0, 4)).toEqual([
      ['tests.test_broken', 'tests/test_broken.py', 1],
      ['tests.test_syntax', 'tests/test_syntax.py', 4],
      ['tests.test_mixed::test_fail', undefined, undefined],
      ['tests.test_mixed::test_fail_in_helper', undefined, undefined],
    ])
  })

  it('gives the same result however the input is split', () => {
    const xml = fixture('pytest-xunit1.xml')
    const parser = new JUnitParser()
    for (let start = 0, size = 1; start < xml.length; start += size, size = (size % 13) + 1) {
      parser.write(xml.slice(start, start + size))
    }
    expect(parser.close()).toEqual(xunit1)
  })
})

describe('node ids', () => {
  it.each([
    ['tests.test_mod', 'test_x', 'tests/test_mod.py', 'tests/test_mod.py::test_x'],
    [
      'tests.test_mod.TestCls',
      'test_x[a-1]',
      'tests/test_mod.py',
      'tests/test_mod.py::TestCls::test_x[a-1]',
    ],
    [
      'tests.test_mod.TestA.TestB',
      'test_x',
      'tests/test_mod.py',
      'tests/test_mod.py::TestA::TestB::test_x',
    ],
    ['test_top', 'test_x', 'test_top.py', 'test_top.py::test_x'],
    // --junitprefix=ci puts its prefix in front of the module.
    [
      'ci.tests.test_mod.TestCls',
      'test_x',
      'tests/test_mod.py',
      'tests/test_mod.py::TestCls::test_x',
    ],
    ['tests.test_mod.TestCls', 'test_x', undefined, 'tests.test_mod.TestCls::test_x'],
    ['other.module', 'test_x', 'tests/test_mod.py', 'other.module::test_x'],
    ['tests.test_mod', 'test_x', 'tests\\test_mod.py', 'tests/test_mod.py::test_x'],
    // A collection error: no class, the module as name.
    ['', 'tests.test_broken', 'tests/test_broken.py', 'tests/test_broken.py'],
    ['', 'tests.test_broken', undefined, 'tests.test_broken'],
  ])('classname %j name %j file %j -> %s', (classname, name, file, id) => {
    const xml = report([testcase({ classname, name, file, body: failure('boom', 'text') })])
    expect(parseJUnit(xml).problems[0].id).toBe(id)
  })
})

describe('counting', () => {
  it.each([
    ['nothing', '', { passed: 1 }],
    ['<failure>', failure('m', 't'), { failed: 1 }],
    ['<error>', '<error message="m">t</error>', { errors: 1 }],
    ['<skipped>', '<skipped message="m" />', { skipped: 1 }],
    ['an xfail', '<skipped type="pytest.xfail" message="m" />', { xfailed: 1 }],
    [
      '<failure> and <error>',
      `${failure('m', 't')}<error message="e">t</error>`,
      { failed: 1, errors: 1 },
    ],
    ['<skipped> and <failure>', `<skipped message="s" />${failure('m', 't')}`, { failed: 1 }],
    ['<system-out> only', '<system-out>hello</system-out>', { passed: 1 }],
  ])('a testcase with %s', (_label, body, counts) => {
    const results = parseJUnit(report([testcase({ body })]))
    expect(results).toMatchObject({
      tests: 1,
      passed: 0,
      failed: 0,
      skipped: 0,
      xfailed: 0,
      xpassed: 0,
      errors: 0,
      collectionErrors: 0,
      ...counts,
    })
  })

  it('reads a bare <testsuite>', () => {
    const xml = suite([testcase(), testcase({ body: '<skipped />' })], 2.5)
    expect(parseJUnit(xml)).toMatchObject({ tests: 2, passed: 1, skipped: 1, seconds: 2.5 })
  })

  it.each([
    ['the suite time when present', report([testcase({ time: 1 }), testcase({ time: 2 })], 10), 10],
    [
      'the sum of the cases without one',
      report([testcase({ time: 1 }), testcase({ time: 2.5 })]),
      3.5,
    ],
    [
      'the sum over several suites',
      `<testsuites>${suite([testcase({ time: 1 })], 4)}${suite([testcase({ time: 2 })])}</testsuites>`,
      6,
    ],
    [
      'the outer time of nested suites',
      `<testsuites>${suite([suite([testcase({ time: 1 })], 3)], 5)}</testsuites>`,
      5,
    ],
  ])('takes %s as the duration', (_label, xml, seconds) => {
    expect(parseJUnit(xml).seconds).toBeCloseTo(seconds, 9)
  })

  it('reports an empty run', () => {
    expect(parseJUnit('<testsuites><testsuite name="pytest" time="0.01"/></testsuites>')).toEqual({
      tests: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      xfailed: 0,
      xpassed: 0,
      errors: 0,
      collectionErrors: 0,
      seconds: 0.01,
      problems: [],
      slowest: [],
    })
  })
})

describe('problems', () => {
  it('keeps at most maxProblems and goes on counting', () => {
    const cases = Array.from({ length: 7 }, (_, i) =>
      testcase({ name: `test_${i}`, body: failure(`m${i}`, 't') }),
    )
    const results = parseJUnit(report(cases), { maxProblems: 3 })
    expect(results.failed).toBe(7)
    expect(results.problems.map((p) => p.message)).toEqual(['m0', 'm1', 'm2'])
  })

  it('cuts long tracebacks, keeping the start and the end', () => {
    const text = `START\n${'x'.repeat(10_000)}\ntests/test_mod.py:9: AssertionError`
    const xml = report([testcase({ file: 'tests/test_mod.py', body: failure('m', text) })])
    const [problem] = parseJUnit(xml, { maxDetails: 300 }).problems
    expect(problem.details.length).toBeLessThanOrEqual(300)
    expect(problem.details).toContain('… (cut)')
    expect(problem.details.startsWith('START')).toBe(true)
    expect(problem.details.endsWith('tests/test_mod.py:9: AssertionError')).toBe(true)
    // The location comes from the whole text, not the cut one.
    expect(problem.line).toBe(9)
  })

  it.each([
    ['the first line of the message', 'first&#10;second', 'first'],
    ['a trimmed message', '   padded   ', 'padded'],
    ['at most 500 characters', 'y'.repeat(600), `${'y'.repeat(499)}…`],
  ])('keeps %s', (_label, message, expected) => {
    const xml = report([testcase({ body: failure(message, 'text') })])
    expect(parseJUnit(xml).problems[0].message).toBe(expected)
  })

  it('falls back to the exception line without a message attribute', () => {
    const xml = report([testcase({ body: '<error>x = 1\nE   KeyError: 1\nmore</error>' })])
    expect(parseJUnit(xml).problems[0].message).toBe('KeyError: 1')
  })

  it('reads CDATA tracebacks', () => {
    const xml = report([
      testcase({ body: '<failure message="m"><![CDATA[a < b\nE   boom]]></failure>' }),
    ])
    expect(parseJUnit(xml).problems[0].details).toBe('a < b\nE   boom')
  })
})

describe('locations', () => {
  const file = 'tests/test_mod.py'
  it.each([
    [
      'the last frame in the test file',
      'tests/test_mod.py:9: in test\nhelper.py:3: in h\ntests/test_mod.py:20: Error',
      20,
    ],
    [
      'the test file before later frames elsewhere',
      'tests/test_mod.py:9: in test\nsrc/pkg/mod.py:3: KeyError',
      9,
    ],
    [
      'an absolute path ending in the file',
      '/home/runner/work/r/r/tests/test_mod.py:14: AssertionError',
      14,
    ],
    [
      'a --tb=native traceback',
      '  File "/tmp/p/tests/test_mod.py", line 33, in test_x\n    assert 0',
      33,
    ],
    ['Windows separators', 'tests\\test_mod.py:8: AssertionError', 8],
    ['the line attribute + 1 without a frame in the file', 'src/pkg/mod.py:3: KeyError', 12],
    [
      'not an E line that looks like a location',
      'E   assert tests/test_mod.py:99: x\nconftest.py:1: E',
      12,
    ],
  ])('takes %s', (_label, text, line) => {
    const xml = report([testcase({ file, line: 11, body: failure('m', text) })])
    expect(parseJUnit(xml).problems[0]).toMatchObject({ file, line })
  })

  it('has neither without the file attribute', () => {
    const xml = report([testcase({ body: failure('m', 'tests/test_mod.py:9: AssertionError') })])
    const [problem] = parseJUnit(xml).problems
    expect([problem.file, problem.line]).toEqual([undefined, undefined])
  })

  it.each([
    [
      'its own file',
      'tests/test_broken.py',
      'lib.py:4: in f\ntests/test_broken.py:2: in <module>\n/usr/lib/x.py:9: in g',
      ['tests/test_broken.py', 2],
    ],
    [
      'the last in-project frame otherwise',
      'tests/test_broken.py',
      '/usr/lib/a.py:1: in f\nconftest.py:7: in <module>',
      ['conftest.py', 7],
    ],
    [
      'the module path without the file attribute',
      undefined,
      '/usr/lib/a.py:1: in f\nE   File "/w/tests/test_broken.py", line 5',
      ['tests/test_broken.py', 5],
    ],
    [
      'only the file when nothing matches',
      'tests/test_broken.py',
      '/usr/lib/a.py:1: in f',
      ['tests/test_broken.py', undefined],
    ],
  ])('places a collection error at %s', (_label, caseFile, text, where) => {
    const body = `<error message="collection failure">${text.replaceAll('<', '&lt;')}</error>`
    const xml = report([
      testcase({ classname: '', name: 'tests.test_broken', file: caseFile, body }),
    ])
    const [problem] = parseJUnit(xml).problems
    expect([problem.file, problem.line]).toEqual(where)
  })
})

describe('slowest', () => {
  it('keeps the N slowest, slowest first, earlier first on ties', () => {
    const times = [0.3, 0.1, 0.9, 0.3, 0, 0.5, 0.2]
    const cases = times.map((time, i) => testcase({ name: `test_${i}`, time }))
    const results = parseJUnit(report(cases), { slowest: 4 })
    expect(results.slowest).toEqual([
      { id: 'tests.test_mod::test_2', seconds: 0.9 },
      { id: 'tests.test_mod::test_5', seconds: 0.5 },
      { id: 'tests.test_mod::test_0', seconds: 0.3 },
      { id: 'tests.test_mod::test_3', seconds: 0.3 },
    ])
  })

  it('keeps none when asked for none', () => {
    expect(parseJUnit(report([testcase({ time: 1 })]), { slowest: 0 }).slowest).toEqual([])
  })
})

describe('bad input', () => {
  it.each([
    ['empty input', '', /empty/],
    ['text only', 'hello', /not well-formed XML/],
    ['a cut-off report', '<testsuites><testsuite><testcase name="a">', /not well-formed XML/],
    ['mismatched tags', '<testsuite></testcase>', /not well-formed XML/],
    [
      'another XML format',
      '<coverage version="7"/>',
      /must start with <testsuites> or <testsuite>, not <coverage>/,
    ],
  ])('rejects %s', (_label, xml, message) => {
    expect(() => parseJUnit(xml)).toThrow(JUnitReportError)
    expect(() => parseJUnit(xml)).toThrow(message)
  })

  it('rejects use after close', () => {
    const parser = new JUnitParser()
    parser.write('<testsuite/>')
    parser.close()
    expect(() => parser.write('<x/>')).toThrow(JUnitReportError)
    expect(() => parser.close()).toThrow(JUnitReportError)
  })
})

describe('a collection error at the root of the run', () => {
  it('gets a readable id, not an empty one', () => {
    const xml =
      '<testsuites><testsuite name="pytest" errors="1" failures="0" skipped="0" tests="1">' +
      '<testcase classname="" name="" time="0.000"><error message="collection failure">' +
      "conftest.py:3: in &lt;module&gt;\n    import nope\nE   ModuleNotFoundError: No module named 'nope'" +
      '</error></testcase></testsuite></testsuites>'
    const results = parseJUnit(xml)
    expect(results).toMatchObject({ tests: 0, errors: 1, collectionErrors: 1 })
    expect(results.problems[0]?.id).toBe('(collection)')
    expect(results.problems[0]?.message).toBe("ModuleNotFoundError: No module named 'nope'")
  })
})

describe('a module skipped while collecting', () => {
  it('is one skipped test, as pytest counts it', () => {
    const body =
      '<skipped type="pytest.skip" message="no numpy">tests/test_np.py:1: no numpy</skipped>'
    const xml = report([testcase({ classname: '', name: 'tests.test_np', body })])
    expect(parseJUnit(xml)).toMatchObject({ tests: 1, skipped: 1, collectionErrors: 0 })
  })
})

describe('exceptionLine', () => {
  // The E lines as pytest 7.2 and 9.0 print them.
  it.each([
    [
      'a warning turned error, whose message goes on with a link',
      'tests/test_x.py:4: in <module>\n    @pytest.mark.usefixtures("tmp_path")\n' +
        'E   pytest.PytestRemovedIn9Warning: Marks applied to fixtures have no effect\n' +
        'E   See docs: https://docs.pytest.org/en/stable/deprecations.html#applying-a-mark-to-a-fixture-function',
      'pytest.PytestRemovedIn9Warning: Marks applied to fixtures have no effect',
    ],
    [
      'a SyntaxError after the source it quotes',
      '/usr/lib/python3.11/ast.py:50: in parse\n    return compile(source, filename, mode, flags,\n' +
        'E     File "/tmp/se/tests/test_broken.py", line 4\nE       def test_words()\n' +
        "E                       ^\nE   SyntaxError: expected ':'",
      "SyntaxError: expected ':'",
    ],
    [
      'the last exception of a chain',
      'E   KeyError: 1\n\nDuring handling of the above exception, another exception occurred:\n' +
        'tests/test_x.py:3: in <module>\nE   RuntimeError: config missing',
      'RuntimeError: config missing',
    ],
    [
      'an assertion with its explanation',
      '>       assert f() == 5\nE       AssertionError: f should be 5\nE       assert 4 == 5\n' +
        'E        +  where 4 = f()\n\ntests/test_x.py:9: AssertionError',
      'AssertionError: f should be 5',
    ],
    ['a bare exception name', 'x()\nE   KeyboardInterrupt', 'KeyboardInterrupt'],
    [
      'no exception name: the first line',
      'E       assert 4 == 5\nE        +  where',
      'assert 4 == 5',
    ],
  ])('finds %s', (_label, text, expected) => {
    expect(exceptionLine(text)).toBe(expected)
  })

  it('finds nothing without E lines', () => {
    expect(exceptionLine('import file mismatch:\nimported module')).toBeUndefined()
  })
})
