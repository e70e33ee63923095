import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parseJUnit } from '../../src/report/junit.js'
import {
  codeBlock,
  escapeInline,
  formatSeconds,
  formatSize,
  renderSummary,
  renderText,
} from '../../src/report/markdown.js'
import {
  createBuild,
  createCoverage,
  createFileCoverage,
  createMetrics,
  createProblem,
  createPublish,
  createResults,
  createTestRun,
  EVERY_OUTCOME,
} from '../helpers/metrics.js'

const REPORTS = new URL('../../__fixtures__/reports/', import.meta.url)

/**
 * Splits Markdown the way a CommonMark parser finds fenced code: an opening fence of
 * n ≥ 3 backticks is closed only by a line of at least n backticks and nothing else.
 */
function splitCode(markdown: string): { prose: string; code: string[] } {
  const prose: string[] = []
  const code: string[] = []
  let open: { fence: number; lines: string[] } | undefined
  for (const line of markdown.split('\n')) {
    if (open === undefined) {
      const start = /^ {0,3}(`{3,})[^`]*$/.exec(line)
      if (start === null) prose.push(line)
      else open = { fence: start[1].length, lines: [] }
      continue
    }
    const end = /^ {0,3}(`{3,})\s*$/.exec(line)
    if (end !== null && end[1].length >= open.fence) {
      code.push(open.lines.join('\n'))
      open = undefined
    } else {
      open.lines.push(line)
    }
  }
  if (open !== undefined) throw new Error('a code block is never closed')
  return { prose: prose.join('\n'), code }
}

/** Lines of each table: consecutive lines that start with a pipe. */
function tables(prose: string): string[][] {
  const found: string[][] = []
  let current: string[] = []
  for (const line of [...prose.split('\n'), '']) {
    if (line.startsWith('|')) current.push(line)
    else if (current.length > 0) {
      found.push(current)
      current = []
    }
  }
  return found
}

const pipes = (line: string): number => line.split('|').length - 1

const HOSTILE =
  'a|b <script>alert(1)</script> `x` **b** _i_ [l](http://e.x) ~~s~~ # h ! \\ $m$ @octocat'

describe('escapeInline', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a|b', 'a&#124;b'],
    ['<script>', '&lt;script&gt;'],
    ['"q" \'s\'', '&quot;q&quot; &#39;s&#39;'],
    ['&amp;', '&amp;amp;'],
    ['`code`', '&#96;code&#96;'],
    ['**bold** _it_', '&#42;&#42;bold&#42;&#42; &#95;it&#95;'],
    ['[link](url)', '&#91;link&#93;&#40;url&#41;'],
    ['~~gone~~', '&#126;&#126;gone&#126;&#126;'],
    ['# title', '&#35; title'],
    ['![img]', '&#33;&#91;img&#93;'],
    ['a\\b', 'a&#92;b'],
    ['$x^2$', '&#36;x^2&#36;'],
    ['@octocat hi', '@&#8203;octocat hi'],
    ['one\ntwo\r\nthree\rfour', 'one two three four'],
    ['tab\there\u0000nul\u001bx', 'tab here nul x'],
    ['line\u2028sep', 'line sep'],
  ])('%j -> %j', (text, expected) => {
    expect(escapeInline(text)).toBe(expected)
  })

  it('leaves no active character and no bare ampersand', () => {
    const escaped = escapeInline(HOSTILE)
    expect(escaped).not.toMatch(/@(?!&#8203;)/)
    const withoutEntities = escaped.replace(/&(?:#\d+|amp|lt|gt|quot);/g, '')
    expect(withoutEntities).not.toMatch(/[&|`*_[\]\\~#!()<>"'$\n]/)
  })
})

describe('codeBlock', () => {
  it.each([
    ['', '```'],
    ['plain', '```'],
    ['`one` ``two``', '```'],
    ['a ``` b', '````'],
    ['````', '`````'],
    ['```\nclosing?\n```', '````'],
  ])('%j is fenced with %s', (text, fence) => {
    expect(codeBlock(text)).toBe(`${fence}\n${text}\n${fence}`)
  })

  it.each([
    'x\n```\n<script>alert(1)</script>\n```\ny',
    '````\n```\n``````',
    '   ```\n~~~\n</details>',
  ])('cannot be closed from inside: %j', (text) => {
    const { prose, code } = splitCode(`before\n\n${codeBlock(text)}\n\nafter`)
    expect(code).toEqual([text])
    expect(prose).toBe('before\n\n\nafter')
  })

  it('drops trailing newlines and unifies line ends', () => {
    expect(codeBlock('a\r\nb\n\n')).toBe('```\na\nb\n```')
  })
})

