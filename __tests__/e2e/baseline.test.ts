/**
 * Coverage against the base branch: dist/main.js on a push to the default
 * branch stores coverage-summary.json as an artifact (the real
 * @actions/artifact, the results service stand-in, Azurite); on a pull
 * request it finds that artifact through the GitHub API stand-in, downloads it
 * (findBy, the zip redirect) and shows the delta. Every expected number comes
 * from coverage.py run by the test on the data files of the two runs.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type Azurite, startAzurite } from '../harness/azurite.js'
import { GITHUB_TOKEN, type GitHubApi, startGitHubApi } from '../harness/github-api.js'
import { DEBIAN_PYTHON, tempDir } from '../harness/paths.js'
import { runProcess } from '../harness/process.js'
import { pullRequestEvent, QUICK_INPUTS } from '../harness/pull-request.js'
import { coverageReference, python } from '../harness/reference.js'
import { type ResultsService, startResultsService } from '../harness/results-service.js'
import {
  type ActionResult,
  describeRun,
  linesOutsideGroups,
  type RunOptions,
  runAction,
} from '../harness/runner.js'

jest.setTimeout(300_000)

const FIXTURE = 'setuptools-pyproject'
const BASE_SHA = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0'
const ARTIFACT = 'python-ci-coverage'
const repo = { full_name: 'owner/repo', fork: false, default_branch: 'main' }

let azurite: Azurite
let service: ResultsService
let api: GitHubApi
const runs: ActionResult[] = []
let nextRun = 5001

beforeAll(async () => {
  azurite = await startAzurite()
  service = await startResultsService(azurite)
  api = await startGitHubApi({ results: service })
})
afterAll(async () => {
  for (const r of runs) r.cleanup()
  await api?.close()
  await service?.close()
  await azurite?.stop()
})

/** One run of the step as its own workflow run: its backend run id is its GITHUB_RUN_ID. */
async function run(
  options: Pick<RunOptions, 'eventName' | 'ref' | 'sha' | 'payload' | 'prepare'>,
  inputs: Record<string, string> = {},
): Promise<ActionResult> {
  const id = nextRun++
  const branch = options.eventName === 'push' ? (options.ref ?? '').replace('refs/heads/', '') : ''
  api.addWorkflowRun({
    id,
    head_branch: branch || 'feature',
    head_sha: options.sha ?? BASE_SHA,
    event: options.eventName ?? 'push',
    status: 'in_progress',
    created_at: new Date().toISOString(),
  })
  const result = await runAction({
    fixture: FIXTURE,
    toolCachePython: true,
    ...options,
    inputs: { ...QUICK_INPUTS, 'github-token': GITHUB_TOKEN, ...inputs },
    env: { ...service.env({ run: String(id) }), GITHUB_API_URL: api.url },
  })
  runs.push(result)
  return result
}

/** The PR's change: one test file fewer, so shapes.py loses coverage. */
const fewerTests: RunOptions['prepare'] = (ctx) => {
  rmSync(path.join(ctx.projectDir, 'tests', 'test_shapes.py'))
}

const runOnPr = (base: string, inputs: Record<string, string> = {}) =>
  run({ ...pullRequestEvent({ number: 7, base: { ref: base } }), prepare: fewerTests }, inputs)

function dataFile(result: ActionResult): string {
  const report = result.outputs['report-path']
  if (!report) throw new Error(`no report-path output\n${describeRun(result)}`)
  return path.join(path.dirname(report), '.coverage')
}

/** `coverage json` on a run's data file: coverage.py's own total. */
async function coverageTotals(result: ActionResult): Promise<{ percent: number; display: string }> {
  const out = path.join(tempDir('coverage-json'), 'coverage.json')
  const done = await python(['-m', 'coverage', 'json', '-o', out], result.projectDir, {
    COVERAGE_FILE: dataFile(result),
  })
  if (done.exitCode !== 0) throw new Error(`coverage json failed:\n${done.stdout}${done.stderr}`)
  const totals = (
    JSON.parse(readFileSync(out, 'utf8')) as {
      totals: { percent_covered: number; percent_covered_display: string }
    }
  ).totals
  return { percent: totals.percent_covered, display: totals.percent_covered_display }
}

