/**
 * One run of the action per case, a few at a time, before a file's tests, and
 * its folders removed after them: for tables of runs that each test reads.
 */
import { afterAll, beforeAll } from '@jest/globals'
import { mapLimit } from './agreement.js'
import { type ActionResult, type RunOptions, runAction } from './runner.js'

export interface Timed {
  readonly result: ActionResult
  readonly seconds: number
}

/** Registers the runs; the function it gives back hands out a case's run once they are done. */
export function runEach<T>(
  cases: readonly T[],
  limit: number,
  options: (c: T) => RunOptions,
): (c: T) => Timed {
  const runs = new Map<T, Timed>()
  beforeAll(async () => {
    await mapLimit(cases, limit, async (c) => {
      const started = performance.now()
      const result = await runAction(options(c))
      runs.set(c, { result, seconds: (performance.now() - started) / 1000 })
    })
  }, 900_000)
  afterAll(() => {
    for (const { result } of runs.values()) result.cleanup()
  })
  return (c) => {
    const found = runs.get(c)
    if (!found) throw new Error('this case did not run (see the error of beforeAll)')
    return found
  }
}
