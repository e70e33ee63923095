/**
 * Changed-lines coverage end to end: dist/main.js on pull_request events in real git
 * repositories. The numbers in the output, the job summary, the comment and the
 * annotations equal what Debian's diff-cover reports for the action's own coverage.xml
 * and the same base: from `git diff` when the checkout has the history, and from the
 * pull request files API (the GitHub stand-in, paginated) in a shallow checkout.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { formatRanges, lineRanges } from '../../src/report/figures.js'
import { escapeInline } from '../../src/report/markdown.js'
import {
  GITHUB_TOKEN,
  type GitHubApi,
  type PullRequestFileEntry,
  startGitHubApi,
} from '../harness/github-api.js'
import { pullRequestEvent, QUICK_INPUTS } from '../harness/pull-request.js'
import { type ActionResult, describeRun, runAction } from '../harness/runner.js'
import {
  commitScenario,
  type DiffCoverReport,
  type Files,
  FLAT,
  lines,
  MONOREPO_SRC,
  run,
  runDiffCover,
  type Scenario,
} from '../helpers/diff-scenarios.js'

jest.setTimeout(300_000)

let api: GitHubApi
let home: string
const results: ActionResult[] = []

beforeAll(async () => {
  api = await startGitHubApi()
  home = mkdtempSync(path.join(os.tmpdir(), 'python-ci-diff-coverage-'))
})
afterAll(async () => {
  for (const r of results) r.cleanup()
  if (home) rmSync(home, { recursive: true, force: true })
  await api?.close()
})

interface Twin {
  /** The repository with its full history, feature checked out. */
  readonly repo: string
  readonly base: string
}

let twins = 0

function twin(scenario: Scenario): Twin {
  const repo = path.join(home, `twin-${++twins}`)
  return { repo, base: commitScenario(repo, scenario, home) }
}

interface PrRun {
  readonly number: number
  readonly result: ActionResult
  readonly projectDir: string
  /** diff-cover's report on the action's coverage.xml, against the base, with the full history. */
  readonly diffCover: DiffCoverReport
}

