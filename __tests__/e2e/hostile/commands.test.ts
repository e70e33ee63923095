/**
 * A project that forges what the runner records: workflow commands (`##[` and
 * `::`, any case, mid-line) printed by setup.py at build and install time, by a
 * conftest at collection and by passing and failing tests, on stdout and
 * stderr; and tests that find the step's file commands (through their own
 * environment, the action's /proc/<pid>/environ, a listing of the runner's
 * folder) and write forged outputs, summary, environment and PATH. Each
 * attempt is a row below: it must reach the log (tried) and change nothing
 * the runner records (behaved).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { coverageAgreement } from '../../harness/agreement.js'
import { FIXTURES } from '../../harness/paths.js'
import {
  type ActionResult,
  describeRun,
  parseWorkflowCommands,
  runAction,
  type WorkflowCommand,
} from '../../harness/runner.js'

jest.setTimeout(600_000)

type Mode = 'legacy' | 'all'

const runs = new Map<Mode | 'files', ActionResult>()

function runOf(mode: Mode | 'files'): ActionResult {
  const result = runs.get(mode)
  if (result === undefined) throw new Error(`no ${mode} run`)
  return result
}

const run = (fixture: string, env: Record<string, string> = {}) =>
  runAction({ fixture, toolCachePython: true, env })

beforeAll(async () => {
  // pip -v shows what setup.py prints at install time: the action logs it as debug output.
  runs.set(
    'legacy',
    await run('hostile-commands', { HOSTILE_COMMANDS: 'legacy', PIP_VERBOSE: '1' }),
  )
  runs.set('all', await run('hostile-commands', { HOSTILE_COMMANDS: 'all', PIP_VERBOSE: '1' }))
  runs.set('files', await run('hostile-file-commands'))
})

afterAll(() => {
  for (const result of runs.values()) result.cleanup()
})

/** The command lines of the fixture's injections.txt, {where} left in. */
function injectionLines(mode: Mode): string[] {
  const text = readFileSync(path.join(FIXTURES, 'hostile-commands', 'injections.txt'), 'utf8')
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('# '))
    .filter((line) => mode === 'all' || line.includes('##['))
}

interface Injection {
  readonly mode: Mode
  readonly where: string
  readonly line: string
  /** What the runner would record from the line, were it not paused. */
  readonly forged: WorkflowCommand
}

const PLACES: Record<Mode, readonly string[]> = {
  legacy: ['build', 'install', 'collect', 'pass'],
  all: ['build', 'install', 'collect', 'pass', 'fail'],
}

function injections(): Injection[] {
  const rows: Injection[] = []
  for (const mode of ['legacy', 'all'] as const) {
    for (const place of PLACES[mode]) {
      for (const stream of ['stdout', 'stderr']) {
        const where = `${place}-${stream}`
        for (const template of injectionLines(mode)) {
          const line = template.replaceAll('{where}', where)
          // stop-commands and its token only set up the ::error::after row; alone they forge nothing.
          const [forged] = parseWorkflowCommands(line)
          if (forged !== undefined && forged.name !== 'x') rows.push({ mode, where, line, forged })
        }
      }
    }
  }
  const id = ' ##[error where=test-id]forged'
  const [forged] = parseWorkflowCommands(id)
  if (forged !== undefined) rows.push({ mode: 'all', where: 'test-id', line: id.trim(), forged })
  return rows
}

describe.each(injections().map((row) => [row.mode, row.where, row.line, row] as const))(
  'a %s run, %s prints %s',
  (mode, _where, _line, row) => {
    it('reaches the log as text and is recorded as no command', () => {
      const result = runOf(mode)
      expect(result.stdout).toContain(row.line)
      expect(result.commands).not.toContainEqual(row.forged)
    })
  },
)

describe.each(['legacy', 'all'] as const)('the %s run of hostile-commands', (mode) => {
  it('forges no output, annotation, mask, environment or PATH', async () => {
    const result = runOf(mode)
    const forged = result.commands.filter((c) => c.properties.where !== undefined)
    expect(forged).toEqual([])
    expect(result.commands.filter((c) => c.name === 'add-mask' && c.message === 'passed')).toEqual(
      [],
    )
    expect(result.commands.filter((c) => c.name === 'set-output')).toEqual([])
    expect(
      result.commands.filter(
        (c) => ['error', 'warning'].includes(c.name) && /^(forged|after)$/.test(c.message),
      ),
    ).toEqual([])
    expect(result.outputs['comment-url']).toBeUndefined()
    const { actual, expected } = await coverageAgreement(result)
    expect(actual).toBe(expected)
    expect(actual).not.toBe('100')
    expect(result.env.BASH_ENV).toBeUndefined()
    expect(result.path).not.toContain('/evil')
  })

  it('ends as its tests say', () => {
    const result = runOf(mode)
    if (mode === 'legacy') {
      if (result.exitCode !== 0) throw new Error(describeRun(result))
      expect(result.outputs.failed).toBe('0')
    } else {
      expect(result.exitCode).toBe(1)
      expect(result.outputs.failed).toBe('2')
    }
    expect(result.outputs.passed).toBe('1')
  })
})

interface FileAttempt {
  readonly route: string
  readonly file: string
  readonly found: boolean
  readonly wrote: boolean
}

const FORGED_FILES: Record<string, (result: ActionResult) => boolean> = {
  GITHUB_OUTPUT: (r) => r.outputs['comment-url'] !== undefined || r.outputs.coverage === '100',
  GITHUB_ENV: (r) => r.env.BASH_ENV !== undefined,
  GITHUB_STEP_SUMMARY: (r) => r.summary.includes('✅ passed · coverage 100%'),
  GITHUB_PATH: (r) => r.path.includes('/evil'),
}

function fileAttempts(): FileAttempt[] {
  const record = path.join(runOf('files').projectDir, 'file-commands-record.json')
  if (!existsSync(record)) throw new Error(`no record: ${describeRun(runOf('files'))}`)
  return JSON.parse(readFileSync(record, 'utf8')) as FileAttempt[]
}

/** How the fixture's test looks for the files: its own environment, its parents', a folder listing. */
const ROUTES = ['environment', '/proc parents', 'listing']

describe.each(
  ROUTES.flatMap((route) => Object.keys(FORGED_FILES).map((file) => [file, route] as const)),
)('a test that finds %s through %s and writes to it', (file, route) => {
  it('changes nothing the runner records', () => {
    const attempt = fileAttempts().find((a) => a.route === route && a.file === file)
    expect(attempt).toBeDefined()
    // The variables are withheld; the other two routes still reach the files.
    expect(attempt?.found).toBe(route !== 'environment')
    expect(FORGED_FILES[file]?.(runOf('files'))).toBe(false)
  })
})

describe('a run whose tests wrote to the file commands', () => {
  it('fails with one line naming them, and reports its own numbers', async () => {
    const result = runOf('files')
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error').map((c) => c.message)
    expect(errors).toEqual([
      'project code wrote to GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY while the step ran; those writes were discarded',
    ])
    expect(result.outputs.passed).toBe('1')
    const { actual, expected } = await coverageAgreement(result)
    expect(actual).toBe(expected)
    expect(result.summary).toContain('> [!CAUTION]')
  })
})
