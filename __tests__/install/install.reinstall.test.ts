/**
 * installProject on a venv restored from the cache, with a fake process
 * runner: which processes run for a checkout that is, or is not, the one the
 * cached copy of the project was installed from.
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { Config } from '../../src/config.js'
import type { Host } from '../../src/host.js'
import { projectFingerprint, writeProjectMarker } from '../../src/install/fingerprint.js'
import { installProject } from '../../src/install/install.js'
import type { ProcessRunner, RunResult } from '../../src/process.js'
import type { PythonSetup } from '../../src/python/setup.js'
import { createConfig, createProjectInfo } from '../helpers/config.js'
import { fakeHost } from '../helpers/host.js'
import { type RecordingLog, recordingLog } from '../helpers/log.js'
import { itUnreadable } from '../helpers/permissions.js'

let root: string
let projectDir: string
let tempDir: string
let calls: { command: string; args: readonly string[] }[]
/** What the fake `git describe` prints. */
let described: string

/** The checkout's fingerprint, which these small projects always have. */
function hashOf(dir: string, extra?: string): string {
  const fingerprint = projectFingerprint(dir, extra)
  if (!('hash' in fingerprint)) throw new Error(fingerprint.unknown)
  return fingerprint.hash
}

const python: PythonSetup = {
  version: '3.12.4',
  executable: '/opt/python/bin/python3',
  prefix: '/opt/python',
  pipVersion: '24.0',
  origin: 'test',
}

function ok(stdout = ''): RunResult {
  return { code: 0, stdout, stderr: '', output: stdout, durationMs: 1 }
}

/** Answers the wheel-building snippet with a wheel path, pip with success. */
const runner: ProcessRunner = {
  async run(command, args) {
    calls.push({ command, args })
    if (command === 'git')
      return described === ''
        ? { ...ok(), code: 128, output: 'fatal: not a git repository' }
        : ok(`${described}\n`)
    if (args[0] === '-c')
      return ok(`running bdist_wheel\n\n"${tempDir}/reinstall/demo-0.1.0-py3-none-any.whl"\n`)
    return ok('Successfully installed demo-0.1.0\n')
  },
}

let log: RecordingLog

function host(): Host {
  return fakeHost({ log, runner, workspace: projectDir, tempDir })
}

function config(overrides: Partial<Config> = {}): Config {
  return createConfig({
    workingDirectory: projectDir,
    project: createProjectInfo({
      dir: projectDir,
      pyproject: {
        'build-system': { requires: ['setuptools'], 'build-backend': 'setuptools.build_meta' },
        project: { name: 'demo', version: '0.1.0' },
      },
    }),
    buildIsolation: false,
    pipArgs: [],
    // These tests count the project's processes; the tools venv has tests of its own.
    build: false,
    ...overrides,
  })
}