async function runOnPr(
  number: number,
  scenario: Scenario,
  options: { inputs?: Record<string, string>; shallow?: boolean; twin?: Twin } = {},
): Promise<PrRun> {
  const { repo, base } = options.twin ?? twin(scenario)
  const result = await runAction({
    toolCachePython: true,
    ...pullRequestEvent({ number, base: { sha: base } }),
    inputs: {
      ...QUICK_INPUTS,
      'github-token': GITHUB_TOKEN,
      ...(scenario.project !== '' && { 'working-directory': scenario.project }),
      ...options.inputs,
    },
    env: { GITHUB_API_URL: api.url },
    // actions/checkout's default is a clone of depth 1: the base is not in it.
    prepare: (ctx) => {
      if (!options.shallow) cpSync(repo, ctx.workspace, { recursive: true })
      else {
        const clone = ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`]
        run('git', [...clone, ctx.workspace], home, home)
      }
    },
  })
  results.push(result)
  if (result.outputs['report-path'] === undefined) throw new Error(describeRun(result))
  if (options.shallow) run('git', ['fetch', '-q', '--unshallow', 'origin'], result.workspace, home)
  const projectDir = path.join(result.workspace, scenario.project)
  const xml = path.join(path.dirname(result.outputs['report-path']), 'coverage.xml')
  return { number, result, projectDir, diffCover: runDiffCover(xml, base, projectDir, home) }
}

/** The "Changed lines" block of a report. */
function changedLinesBlock(markdown: string): string {
  const start = markdown.indexOf('### Changed lines')
  if (start < 0) return ''
  const end = markdown.indexOf('\n### ', start + 1)
  return markdown.slice(start, end < 0 ? undefined : end).trimEnd()
}

/** The report shows diff-cover's totals and, per file, its uncovered lines and percent. */
function expectReportAgrees(markdown: string, dc: DiffCoverReport): void {
  const block = changedLinesBlock(markdown)
  const covered = dc.total_num_lines - dc.total_num_violations
  expect(block).toContain(
    `**${dc.total_percent_covered}%** of the changed lines that coverage measures · ` +
      `${covered}/${dc.total_num_lines} covered, ${dc.total_num_violations} missing · ` +
      `${dc.num_changed_lines} lines changed`,
  )
  const rows = block.split('\n').filter((line) => /^\| (?!file |---)/.test(line))
  expect(rows).toHaveLength(Object.keys(dc.src_stats).length)
  for (const [file, stats] of Object.entries(dc.src_stats)) {
    const row = rows.find((line) => line.startsWith(`| ${escapeInline(file)} |`))
    const cells = row?.split(' | ')
    expect(cells?.[3]?.replace(/ \|$/, '').trim()).toBe(formatRanges(stats.violation_lines))
    expect(Number(cells?.[2]?.replace('%', ''))).toBeCloseTo(stats.percent_covered, 1)
  }
}

function uncoveredWarnings(result: ActionResult) {
  return result.commands
    .filter((c) => c.name === 'warning' && c.properties.title === 'Changed lines not covered')
    .map((c) => c.properties)
}

describe('changed-lines coverage from git, with the full history', () => {
  let flat: PrRun
  let service: PrRun

  beforeAll(async () => {
    flat = await runOnPr(41, FLAT, { inputs: { 'fail-under-diff': '100' } })
    service = await runOnPr(42, MONOREPO_SRC, { inputs: { 'fail-under-diff': '1' } })
  })

  it('the scenarios are not trivial: covered and uncovered changed lines', () => {
    for (const { diffCover } of [flat, service]) {
      expect(diffCover.total_num_violations).toBeGreaterThan(0)
      expect(diffCover.total_num_lines).toBeGreaterThan(diffCover.total_num_violations)
    }
  })

  it.each([
    ['flat layout', () => flat],
    ['src layout in a working-directory subfolder', () => service],
  ])('%s: the output, the summary and the comment equal diff-cover', (_label, get) => {
    const { number, result, diffCover } = get()
    expect(result.outputs['diff-coverage']).toBe(String(diffCover.total_percent_covered))
    expectReportAgrees(result.summary, diffCover)
    const comments = api.comments.filter((c) => c.issue === number)
    expect(comments).toHaveLength(1)
    expect(changedLinesBlock(comments[0]?.body ?? '')).toBe(changedLinesBlock(result.summary))
    expect(result.summary).toContain(`changed lines **${diffCover.total_percent_covered}%**`)
    expect(result.stdout).toMatch(/changed lines from git diff [0-9a-f]{7}\.\.\.HEAD/)
    expect(result.stdout).toMatch(
      new RegExp(
        `✓ diff coverage [\\d.]+s: ${diffCover.total_percent_covered}% of ${diffCover.total_num_lines} changed lines`,
      ),
    )
  })

  it('fail-under-diff fails the step with one line, after the summary and the comment', () => {
    const { result, diffCover } = flat
    const reason = `changed-lines coverage ${diffCover.total_percent_covered}% is under fail-under-diff 100%`
    expect(result.exitCode).toBe(1)
    const errors = result.commands.filter((c) => c.name === 'error').map((c) => c.message)
    expect(errors.at(-1)).toBe(reason)
    expect(result.summary).toContain(`- ${reason}`)
    expect(api.comments.filter((c) => c.issue === 41)).toHaveLength(1)
    // Met: the step passes.
    expect(service.result.exitCode).toBe(0)
  })

  it('annotates each range of uncovered changed lines at its repository path', () => {
    for (const { result, diffCover } of [flat, service]) {
      const expected = Object.entries(diffCover.src_stats)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .flatMap(([file, stats]) =>
          lineRanges(stats.violation_lines).map(([start, end]) => ({
            file,
            line: String(start),
            ...(end !== start && { endLine: String(end) }),
          })),
        )
      expect(expected.length).toBeGreaterThan(0)
      const warnings = uncoveredWarnings(result).map(({ file, line, endLine }) => ({
        file,
        line,
        ...(endLine !== undefined && { endLine }),
      }))
      expect(warnings).toEqual(expected.slice(0, 10))
    }
  })
})

describe('changed-lines coverage of a src layout whose tests import the installed copy', () => {
  // Without pythonpath the tests import the wheel pip installed into the venv, so coverage
  // names files in site-packages; the action maps them back to service/src/.
  const pyproject = MONOREPO_SRC.base['service/pyproject.toml'] ?? ''
  const INSTALLED: Scenario = {
    ...MONOREPO_SRC,
    name: 'src layout, installed',
    base: {
      ...MONOREPO_SRC.base,
      'service/pyproject.toml': pyproject.replace('pythonpath = ["src"]\n', ''),
    },
  }

  it('maps site-packages back to the checkout: the same numbers as diff-cover on the checkout', async () => {
    expect(INSTALLED.base['service/pyproject.toml']).not.toContain('pythonpath')
    const full = twin(INSTALLED)
    // The same tests on the checkout's own files, as diff-cover can map them.
    const projectDir = path.join(full.repo, 'service')
    const py = (...args: string[]) => run('/usr/bin/python3', args, projectDir, home)
    py(
      '-m',
      'coverage',
      'run',
      '--branch',
      '-m',
      'pytest',
      '-q',
      '-p',
      'no:cacheprovider',
      '-o',
      'pythonpath=src',
    )
    py('-m', 'coverage', 'xml', '-o', 'coverage.xml')
    const expected = runDiffCover('coverage.xml', full.base, projectDir, home)
    rmSync(path.join(projectDir, 'coverage.xml'))
    rmSync(path.join(projectDir, '.coverage'))

    const { result, diffCover } = await runOnPr(44, INSTALLED, { twin: full })
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const xml = path.join(path.dirname(result.outputs['report-path'] ?? ''), 'coverage.xml')
    expect(readFileSync(xml, 'utf8')).toMatch(/filename="[^"]*\/site-packages\/shop\/cart\.py"/)
    // diff-cover itself finds none of those files in the change.
    expect(diffCover.total_num_lines).toBe(0)
    expect(expected.total_num_violations).toBeGreaterThan(0)
    expect(result.outputs['diff-coverage']).toBe(String(expected.total_percent_covered))
    expectReportAgrees(result.summary, expected)
  })
})

/** The change as the pull request files API lists it: one entry per file, the hunks as `patch`. */
function pullRequestFiles(repo: string, base: string): PullRequestFileEntry[] {
  const git = (...args: string[]) => run('git', args, repo, home)
  const range = `${base}...feature`
  const statuses = { M: 'modified', A: 'added', D: 'removed', R: 'renamed', C: 'copied' } as const
  return git('diff', '--name-status', '-M', range)
    .trim()
    .split('\n')
    .map((line) => {
      const [code = '', first = '', second] = line.split('\t')
      const status = statuses[code.charAt(0) as keyof typeof statuses]
      const filename = second ?? first
      const patch = git('diff', '-M', range, '--', ...(second ? [first, second] : [first]))
      const hunks = patch.indexOf('\n@@ ')
      return {
        filename,
        status,
        ...(second !== undefined && { previous_filename: first }),
        // GitHub leaves the patch out for binary files and pure renames.
        ...(hunks >= 0 && { patch: patch.slice(hunks + 1).replace(/\n$/, '') }),
      }
    })
}

describe('changed-lines coverage from the pull request files API, in a shallow checkout', () => {
  // More files than one page of 100, and a binary file GitHub gives no patch for.
  const notes: Files = Object.fromEntries(
    Array.from({ length: 150 }, (_, i) => [`docs/note-${i}.md`, lines(`note ${i}`)]),
  )
  const SHALLOW: Scenario = {
    ...FLAT,
    name: 'flat layout, 150 more changed files and a binary one',
    change: { ...FLAT.change, ...notes, 'calc/logo.png': '\u0000PNG\u0000\u0001' },
  }
  let shallow: PrRun
  let listed: PullRequestFileEntry[]

  beforeAll(async () => {
    const number = 43
    // The API's answer comes from a full-history twin of the same change.
    const full = twin(SHALLOW)
    listed = pullRequestFiles(full.repo, full.base)
    api.setPullRequestFiles(number, listed)
    shallow = await runOnPr(number, SHALLOW, { shallow: true, twin: full })
  })

  it('reads every page of the files API, and gives the same numbers as diff-cover', () => {
    const { result, diffCover } = shallow
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const pages = api.requests.filter((r) => /\/pulls\/43\/files/.test(r.path))
    expect(pages.map((r) => r.status)).toEqual([200, 200])
    expect(listed.length).toBeGreaterThan(150)
    expect(result.stdout).toMatch(
      new RegExp(
        `changed lines from the pull request files API \\(#43, ${listed.length} files\\): the base [0-9a-f]{7} is not in this checkout's history`,
      ),
    )
    expect(result.outputs['diff-coverage']).toBe(String(diffCover.total_percent_covered))
    expectReportAgrees(result.summary, diffCover)
    expect(changedLinesBlock(result.summary)).toContain(
      'Not measured (binary, or a diff too large to list): calc/logo.png',
    )
  })
})

