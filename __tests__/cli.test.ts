import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { attachValues, type CliIo, runCli, USAGE } from '../src/cli.js'
import { renderText } from '../src/report/markdown.js'
import { createCoverage, createMetrics, createTestRun } from './helpers/metrics.js'
import { createPythonProject, createWorkspace, removeWorkspaces } from './helpers/workspace.js'

afterEach(removeWorkspaces)

/** runCli with the terminal captured; cwd is a fresh demo project unless given. */
async function cli(
  argv: readonly string[],
  cwd = createPythonProject(),
  env: Record<string, string> = {},
) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    cwd,
    env: { PATH: '/usr/bin:/bin', ...env },
  }
  const code = await runCli(argv, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('attachValues', () => {
  it.each([
    [['--pytest-args', "-k 'not slow'"], ["--pytest-args=-k 'not slow'"]],
    [
      ['--pip-args', '--pre', 'proj'],
      ['--pip-args=--pre', 'proj'],
    ],
    [
      ['--fail-under', '80', '--no-build'],
      ['--fail-under=80', '--no-build'],
    ],
    [['--reports-dir', '-out-'], ['--reports-dir=-out-']],
    // Already attached, a boolean flag, and a flag with nothing after it are parseArgs's to judge.
    [['--pytest-args=-x'], ['--pytest-args=-x']],
    [
      ['--no-build', '--verbose'],
      ['--no-build', '--verbose'],
    ],
    [['--python'], ['--python']],
    [
      ['--', '--python', '3.12'],
      ['--', '--python', '3.12'],
    ],
  ])('%j -> %j', (argv, expected) => {
    expect(attachValues(argv)).toEqual(expected)
  })
})

describe('runCli before any work', () => {
  it('names each flag it adds in --help', async () => {
    const { code, out } = await cli(['--help'])
    expect(code).toBe(0)
    for (const flag of [
      '--fail-under N',
      '--test-timeout MINUTES',
      '--reports-dir DIR',
      '--no-subprocess-coverage',
    ])
      expect(out).toContain(flag)
    expect(USAGE).toContain(`--pytest-args "-k 'not slow'"`)
  })

  it('names --fail-under, not the input, when its value is not a percentage', async () => {
    const { code, err } = await cli(['--fail-under', '-5'])
    expect(code).toBe(2)
    expect(err).toBe(
      'error: --fail-under: "-5" is not a percentage; give a number from 0 to 100, e.g. 80 or 92.5',
    )
  })

  it.each([
    ['elsewhere', {}, false],
    ['in a run: step of GitHub Actions', { GITHUB_ACTIONS: 'true' }, true],
  ])('shows a value that looks like a workflow command %s as text', async (_, env, wrapped) => {
    const { code, err } = await cli(['--fail-under', '::error::forged'], undefined, env)
    expect(code).toBe(2)
    const lines = err.split('\n')
    expect(lines.some((l) => l.includes('"::error::forged" is not a percentage'))).toBe(true)
    const token = /^::stop-commands::(\S+)$/.exec(lines[0] ?? '')?.[1]
    expect(token !== undefined).toBe(wrapped)
    if (wrapped) expect(lines.at(-1)).toBe(`::${token}::`)
  })

  it('names --test-timeout, not the input, when its value is not a number of minutes', async () => {
    const { code, err } = await cli(['--test-timeout', '10s'])
    expect(code).toBe(2)
    expect(err).toBe(
      'error: --test-timeout: "10s" is not a number of minutes; give a number over 0 and at most 360, e.g. 30 or 1.5, or leave it empty for no limit',
    )
  })

  it('says how to quote when a flag value with spaces was split into positionals', async () => {
    const { code, err } = await cli(['.', '--pytest-args', '-k', 'not slow'])
    expect(code).toBe(2)
    expect(err.split('\n')[0]).toBe(
      `one project path at most, got: ".", "not slow"; a flag takes one argument, so quote a value with spaces, e.g. --pytest-args "-k 'not slow'"`,
    )
  })

  it('refuses a --reports-dir that is a file, naming the flag and the value', async () => {
    const cwd = createWorkspace({ 'taken.txt': 'x' })
    const { code, err } = await cli(['--reports-dir', 'taken.txt/reports'], cwd)
    expect(code).toBe(2)
    expect(err).toMatch(
      /^--reports-dir: "taken.txt\/reports" cannot be used as a folder \(.+\); give a folder to create or reuse, relative to the current one, e.g. reports$/,
    )
  })

  it('refuses an empty --reports-dir', async () => {
    const { code, err } = await cli(['--reports-dir='])
    expect(code).toBe(2)
    expect(err).toContain('--reports-dir: "" cannot be used as a folder (it is empty)')
  })
})

describe("the README's GitLab job", () => {
  const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Other CI systems'))
  const yamlBlock = /```yaml\n(python-ci:[\s\S]*?)```/.exec(section)?.[1] ?? ''
  const job = (parseYaml(yamlBlock) as Record<string, { coverage?: string }> | null)?.['python-ci']

  /** GitLab's `coverage:` is /RE2/; the total is the first number in the last matching line. */
  function gitlabCoverage(text: string): string | undefined {
    const body = /^\/(.*)\/$/.exec(job?.coverage ?? '')?.[1]
    if (body === undefined) throw new Error(`no /regex/ in the job's coverage: ${job?.coverage}`)
    const pattern = new RegExp(body)
    const line = text
      .split('\n')
      .filter((l) => pattern.test(l))
      .at(-1)
    const match = line === undefined ? undefined : pattern.exec(line)?.[0]
    return match === undefined ? undefined : /\d+(?:\.\d+)?/.exec(match)?.[0]
  }

  it.each(['87.5', '100', '0', '93.62'])('reads %s%% from the report the CLI prints', (percent) => {
    const metrics = createMetrics({
      test: createTestRun({ coverage: createCoverage({ percentDisplay: percent }) }),
    })
    expect(gitlabCoverage(renderText(metrics))).toBe(percent)
  })

  it('matches no other line of the report', () => {
    const metrics = createMetrics({ test: createTestRun({ coverage: undefined }) })
    expect(gitlabCoverage(renderText(metrics))).toBeUndefined()
  })

  it('reads the example line the README shows', () => {
    const example = /`(coverage {2}[^`]+)`/.exec(section)?.[1] ?? ''
    expect(gitlabCoverage(example)).toBe('87.5')
  })

  it('publishes the JUnit and Cobertura files --reports-dir writes', () => {
    expect(yamlBlock).toContain('--reports-dir reports')
    expect(job).toMatchObject({
      artifacts: {
        reports: {
          junit: 'reports/junit.xml',
          coverage_report: { coverage_format: 'cobertura', path: 'reports/coverage.xml' },
        },
      },
    })
  })
})