beforeEach(() => {
  root = path.join(os.tmpdir(), `reinstall-${process.pid}-${Date.now()}`)
  projectDir = path.join(root, 'project')
  tempDir = path.join(root, 'temp')
  mkdirSync(path.join(projectDir, 'demo'), { recursive: true })
  mkdirSync(path.join(tempDir, 'venv', 'bin'), { recursive: true })
  writeFileSync(path.join(projectDir, 'demo', '__init__.py'), 'VALUE = 1\n')
  calls = []
  described = 'v0.1.0-0-gabc'
  log = recordingLog()
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const venvPython = () => path.join(tempDir, 'venv', 'bin', 'python')
const reuse = { reuseVenv: true, fingerprint: true }

describe('installProject into a cached venv', () => {
  it('keeps the project when the checkout is the one it was installed from: no process at all', async () => {
    const fingerprint = hashOf(projectDir)
    writeProjectMarker(path.join(tempDir, 'venv'), { fingerprint, distName: 'demo', venvPip: true })
    const installed = await installProject(host(), config(), python, reuse)
    expect(calls).toEqual([])
    expect(installed.summary).toMatch(/^demo unchanged in the cached environment /)
    expect(installed.venv.python).toBe(venvPython())
  })

  it('a changed file: builds the wheel in the venv, then the venv’s pip installs it without deps', async () => {
    const fingerprint = hashOf(projectDir)
    writeProjectMarker(path.join(tempDir, 'venv'), { fingerprint, distName: 'demo', venvPip: true })
    writeFileSync(path.join(projectDir, 'demo', '__init__.py'), 'VALUE = 2\n')
    const installed = await installProject(host(), config(), python, reuse)
    const wheel = `${tempDir}/reinstall/demo-0.1.0-py3-none-any.whl`
    expect(calls.map((c) => [c.command, c.args[0] === '-c' ? ['-c', c.args[2]] : c.args])).toEqual([
      [venvPython(), ['-c', 'setuptools.build_meta']],
      [venvPython(), ['-m', 'pip', 'install', '--no-deps', '--force-reinstall', wheel]],
    ])
    expect(installed.summary).toMatch(/^demo reinstalled into the cached environment /)
    expect(log.lines).toContain(
      'the checkout differs from the one the cached environment was made from: reinstalling the project',
    )
  })

  it.each<[string, Partial<Config>]>([
    ['build isolation on', { buildIsolation: true }],
    ['pip arguments of the user', { pipArgs: ['--config-settings', 'a=b'], buildIsolation: false }],
  ])(
    '%s: pip builds and installs the project folder, as on a cold run',
    async (_what, overrides) => {
      writeProjectMarker(path.join(tempDir, 'venv'), {
        fingerprint: 'x',
        distName: 'demo',
        venvPip: true,
      })
      await installProject(host(), config(overrides), python, reuse)
      expect(calls).toHaveLength(1)
      expect(calls[0]?.command).toBe(venvPython())
      expect(calls[0]?.args.slice(0, 5)).toEqual([
        '-m',
        'pip',
        'install',
        '--no-deps',
        '--force-reinstall',
      ])
      expect(calls[0]?.args.at(-1)).toBe(projectDir)
    },
  )

  it('no record of the project (a venv cached by an older action): the base pip reinstalls it', async () => {
    await installProject(host(), config(), python, reuse)
    expect(calls.map((c) => c.command)).toEqual([venvPython(), python.executable])
    expect(calls[1]?.args.slice(0, 4)).toEqual(['-m', 'pip', '--python', venvPython()])
    expect(log.lines).toContain(
      'the cached environment does not say what the project was installed from: reinstalling the project',
    )
  })

  itUnreadable(
    'a folder it may not read (a root-owned database folder): reinstalls, and says why',
    async () => {
      const fingerprint = hashOf(projectDir)
      writeProjectMarker(path.join(tempDir, 'venv'), {
        fingerprint,
        distName: 'demo',
        venvPip: true,
      })
      const pgdata = path.join(projectDir, 'pgdata')
      mkdirSync(pgdata)
      chmodSync(pgdata, 0o000)
      try {
        const installed = await installProject(host(), config(), python, reuse)
        expect(installed.summary).toMatch(/^demo reinstalled into the cached environment /)
        expect(calls.at(-1)?.args.slice(0, 5)).toEqual([
          '-m',
          'pip',
          'install',
          '--no-deps',
          '--force-reinstall',
        ])
        expect(log.lines).toContain(
          `the checkout could not be read (EACCES: permission denied, scandir '${pgdata}'): a cached environment gets the project reinstalled`,
        )
      } finally {
        chmodSync(pgdata, 0o755)
      }
    },
  )

  it.each([
    ['the same commit', 'v0.1.0-0-gabc', 1],
    ['a commit later, the same files', 'v0.1.0-1-gdef', 3],
    ['git failing', '', 3],
  ])('a version from git, %s: %s', async (_what, now, processes) => {
    const dynamic = createProjectInfo({
      dir: projectDir,
      pyproject: { project: { name: 'demo', dynamic: ['version'] } },
    })
    const fingerprint = hashOf(projectDir, 'v0.1.0-0-gabc')
    writeProjectMarker(path.join(tempDir, 'venv'), { fingerprint, distName: 'demo', venvPip: true })
    described = now
    await installProject(host(), config({ project: dynamic }), python, reuse)
    expect(calls[0]?.command).toBe('git')
    expect(calls[0]?.args).toEqual(['describe', '--tags', '--long', '--always', '--abbrev=40'])
    expect(calls).toHaveLength(processes)
  })
})
