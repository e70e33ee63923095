/**
 * Fitting the Markdown report into one of GitHub's size limits (a job summary,
 * a comment): fewer rows first, with a line counting what was left out; a cut
 * at a line as the last resort, which keeps the head (the verdict and the key
 * numbers) and closes every code fence and HTML element it leaves open.
 */
import type { Metrics } from './metrics.js'

export interface RowLimits {
  readonly maxFiles: number
  readonly maxProblems: number
  readonly maxDiffFiles: number
  readonly maxSlowest: number
}

/** Per-file rows go first, then failure details, then the slowest tests: the totals and the verdict always stay. */
export const LADDER: readonly RowLimits[] = [
  { maxFiles: 50, maxProblems: 20, maxDiffFiles: 50, maxSlowest: 10 },
  { maxFiles: 20, maxProblems: 20, maxDiffFiles: 20, maxSlowest: 10 },
  { maxFiles: 5, maxProblems: 20, maxDiffFiles: 5, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 10, maxDiffFiles: 0, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 3, maxDiffFiles: 0, maxSlowest: 10 },
  { maxFiles: 0, maxProblems: 0, maxDiffFiles: 0, maxSlowest: 0 },
]

const FULL: RowLimits = LADDER[0] ?? {
  maxFiles: 50,
  maxProblems: 20,
  maxDiffFiles: 50,
  maxSlowest: 10,
}
const FEWEST: RowLimits = LADDER[LADDER.length - 1] ?? FULL

export interface Budget {
  /** In the unit of `measure`. */
  readonly limit: number
  readonly measure: (text: string) => number
  /** "GitHub's 1 MiB summary limit". */
  readonly limitText: string
  /** Where the whole report is, as Markdown: "the full report is in the job summary of this run". */
  readonly fullReport: string
}

/** GitHub takes at most 1 MiB (bytes of UTF-8) of job summary per step. */
export const SUMMARY_BUDGET: Omit<Budget, 'fullReport'> = {
  limit: 1024 * 1024,
  measure: (text) => Buffer.byteLength(text, 'utf8'),
  limitText: "GitHub's 1 MiB summary limit",
}

export interface FittedReport {
  readonly body: string
  /** What was left out to fit, for the log; undefined when nothing was. */
  readonly cut: string | undefined
}

/** Rows of each kind that a rendering with these limits shows, for the report of these metrics. */
function rowsShown(metrics: Metrics, limits: RowLimits): readonly [number, string][] {
  const results = metrics.test?.results
  const diff = metrics.diffCoverage
  const shown = (count: number, max: number): number => Math.min(count, Math.max(0, max))
  return [
    [shown(results?.problems.length ?? 0, limits.maxProblems), 'failure details'],
    [shown(metrics.test?.coverage?.files.length ?? 0, limits.maxFiles), 'coverage rows'],
    [shown(diff?.measured ? diff.files.length : 0, limits.maxDiffFiles), 'changed-lines rows'],
    [shown(results?.slowest.length ?? 0, limits.maxSlowest), 'slowest-test rows'],
  ]
}

/** "13 failure details and 45 coverage rows left out", against the rendering with the most rows. */
export function describeLeftOut(metrics: Metrics, limits: RowLimits): string {
  const full = rowsShown(metrics, FULL)
  const parts = rowsShown(metrics, limits)
    .map(([count, what], i) => [(full[i]?.[0] ?? 0) - count, what] as const)
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${count === 1 ? what.replace(/s$/, '') : what}`)
  if (parts.length === 0) return 'nothing left out'
  const last = parts.pop()
  return `${parts.length > 0 ? `${parts.join(', ')} and ` : ''}${last} left out`
}

/**
 * The head lines, then the report rendered with fewer rows until it fits the
 * budget, with a line saying what was left out; cut at a line as the last resort.
 */
export function fitReport(
  head: string,
  render: (limits: RowLimits) => string,
  leftOut: (limits: RowLimits) => string,
  budget: Budget,
): FittedReport {
  const prefix = head === '' ? '' : `${head}\n`
  const fits = (body: string): boolean => budget.measure(body) <= budget.limit
  for (const rung of LADDER) {
    const markdown = render(rung)
    if (rung === FULL) {
      if (fits(`${prefix}${markdown}`)) return { body: `${prefix}${markdown}`, cut: undefined }
      continue
    }
    const cut = leftOut(rung)
    const body = `${prefix}${markdown}\n${cutNote(cut, budget)}`
    if (fits(body)) return { body, cut }
  }
  const markdown = render(FEWEST)
  const probe = cutNote(`the report was cut after ${markdown.length} characters`, budget)
  const room = budget.limit - budget.measure(`${prefix}\n\n${probe}`)
  const text = cutAtLine(markdown, room, budget.measure)
  const cut = `the report was cut after ${text.length} characters`
  return { body: `${prefix}${text}\n\n${cutNote(cut, budget)}`, cut }
}

function cutNote(cut: string, budget: Budget): string {
  return `> ✂️ ${cut.charAt(0).toUpperCase()}${cut.slice(1)} to stay under ${budget.limitText}; ${budget.fullReport}.\n`
}

interface OpenBlocks {
  /** The fence of the code block the text is in. */
  readonly fence: string | undefined
  /** HTML elements left open, innermost last. */
  readonly elements: readonly string[]
}

const ELEMENT = /<(\/?)(details|summary|table)\b[^>]*>/gi

function afterLine(state: OpenBlocks, line: string): OpenBlocks {
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
  if (state.fence !== undefined) {
    const closes =
      fence !== undefined &&
      fence[0] === state.fence[0] &&
      fence.length >= state.fence.length &&
      line.trim() === fence
    return closes ? { ...state, fence: undefined } : state
  }
  if (fence !== undefined) return { ...state, fence }
  const elements = [...state.elements]
  for (const [, closing, name = ''] of line.matchAll(ELEMENT)) {
    const tag = name.toLowerCase()
    if (closing === '') elements.push(tag)
    else if (elements.lastIndexOf(tag) >= 0) elements.splice(elements.lastIndexOf(tag))
  }
  return { ...state, elements }
}

function closers(state: OpenBlocks): string {
  const fence = state.fence === undefined ? '' : `\n${state.fence}`
  const elements = [...state.elements].reverse().map((tag) => `\n\n</${tag}>`)
  return `${fence}${elements.join('')}`
}

/**
 * The longest run of whole lines from the start that fits `room` once every
 * code fence and every <details>, <summary> and <table> it leaves open is
 * closed: never a cut inside a line, so never inside a tag or an entity.
 */
export function cutAtLine(
  markdown: string,
  room: number,
  measure: (text: string) => number,
): string {
  let state: OpenBlocks = { fence: undefined, elements: [] }
  const kept: string[] = []
  let size = 0
  for (const line of markdown.split('\n')) {
    const next = afterLine(state, line)
    const added = (kept.length === 0 ? 0 : 1) + measure(line)
    if (size + added + measure(closers(next)) > room) break
    kept.push(line)
    size += added
    state = next
  }
  return `${kept.join('\n')}${closers(state)}`
}
