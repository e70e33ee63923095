/**
 * Checkouts that point the action at the runner's own files: a .python-version
 * that is a link to /proc/self/environ, a python-version-file or requirement
 * file that leads to /etc/passwd, a working-directory outside the workspace.
 * Each stops the step at once with one line that shows nothing of the file,
 * and nothing is built outside the workspace.
 */
import { cpSync, existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { stoppedAtOnce } from '../../harness/config-failure.js'
import { FIXTURES } from '../../harness/paths.js'
import { runEach } from '../../harness/run-each.js'
import type { ActionResult, RunContext } from '../../harness/runner.js'

jest.setTimeout(300_000)

/** A value only the environment of the run holds: shown, it proves the environment was printed. */
const CANARY = 'canary-3f9c1e7a-environment-value'
const PASSWD_LINE = /root:x:0:0/

interface Hostile {
  readonly name: string
  readonly inputs: Readonly<Record<string, string>>
  readonly prepare: (ctx: RunContext) => void
  /** What the one error names. */
  readonly names: string
}

const outsideProject = (ctx: RunContext) => path.join(ctx.workspace, '..', 'outside')

const HOSTILE: readonly Hostile[] = [
  {
    name: '.python-version is a link to /proc/self/environ',
    inputs: {},
    prepare: (ctx) =>
      symlinkSync('/proc/self/environ', path.join(ctx.workspace, '.python-version')),
    names: '.python-version',
  },
  {
    name: 'python-version-file climbs to /etc/passwd',
    inputs: { 'python-version-file': '../../../../../../../../etc/passwd' },
    prepare: () => {},
    names: 'python-version-file: "../../../../../../../../etc/passwd"',
  },
  {
    name: 'the requirements file named in install is a link to /etc/passwd',
    inputs: { install: 'requirements:requirements-ci.txt' },
    prepare: (ctx) => symlinkSync('/etc/passwd', path.join(ctx.workspace, 'requirements-ci.txt')),
    names: 'install: "requirements:requirements-ci.txt"',
  },
  {
    name: 'working-directory leads out of the workspace to another project',
    inputs: { 'working-directory': '../outside' },
    prepare: (ctx) =>
      cpSync(path.join(FIXTURES, 'setuptools-pyproject'), outsideProject(ctx), { recursive: true }),
    names: 'working-directory: "../outside"',
  },
  {
    name: 'pyproject.toml is a link to /proc/self/environ',
    inputs: {},
    prepare: (ctx) => {
      const file = path.join(ctx.workspace, 'pyproject.toml')
      rmSync(file)
      symlinkSync('/proc/self/environ', file)
    },
    names: 'pyproject.toml',
  },
]

const runOf = runEach(HOSTILE, 2, (h) => ({
  fixture: 'setuptools-pyproject',
  toolCachePython: true,
  inputs: h.inputs,
  env: { PYTHON_CI_CANARY: CANARY },
  prepare: h.prepare,
}))

describe.each(HOSTILE)('$name', (h) => {
  const result = (): ActionResult => runOf(h).result

  it('stops the step at once, with one error that names it', () => {
    expect(stoppedAtOnce(result())).toContain(h.names)
  })

  it('shows nothing of the file it points at', () => {
    const { stdout, stderr, summary } = result()
    for (const text of [stdout, stderr, summary]) {
      expect(text).not.toContain(CANARY)
      expect(text).not.toMatch(PASSWD_LINE)
    }
  })

  it('builds nothing outside the workspace', () => {
    const dist = path.join(outsideProject(result()), 'dist')
    expect(existsSync(dist) ? readdirSync(dist) : []).toEqual([])
  })
})
