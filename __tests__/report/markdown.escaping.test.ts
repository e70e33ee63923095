import { describe, expect, it } from '@jest/globals'
import {
  clipBlock,
  clipInline,
  clipText,
  codeBlock,
  codeSpan,
  escapeInline,
  escapeUrl,
  MAX_ID,
  renderSummary,
} from '../../src/report/markdown.js'
import { LIVE_REFERENCE, renderGfm, textOf } from '../helpers/gfm.js'
import { createMetrics, createProblem, createResults, createTestRun } from '../helpers/metrics.js'

// Each row is one injection attempt: project text (a test id, a message, a path)
// that tries to become markup, a link, a ping or a reordering of what is read.
const ATTEMPTS: readonly [string, string][] = [
  ['bold', '**passed** __ok__'],
  ['italic and strike', '_i_ *i* ~~gone~~'],
  ['inline link', '[click](https://evil.example)'],
  ['reference link', '[click][1]\n\n[1]: https://evil.example'],
  ['image', '![img](https://evil.example/x.png)'],
  ['angle autolink', '<https://evil.example>'],
  ['bare URL', 'see https://evil.example/login'],
  ['www autolink', 'go to www.evil.example now'],
  ['email autolink', 'mail admin@evil.example'],
  ['mailto', 'mailto:admin@evil.example'],
  ['table pipe', 'a | b | c'],
  ['heading', '# Passed'],
  ['setext heading', 'ok\n==='],
  ['list and quote', '\n- item\n> quote'],
  ['backticks', '`code` ``more``'],
  ['code fence', '```\nfenced\n```'],
  ['HTML img', '<img src=x onerror=alert(1)>'],
  ['HTML details', '<details open><summary>✅ passed</summary>'],
  ['closing details', '</details></summary></table>'],
  ['HTML comment', '<!-- hidden --> shown'],
  ['script', '<script>alert(1)</script>'],
  ['entities', '&lt;b&gt; &#64;octocat &amp;'],
  ['mention', '@octocat please merge'],
  ['team mention', 'cc @org/team'],
  ['issue reference', 'fixes #123'],
  ['GH reference', 'see GH-45 and gh-7'],
  ['cross-repository reference', 'closes owner/repo#6'],
  ['commit reference', 'owner/repo@abc1234'],
  ['issue URL', 'https://github.com/owner/repo/issues/6'],
  ['right-to-left override', 'test_\u202eexe.txt'],
  ['bidi isolates and marks', '\u2066a\u2069 \u200eb\u200f \u061cc \u202ad\u202c'],
  ['zero-width characters', 'pa\u200bss\u2060ed\ufeff'],
  ['newlines in a name', 'test_x[line1\nline2\r\n# heading]'],
  ['control characters', 'a\u0000b\u001bc\u0085d'],
  ['math', '$\\\\alert$'],
  ['emoji shortcode and tasklist', '[ ] [x] :tada:'],
]

const HIDDEN = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test is about them
const BREAKS = /\r\n|[\r\n\u2028\u2029\u0000-\u001f\u007f-\u009f]/g

/** What a reader should see: the text itself, on one line, without hidden characters. */
const visible = (text: string): string => text.replace(HIDDEN, '').replace(BREAKS, ' ')

describe('escapeInline under GitHub’s renderer', () => {
  it.each(ATTEMPTS)('%s: in a paragraph, only the text shows', (_name, text) => {
    const html = renderGfm(`before ${escapeInline(text)} after\n`)
    const inner = /^<p>before (.*) after<\/p>\n$/s.exec(html)?.[1]
    expect(inner).toBeDefined()
    expect(inner).not.toContain('<')
    const shown = textOf(inner ?? '')
    expect(shown.replaceAll('\u200b', '')).toBe(visible(text))
    expect(shown).not.toMatch(LIVE_REFERENCE)
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  })

  it.each(ATTEMPTS)('%s: in a table cell and a <summary>, only the text shows', (_name, text) => {
    const escaped = escapeInline(text)
    const table = renderGfm(`| test | s |\n| --- | --- |\n| ${escaped} | 1 |\n`)
    const cells = [...table.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1])
    expect(cells).toHaveLength(2)
    expect(cells[0]).not.toContain('<')
    const summary = renderGfm(`<details><summary>${escaped}</summary>\n\nbody\n\n</details>\n`)
    expect(summary.match(/<[a-z]/g)).toEqual(['<d', '<s', '<p'])
    expect(textOf(summary)).not.toMatch(LIVE_REFERENCE)
  })
})

describe('escapeUrl', () => {
  it.each([
    ['https://upload.pypi.org/legacy/', 'https://upload.pypi.org/legacy/'],
    ['http://127.0.0.1:8080/legacy/', 'http://127.0.0.1:8080/legacy/'],
    ['https://pypi.org/project/demo/0.1.0/', 'https://pypi.org/project/demo/0.1.0/'],
    ['https://e.x/a)[b](c', 'https&#58;&#8203;//e.x/a&#41;&#91;b&#93;&#40;c'],
    ['javascript:alert(1)', 'javascript:alert&#40;1&#41;'],
  ])('%j -> %j', (url, expected) => {
    expect(escapeUrl(url)).toBe(expected)
  })
})

describe('clipping', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdefghij', 10, 'abcdefghij'],
    ['abcdefghijk', 10, 'abcdefghi…'],
    // A surrogate pair counts as one character and is never split.
    ['😀😀😀😀', 3, '😀😀…'],
    ['a😀b', 2, 'a…'],
  ])('clipText(%j, %d) = %j', (text, max, expected) => {
    expect(clipText(text, max)).toBe(expected)
  })

  it('clips before escaping, so an entity is never split', () => {
    const clipped = clipInline('&'.repeat(MAX_ID + 50), MAX_ID)
    expect(clipped).toBe(`${'&amp;'.repeat(MAX_ID - 1)}…`)
    expect(clipInline('@'.repeat(300), 5)).toBe(`${'@&#8203;'.repeat(4)}…`)
  })

  it('keeps the head and the end of a long block, and says how much is left out', () => {
    const text = `${'a'.repeat(100)}${'b'.repeat(1000)}${'c'.repeat(300)}`
    const clipped = clipBlock(text, 400)
    expect(clipped).toBe(`${'a'.repeat(100)}\n… 1000 characters left out …\n${'c'.repeat(300)}`)
    expect(clipBlock('short', 400)).toBe('short')
  })

  it('removes bidi controls from code blocks and code spans too', () => {
    expect(codeBlock('evil\u202etxt.exe')).toBe('```\neviltxt.exe\n```')
    expect(codeSpan('fix/\u2066main\u2069')).toBe('`fix/main`')
  })

  it('shows a 30,000-character test id as 200 characters with an ellipsis, in the heading and the table', () => {
    const id = `tests/test_huge.py::test_name[${'x'.repeat(30_000)}]`
    const problem = createProblem({ id, message: 'm'.repeat(30_000) })
    const markdown = renderSummary(
      createMetrics({
        test: createTestRun({
          results: createResults({
            failed: 1,
            problems: [problem],
            slowest: [{ id, seconds: 2 }],
          }),
        }),
      }),
    )
    expect(markdown.length).toBeLessThan(20_000)
    const text = textOf(renderGfm(markdown))
    const shown = `tests/test_huge.py::test_name[${'x'.repeat(MAX_ID - 31)}…`
    expect(text.split(shown).length - 1).toBe(2)
    expect(text).toContain(` — ${'m'.repeat(499)}…`)
  })
})
