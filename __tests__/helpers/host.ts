/**
 * fakeHost(overrides) builds a Host for unit tests of stages: a recording log,
 * a process runner that refuses to run anything, a job on GitHub with no tool
 * cache, and PATH and env files that go nowhere. Tests give what they look at.
 */
import os from 'node:os'
import type { Host } from '../../src/host.js'
import type { ProcessRunner } from '../../src/process.js'
import { recordingLog } from './log.js'

/** The runner of a test that expects no process: any call is a failure of the test. */
const noProcesses: ProcessRunner = {
  run: async (command, args) => {
    throw new Error(`fakeHost: no runner was given for ${[command, ...args].join(' ')}`)
  },
}

export function fakeHost(overrides: Partial<Host> = {}): Host {
  return {
    log: recordingLog(),
    runner: noProcesses,
    onActions: true,
    workspace: os.tmpdir(),
    tempDir: os.tmpdir(),
    toolCacheDir: undefined,
    env: { PATH: '/usr/bin:/bin' },
    addPath: () => {},
    exportVariable: () => {},
    ...overrides,
  }
}
