/**
 * Why the step fails, if it does: the failed stages, the tests, and the
 * coverage thresholds (./thresholds.ts). Pure.
 */
import type { Config } from '../config.js'
import type {
  CoverageBaseline,
  DiffCoverageResult,
  PublishResult,
  StageResult,
  TestResults,
  TestRun,
  Verdict,
} from '../report/metrics.js'
import { collectedNothing, NO_TESTS_REASON } from '../test/run-tests.js'
import { failUnderDiffReason, failUnderReason, maxCoverageDropReason } from './thresholds.js'

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** "2 failures, 3 errors (1 during collection) in 11 tests". */
function failedTests(r: TestResults): string {
  if (r.interrupted !== undefined && r.tests === 0 && r.collectionErrors > 0)
    return `pytest stopped at ${plural(r.collectionErrors, 'collection error')}, no test ran`
  const collection = r.collectionErrors ? ` (${r.collectionErrors} during collection)` : ''
  return `${plural(r.failed, 'failure')}, ${plural(r.errors, 'error')}${collection} in ${plural(r.tests, 'test')}`
}

/** Why the step fails, if it does. Pure. */
export function verdictOf(
  config: Config,
  stages: readonly StageResult[],
  test: TestRun | undefined,
  publish?: PublishResult,
  diffCoverage?: DiffCoverageResult,
  baseline?: CoverageBaseline,
): Verdict {
  const reasons: string[] = []
  for (const s of stages) {
    if (s.status !== 'failed') continue
    if (s.name === 'publish' && publish !== undefined) continue
    if (s.name !== 'test') {
      reasons.push(`${s.name} failed: ${s.summary}`)
      continue
    }
    const r = test?.results
    if (test?.stopped !== undefined) {
      reasons.push(test.stopped)
      if (r && r.failed + r.errors > 0 && config.failOnTestFailure)
        reasons.push(`tests failed: ${failedTests(r)}`)
      continue
    }
    // Exit 1 (failures) and 2 (collection errors) with a JUnit report are test
    // failures; anything else means pytest itself could not run, whatever
    // fail-on-test-failure says.
    const testFailure = r !== undefined && (test?.exitCode === 1 || test?.exitCode === 2)
    const ranNothing = r !== undefined && !testFailure && collectedNothing(r)
    if (ranNothing) reasons.push(`tests failed: ${NO_TESTS_REASON}`)
    else if (!testFailure) reasons.push(`test failed: ${s.summary}`)
    else if (config.failOnTestFailure) {
      reasons.push(r ? `tests failed: ${failedTests(r)}` : `tests failed: ${s.summary}`)
    }
  }
  const coverageReason = failUnderReason(test?.coverage, config.failUnder)
  if (coverageReason !== undefined) reasons.push(coverageReason)
  else if (config.failUnder !== undefined && test?.ok && test.coverage === undefined) {
    reasons.push(`fail-under ${config.failUnder}%: no total coverage was measured`)
  }
  const diffReason = failUnderDiffReason(diffCoverage, config.failUnderDiff)
  if (diffReason !== undefined) reasons.push(diffReason)
  const dropReason = maxCoverageDropReason(baseline, config.maxCoverageDrop)
  if (dropReason !== undefined) reasons.push(dropReason)
  const published = stages.some((s) => s.name === 'publish' && s.status === 'failed')
  if (published && publish !== undefined) {
    // A reason the step fails for anyway (publishing was refused for it) is said once.
    const own = publish.reasons.filter((r) => !reasons.includes(r))
    for (const r of own) reasons.push(`publish ${publish.status}: ${r}`)
  }
  return { ok: reasons.length === 0, reasons }
}
