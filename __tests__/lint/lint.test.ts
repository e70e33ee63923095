/**
 * The code-quality line's parsing, on output captured from Debian's flake8
 * 5.0.4, and runLint with the real flake8 (Debian's python3-flake8).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { flake8Args, parseFlake8Count, parseProbe, runLint } from '../../src/lint/lint.js'
import { SpawnRunner } from '../../src/process.js'
import { replayedLines } from '../helpers/log.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterEach(removeWorkspaces)

const FIXTURES = path.join(import.meta.dirname, '..', '..', '__fixtures__', 'lint')
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')
const PYTHON = '/usr/bin/python3'

describe('parseProbe', () => {
  it.each([
    ['flake8 5.0.4\n', { tool: 'flake8', version: '5.0.4' }],
    ['flake8 7.1.1', { tool: 'flake8', version: '7.1.1' }],
    ['', undefined],
    ['Traceback (most recent call last):\n', undefined],
  ])('%j', (stdout, expected) => {
    expect(parseProbe(stdout)).toEqual(expected)
  })
})

describe('flake8Args', () => {
  const ours = 'build,dist,.venv,venv,.tox,.nox,*.egg-info,.eggs'
  it.each([
    ['no configuration of the project', 'flake8 5.0.4\n', ours],
    [
      "the project's extend-exclude first",
      'flake8 5.0.4\nextend-exclude vendor\nextend-exclude /src/proj/docs/conf.py\n',
      `vendor,/src/proj/docs/conf.py,${ours}`,
    ],
    ['flake8 3 (config unread)', 'flake8 3.9.2\nconfig unread ImportError x\n', ours],
  ])('%s', (_what, probe, exclude) => {
    expect(flake8Args(probe)).toEqual([
      '-m',
      'flake8',
      '--count',
      '--exit-zero',
      `--extend-exclude=${exclude}`,
      '.',
    ])
  })
})

describe('parseFlake8Count', () => {
  it.each([
    ['flake8-5.0.4-six-problems.txt', 6],
    ['flake8-5.0.4-clean.txt', 0],
  ])('reads the total of %s', (name, expected) => {
    expect(parseFlake8Count(fixture(name))).toBe(expected)
  })

  it.each([
    ['', undefined],
    ["./a.py:1:1: F401 'os' imported but unused\n", undefined],
    ['12\r\n', 12],
  ])('%j', (stdout, expected) => {
    expect(parseFlake8Count(stdout)).toBe(expected)
  })
})

describe('runLint with the real flake8', () => {
  const venv = (python: string) => ({
    dir: path.dirname(path.dirname(python)),
    python,
    env: { PATH: '/usr/bin:/bin' },
  })
  const flake8 = (cwd: string, ...args: string[]) =>
    execFileSync(PYTHON, ['-m', 'flake8', '--exit-zero', ...args, '.'], { cwd, encoding: 'utf8' })

  it('counts what flake8 itself reports, with the project configuration applied', async () => {
    const dir = createWorkspace({
      'pkg/a.py': 'import os\nimport sys\n\n\ndef f( x ):\n    return x+1\n',
      'pkg/b.py': 'x = 1 \ny = undefined_name\n',
      // The project's own configuration wins: W291 is not reported.
      'setup.cfg': '[flake8]\nextend-ignore = W291\n',
    })
    const run = await runLint(new SpawnRunner(), venv(PYTHON), dir)
    // One line per finding when flake8 runs on its own.
    const findings = flake8(dir).trimEnd().split('\n')
    expect(findings).toHaveLength(5)
    const version = flake8(dir, '--version').split(' ')[0]
    expect(run.result).toEqual({ tool: 'flake8', version, problems: findings.length })
    expect(replayedLines(run.log)).toEqual([])
  })

  it("counts each finding once: copies in build/lib, a .venv and the like are left out, the project's own extend-exclude kept", async () => {
    const sources = {
      'pkg/__init__.py': '',
      'pkg/a.py': 'import os\nimport sys\n\n\ndef f( x ):\n    return x+1\n',
      'vendor/third.py': 'import os\n',
      'setup.cfg': '[flake8]\nextend-exclude = vendor\n',
    }
    // flake8's own count for the sources alone, in a checkout holding nothing else.
    const reference = flake8(createWorkspace(sources)).trimEnd().split('\n')
    expect(reference).toHaveLength(4)
    const copy = sources['pkg/a.py']
    const dir = createWorkspace({
      ...sources,
      // What `pip install .` with setuptools leaves behind, and the like.
      'build/lib/pkg/a.py': copy,
      'dist/unpacked/pkg/a.py': copy,
      'pkg.egg-info/a.py': copy,
      '.eggs/dep/a.py': copy,
      '.venv/lib/python3.11/site-packages/dep/a.py': copy,
      'venv/lib/python3.11/site-packages/dep/a.py': copy,
      '.tox/py311/lib/a.py': copy,
      '.nox/tests/lib/a.py': copy,
    })
    // Without the exclusions flake8 counts the copies too.
    expect(flake8(dir).trimEnd().split('\n').length).toBeGreaterThan(reference.length)
    const run = await runLint(new SpawnRunner(), venv(PYTHON), dir)
    expect(run.result?.problems).toBe(reference.length)
    expect(replayedLines(run.log)).toEqual([])
  })

  it('warns and gives no line when flake8 cannot run', async () => {
    const dir = createWorkspace({
      'a.py': 'X = 1\n',
      'setup.cfg': '[flake8]\nmax-line-length = abc\n',
    })
    const run = await runLint(new SpawnRunner(), venv(PYTHON), dir)
    expect(run.result).toBeUndefined()
    const [warning, ...more] = replayedLines(run.log)
    expect(more).toEqual([])
    expect(warning).toMatch(/^warning flake8 [\d.]+ could not check the project \(exit 1\)/)
    expect(warning).toContain("ValueError: invalid literal for int() with base 10: 'abc'")
  })

  it('gives nothing, quietly, when the environment has no flake8', async () => {
    const dir = createWorkspace({ 'a.py': 'import os\n' })
    execFileSync(PYTHON, ['-m', 'venv', '--without-pip', path.join(dir, '.venv')])
    const run = await runLint(
      new SpawnRunner(),
      venv(path.join(dir, '.venv', 'bin', 'python')),
      dir,
    )
    expect(run.result).toBeUndefined()
    expect(replayedLines(run.log)).toEqual([])
  })
})
