/**
 * The Actions cache behind a small interface, so the cache stage can be tested
 * with a fake. @actions/cache swallows its failures and prints them itself as
 * ::warning or ::error; this adapter catches those lines and hands them back,
 * so the stage can say one warning for a fault instead of an error annotation
 * per call.
 */
import { errorMessage } from '../error-message.js'

export interface CacheCall<T> {
  readonly value: T | undefined
  /** What the client reported as a failure; empty when the call went well. */
  readonly problems: readonly string[]
}

export interface CacheService {
  /** False on GHES without the cache, or without ACTIONS_RESULTS_URL. */
  available(): Promise<boolean>
  /** The matched key, or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<CacheCall<string>>
  /** The entry id, or -1 when nothing was saved. */
  save(paths: string[], key: string): Promise<CacheCall<number>>
}

const PROBLEM = /^::(warning|error)[^:]*::(.*)$/

/**
 * A command's data as the runner reads it; kept escaped, it would be escaped
 * again when warned, and show a literal "%0A". The runner's order: %25 last.
 */
export function unescapeCommandData(data: string): string {
  return data.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%')
}

/**
 * Runs `body` with the workflow commands ::warning and ::error held back from
 * stdout. Safe only while nothing else writes: the cache calls run alone.
 */
async function holdingProblems<T>(body: () => Promise<T | undefined>): Promise<CacheCall<T>> {
  const problems: string[] = []
  const write = process.stdout.write
  const held = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()
    const kept = text
      .split(/(?<=\n)/)
      .filter((line) => {
        const m = PROBLEM.exec(line.trimEnd())
        if (m) problems.push(unescapeCommandData(m[2] ?? ''))
        return !m
      })
      .join('')
    if (kept === '') {
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
    return (write as (c: string, ...r: unknown[]) => boolean).call(process.stdout, kept, ...rest)
  }
  process.stdout.write = held as typeof process.stdout.write
  try {
    const value = await body()
    return { value, problems }
  } catch (error) {
    problems.push(errorMessage(error))
    return { value: undefined, problems }
  } finally {
    process.stdout.write = write
  }
}

/**
 * The client (with the Azure SDK behind it) is loaded at the first call: a run
 * with the cache off, or one that stops at a bad input, starts without it.
 */
export function actionsCacheService(): CacheService {
  const client = () => import('@actions/cache')
  return {
    available: async () => (await client()).isFeatureAvailable(),
    restore: (paths, key, restoreKeys) =>
      holdingProblems(async () => (await client()).restoreCache(paths, key, restoreKeys)),
    save: (paths, key) => holdingProblems(async () => (await client()).saveCache(paths, key)),
  }
}
