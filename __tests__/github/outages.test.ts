import { describe, expect, it } from '@jest/globals'
import { Outages, oneLine, outageCause } from '../../src/github/outages.js'
import { GitHubApiError } from '../../src/github/rest.js'
import { BufferedLog } from '../../src/log.js'
import { replayedLines } from '../helpers/log.js'

const api = (status: number, message = '', attempts = 4) =>
  new GitHubApiError('GET /repos/o/r/x', status, message, attempts)

describe('outageCause', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a 502 after retries', api(502, 'Bad Gateway'), 'HTTP 502 after 4 tries'],
    ['a 500 sent once', api(500, '', 1), 'HTTP 500'],
    [
      'no response',
      api(0, 'connect ECONNREFUSED 127.0.0.1:9'),
      'no response after 4 tries: connect ECONNREFUSED 127.0.0.1:9',
    ],
    [
      'a secondary rate limit',
      api(403, 'You have exceeded a secondary rate limit', 2),
      'rate limited, HTTP 403 after 2 tries',
    ],
    ['a 429', api(429, 'slow down'), 'rate limited, HTTP 429 after 4 tries'],
    ['a 403 for a permission', api(403, 'Resource not accessible by integration'), undefined],
    ['a 404', api(404, 'Not Found'), undefined],
    ['a 401', api(401, 'Bad credentials'), undefined],
    [
      'an octokit error with a 503',
      Object.assign(new Error('Service Unavailable'), { status: 503 }),
      'HTTP 503',
    ],
    [
      'an octokit error with a 422',
      Object.assign(new Error('Unprocessable'), { status: 422 }),
      undefined,
    ],
    [
      'a refused connection',
      new Error('request to http://127.0.0.1:9/x failed,\nreason: connect ECONNREFUSED'),
      'no connection: request to http://127.0.0.1:9/x failed, reason: connect ECONNREFUSED',
    ],
    ['a bug', new TypeError('x is undefined'), undefined],
  ])('%s: %j', (_, error, cause) => expect(outageCause(error)).toBe(cause))
})

describe('Outages', () => {
  it('gives one warning per service, naming everything skipped, once', () => {
    const outages = new Outages()
    expect(outages.note('github', api(502), 'no success rate')).toBe(true)
    expect(outages.note('github', api(0, 'socket hang up'), 'no base-branch coverage')).toBe(true)
    expect(outages.note('github', api(502), 'no comment')).toBe(true)
    expect(outages.note('github', api(403, 'Resource not accessible'), 'no comment')).toBe(false)
    expect(outages.note('artifacts', new Error('Failed request: (409) Conflict'), 'no dists')).toBe(
      true,
    )
    outages.record('cache', 'the cache could not be restored (503\nretry)', 'no cached environment')
    const log = new BufferedLog()
    outages.report(log)
    outages.report(log)
    const warnings = replayedLines(log).map((line) => line.replace(/^warning /, ''))
    expect(warnings).toEqual([
      "GitHub's API did not answer (HTTP 502 after 4 tries): no success rate, no base-branch coverage, no comment. The results are in the job summary and the outputs of this step.",
      'The Actions artifact service failed (Failed request: (409) Conflict): no dists. The results are in the job summary and the outputs of this step.',
      'the cache could not be restored (503 retry): no cached environment; the run goes on without the cache.',
    ])
  })

  it.each([
    ['a\nb', 'a b'],
    ['a\r\n  b\n', 'a b'],
    ['one line', 'one line'],
    [
      'ECONNREFUSED%0AIf you are using self-hosted runners',
      'ECONNREFUSED If you are using self-hosted runners',
    ],
    ['a %0d%0a b', 'a b'],
  ])('oneLine(%j) is %j', (text, line) => expect(oneLine(text)).toBe(line))
})
