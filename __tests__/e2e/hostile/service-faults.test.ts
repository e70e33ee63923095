/**
 * Service faults over the stages that call services: GitHub's REST API
 * (success rate, base-branch coverage, the pull request's files, the
 * comment, the companion), the Actions artifact service (the dists
 * artifact, the baseline, the comment kept for the companion) and the cache
 * service (restore, save), each answering 500, rate-limiting, dropping the
 * connection, refusing it, or stopped. Whatever fails, the step's verdict is
 * the one of a run without faults, each outage gives exactly one warning,
 * on one line, naming everything it skipped, the summary and the outputs are
 * written, and no stack trace shows. One run per row, on a tiny fixture:
 * the faults of a row all hit the same run.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../../harness/azurite.js'
import {
  GITHUB_TOKEN,
  type GitHubApi,
  READ_ONLY_TOKEN,
  startGitHubApi,
} from '../../harness/github-api.js'
import { pullRequestEvent } from '../../harness/pull-request.js'
import { type ResultsService, startResultsService } from '../../harness/results-service.js'
import {
  type ActionResult,
  describeRun,
  runAction,
  stackTraceLines,
  UNREACHABLE_API,
} from '../../harness/runner.js'

jest.setTimeout(600_000)

const NUMBER = 21
const ALL = /./
/** Retries wait 1, 2 and 4 s: four tries of each request. */
const GITHUB_DOWN =
  /^GitHub's API did not answer \((?<cause>[^)]*(?:\([^)]*\))?[^)]*)\): (?<skipped>[^.]*)\. /
const ARTIFACTS_DOWN = /^The Actions artifact service failed \(.*\): (?<skipped>[^.]*)\. /
const CACHE_DOWN =
  /^the cache could not be (restored|saved) \(.*\): (?<skipped>[^;]*); the run goes on/

let azurite: Azurite
let service: ResultsService
let api: GitHubApi
let clean: ActionResult
const results: ActionResult[] = []

type Where = 'pull request' | 'push to main' | 'fork pull request'

interface Row {
  readonly name: string
  readonly where: Where
  /** Faults switched on before the run. */
  readonly inject: () => void
  readonly env?: Record<string, string>
  /** Per outage: the warning's pattern and what it must name as skipped, in order. */
  readonly outages: readonly { readonly pattern: RegExp; readonly skipped: readonly string[] }[]
  /** Warnings that are not outages (a token that may not write), matched in order after them. */
  readonly others?: readonly RegExp[]
  /** The service calls the faults hit, for the tally. */
  readonly faults: readonly string[]
  readonly cause?: RegExp
}

const GITHUB_FEATURES = [
  'no success rate',
  'no base-branch coverage',
  'no changed-lines coverage',
  'no comment',
]
const GITHUB_FAULTS = ['success rate', 'baseline lookup', 'pull request files', 'comment']

