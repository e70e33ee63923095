import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  describeWrites,
  FILE_COMMANDS,
  type FileCommand,
  FileCommandGuard,
} from '../../src/guard/file-commands.js'

let dir: string
let env: Record<FileCommand, string>

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'guard-'))
  env = Object.fromEntries(
    FILE_COMMANDS.map((name) => [name, path.join(dir, name.toLowerCase())]),
  ) as Record<FileCommand, string>
  for (const file of Object.values(env)) writeFileSync(file, '')
})

afterEach(() => rmSync(dir, { recursive: true, force: true }))

const read = (name: FileCommand) => readFileSync(env[name], 'utf8')

describe('FileCommandGuard', () => {
  it('finds nothing when only our own writes happened', async () => {
    const guard = new FileCommandGuard(env)
    guard.own(() => appendFileSync(env.GITHUB_PATH, '/opt/python/bin\n'))
    await guard.own(async () => appendFileSync(env.GITHUB_OUTPUT, 'coverage=81\n'))
    expect(guard.check()).toEqual([])
    expect(read('GITHUB_PATH')).toBe('/opt/python/bin\n')
    expect(read('GITHUB_OUTPUT')).toBe('coverage=81\n')
  })

  it('names what something else wrote and puts back what we left', () => {
    writeFileSync(env.GITHUB_ENV, 'KEPT=1\n')
    const guard = new FileCommandGuard(env)
    appendFileSync(env.GITHUB_ENV, 'BASH_ENV=/evil\n')
    appendFileSync(env.GITHUB_STEP_SUMMARY, '✅ passed · coverage 100%\n')
    expect(guard.check()).toEqual(['GITHUB_ENV', 'GITHUB_STEP_SUMMARY'])
    expect(read('GITHUB_ENV')).toBe('KEPT=1\n')
    expect(read('GITHUB_STEP_SUMMARY')).toBe('')
  })

  it('checks before each write of ours, so a half-written heredoc cannot swallow it', () => {
    const guard = new FileCommandGuard(env)
    guard.own(() => appendFileSync(env.GITHUB_OUTPUT, 'tests=3\n'))
    appendFileSync(env.GITHUB_OUTPUT, 'coverage<<EOF\n')
    guard.own(() => appendFileSync(env.GITHUB_OUTPUT, 'coverage=81\n'))
    expect(read('GITHUB_OUTPUT')).toBe('tests=3\ncoverage=81\n')
    expect(guard.check()).toEqual(['GITHUB_OUTPUT'])
  })

  it('is cumulative over the step, in a fixed order', () => {
    const guard = new FileCommandGuard(env)
    appendFileSync(env.GITHUB_PATH, '/evil\n')
    expect(guard.check()).toEqual(['GITHUB_PATH'])
    appendFileSync(env.GITHUB_OUTPUT, 'comment-url=https://evil.example\n')
    expect(guard.check()).toEqual(['GITHUB_OUTPUT', 'GITHUB_PATH'])
    expect(read('GITHUB_PATH')).toBe('')
  })

  it('counts a file swapped for a link as written, and puts a file back, not through the link', () => {
    const guard = new FileCommandGuard(env)
    const elsewhere = path.join(dir, 'elsewhere')
    writeFileSync(elsewhere, 'theirs')
    rmSync(env.GITHUB_STATE)
    symlinkSync(elsewhere, env.GITHUB_STATE)
    expect(guard.check()).toEqual(['GITHUB_STATE'])
    expect(readFileSync(elsewhere, 'utf8')).toBe('theirs')
    expect(read('GITHUB_STATE')).toBe('')
  })

  it('counts a removed file, a replaced one and one that was absent and appeared', () => {
    rmSync(env.GITHUB_STATE)
    const guard = new FileCommandGuard(env)
    rmSync(env.GITHUB_ENV)
    // Made beside it, then moved over it: a new file, whatever inode numbers get reused.
    writeFileSync(`${env.GITHUB_PATH}.new`, '')
    renameSync(`${env.GITHUB_PATH}.new`, env.GITHUB_PATH)
    mkdirSync(env.GITHUB_STATE)
    expect(guard.check()).toEqual(['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'])
    expect(read('GITHUB_ENV')).toBe('')
    expect(existsSync(env.GITHUB_STATE)).toBe(false)
  })

  it('guards only the files the environment names', () => {
    const guard = new FileCommandGuard({ GITHUB_OUTPUT: env.GITHUB_OUTPUT })
    appendFileSync(env.GITHUB_ENV, 'BASH_ENV=/evil\n')
    expect(guard.check()).toEqual([])
  })
})

describe('describeWrites', () => {
  it.each([
    [
      ['GITHUB_ENV'],
      'project code wrote to GITHUB_ENV while the step ran; those writes were discarded',
    ],
    [
      ['GITHUB_OUTPUT', 'GITHUB_ENV'],
      'project code wrote to GITHUB_OUTPUT and GITHUB_ENV while the step ran; those writes were discarded',
    ],
    [
      ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY'],
      'project code wrote to GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY while the step ran; those writes were discarded',
    ],
  ] as const)('%j', (written, expected) => {
    expect(describeWrites(written)).toBe(expected)
  })
})
