import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  changedLinesByFile,
  DiffParseError,
  type FileDiff,
  parseGitDiff,
  parsePatch,
  parsePullRequestFiles,
  unquote,
} from '../../src/diff/unified-diff.js'

const DIFFS = new URL('../../__fixtures__/diffs/', import.meta.url)

function fixture(name: string): string {
  return readFileSync(new URL(name, DIFFS), 'utf8')
}

/** What git's real output for the fixture branch says, file by file. */
const FEATURES: FileDiff[] = [
  { path: 'added.py', status: 'added', binary: false, addedLines: [1, 2] },
  { path: 'bin.dat', status: 'modified', binary: true, addedLines: [] },
  { path: 'dashes.py', status: 'modified', binary: false, addedLines: [2, 3, 5] },
  { path: 'del.py', status: 'deleted', binary: false, addedLines: [] },
  { path: 'new name.py', oldPath: 'old.py', status: 'renamed', binary: false, addedLines: [5] },
  { path: 'newbin.bin', status: 'added', binary: true, addedLines: [] },
  { path: 'pkg_moved.py', oldPath: 'moved.py', status: 'renamed', binary: false, addedLines: [] },
  { path: 'sp ace.py', status: 'modified', binary: false, addedLines: [2, 3, 4] },
  { path: 'tést.py', status: 'modified', binary: false, addedLines: [2] },
]

describe('parseGitDiff on real git output', () => {
  it.each([['features.diff'], ['features-U0.diff']])(
    '%s: new, deleted, renamed, binary, quoted and spaced files',
    (name) => {
      expect(parseGitDiff(fixture(name))).toEqual(FEATURES)
    },
  )

  it('changedLinesByFile keeps files with added lines only', () => {
    expect(Object.fromEntries(changedLinesByFile(parseGitDiff(fixture('features.diff'))))).toEqual({
      'added.py': [1, 2],
      'dashes.py': [2, 3, 5],
      'new name.py': [5],
      'sp ace.py': [2, 3, 4],
      'tést.py': [2],
    })
  })
})