/** current − base at the precision coverage displays: "+1.25", "-0.50" or "0". */
function expectedDelta(current: { percent: number; display: string }, base: { percent: number }) {
  const precision = current.display.split('.')[1]?.length ?? 0
  const delta = current.percent - base.percent
  const shown = Math.abs(delta).toFixed(precision)
  return Number(shown) === 0 ? '0' : `${delta < 0 ? '-' : '+'}${shown}`
}

const warnings = (r: ActionResult) => r.commands.filter((c) => c.name === 'warning')

let base: ActionResult
let baseTotals: { percent: number; display: string }

// Every pull request run compares with this one.
beforeAll(async () => {
  base = await run({
    eventName: 'push',
    ref: 'refs/heads/main',
    sha: BASE_SHA,
    payload: { ref: 'refs/heads/main', repository: repo },
  })
  if (base.exitCode !== 0) throw new Error(describeRun(base))
  baseTotals = await coverageTotals(base)
})

describe('on a push to the default branch', () => {
  it('stores coverage-summary.json whose total is what coverage report prints', async () => {
    const stored = service.artifacts.filter((a) => a.name === ARTIFACT)
    expect(stored.map((a) => a.runId)).toEqual(['5001'])
    const [record] = stored
    if (!record) throw new Error('no artifact')
    const zip = path.join(tempDir('baseline-zip'), 'a.zip')
    writeFileSync(zip, await service.artifactBlob(record))
    const unzip = await runProcess(
      DEBIAN_PYTHON,
      [
        '-c',
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.namelist()); sys.stdout.write(z.read("coverage-summary.json").decode())',
        zip,
      ],
      { cwd: path.dirname(zip), env: { PATH: '/usr/bin:/bin' } },
    )
    const [names = '', ...json] = unzip.stdout.split('\n')
    expect(names).toBe("['coverage-summary.json']")
    const summary = JSON.parse(json.join('\n')) as {
      format: number
      sha: string
      branch: string
      total: { percent: number; percentDisplay: string; statements: number }
      files: Record<string, { coveredLines: number; statements: number }>
    }
    const reference = await coverageReference(dataFile(base), base.projectDir)
    expect(summary).toMatchObject({ format: 1, sha: BASE_SHA, branch: 'main' })
    expect(summary.total.percentDisplay).toBe(reference.total)
    expect(summary.total.percent).toBe(baseTotals.percent)
    expect(Object.keys(summary.files).sort()).toEqual([
      'demo_setuptools/__init__.py',
      'demo_setuptools/shapes.py',
      'demo_setuptools/words.py',
    ])
    expect(base.stdout).toMatch(
      new RegExp(`✓ baseline: ${reference.total}% stored as artifact ${ARTIFACT} for main`),
    )
    expect(base.outputs['coverage-delta']).toBeUndefined()
  })

  it("keeps the artifact client's lines inside a log group", () => {
    // What @actions/artifact logs while it uploads.
    const client =
      /^(Artifact name is valid!|Root directory input is valid!|Beginning upload of artifact|Finished uploading artifact|Finalizing artifact upload|Artifact \S+ successfully finalized)/
    expect(base.stdout.split('\n').filter((l) => client.test(l)).length).toBeGreaterThan(0)
    expect(linesOutsideGroups(base.stdout).filter((l) => client.test(l))).toEqual([])
  })
})