describe('the CLI with --diff-base, outside GitHub', () => {
  it('counts the changed lines from the branch given, as diff-cover does, and fails under the threshold', async () => {
    const { repo } = twin(MONOREPO_SRC)
    const result = await runAction({
      entry: 'cli',
      args: [
        'service',
        '--python',
        '/usr/bin/python3',
        '--system-site-packages',
        '--no-build-isolation',
        '--diff-base',
        'main',
        '--fail-under-diff',
        '100',
      ],
      prepare: (ctx) => cpSync(repo, ctx.workspace, { recursive: true }),
    })
    results.push(result)
    const reports = /\(JUnit and coverage files in (.+)\)$/m.exec(result.stdout)?.[1]
    if (reports === undefined) throw new Error(describeRun(result))
    const projectDir = path.join(result.workspace, 'service')
    const dc = runDiffCover(path.join(reports, 'coverage.xml'), 'main', projectDir, home)
    const missing = dc.total_num_violations
    expect(result.stdout).toContain(
      `diff      ${dc.total_percent_covered}% of ${dc.total_num_lines} changed lines (${missing} missing), from git diff main...HEAD`,
    )
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain(
      `error: changed-lines coverage ${dc.total_percent_covered}% is under fail-under-diff 100%`,
    )
  })
})
