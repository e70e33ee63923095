/**
 * The build success rate: dist/main.js on a pull_request event asks the
 * workflow-runs API stand-in for the base branch's completed runs of its own
 * workflow, and shows the rate the test computes from the runs it registered.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { FLAKE8_EXCLUDE } from '../../src/lint/lint.js'
import type { WorkflowRun } from '../harness/github-api.js'
import { TOOLS_PYTHON } from '../harness/paths.js'
import { pullRequestSuite } from '../harness/pull-request.js'
import { type ActionResult, copyFixture, describeRun } from '../harness/runner.js'

jest.setTimeout(180_000)

const suite = pullRequestSuite({
  GITHUB_WORKFLOW_REF: 'owner/repo/.github/workflows/ci.yml@refs/pull/12/merge',
})
const runOnPr = (inputs: Record<string, string> = {}, fixture?: string) =>
  suite.runOnPr(12, inputs, fixture)

const warnings = (r: ActionResult) => r.commands.filter((c) => c.name === 'warning')

/** What the rate must be, from the registry alone: the newest `window` completed runs of ci.yml on main. */
function expectedRate(runs: readonly WorkflowRun[], window: number) {
  const newest = runs
    .filter((r) => r.workflow_path === '.github/workflows/ci.yml' && r.head_branch === 'main')
    .filter((r) => (r.head_repository ?? 'owner/repo') === 'owner/repo')
    .filter((r) => r.status === 'completed')
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, window)
  const counted = newest.filter(
    (r) =>
      !['skipped', 'neutral', 'action_required', 'stale', 'cancelled'].includes(r.conclusion ?? ''),
  )
  const successes = counted.filter((r) => r.conclusion === 'success').length
  return {
    successes,
    completed: counted.length,
    skipped: newest.length - counted.length,
    percent: Math.round((successes / counted.length) * 1000) / 10,
  }
}

describe('the build success rate', () => {
  it('counts the newest completed runs of this workflow on the base branch', async () => {
    // 25 completed runs on main, newest last; every seventh failed, every eleventh was cancelled.
    const conclusion = (i: number) =>
      i % 7 === 3 ? 'failure' : i % 11 === 5 ? 'cancelled' : i === 20 ? 'skipped' : 'success'
    for (let i = 1; i <= 25; i++)
      suite.api.addWorkflowRun({ id: 100 + i, conclusion: conclusion(i) })
    // Newer runs that must not count: other branches, another workflow, still going.
    suite.api.addWorkflowRun({ id: 201, head_branch: 'feature', conclusion: 'failure' })
    suite.api.addWorkflowRun({
      id: 202,
      workflow_path: '.github/workflows/docs.yml',
      conclusion: 'failure',
    })
    suite.api.addWorkflowRun({ id: 203, status: 'in_progress' })
    // A fork's pull request from its own main.
    suite.api.addWorkflowRun({ id: 205, head_repository: 'someone/repo', conclusion: 'failure' })
    suite.api.addWorkflowRun({ id: 204, status: 'queued' })
    const expected = expectedRate(suite.api.runs, 20)
    // The registry holds what the test says it does: failures, a cancelled and a skipped run in the window.
    expect(expected.completed).toBe(18)
    expect(expected.successes).toBeLessThan(expected.completed)

    const result = await runOnPr({ 'history-window': '20' })
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(result.outputs['success-rate']).toBe(String(expected.percent))
    expect(result.summary).toContain(
      `Build success rate on \`main\`: ${expected.percent}% (${expected.successes} of ${expected.completed} completed runs; ${expected.skipped} skipped or cancelled not counted)`,
    )
    // The same line in the pull request comment.
    expect(suite.api.comments.find((c) => c.issue === 12)?.body).toContain(
      `Build success rate on \`main\`: ${expected.percent}%`,
    )
    expect(result.stdout).toContain(
      `✓ success rate: ${expected.percent}% (${expected.successes} of ${expected.completed} completed runs;`,
    )
    expect(
      suite.api.requests.filter((r) => r.path.includes('/actions/workflows/')).map((r) => r.path),
    ).toEqual([
      '/repos/owner/repo/actions/workflows/ci.yml/runs?branch=main&status=completed&per_page=100',
    ])
    expect(warnings(result)).toEqual([])
  })

  it('turns a lasting 500 from the runs API into one warning, and stays green', async () => {
    // Every attempt answered 500; the other requests (comment, baseline) are not touched.
    suite.api.failMatching(/\/actions\/workflows\/ci\.yml\/runs\?/, 4)
    const result = await runOnPr()
    if (result.exitCode !== 0 || warnings(result).length !== 1) throw new Error(describeRun(result))
    const [warning, ...more] = warnings(result)
    expect(more).toEqual([])
    expect(warning?.message).toContain(
      "GitHub's API did not answer (HTTP 500 after 4 tries): no success rate.",
    )
    expect(result.outputs['success-rate']).toBeUndefined()
    expect(result.outputs.coverage).toBeDefined()
    expect(result.summary).toContain(
      'Build success rate: not measured (GitHub did not answer &#40;see the warning&#41;)',
    )
    expect(result.stdout).toMatch(/returned 500; retrying/)
  })
})

describe('the code-quality line', () => {
  it("shows flake8's own count when the environment has flake8 (a test dependency of the project)", async () => {
    const source = mkdtempSync(path.join(os.tmpdir(), 'success-rate-lint-'))
    try {
      copyFixture('setuptools-pyproject', source)
      writeFileSync(path.join(source, 'demo_setuptools', 'loose.py'), 'import os\n')
      const pyproject = path.join(source, 'pyproject.toml')
      writeFileSync(
        pyproject,
        readFileSync(pyproject, 'utf8').replace('test = ["pytest"]', 'test = ["pytest", "flake8"]'),
      )
      const result = await runOnPr({ comment: 'off' }, source)
      if (result.exitCode !== 0) throw new Error(describeRun(result))
      const flake8 = (cwd: string, ...args: string[]) =>
        execFileSync(TOOLS_PYTHON, ['-m', 'flake8', ...args], { cwd, encoding: 'utf8' })
      const lines = (cwd: string, ...args: string[]) =>
        flake8(cwd, '--exit-zero', ...args, '.')
          .split('\n')
          .filter((line) => line !== '')
      // flake8 on the untouched project, with the action's exclusions, one line per finding.
      const exclude = `--extend-exclude=${FLAKE8_EXCLUDE.join(',')}`
      const findings = lines(source, exclude)
      expect(findings).toContain("./demo_setuptools/loose.py:1:1: F401 'os' imported but unused")
      expect(lines(result.projectDir, exclude)).toEqual(findings)
      const version = flake8(source, '--version').split(' ')[0]
      const problems = `${findings.length} problem${findings.length === 1 ? '' : 's'}`
      expect(result.summary).toContain(`Code quality: flake8 ${version} found ${problems}`)
      expect(result.stdout).toContain(`✓ lint: flake8 ${version} found ${problems}`)
    } finally {
      rmSync(source, { recursive: true, force: true })
    }
  })
})