describe('formatSize and formatSeconds', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [4096, '4 KB'],
    [4500, '4.4 KB'],
    [123_456, '121 KB'],
    [5 * 1024 * 1024, '5 MB'],
    [3 * 1024 ** 4, '3 TB'],
  ])('%d bytes -> %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text)
  })

  it.each([
    [0, '0.0 s'],
    [1.25, '1.3 s'],
    [59.94, '59.9 s'],
    [125, '2 min 5 s'],
  ])('%d seconds -> %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text)
  })
})

describe('renderSummary with hostile project text', () => {
  // Real problems from pytest: names with |, <script>, backticks, newlines and @mentions.
  const results = parseJUnit(readFileSync(new URL('pytest-xunit1.xml', REPORTS), 'utf8'))
  const metrics = createMetrics({
    python: { version: '3.12.4', path: '/opt/py|<b>', origin: '@octocat `origin`' },
    build: createBuild({ problems: [HOSTILE], error: 'x\n```\n<script>\n```' }),
    test: createTestRun({
      results,
      coverage: createCoverage({
        sourceNote: HOSTILE,
        files: [createFileCoverage({ path: 'demo/a|b<i>.py' })],
      }),
      notes: [`${HOSTILE}\n\`\`\`\nraw <script> output @octocat`],
    }),
    stages: [{ name: 'test', status: 'failed', durationMs: 10, summary: HOSTILE }],
    verdict: { ok: false, reasons: [HOSTILE] },
  })
  const markdown = renderSummary(metrics, { maxProblems: 50 })
  const { prose, code } = splitCode(markdown)

  it('has no raw HTML from the project outside code blocks', () => {
    expect(prose).not.toMatch(/<script|<b>|<i>/i)
    const tags = prose.match(/<\/?[a-z]+[^>]*>/g) ?? []
    expect(new Set(tags)).toEqual(new Set(['<details>', '<summary>', '</summary>', '</details>']))
    expect(prose.split('<details>').length).toBe(prose.split('</details>').length)
  })

  it('pings nobody', () => {
    expect(prose).not.toMatch(/@(?!&#8203;)/)
  })

  it('keeps every table row to its columns', () => {
    const found = tables(prose)
    expect(found.length).toBeGreaterThanOrEqual(4)
    for (const table of found) {
      for (const row of table) expect(pipes(row)).toBe(pipes(table[0]))
    }
  })

  it('shows each traceback whole, in its own unbroken code block', () => {
    for (const problem of results.problems) expect(code).toContain(problem.details)
    expect(code).toContain('x\n```\n<script>\n```')
    expect(code).toContain('```\nraw <script> output @octocat')
  })

  it('names each failing test in a <summary>', () => {
    const summaries = prose.split('\n').filter((line) => line.startsWith('<details><summary>tests'))
    expect(summaries).toHaveLength(results.problems.length)
    expect(summaries).toContain(
      '<details><summary>tests/test&#95;mixed.py::test&#95;hostile&#91;@&#8203;octocat&#93; — AssertionError: bad value: @&#8203;octocat hi</summary>',
    )
  })
})

describe('renderSummary', () => {
  it('starts with the verdict and the key numbers', () => {
    const markdown = renderSummary(createMetrics())
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '## ❌ Python CI: failed',
      '',
      '**8** passed, **1** failed, 1 skipped · coverage **79%** (▼ −1) · changed lines **77%** · built demo 0.1.0',
      '',
      '- 1 test failed',
    ])
  })

  it('says passed, and takes a title', () => {
    const metrics = createMetrics({
      test: createTestRun({ results: createResults({ failed: 0, passed: 9, problems: [] }) }),
      verdict: { ok: true, reasons: [] },
    })
    expect(renderSummary(metrics, { title: 'CI *3.12*' })).toMatch(
      /^## ✅ CI &#42;3\.12&#42;: passed\n\n\*\*9\*\* passed, 1 skipped/,
    )
  })

  it.each([
    ['python', { python: undefined }, '**Python**'],
    ['build', { build: undefined }, '### Build'],
    ['test', { test: undefined }, '### Tests'],
    ['stages', { stages: [] }, '### Stages'],
  ])('leaves out %s when it did not run', (_label, overrides, heading) => {
    expect(renderSummary(createMetrics())).toContain(heading)
    expect(renderSummary(createMetrics(overrides))).not.toContain(heading)
  })

  it('leaves out coverage and notes when there are none', () => {
    const markdown = renderSummary(createMetrics({ test: createTestRun({ coverage: undefined }) }))
    expect(markdown).not.toContain('### Coverage')
    expect(markdown).not.toContain('### Notes')
  })

  it('describes the build', () => {
    const markdown = renderSummary(
      createMetrics({
        build: createBuild({ problems: ['version differs'], warnings: ['a *guessed* version'] }),
      }),
    )
    expect(markdown).toContain('✅ **demo** 0.1.0 · twine check: passed')
    expect(markdown).toContain('| demo-0.1.0.tar.gz | 4 KB | `aaaaaaaaaaaa` |')
    expect(markdown).toContain('| demo-0.1.0-py3-none-any.whl | 3.1 KB | `bbbbbbbbbbbb` |')
    expect(splitCode(markdown).code).toContain(
      `${'a'.repeat(64)}  demo-0.1.0.tar.gz\n${'b'.repeat(64)}  demo-0.1.0-py3-none-any.whl`,
    )
    expect(markdown).toContain('\n❌ version differs')
    expect(markdown).toContain('\n⚠️ a &#42;guessed&#42; version')
  })

  it('shows why a build failed', () => {
    const build = createBuild({
      ok: false,
      sdist: undefined,
      wheel: undefined,
      warnings: [],
      twineCheck: 'not available',
      error: 'error: invalid pyproject.toml',
    })
    const markdown = renderSummary(createMetrics({ build }))
    expect(markdown).toContain('❌ Build failed · twine check: not available')
    expect(markdown).toContain('```\nerror: invalid pyproject.toml\n```')
    expect(markdown).toContain('build **failed**')
  })

  it('says when pytest left no report', () => {
    const test = createTestRun({ results: undefined, coverage: undefined, exitCode: 4 })
    expect(renderSummary(createMetrics({ test }))).toContain(
      '❌ pytest exited with code 4 and left no test report.',
    )
  })

  it('shows at most maxProblems failures and counts the rest', () => {
    const problems = Array.from({ length: 25 }, (_, i) =>
      createProblem({ id: `tests/t.py::test_${i}` }),
    )
    const test = createTestRun({ results: createResults({ failed: 28, errors: 2, problems }) })
    const markdown = renderSummary(createMetrics({ test }), { maxProblems: 20 })
    expect(markdown.match(/<details><summary>tests\/t\.py/g)).toHaveLength(20)
    expect(markdown).toContain('…and 10 more failing tests: see the log of this step.')
  })

  it('lists the slowest tests', () => {
    expect(renderSummary(createMetrics())).toContain(
      '| test | seconds |\n| --- | ---: |\n| tests/test&#95;calc.py::test&#95;slow | 0.50 |',
    )
  })

  it('shows coverage totals and files, least covered first, bounded', () => {
    const files = [
      createFileCoverage({ path: 'b.py', percent: 50, percentDisplay: '50' }),
      createFileCoverage({ path: 'a.py', percent: 90, percentDisplay: '90' }),
      createFileCoverage({ path: 'c.py', percent: 10, percentDisplay: '10' }),
      createFileCoverage({ path: 'd.py', percent: 50, percentDisplay: '50' }),
    ]
    const test = createTestRun({ coverage: createCoverage({ files }) })
    const markdown = renderSummary(createMetrics({ test }), { maxFiles: 3 })
    expect(markdown).toContain('**79%** · lines 8/10 · branches 3/4')
    expect(markdown).toContain(
      'Measured: demo &#40;the installed project&#39;s top-level packages&#41;',
    )
    const rows = markdown.split('\n').filter((line) => /^\| [a-d]\.py/.test(line))
    expect(rows).toEqual([
      '| c.py | 10 | 2 | 4 | 1 | 10% |',
      '| b.py | 10 | 2 | 4 | 1 | 50% |',
      '| d.py | 10 | 2 | 4 | 1 | 50% |',
    ])
    expect(markdown).toContain('1 more file not shown, each covered 90% or more.')
  })

  it('leaves out branch figures without branch coverage', () => {
    const coverage = createCoverage({ branches: 0, coveredBranches: 0 })
    const markdown = renderSummary(createMetrics({ test: createTestRun({ coverage }) }))
    expect(markdown).toContain('**79%** · lines 8/10\n')
  })

  it('shows notes, with any tool output in a code block', () => {
    const test = createTestRun({
      notes: ['pytest collected no tests', 'no coverage: boom\nline 1\nline 2'],
    })
    const markdown = renderSummary(createMetrics({ test }))
    expect(markdown).toContain(
      '### Notes\n\n⚠️ pytest collected no tests\n\n⚠️ no coverage: boom\n\n```\nline 1\nline 2\n```',
    )
  })

  it('tabulates the stages', () => {
    expect(renderSummary(createMetrics())).toContain(
      [
        '| stage | status | seconds | summary |',
        '| --- | --- | ---: | --- |',
        '| python | ✅ ok | 1.2 | Python 3.12.4 |',
        '| build | ✅ ok | 2.1 | demo-0.1.0.tar.gz &#40;4 KB&#41; |',
        '| test | ❌ failed | 3.4 | 1 failed, 8 passed |',
      ].join('\n'),
    )
  })
})

