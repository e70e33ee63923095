import { describe, expect, it } from '@jest/globals'
import { Progress } from '../src/progress.js'
import type { StageResult } from '../src/report/metrics.js'
import { createResults, createTestRun } from './helpers/metrics.js'

const ended = (name: StageResult['name']): StageResult => ({
  name,
  status: 'ok',
  durationMs: 5,
  summary: `${name} done`,
})

describe('Progress.cancelled', () => {
  it('before any stage ended: says so, and nothing else is known', () => {
    expect(new Progress().cancelled('SIGINT')).toEqual({
      stages: [],
      cancelled: 'SIGINT',
      verdict: { ok: false, reasons: ['the step was cancelled (SIGINT) before any stage ended'] },
    })
  })

  it('names the stages that ended, keeps what they found, and the results of a cut-short test run', () => {
    const progress = new Progress()
    const python = { version: '3.12.3', path: '/py', origin: 'tool cache' }
    progress.ended(ended('python'), { python })
    progress.ended(ended('install'))
    const results = createResults({ tests: 2, passed: 2, failed: 0 })
    const metrics = progress.cancelled('SIGTERM', results)
    expect(metrics.verdict.reasons).toEqual([
      'the step was cancelled (SIGTERM) after python, install',
    ])
    expect(metrics.python).toEqual(python)
    expect(metrics.stages.map((s) => s.name)).toEqual(['python', 'install'])
    expect(metrics.test).toEqual({
      ok: false,
      exitCode: 130,
      results,
      notes: [],
      stopped: 'pytest was stopped when the step was cancelled',
    })
  })

  it('ignores the stages that end after it froze', () => {
    const progress = new Progress()
    progress.ended(ended('python'))
    progress.freeze()
    progress.ended(ended('install'))
    progress.ended(ended('test'), { test: createTestRun() })
    expect(progress.testsKnown).toBe(false)
    expect(progress.cancelled('SIGINT').verdict.reasons).toEqual([
      'the step was cancelled (SIGINT) after python',
    ])
  })

  it("calls the CLI's cancelled run a run, not a step", () => {
    const progress = new Progress('run')
    progress.ended(ended('python'))
    const metrics = progress.cancelled('SIGINT', createResults({ tests: 1 }))
    expect(metrics.verdict.reasons).toEqual(['the run was cancelled (SIGINT) after python'])
    expect(metrics.test?.stopped).toBe('pytest was stopped when the run was cancelled')
  })

  it('keeps a finished test run over the report a cancel found', () => {
    const progress = new Progress()
    const test = createTestRun({ ok: true, exitCode: 0 })
    progress.ended(ended('test'), { test })
    expect(progress.testsKnown).toBe(true)
    expect(progress.cancelled('SIGTERM', createResults({ tests: 1 })).test).toBe(test)
  })
})
