import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import type { RunArtifacts } from '../../src/artifacts/dists.js'
import {
  type BaselineServices,
  findBaseline,
  settleBaseline,
  startBaseline,
} from '../../src/baseline/baseline.js'
import { coverageSummary } from '../../src/baseline/coverage-summary.js'
import { parseRunEvent, readEventPayload } from '../../src/github/run-event.js'
import { BufferedLog } from '../../src/log.js'
import { createCoverage } from '../helpers/metrics.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'baseline-test-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const artifact = (id: number, run: number, branch: string, extra: object = {}) => ({
  id,
  expired: false,
  created_at: `2026-01-01T00:00:${String(id).padStart(2, '0')}Z`,
  workflow_run: { id: run, head_branch: branch, repository_id: 1, head_repository_id: 1 },
  ...extra,
})

/** A fake client that serves `pages` of the artifacts list and records the paths asked for. */
function client(pages: object[][]) {
  const asked: string[] = []
  return {
    asked,
    request: async <T>(_method: string, requestPath: string) => {
      asked.push(requestPath)
      const page = Number(new URL(requestPath, 'http://x').searchParams.get('page'))
      return { status: 200, headers: {}, data: { artifacts: pages[page - 1] ?? [] } as T }
    },
  }
}

/** The entry point's one read of the event file. */
const eventIn = (env: NodeJS.ProcessEnv) =>
  parseRunEvent(env, readEventPayload(env.GITHUB_EVENT_PATH))

describe('findBaseline', () => {
  const repo = { owner: 'owner', repo: 'repo' }

  it('takes the newest unexpired artifact of a run on the branch', async () => {
    const fake = client([
      [
        artifact(9, 90, 'feature'),
        artifact(8, 80, 'main', { expired: true }),
        artifact(6, 60, 'main'),
        artifact(7, 70, 'main'),
      ],
    ])
    expect(await findBaseline(fake, repo, 'python-ci-coverage', 'main')).toEqual({
      artifactId: 7,
      runId: 70,
    })
    expect(fake.asked).toEqual([
      '/repos/owner/repo/actions/artifacts?name=python-ci-coverage&per_page=100&page=1',
    ])
  })

  it("never takes a fork's artifact, whatever its branch is called", async () => {
    const fork = { id: 95, head_branch: 'main', repository_id: 1, head_repository_id: 2 }
    const fake = client([
      [artifact(9, 95, 'main', { workflow_run: fork }), artifact(5, 50, 'main')],
    ])
    expect(await findBaseline(fake, repo, 'n', 'main')).toEqual({ artifactId: 5, runId: 50 })
  })

  it('reads further pages only while a full page had none', async () => {
    const full = Array.from({ length: 100 }, (_, i) => artifact(i + 1, i + 1, 'feature'))
    const fake = client([full, [artifact(1, 500, 'main')]])
    expect(await findBaseline(fake, repo, 'n', 'main')).toEqual({ artifactId: 1, runId: 500 })
    expect(fake.asked).toHaveLength(2)
    const short = client([[artifact(1, 1, 'feature')]])
    expect(await findBaseline(short, repo, 'n', 'main')).toBeUndefined()
    expect(short.asked).toHaveLength(1)
  })
})

function services(runArtifacts: RunArtifacts, uploads: string[][] = []): BaselineServices {
  return {
    artifacts: {
      upload: async (name, files) => {
        uploads.push([name, ...files.map((f) => readFileSync(f, 'utf8'))])
        return {}
      },
    },
    runArtifacts: () => runArtifacts,
    github: {},
  }
}

function eventEnv(name: string, payload: object, ref: string): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(root, 'event-'))
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: file,
    GITHUB_REF: ref,
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
    GITHUB_REPOSITORY: 'owner/repo',
    // Nothing listens here: a lookup that reached the network would fail.
    GITHUB_API_URL: 'http://127.0.0.1:9',
  }
}

const noDownloads: RunArtifacts = {
  list: async () => [],
  download: async () => {
    throw new Error('not expected')
  },
}

describe('settleBaseline', () => {
  const coverage = createCoverage()
  const comment = { mode: 'auto' as const, id: 'py3.12' }

  it('stores the summary on a push to the default branch, under the comment-id name', async () => {
    const env = eventEnv('push', { repository: { default_branch: 'main' } }, 'refs/heads/main')
    const uploads: string[][] = []
    const s = services(noDownloads, uploads)
    const log = new BufferedLog()
    const pending = startBaseline(env, eventIn(env), comment, 'ghs_x', s)
    const dir = path.join(root, 'store-run')
    expect(await settleBaseline(log, pending, coverage, { env, dir }, s)).toBeUndefined()
    expect(uploads.map(([name]) => name)).toEqual(['python-ci-coverage-py3.12'])
    expect(JSON.parse(uploads[0]?.[1] ?? '')).toEqual(
      coverageSummary(coverage, 'c0ffee0000000000000000000000000000000000', 'main'),
    )
  })

  it('turns a failed upload into one warning', async () => {
    const env = eventEnv('push', { repository: { default_branch: 'main' } }, 'refs/heads/main')
    const s: BaselineServices = {
      ...services(noDownloads),
      artifacts: {
        upload: async () => {
          throw new Error('409 already exists')
        },
      },
    }
    const log = new BufferedLog()
    const warnings: string[] = []
    log.warning = (m) => void warnings.push(m)
    const pending = startBaseline(env, eventIn(env), comment, 'ghs_x', s)
    await settleBaseline(log, pending, coverage, { env, dir: path.join(root, 'fail') }, s)
    expect(warnings).toEqual([
      "This run's coverage was not stored as the baseline of main (artifact python-ci-coverage-py3.12): 409 already exists. Pull requests will compare with an older one, if any.",
    ])
  })

  it('compares on a pull request without a token as "not looked up", with no request', async () => {
    const env = eventEnv('pull_request', { pull_request: { base: { ref: 'main' } } }, '')
    const s = services(noDownloads)
    const pending = startBaseline(env, eventIn(env), comment, undefined, s)
    const got = await settleBaseline(new BufferedLog(), pending, coverage, { env, dir: root }, s)
    expect(got).toEqual({
      kind: 'not-looked-up',
      branch: 'main',
      note: 'github-token is empty, so no baseline',
    })
  })

  it('does nothing on other events', async () => {
    const env = eventEnv('schedule', {}, 'refs/heads/main')
    const s = services(noDownloads)
    const pending = startBaseline(env, eventIn(env), comment, 'ghs_x', s)
    expect(pending.lookup).toBeUndefined()
    expect(
      await settleBaseline(new BufferedLog(), pending, coverage, { env, dir: root }, s),
    ).toBeUndefined()
  })
})