describe("pytest's counts, tools and a run that stopped early", () => {
  const every = createResults(EVERY_OUTCOME)
  const stopped = createResults({
    tests: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    errors: 1,
    collectionErrors: 1,
    interrupted: 'Interrupted: 1 error during collection',
  })

  it('counts every kind, collection errors apart from the tests', () => {
    const metrics = createMetrics({ test: createTestRun({ results: every }) })
    const counts =
      '11 tests: 4 passed, 2 failed, 3 errors (1 during collection), 2 skipped, 1 xfailed, 1 xpassed'
    expect(renderSummary(metrics)).toContain(`❌ ${counts} in 1.3 s`)
    expect(renderSummary(metrics)).toContain(
      '**4** passed, **2** failed, **3** errors, 2 skipped, 1 xfailed, 1 xpassed · coverage',
    )
    expect(renderText(metrics)).toContain(`tests     ${counts} in 1.3 s`)
  })

  it('names the tools and the build backend that ran', () => {
    const summary = renderSummary(createMetrics())
    expect(summary).toContain('**Tools** pytest 8.4.2 · coverage 7.10.6 · setuptools 80.9.0')
    const without = createMetrics({
      test: createTestRun({ tools: undefined }),
      build: createBuild({ backend: undefined }),
    })
    expect(renderSummary(without)).not.toContain('**Tools**')
    expect(renderText(without)).not.toContain('tools ')
  })

  it('marks the coverage of a run that stopped at collection partial', () => {
    const metrics = createMetrics({ test: createTestRun({ results: stopped }) })
    const summary = renderSummary(metrics)
    expect(summary).toContain('coverage **79%** (▼ −1) (partial: collection stopped)')
    expect(summary).toContain('**79%** (partial: collection stopped) · lines 8/10')
    expect(summary).toContain(
      '⚠️ pytest stopped at collection &#40;1 error during collection&#41;: no test ran.',
    )
    const text = renderText(metrics)
    expect(text).toContain('coverage  79% (partial: collection stopped) (lines 8/10')
    expect(text).toContain('pytest stopped at collection (1 error during collection): no test ran.')
  })

  it('marks the coverage of a run that -x stopped partial, not as collection', () => {
    const results = createResults({ interrupted: 'stopping after 1 failures' })
    const metrics = createMetrics({ test: createTestRun({ results }) })
    expect(renderText(metrics)).toContain('coverage  79% (partial: pytest stopped early)')
    expect(renderText(metrics)).toContain(
      'pytest stopped before the end (stopping after 1 failures)',
    )
  })

  it('leaves a run that went to the end unmarked', () => {
    expect(renderSummary(createMetrics())).not.toContain('partial:')
  })
})

