/**
 * A test that finds the run's event file (its path is in the action's own
 * environment under /proc) and rewrites it to name another pull request: the
 * step read the event before any project code ran, so the comment still goes
 * to the pull request the run is for.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { pullRequestSuite } from '../../harness/pull-request.js'
import { type ActionResult, describeRun } from '../../harness/runner.js'

jest.setTimeout(300_000)

const suite = pullRequestSuite()
let result: ActionResult

beforeAll(async () => {
  result = await suite.runOnPr(7, {}, 'hostile-event')
})

describe('a test that rewrites the event file', () => {
  it('found the file through /proc and rewrote it', () => {
    const record = JSON.parse(
      readFileSync(path.join(result.projectDir, 'event-record.json'), 'utf8'),
    )
    expect(record).toEqual({ found: expect.stringMatching(/event\.json$/), rewritten: true })
  })

  it('leaves the comment on the pull request the run is for', () => {
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const onIssue = (n: number) => suite.api.comments.filter((c) => c.issue === n)
    expect(onIssue(7)).toHaveLength(1)
    expect(onIssue(99)).toHaveLength(0)
    expect(suite.api.requests.filter((r) => r.path.includes('/issues/99/'))).toEqual([])
    expect(result.outputs['comment-url']).toMatch(/\/pull\/7#issuecomment-\d+$/)
  })
})