const ROWS: readonly Row[] = [
  {
    name: 'GitHub answers 500 to everything, the artifact service 500 to uploads',
    where: 'pull request',
    inject: () => {
      api.failMatching(ALL, Number.POSITIVE_INFINITY)
      service.faults.set('CreateArtifact', { kind: 'status', status: 500, times: 99 })
    },
    outages: [
      { pattern: GITHUB_DOWN, skipped: GITHUB_FEATURES },
      { pattern: ARTIFACTS_DOWN, skipped: ['no artifact python-ci-dists with the built files'] },
    ],
    cause: /HTTP 500 after 4 tries/,
    faults: [...GITHUB_FAULTS, 'dists artifact upload'],
  },
  {
    name: 'GitHub drops every connection, the cache service 500s on save',
    where: 'pull request',
    inject: () => {
      api.dropMatching(ALL, Number.POSITIVE_INFINITY)
      service.faults.set('CreateCacheEntry', { kind: 'status', status: 500, times: 99 })
    },
    outages: [
      { pattern: GITHUB_DOWN, skipped: GITHUB_FEATURES },
      { pattern: CACHE_DOWN, skipped: ['no cache save'] },
    ],
    cause: /no response after 4 tries: .*(socket hang up|ECONNRESET)/,
    faults: [...GITHUB_FAULTS, 'cache save'],
  },
  {
    name: 'GitHub rate-limits everything for an hour',
    where: 'pull request',
    inject: () => api.rateLimitMatching(ALL, Number.POSITIVE_INFINITY, 3600),
    outages: [{ pattern: GITHUB_DOWN, skipped: GITHUB_FEATURES }],
    cause: /^rate limited, HTTP 403$/,
    faults: GITHUB_FAULTS,
  },
  {
    name: 'GitHub and the results service refuse connections',
    where: 'pull request',
    inject: () => {},
    env: { GITHUB_API_URL: UNREACHABLE_API, ACTIONS_RESULTS_URL: UNREACHABLE_API },
    outages: [
      { pattern: GITHUB_DOWN, skipped: GITHUB_FEATURES },
      { pattern: CACHE_DOWN, skipped: ['no cached environment, no cache save'] },
      { pattern: ARTIFACTS_DOWN, skipped: ['no artifact python-ci-dists with the built files'] },
    ],
    cause: /ECONNREFUSED/,
    faults: [...GITHUB_FAULTS, 'cache restore', 'dists artifact upload'],
  },
  {
    name: 'the cache service 503s on restore, GitHub 500s on the comment only',
    where: 'pull request',
    inject: () => {
      service.faults.set('GetCacheEntryDownloadURL', { kind: 'status', status: 503, times: 99 })
      api.failMatching(/\/issues\/\d+\/comments/, Number.POSITIVE_INFINITY)
    },
    outages: [
      { pattern: GITHUB_DOWN, skipped: ['no comment'] },
      { pattern: CACHE_DOWN, skipped: ['no cached environment, no cache save'] },
    ],
    faults: ['cache restore', 'comment'],
  },
  {
    name: "a fork's read-only token and the artifact service 500s",
    where: 'fork pull request',
    inject: () => service.faults.set('CreateArtifact', { kind: 'status', status: 500, times: 99 }),
    outages: [
      {
        pattern: ARTIFACTS_DOWN,
        skipped: [
          'no artifact python-ci-dists with the built files',
          'no comment kept for the workflow_run companion',
        ],
      },
    ],
    others: [/^The pull request comment was not posted: .*Resource not accessible by integration/],
    faults: ['dists artifact upload', 'comment request upload'],
  },
  {
    name: 'a push to main: the artifact service 500s, GitHub 500s on the runs API',
    where: 'push to main',
    inject: () => {
      service.faults.set('CreateArtifact', { kind: 'status', status: 500, times: 99 })
      api.failMatching(/\/actions\/workflows\//, Number.POSITIVE_INFINITY)
    },
    outages: [
      { pattern: GITHUB_DOWN, skipped: ['no success rate'] },
      {
        pattern: ARTIFACTS_DOWN,
        skipped: [
          'no artifact python-ci-dists with the built files',
          'no coverage stored as the baseline of main',
        ],
      },
    ],
    faults: ['success rate', 'dists artifact upload', 'baseline store'],
  },
]

function warnings(result: ActionResult): string[] {
  return result.commands.filter((c) => c.name === 'warning').map((c) => c.message)
}

async function run(row: Pick<Row, 'where' | 'env'>): Promise<ActionResult> {
  const event =
    row.where === 'push to main'
      ? {
          eventName: 'push',
          ref: 'refs/heads/main',
          payload: { repository: { default_branch: 'main' } },
        }
      : pullRequestEvent({
          number: NUMBER,
          // A base commit the checkout lacks: the changed lines come from the files API.
          base: { sha: 'b'.repeat(40) },
          head: row.where === 'fork pull request' ? { sha: 'f'.repeat(40), repo: 'fork/repo' } : {},
        })
  const result = await runAction({
    fixture: 'setuptools-pyproject',
    toolCachePython: true,
    ...event,
    inputs: {
      cache: 'true',
      'dists-artifact': 'python-ci-dists',
      'github-token': row.where === 'fork pull request' ? READ_ONLY_TOKEN : GITHUB_TOKEN,
    },
    env: {
      ...service.env({ run: String(4000 + results.length) }),
      GITHUB_API_URL: api.url,
      GITHUB_WORKFLOW_REF: 'owner/repo/.github/workflows/ci.yml@refs/heads/main',
      ...row.env,
    },
  })
  results.push(result)
  return result
}

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  api = await startGitHubApi({ results: service })
  api.setPullRequestFiles(NUMBER, [])
  clean = await run({ where: 'pull request' })
})
afterAll(async () => {
  for (const r of results) r.cleanup()
  await api?.close()
  await service?.close()
  await azurite?.stop()
})