describe('renderText', () => {
  it('sums up the run in a few lines', () => {
    expect(renderText(createMetrics())).toBe(
      [
        '✗ Python CI failed',
        '  - 1 test failed',
        'python    3.12.4 /opt/hostedtoolcache/Python/3.12.4/x64/bin/python (tool cache, requires-python >=3.10)',
        'tools     pytest 8.4.2 · coverage 7.10.6 · setuptools 80.9.0',
        'build     demo 0.1.0: demo-0.1.0.tar.gz (4 KB), demo-0.1.0-py3-none-any.whl (3.1 KB); twine check passed',
        'tests     10 tests: 8 passed, 1 failed, 0 errors, 1 skipped in 1.3 s',
        '          FAILED tests/test_calc.py::test_add - assert 3 == 4',
        "coverage  79% (lines 8/10, branches 3/4) of demo (the installed project's top-level packages)",
        'baseline  -1 against main 89abcde (80%)',
        'diff      77% of 9 changed lines (2 missing), from git diff 1a2b3c4...HEAD',
        'history   85% (17 of 20 completed runs) on main',
        'publish   published (demo-0.1.0.tar.gz uploaded, demo-0.1.0-py3-none-any.whl uploaded)',
        'stages',
        '  ✓ python 1.2s: Python 3.12.4',
        '  ✓ build 2.1s: demo-0.1.0.tar.gz (4 KB)',
        '  ✗ test 3.4s: 1 failed, 8 passed',
        '',
      ].join('\n'),
    )
  })

  it('keeps terminal control sequences out', () => {
    const problems = [
      createProblem({ id: 'tests/t.py::test_\u001b[2Jx', message: 'bad\u0007\nsecond' }),
    ]
    const text = renderText(
      createMetrics({ test: createTestRun({ results: createResults({ problems }) }) }),
    )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/)
    expect(text).toContain('FAILED tests/t.py::test_?[2Jx - bad? second')
  })

  it('indents multi-line notes', () => {
    const test = createTestRun({ notes: ['pytest could not start (exit 4):\nERROR: usage'] })
    expect(renderText(createMetrics({ test }))).toContain(
      'note      pytest could not start (exit 4):\n          ERROR: usage\n',
    )
  })
})

