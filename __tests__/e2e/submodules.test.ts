/**
 * A project whose tests read a git submodule, checked out as actions/checkout
 * does by default (the submodule's folder empty): one warning names the folder
 * and the fix before the tests run. With the submodule there, no warning.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const FIXTURE = 'submodule-data'
const SUBMODULE = 'vendor/testdata'

function run(withSubmodule: boolean): Promise<ActionResult> {
  return runAction({
    fixture: FIXTURE,
    toolCachePython: true,
    prepare: (ctx) => {
      const folder = path.join(ctx.projectDir, SUBMODULE)
      mkdirSync(folder, { recursive: true })
      if (withSubmodule)
        writeFileSync(
          path.join(folder, 'cases.json'),
          JSON.stringify([
            ['1+2', 3],
            ['20+22', 42],
          ]),
        )
    },
  })
}

const submoduleWarnings = (r: ActionResult) =>
  r.commands.filter((c) => c.name === 'warning' && /git submodules?/.test(c.message))

describe('a checkout without the submodule its tests read', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await run(false)
  })
  afterAll(() => result.cleanup())

  it("warns once, naming the folder and actions/checkout's submodules: true", () => {
    const [warning, ...more] = submoduleWarnings(result)
    expect(more).toEqual([])
    expect(warning?.message).toContain(SUBMODULE)
    expect(warning?.message).toContain('`submodules: true`')
  })

  it('warns before the tests run, which then fail to collect', () => {
    const lines = result.stdout.split('\n')
    const warned = lines.findIndex((l) => l.startsWith('::warning') && l.includes(SUBMODULE))
    const tests = lines.indexOf('::group::Run pytest under coverage')
    expect(warned).toBeGreaterThanOrEqual(0)
    expect(tests).toBeGreaterThan(warned)
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('FileNotFoundError')
  })
})

describe('a checkout with the submodule', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await run(true)
  })
  afterAll(() => result.cleanup())

  it('says nothing of submodules, and the tests pass', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(submoduleWarnings(result)).toEqual([])
  })
})