/** What a user reads of the run, whatever the services did. */
function reportOf(result: ActionResult) {
  return {
    exitCode: result.exitCode,
    tests: result.outputs.tests,
    failures: result.outputs.failures,
    coverage: result.outputs.coverage,
    version: result.outputs.version,
  }
}

describe('a run with every service up', () => {
  it('passes with no warning, and commented', () => {
    if (clean.exitCode !== 0 || warnings(clean).length > 0) throw new Error(describeRun(clean))
    expect(clean.outputs['comment-url']).toBeDefined()
  })
})

describe.each(ROWS)('$name', (row) => {
  let result: ActionResult
  beforeAll(async () => {
    api.clearFaults()
    service.faults.clear()
    row.inject()
    try {
      result = await run(row)
    } finally {
      api.clearFaults()
      service.faults.clear()
    }
  })

  it('leaves the verdict, the outputs and the summary as they are without the fault', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    expect(reportOf(result)).toEqual(reportOf(clean))
    expect(result.summary).toContain('### Tests')
    expect(result.summary).toContain('### Coverage')
  })

  it('gives exactly one warning per outage, naming what it skipped, on one line', () => {
    const given = warnings(result)
    const expected = row.outages.length + (row.others?.length ?? 0)
    if (given.length !== expected) throw new Error(`${given.join('\n')}\n${describeRun(result)}`)
    // Each warning is the one of exactly one expected outage (or other fault).
    for (const pattern of [...row.outages.map((o) => o.pattern), ...(row.others ?? [])])
      expect(given.filter((w) => pattern.test(w))).toHaveLength(1)
    for (const { pattern, skipped } of row.outages) {
      const warning = given.find((w) => pattern.test(w)) ?? ''
      expect(pattern.exec(warning)?.groups?.skipped).toBe(skipped.join(', '))
    }
    if (row.cause !== undefined) {
      const github = given.find((w) => GITHUB_DOWN.test(w)) ?? ''
      expect(GITHUB_DOWN.exec(github)?.groups?.cause).toMatch(row.cause)
    }
    for (const warning of given) expect(warning).not.toMatch(/[\r\n]|%0A/)
  })

  it('shows no stack trace', () => {
    expect(stackTraceLines(`${result.stdout}\n${result.stderr}`)).toEqual([])
  })
})

describe('the workflow_run companion when GitHub is down', () => {
  it.each([
    [
      'answers 500',
      () => api.failMatching(ALL, Number.POSITIVE_INFINITY),
      () => api.url,
      /HTTP 500 after 4 tries/,
    ],
    ['refuses connections', () => {}, () => UNREACHABLE_API, /ECONNREFUSED/],
  ])('%s: one warning, a green step, a summary', async (_, inject, url, cause) => {
    api.clearFaults()
    inject()
    try {
      const result = await runAction({
        eventName: 'workflow_run',
        payload: { action: 'completed', workflow_run: { id: 4999, pull_requests: [] } },
        inputs: { 'github-token': GITHUB_TOKEN, 'comment-from-run': '4999' },
        env: { ...service.env({ run: '4998' }), GITHUB_API_URL: url() },
      })
      results.push(result)
      if (result.exitCode !== 0) throw new Error(describeRun(result))
      const [warning, ...more] = warnings(result)
      expect(more).toEqual([])
      expect(warning).toMatch(GITHUB_DOWN)
      expect(warning).toMatch(cause)
      expect(warning).toContain('run 4999 not read, no comment posted')
      expect(result.summary).toContain('Python CI · comments of pull request runs')
      expect(stackTraceLines(`${result.stdout}\n${result.stderr}`)).toEqual([])
    } finally {
      api.clearFaults()
    }
  })
})
