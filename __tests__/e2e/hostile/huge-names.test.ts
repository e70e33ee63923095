/**
 * Fifty failing tests whose names and messages are 30,000 characters long and
 * start with bait (issue references, mentions, URLs, HTML, right-to-left
 * overrides), on a pull request: the job summary stays within GitHub's 1 MiB per
 * step, the comment within 65,536 characters, both render with balanced HTML
 * under GitHub's renderer, link and ping nothing, and show the step's numbers.
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import { pullRequestSuite } from '../../harness/pull-request.js'
import { type ActionResult, describeRun } from '../../harness/runner.js'
import { LIVE_REFERENCE, renderGfm, textOf, unbalancedElements } from '../../helpers/gfm.js'

jest.setTimeout(300_000)

const suite = pullRequestSuite()
let result: ActionResult

beforeAll(async () => {
  result = await suite.runOnPr(21, {}, 'hostile-huge-names')
})

const comment = (): string => {
  const [ours] = suite.api.comments.filter((c) => c.issue === 21)
  if (ours === undefined) throw new Error(`no comment was posted\n${describeRun(result)}`)
  return ours.body
}

/** The rendered text a reader sees outside code blocks, where GitHub links and pings. */
const prose = (html: string): string => textOf(html.replace(/<pre>[\s\S]*?<\/pre>/g, ''))

describe('fifty failing tests with 30,000-character names', () => {
  it('fail the step, with every test counted', () => {
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ tests: '51', passed: '1', failed: '50' })
  })

  it('leave a job summary within 1 MiB that says what it shows and what it left out', () => {
    expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024)
    const html = renderGfm(result.summary)
    expect(unbalancedElements(html)).toEqual([])
    const text = prose(html)
    expect(text).toContain('…and 30 more failing tests')
    // Each id is clipped to 200 characters with a visible ellipsis.
    const ids = text.match(/tests\/test_huge\.py::test_huge\[\d\d fixes[^…]*…/g) ?? []
    // 20 failure headings, and the slowest-tests table.
    expect(ids.length).toBeGreaterThanOrEqual(20)
    for (const id of ids) expect(Array.from(id.replaceAll('\u200b', '')).length).toBe(200)
    expect(text).not.toMatch(/_{300}|m{600}/)
    expect(text).toContain(`coverage ${result.outputs.coverage}%`)
  })

  it('post a comment within 65,536 characters, balanced, with the tests and coverage of the outputs', () => {
    const body = comment()
    expect(body.length).toBeLessThanOrEqual(65_536)
    const html = renderGfm(body)
    expect(unbalancedElements(html)).toEqual([])
    const text = prose(html)
    const { passed, failed, coverage } = result.outputs
    expect(text).toContain(`${passed} passed, ${failed} failed · coverage ${coverage}%`)
    // The coverage section itself, not only the headline.
    expect(text).toMatch(new RegExp(`Coverage\\s+${coverage}% · lines \\d+/\\d+`))
    expect(text).toMatch(/left out to stay under GitHub's 65,536-character limit on comments/)
  })

  it('link, ping, show backwards or inject nothing, in the summary or the comment', () => {
    for (const markdown of [result.summary, comment()]) {
      const html = renderGfm(markdown)
      const text = prose(html)
      // The bait is shown, as text.
      expect(text.replaceAll('\u200b', '')).toContain('fixes #123 GH-45 owner/repo#6')
      expect(text).not.toMatch(LIVE_REFERENCE)
      expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
      expect(html).not.toMatch(/<a\b|<img\b/)
      expect(html.match(/<summary>/g)?.length).toBe(html.match(/<details>/g)?.length)
      expect(html).not.toMatch(/<summary>passed<\/summary>/)
    }
  })
})