describe('on a pull request', () => {
  it('shows the delta to the base, from coverage.py numbers of both runs', async () => {
    const pr = await runOnPr('main')
    if (pr.exitCode !== 0) throw new Error(describeRun(pr))
    const prTotals = await coverageTotals(pr)
    const delta = expectedDelta(prTotals, baseTotals)
    expect(delta.startsWith('-')).toBe(true)
    expect(pr.outputs['coverage-delta']).toBe(delta)
    const shown = `▼ −${delta.slice(1)}`
    const line = `**${shown}** points against **main**: ${baseTotals.display}% at \`${BASE_SHA.slice(0, 7)}\``
    expect(pr.summary).toContain(line)
    expect(pr.summary).toContain(`coverage **${prTotals.display}%** (${shown})`)
    const comment = api.comments.find((c) => c.issue === 7)
    expect(comment?.body).toContain(line)
    expect(pr.summary).toMatch(/\| demo&#95;setuptools\/shapes\.py \| [\d.]+% \| [\d.]+% \| ▼ −/)
    expect(pr.stdout).toContain(
      `✓ baseline: ${delta} against main ${BASE_SHA.slice(0, 7)} (${baseTotals.display}%)`,
    )
    expect(warnings(pr)).toEqual([])
    // Found through the artifacts list, fetched through the zip redirect.
    expect(api.requests.map((r) => [r.method, r.path.split('?')[0], r.status])).toEqual(
      expect.arrayContaining([
        ['GET', '/repos/owner/repo/actions/artifacts', 200],
        ['GET', expect.stringMatching(/^\/repos\/owner\/repo\/actions\/artifacts\/\d+\/zip$/), 302],
      ]),
    )
  })

  it('fails the step after the report when the drop is larger than max-coverage-drop', async () => {
    const pr = await runOnPr('main', { 'max-coverage-drop': '0' })
    const delta = expectedDelta(await coverageTotals(pr), baseTotals)
    const reason = `coverage dropped ${delta.slice(1)} points against main (${baseTotals.display}% there), more than max-coverage-drop 0`
    expect(pr.exitCode).toBe(1)
    const shown = `- ${reason.replace('(', '&#40;').replace(')', '&#41;')}`
    expect(pr.summary).toContain(shown)
    // The comment was posted first, and shows the verdict it led to.
    const comments = api.comments.filter((c) => c.issue === 7)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain(shown)
    expect(pr.commands.filter((c) => c.name === 'error').map((c) => c.message)).toEqual([reason])
  })

  it('says "no baseline yet" when the base branch has none, and stays green', async () => {
    const pr = await runOnPr('develop', { 'max-coverage-drop': '0' })
    if (pr.exitCode !== 0) throw new Error(describeRun(pr))
    expect(pr.summary).toContain('ℹ️ Against the base branch: no baseline yet for develop')
    expect(pr.outputs['coverage-delta']).toBeUndefined()
    expect(pr.stdout).toContain('– baseline: no baseline yet for develop')
    expect(warnings(pr)).toEqual([])
  })

  it('turns a failed download into one outage warning and stays green', async () => {
    // The artifact client sends one request for the zip, without retries.
    api.failMatching(/\/actions\/artifacts\/\d+\/zip/, 1)
    const pr = await runOnPr('main', { 'max-coverage-drop': '0' })
    if (pr.exitCode !== 0) throw new Error(describeRun(pr))
    const ours = warnings(pr)
    expect(ours).toHaveLength(1)
    expect(ours[0]?.message).toMatch(
      /^GitHub's API did not answer \(HTTP 500\): no base-branch coverage\. /,
    )
    expect(pr.summary).toContain('⚠️ Against the base branch: baseline unreadable for main')
    expect(pr.outputs['coverage-delta']).toBeUndefined()
  })
})

describe('the artifacts endpoints of the API stand-in', () => {
  const get = (path: string, token: string | null = GITHUB_TOKEN) =>
    fetch(`${api.url}${path}`, {
      redirect: 'manual',
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    })

  it("list one run's artifacts by name, with the run's branch and commit", async () => {
    const response = await get(`/repos/owner/repo/actions/runs/5001/artifacts?name=${ARTIFACT}`)
    const body = (await response.json()) as {
      total_count: number
      artifacts: { name: string; expired: boolean; workflow_run: unknown }[]
    }
    expect(body.total_count).toBe(1)
    expect(body.artifacts[0]).toMatchObject({
      name: ARTIFACT,
      expired: false,
      workflow_run: { id: 5001, head_branch: 'main', head_sha: BASE_SHA },
    })
  })

  it('refuse a missing or unknown token, and mark expired ones (410 for their zip)', async () => {
    expect((await get('/repos/owner/repo/actions/artifacts', null)).status).toBe(401)
    expect((await get('/repos/owner/repo/actions/artifacts', 'ghp_unknown')).status).toBe(401)
    const record = service.artifacts.find((a) => a.name === ARTIFACT)
    if (!record) throw new Error('no artifact')
    const expiresAt = record.expiresAt
    record.expiresAt = new Date(Date.now() - 1000).toISOString()
    try {
      expect((await get(`/repos/owner/repo/actions/artifacts/${record.id}/zip`)).status).toBe(410)
      const listed = (await (
        await get(`/repos/owner/repo/actions/artifacts?name=${ARTIFACT}`)
      ).json()) as { artifacts: { expired: boolean }[] }
      expect(listed.artifacts.map((a) => a.expired)).toEqual([true])
    } finally {
      record.expiresAt = expiresAt
    }
  })
})
