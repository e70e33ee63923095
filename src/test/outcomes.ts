/**
 * pytest's own counts, as its final summary line gives them. The JUnit XML
 * cannot tell them all: an xpass (non-strict) is written as a plain pass, a
 * pass whose teardown then errors as one error, and a collection error as one
 * more test case. So the plugin the action loads also records the category
 * pytest gives each report, and these counts replace the JUnit ones.
 */
import type { TestResults } from '../report/metrics.js'

/** The environment variable that tells the plugin where to write. */
export const OUTCOMES_VARIABLE = 'PYTHON_CI_PYTEST_OUTCOMES'

/**
 * Hooks appended to the action's pytest plugin. The category of a report is
 * asked of pytest_report_teststatus, as the terminal summary asks it; xdist
 * workers send their reports to the controller, which alone writes the file.
 */
export const OUTCOMES_PLUGIN = `
import json as _json
import os as _os

_outcomes = {"counts": {}, "tests": set(), "collection_errors": 0, "interrupted": None}
_config = []


def _count(category, report):
    if category and getattr(report, "count_towards_summary", True):
        counts = _outcomes["counts"]
        counts[category] = counts.get(category, 0) + 1


def pytest_configure(config):
    _config.append(config)


@pytest.hookimpl(trylast=True)
def pytest_collectreport(report):
    if report.failed:
        _outcomes["collection_errors"] += 1
        _count("error", report)
    elif report.skipped:
        _outcomes["tests"].add(report.nodeid)
        _count("skipped", report)


@pytest.hookimpl(trylast=True)
def pytest_runtest_logreport(report):
    status = _config[0].hook.pytest_report_teststatus(report=report, config=_config[0])
    if status:
        category = status[0]
    elif report.when != "call" and report.passed:
        category = ""
    elif report.when != "call" and report.failed:
        category = "error"
    else:
        category = report.outcome
    if category or report.when == "call":
        _outcomes["tests"].add(report.nodeid)
    _count(category, report)


def pytest_deselected(items):
    counts = _outcomes["counts"]
    counts["deselected"] = counts.get("deselected", 0) + len(items)


def pytest_keyboard_interrupt(excinfo):
    _outcomes["interrupted"] = "%s: %s" % (type(excinfo.value).__name__, excinfo.value)


def pytest_sessionfinish(session):
    # -x and --maxfail end the session without an interruption.
    stop = session.shouldfail or session.shouldstop
    if stop and not _outcomes["interrupted"]:
        _outcomes["interrupted"] = stop if isinstance(stop, str) else "stopped early"


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    path = _os.environ.get("${OUTCOMES_VARIABLE}")
    if not path or hasattr(config, "workerinput"):
        return
    with open(path, "w", encoding="utf-8") as f:
        _json.dump(dict(_outcomes, tests=len(_outcomes["tests"])), f)
`

/** What the plugin wrote: pytest's counts by category, and how the session ended. */
export type PytestOutcomes = Pick<
  TestResults,
  | 'tests'
  | 'passed'
  | 'failed'
  | 'skipped'
  | 'xfailed'
  | 'xpassed'
  | 'errors'
  | 'collectionErrors'
  | 'interrupted'
>

export class OutcomesError extends Error {
  override name = 'OutcomesError'
}

function count(value: unknown, what: string): number {
  if (value === undefined) return 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new OutcomesError(`${what} is not a count: ${JSON.stringify(value)}`)
  return value
}

/** The plugin's JSON. Pure. */
export function parseOutcomes(text: string): PytestOutcomes {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new OutcomesError(`not JSON: ${text.slice(0, 80)}`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new OutcomesError('not a JSON object')
  const record = data as Record<string, unknown>
  const counts = (record.counts ?? {}) as Record<string, unknown>
  if (typeof counts !== 'object' || counts === null) throw new OutcomesError('counts is no object')
  const interrupted = record.interrupted
  return {
    passed: count(counts.passed, 'passed'),
    failed: count(counts.failed, 'failed'),
    skipped: count(counts.skipped, 'skipped'),
    xfailed: count(counts.xfailed, 'xfailed'),
    xpassed: count(counts.xpassed, 'xpassed'),
    errors: count(counts.error, 'error'),
    collectionErrors: count(record.collection_errors, 'collection_errors'),
    tests: count(record.tests, 'tests'),
    ...(typeof interrupted === 'string' && interrupted !== '' && { interrupted }),
  }
}

/** The JUnit report's details with pytest's own counts. Pure. */
export function withOutcomes(junit: TestResults, outcomes: PytestOutcomes): TestResults {
  return { ...junit, ...outcomes }
}