describe('the Publish section', () => {
  it('lists what was uploaded, with full digests and the project URL', () => {
    const summary = renderSummary(createMetrics())
    expect(summary).toContain(
      [
        '### Publish',
        '',
        '✅ Published v0.1.0 to https://upload.pypi.org/legacy/ with Trusted Publishing',
        '',
        '| file | size | sha256 | result |',
        '| --- | ---: | --- | --- |',
        `| demo-0.1.0.tar.gz | 4 KB | \`${'a'.repeat(64)}\` | ✅ uploaded |`,
        `| demo-0.1.0-py3-none-any.whl | 3.1 KB | \`${'b'.repeat(64)}\` | ✅ uploaded |`,
        '',
        'Project: https://pypi.org/project/demo/0.1.0/',
      ].join('\n'),
    )
  })

  it('says why nothing was uploaded, one line per reason', () => {
    const publish = createPublish({
      status: 'refused',
      files: [],
      reasons: ['the tests did not pass: 1 failed, 0 errors in 10 tests', 'tag v9 is version 9'],
    })
    expect(renderSummary(createMetrics({ publish }))).toContain(
      [
        '❌ Refused to publish v0.1.0 to https://upload.pypi.org/legacy/; nothing was uploaded:',
        '',
        '- the tests did not pass: 1 failed, 0 errors in 10 tests',
        '- tag v9 is version 9',
      ].join('\n'),
    )
  })

  it('says why a run was not a release', () => {
    const publish = createPublish({ status: 'skipped', files: [], reasons: ['publish: false'] })
    expect(renderSummary(createMetrics({ publish }))).toContain(
      '### Publish\n\n⏭️ Not published: publish: false',
    )
  })
})

describe('a failed stage', () => {
  it('shows what its tool printed, escaped, under What failed', () => {
    const markdown = renderSummary(
      createMetrics({
        stages: [
          {
            name: 'install',
            status: 'failed',
            durationMs: 900,
            summary: 'pip install failed (exit 1): No matching distribution found for nope<x>',
            detail: 'ERROR: No matching distribution found for nope<x>\n```',
          },
        ],
      }),
    )
    expect(markdown).toContain(
      '❌ **install**: pip install failed &#40;exit 1&#41;: No matching distribution found for nope&lt;x&gt;',
    )
    expect(markdown).toContain('````\nERROR: No matching distribution found for nope<x>\n```\n````')
  })
})
