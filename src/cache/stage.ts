/**
 * The cache stage, and its save after the tests. Saved there, after the tests
 * whatever they said and before the verdict, rather than in a post step: the
 * entry then holds exactly what this step installed (a post step runs after
 * the job's later steps, which may install more into the venv), and no state
 * has to cross processes.
 */
import type { Config } from '../config.js'
import type { Outages } from '../github/outages.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import type { PythonSetup } from '../python/setup.js'
import type { Stage } from '../stage.js'
import { type CacheOutcome, type CacheRun, restoreCaches, saveCaches } from './cache.js'
import type { CacheService } from './service.js'

export function restoreStage(
  host: Host,
  config: Config,
  event: RunEvent,
  python: PythonSetup,
  service: CacheService | undefined,
  outages: Outages,
): Stage<CacheOutcome> {
  return {
    name: 'cache',
    title: 'Restore the cache',
    run: (log) => restoreCaches(host, log, config, event, python, service, outages),
    describe: (c) => ({ ok: true, skipped: c.run === undefined, summary: c.summary }),
  }
}

export function saveStep(
  run: CacheRun,
  python: PythonSetup,
  service: CacheService,
  outages: Outages,
): Stage<string, 'cache save'> {
  return {
    name: 'cache save',
    title: 'Save the cache',
    run: (log) => saveCaches(log, run, python, service, outages),
    describe: (summary) => ({ ok: true, summary }),
  }
}