describe('parseGitDiff tables', () => {
  const header = (a: string, b = a) => `diff --git a/${a} b/${b}\nindex 1..2 100644\n`
  it.each<[string, string, Partial<FileDiff>[]]>([
    ['empty diff', '', []],
    [
      'multiple hunks',
      `${header('m.py')}--- a/m.py\n+++ b/m.py\n@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -10 +11,2 @@\n-x\n+y\n+z\n`,
      [{ path: 'm.py', addedLines: [2, 11, 12] }],
    ],
    [
      'hunk header with omitted counts and a function name',
      `${header('m.py')}--- a/m.py\n+++ b/m.py\n@@ -3 +3 @@ def f():\n-a\n+b\n`,
      [{ path: 'm.py', addedLines: [3] }],
    ],
    [
      'no newline at end of file, on both sides',
      `${header('n.py')}--- a/n.py\n+++ b/n.py\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n`,
      [{ path: 'n.py', addedLines: [2] }],
    ],
    [
      'pure deletion inside a file',
      `${header('d.py')}--- a/d.py\n+++ b/d.py\n@@ -2,2 +1,0 @@\n-a\n-b\n`,
      [{ path: 'd.py', status: 'modified', addedLines: [] }],
    ],
    [
      'empty context line without its space',
      `${header('e.py')}--- a/e.py\n+++ b/e.py\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n`,
      [{ path: 'e.py', addedLines: [3] }],
    ],
    [
      'CRLF line ends',
      `${header('w.py')}--- a/w.py\r\n+++ b/w.py\r\n@@ -1 +1,2 @@\r\n a\r\n+b\r\n`,
      [{ path: 'w.py', addedLines: [2] }],
    ],
    [
      'quoted name with a tab and a quote',
      'diff --git "a/t\\tq\\"x.py" "b/t\\tq\\"x.py"\nnew file mode 100644\n--- /dev/null\n+++ "b/t\\tq\\"x.py"\n@@ -0,0 +1 @@\n+a\n',
      [{ path: 't\tq"x.py', status: 'added', addedLines: [1] }],
    ],
    [
      'mode change only',
      'diff --git a/run me.sh b/run me.sh\nold mode 100644\nnew mode 100755\n',
      [{ path: 'run me.sh', status: 'modified', addedLines: [] }],
    ],
    [
      'binary file deleted',
      'diff --git a/x.png b/x.png\ndeleted file mode 100644\nindex 1..0\nBinary files a/x.png and /dev/null differ\n',
      [{ path: 'x.png', status: 'deleted', binary: true, addedLines: [] }],
    ],
    [
      'git binary patch',
      'diff --git a/x.bin b/x.bin\nindex 1..2 100644\nGIT binary patch\nliteral 1\nIcmZpX000310RR91\n\nliteral 1\nIcmZpW000310RR91\n\n',
      [{ path: 'x.bin', binary: true, addedLines: [] }],
    ],
    [
      'copy',
      'diff --git a/a.py b/b.py\nsimilarity index 90%\ncopy from a.py\ncopy to b.py\n--- a/a.py\n+++ b/b.py\n@@ -1 +1,2 @@\n a\n+b\n',
      [{ path: 'b.py', oldPath: 'a.py', status: 'copied', addedLines: [2] }],
    ],
    [
      'text before the first file (git show)',
      `commit abc\nAuthor: x\n\n    message\n\n${header('m.py')}--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-a\n+b\n`,
      [{ path: 'm.py', addedLines: [1] }],
    ],
  ])('%s', (_name, text, expected) => {
    const files = parseGitDiff(text)
    expect(files).toHaveLength(expected.length)
    files.forEach((file, index) => {
      expect(file).toMatchObject(expected[index])
    })
  })

  it.each([
    ['a hunk cut short', `diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -1,3 +1,3 @@\n a\n`],
    ['garbage inside a hunk', `diff --git a/m.py b/m.py\n@@ -1,2 +1,2 @@\n a\n?b\n`],
    ['a hunk before any file', '@@ -1 +1 @@\n-a\n+b\n'],
    ['a combined diff', 'diff --cc m.py\nindex 1,2..3\n@@@ -1,1 -1,1 +1,1 @@@\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseGitDiff(text)).toThrow(DiffParseError)
  })
})

describe('parsePatch (pull request files API)', () => {
  it.each<[string, string | undefined, number[]]>([
    ['no patch (binary or too large)', undefined, []],
    ['empty patch (pure rename)', '', []],
    ['one hunk', '@@ -1,2 +1,3 @@\n a\n+b\n c', [2]],
    ['new file', '@@ -0,0 +1,3 @@\n+a\n+b\n+c', [1, 2, 3]],
    [
      'two hunks, no newline at end',
      '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -20,2 +20,3 @@ def g():\n x\n-y\n\\ No newline at end of file\n+y\n+z\n\\ No newline at end of file',
      [2, 21, 22],
    ],
    ['content that looks like headers', '@@ -1,2 +1,2 @@\n---- a\n++++ b\n-x\n+y', [1, 2]],
  ])('%s', (_name, patch, expected) => {
    expect(parsePatch(patch)).toEqual(expected)
  })

  it('rejects text that is not hunks', () => {
    expect(() => parsePatch('diff --git a/x b/x\n')).toThrow(DiffParseError)
    expect(() => parsePatch('@@ -1 +1 @@\n-a\n+b\nextra\n')).toThrow(/extra/)
  })

  it('parsePullRequestFiles maps statuses and patches', () => {
    expect(
      parsePullRequestFiles([
        { filename: 'a.py', status: 'added', patch: '@@ -0,0 +1,2 @@\n+a\n+b' },
        { filename: 'gone.py', status: 'removed', patch: '@@ -1 +0,0 @@\n-a' },
        { filename: 'new.py', status: 'renamed', previous_filename: 'old.py' },
        { filename: 'logo.png', status: 'modified' },
        { filename: 'm.py', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
      ]),
    ).toEqual([
      { path: 'a.py', status: 'added', binary: false, addedLines: [1, 2] },
      { path: 'gone.py', status: 'deleted', binary: false, addedLines: [] },
      { path: 'new.py', oldPath: 'old.py', status: 'renamed', binary: false, addedLines: [] },
      { path: 'logo.png', status: 'modified', binary: true, addedLines: [] },
      { path: 'm.py', status: 'modified', binary: false, addedLines: [1] },
    ])
  })

  it('gives the same lines as git for the fixture branch', () => {
    // The files API's patch is git's hunk text without the file headers.
    const text = fixture('features.diff')
    const patch = text.slice(text.indexOf('@@', text.indexOf('b/dashes.py\n')))
    expect(parsePatch(patch.slice(0, patch.indexOf('diff --git')))).toEqual([2, 3, 5])
  })
})

describe('unquote', () => {
  it.each([
    ['plain.py', 'plain.py'],
    ['"t\\303\\251st.py"', 'tést.py'],
    ['"a\\\\b\\"c\\td"', 'a\\b"c\td'],
    ['"\\346\\227\\245\\346\\234\\254.py"', '日本.py'],
  ])('%s', (quoted, name) => {
    expect(unquote(quoted)).toBe(name)
  })

  it('rejects a broken quote', () => {
    expect(() => unquote('"abc')).toThrow(DiffParseError)
    expect(() => unquote('"a\\qb"')).toThrow(DiffParseError)
  })
})
