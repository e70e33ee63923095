/**
 * A version taken from git tags (setuptools_scm) in a checkout without tags,
 * as actions/checkout leaves it by default: the build works, and the step
 * warns that the version is a guess and names the fix.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runProcess } from '../harness/process.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const git = (cwd: string, ...args: string[]) =>
  runProcess('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args], {
    cwd,
    env: { PATH: '/usr/bin:/bin', HOME: cwd },
  })

describe('a setuptools_scm project in a checkout without tags', () => {
  let result: ActionResult
  beforeAll(async () => {
    result = await runAction({
      fixture: 'scm-version',
      toolCachePython: true,
      inputs: {},
      prepare: async (ctx) => {
        for (const args of [
          ['init', '-q'],
          ['add', '-A'],
          ['commit', '-qm', 'first'],
        ]) {
          const done = await git(ctx.projectDir, ...args)
          if (done.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`)
        }
      },
    })
  })
  afterAll(() => result.cleanup())

  it('builds, with the version setuptools_scm guessed', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.outputs['package-version']).toMatch(/^0\.1\.dev\d+\+g[0-9a-f]{7,}$/)
  })

  it('warns that the version is a guess and names the fix', () => {
    const warnings = result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
    const version = result.outputs['package-version'] ?? '(none)'
    expect(warnings).toContainEqual(
      expect.stringContaining(`the built version ${version} looks derived from git`),
    )
    expect(warnings.join('\n')).toContain('fetch-depth: 0')
    expect(result.summary).toContain('fetch-depth: 0')
  })
})
