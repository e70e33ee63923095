/**
 * The stage contract: how every stage runs, is skipped, timed, grouped in the
 * log and told in one line (`✓ build 2.10s: …`, `– publish: …`, `✗ …`), and
 * how work started beside the stages has its log replayed once it is awaited.
 */
import { errorMessage } from './error-message.js'
import { BufferedLog, type Log } from './log.js'
import type { StageName, StageStatus } from './report/metrics.js'

const MARK: Readonly<Record<StageStatus, string>> = { ok: '✓', failed: '✗', skipped: '–' }

/**
 * To the hundredth: a stage the cache cuts short takes a few hundredths of a
 * second. A stage decided before it ran (publishing refused) shows 0.0s, told
 * apart from a measured time.
 */
function seconds(ms: number): string {
  return ms === 0 ? '0.0s' : `${(ms / 1000).toFixed(2)}s`
}

/** The one line of a stage; without a time for a stage that was skipped or ran in the background. Pure. */
export function stageLine(
  status: StageStatus,
  name: string,
  summary: string,
  durationMs?: number,
): string {
  const time = durationMs === undefined ? '' : ` ${seconds(durationMs)}`
  return `${MARK[status]} ${name}${time}: ${summary}`
}

/** The first line of a message: stage summaries are one line. Pure. */
export function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}

/** What a stage's value means for its line. */
export interface Described {
  readonly ok: boolean
  readonly summary: string
  /** The stage ran but had nothing to do (the cache off, say). */
  readonly skipped?: boolean
}

/** A stage's record, named as its line is; the pipeline's stages are named by StageName. */
export interface Ran<N extends string = StageName> {
  readonly name: N
  readonly status: StageStatus
  readonly durationMs: number
  readonly summary: string
  /** When the stage failed: the rest of the error's message, for the report. */
  readonly detail?: string
}

export interface Outcome<T, N extends string = StageName> {
  /** Undefined when the stage failed. */
  readonly value?: T
  readonly stage: Ran<N>
}

export interface Stage<T, N extends string = StageName> {
  readonly name: N
  /** The title of its log group. */
  readonly title: string
  readonly run: (log: Log) => Promise<T>
  readonly describe: (value: T) => Described
}

export interface StageOptions<T, N extends string> {
  /**
   * Log into a buffer, replayed as one group once this settles: a stage that
   * runs beside a live one waits for its group to close, so the two never interleave.
   */
  readonly replayAfter?: Promise<unknown>
  /** Told as soon as the stage ends, before a buffered stage's replay. */
  readonly ended?: (outcome: Outcome<T, N>) => void
}

/**
 * Runs a stage in its own log group, times it and logs its line. A stage
 * that throws is a failed stage: its first line is the summary, the rest the
 * detail; a failed stage never hides what the others found.
 */
export async function runStage<T, N extends string = StageName>(
  log: Log,
  stage: Stage<T, N>,
  options: StageOptions<T, N> = {},
): Promise<Outcome<T, N>> {
  const started = performance.now()
  const buffer = options.replayAfter ? new BufferedLog() : undefined
  const into = buffer ?? log
  const attempt = async (): Promise<Described & { value?: T; detail?: string }> => {
    try {
      const value = await stage.run(into)
      return { value, ...stage.describe(value) }
    } catch (error) {
      const message = errorMessage(error)
      // The verdict's line is the failure's one annotation, so this one is text.
      const summary = firstLine(message)
      const detail = message.slice(summary.length).trim() || undefined
      into.info(`${MARK.failed} ${summary}`)
      if (detail) into.info(detail)
      if (error instanceof Error && error.stack) into.debug(error.stack)
      return { ok: false, summary, detail }
    }
  }
  const said = buffer ? await attempt() : await log.group(stage.title, attempt)
  const durationMs = performance.now() - started
  const status = said.skipped ? 'skipped' : said.ok ? 'ok' : 'failed'
  const { summary, detail } = said
  const outcome: Outcome<T, N> = {
    value: said.value,
    stage: { name: stage.name, status, durationMs, summary, ...(detail ? { detail } : {}) },
  }
  options.ended?.(outcome)
  if (buffer) {
    await options.replayAfter
    await log.group(stage.title, async () => buffer.replay(log))
  }
  log.info(stageLine(status, stage.name, summary, durationMs))
  return outcome
}

/**
 * Runs work that is not one of the pipeline's stages (diff coverage, the
 * cache save) the same way, but lets its errors through: it has none of its own.
 */
export async function runStep<T>(
  log: Log,
  step: Stage<T, string>,
): Promise<{ readonly value: T; readonly status: StageStatus }> {
  const started = performance.now()
  const value = await log.group(step.title, () => step.run(log))
  const said = step.describe(value)
  const status = said.skipped ? 'skipped' : said.ok ? 'ok' : 'failed'
  log.info(stageLine(status, step.name, said.summary, performance.now() - started))
  return { value, status }
}

/** A stage that did not run: its line says why. */
export function skipStage<N extends string>(log: Log, name: N, why: string): Ran<N> {
  log.info(stageLine('skipped', name, why))
  return { name, status: 'skipped', durationMs: 0, summary: why }
}

/** A stage that did not run, because running it was refused: a failure. */
export function refuseStage<N extends string>(log: Log, name: N, summary: string): Ran<N> {
  log.info(stageLine('failed', name, summary, 0))
  return { name, status: 'failed', durationMs: 0, summary }
}

/** A stage not run, with no line of its own: the pipeline's list still names it. */
export function notRun<N extends string>(name: N, why: string): Ran<N> {
  return { name, status: 'skipped', durationMs: 0, summary: why }
}

/** Work started beside the stages, that logged into a buffer meanwhile. */
export interface Buffered {
  readonly log: BufferedLog
}

/**
 * Awaits work started beside the stages (none: undefined), replays what it
 * logged, then logs its one line, if it has one: untimed, its time was spent
 * beside other stages'.
 */
export async function settle<T extends Buffered>(
  log: Log,
  pending: T | Promise<T> | undefined,
  name: string,
  line: (
    done: T | undefined,
  ) => { readonly status: StageStatus; readonly summary: string } | undefined,
): Promise<T | undefined> {
  const done = await pending
  done?.log.replay(log)
  const said = line(done)
  if (said) log.info(stageLine(said.status, name, said.summary))
  return done
}
