/**
 * The cache stage's work, restore and the save after the tests: two cache
 * layers through the Actions cache. pip's cache directory (restore keys
 * allowed: stale wheels still save downloads) and the virtual environment
 * (exact key only, and revalidated before use). Faults never fail the pipeline:
 * the first one is one warning, and the rest of the run goes on cold without
 * touching the cache again.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { hashFiles } from '@actions/glob'
import type { Config } from '../config.js'
import { type Outages, oneLine } from '../github/outages.js'
import type { RunEvent } from '../github/run-event.js'
import type { Host } from '../host.js'
import { TOOLS_DIR } from '../install/tools.js'
import type { Log } from '../log.js'
import type { PythonSetup } from '../python/setup.js'
import { type CacheKeys, cacheKeys, decideCache } from './key.js'
import type { CacheService } from './service.js'

export interface CacheRun {
  readonly keys: CacheKeys
  /** pip's cache directory (PIP_CACHE_DIR for every pip run of this step). */
  readonly pipCacheDir: string
  readonly venvDir: string
  /** The venv came back under its exact key and still fits the interpreter. */
  readonly venvRestored: boolean
  /** The key pip's cache came back under, if it did. */
  readonly pipMatchedKey: string | undefined
  /** A fault was reported: nothing more is asked of the cache service. */
  broken: boolean
}

export interface CacheOutcome {
  /** undefined: caching is off for this run. */
  readonly run: CacheRun | undefined
  /** One line for the stage result. */
  readonly summary: string
}

/** Written into the venv at save time, read back after a restore. */
const MARKER = 'python-ci-cache.json'

interface Marker {
  readonly executable: string
  readonly version: string
  readonly key: string
}

function osVersion(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8')
    const id = /^ID="?([^"\n]*)"?$/m.exec(text)?.[1] ?? ''
    const version = /^VERSION_ID="?([^"\n]*)"?$/m.exec(text)?.[1] ?? ''
    return [id, version].filter((p) => p !== '').join('-')
  } catch {
    return ''
  }
}

/**
 * A fault of the cache service: one warning for the run (the outages
 * collector gathers it with anything else the fault cost), on one line: each
 * problem's first; the lines after go to the log.
 */
function warnFault(
  log: Log,
  outages: Outages | undefined,
  what: 'restored' | 'saved',
  problems: readonly string[],
): void {
  const lines = problems.map((p) => p.trim().split(/\r?\n/))
  for (const [, ...rest] of lines) if (rest.length > 0) log.info(rest.join('\n'))
  const cause = `the cache could not be ${what} (${oneLine(lines.map(([first]) => first).join('; '))})`
  const skipped = what === 'restored' ? 'no cached environment, no cache save' : 'no cache save'
  if (outages !== undefined) outages.record('cache', cause, skipped)
  else log.warning(`${cause}: ${skipped}; the run goes on without the cache`)
}

export async function restoreCaches(
  host: Host,
  log: Log,
  config: Config,
  event: RunEvent,
  python: PythonSetup,
  service: CacheService | undefined,
  outages?: Outages,
): Promise<CacheOutcome> {
  if (!service) return { run: undefined, summary: 'off: no cache service outside GitHub Actions' }
  const decision = decideCache(config.cache.mode, event)
  if (!decision.enabled) return { run: undefined, summary: `off: ${decision.reason}` }
  if (!(await service.available())) {
    log.warning(
      'the Actions cache service is not available on this runner (no ACTIONS_RESULTS_URL, or GHES without the cache); the run goes on without the cache',
    )
    return { run: undefined, summary: 'off: no cache service' }
  }
  const dependencyHash = await hashFiles(config.cache.dependencyPatterns.join('\n'), host.workspace)
  if (dependencyHash === '') {
    log.warning(
      `cache-dependency-path matched no file in the workspace (${config.cache.dependencyPatterns.join(', ')}); the run goes on without the cache`,
    )
    return { run: undefined, summary: 'off: no dependency files matched' }
  }
  const keys = cacheKeys({
    os: host.env.RUNNER_OS || process.platform,
    osVersion: osVersion(),
    arch: config.architecture,
    pythonVersion: python.version,
    installer: 'pip',
    dependencyHash,
    suffix: config.cache.suffix,
    environmentSettings: JSON.stringify({
      interpreter: python.executable,
      install: config.install,
      pipArgs: config.pipArgs,
      systemSitePackages: config.systemSitePackages,
      buildIsolation: config.buildIsolation,
      build: config.build,
      test: config.test,
    }),
  })
  // A folder of our own, not pip's default: its path (and so the cache entry's
  // version, a hash of the paths) is the same on every run, and no extra
  // process is needed to ask pip where its cache is.
  const pipCacheDir = host.env.PIP_CACHE_DIR || path.join(host.tempDir, 'pip-cache')
  const venvDir = path.join(host.tempDir, 'venv')
  log.info(decision.reason)
  log.debug(`cache keys: ${JSON.stringify(keys)}`)

  const run: CacheRun = {
    keys,
    pipCacheDir,
    venvDir,
    venvRestored: false,
    pipMatchedKey: undefined,
    broken: false,
  }
  const venv = await service.restore(environmentPaths(host.tempDir), keys.venv.primary, [])
  if (venv.problems.length) {
    for (const dir of environmentPaths(host.tempDir)) rmSync(dir, { recursive: true, force: true })
    warnFault(log, outages, 'restored', venv.problems)
    return { run: { ...run, broken: true }, summary: 'fault on restore, going on cold' }
  }
  if (venv.value !== undefined) {
    const stale = venv.value === keys.venv.primary ? staleVenv(venvDir, python) : 'another key'
    if (stale === undefined) {
      log.info(`environment restored from the cache: ${venv.value}`)
      return {
        run: { ...run, venvRestored: true },
        summary: 'environment restored (exact key)',
      }
    }
    log.info(`the cached environment is not used: ${stale}; installing afresh`)
    for (const dir of environmentPaths(host.tempDir)) rmSync(dir, { recursive: true, force: true })
  } else log.info(`no cached environment for ${keys.venv.primary}`)

  const pip = await service.restore([pipCacheDir], keys.pip.primary, [...keys.pip.restoreKeys])
  if (pip.problems.length) {
    rmSync(pipCacheDir, { recursive: true, force: true })
    warnFault(log, outages, 'restored', pip.problems)
    return { run: { ...run, broken: true }, summary: 'fault on restore, going on cold' }
  }
  if (pip.value === undefined) {
    log.info(`no cached pip downloads for ${keys.pip.primary}`)
    return { run, summary: 'environment and pip cache missed' }
  }
  const how = pip.value === keys.pip.primary ? 'exact key' : 'restore key'
  log.info(`pip's cache restored (${how}): ${pip.value}`)
  return {
    run: { ...run, pipMatchedKey: pip.value },
    summary: `environment missed, pip cache restored (${how})`,
  }
}

/** The environment layer: the project's venv and the action's tools venv beside it. */
function environmentPaths(tempDir: string): string[] {
  return [path.join(tempDir, 'venv'), path.join(tempDir, TOOLS_DIR)]
}

/** Why a restored venv cannot be used, or undefined when it can. */
function staleVenv(venvDir: string, python: PythonSetup): string | undefined {
  const file = path.join(venvDir, MARKER)
  if (!existsSync(file)) return `it has no ${MARKER}`
  let marker: Marker
  try {
    marker = JSON.parse(readFileSync(file, 'utf8')) as Marker
  } catch {
    return `its ${MARKER} is not JSON`
  }
  if (marker.executable !== python.executable)
    return `it was made by ${marker.executable}, not ${python.executable}`
  if (marker.version !== python.version)
    return `it was made by Python ${marker.version}, not ${python.version}`
  const bin = path.join(venvDir, process.platform === 'win32' ? 'Scripts' : 'bin')
  if (!existsSync(path.join(bin, process.platform === 'win32' ? 'python.exe' : 'python')))
    return 'its interpreter link is broken'
  return undefined
}

/**
 * After a successful install (whatever the tests said): the venv under its
 * exact key when it was built afresh, and pip's cache when its primary key
 * missed. Returns one line for the log.
 */
export async function saveCaches(
  log: Log,
  run: CacheRun,
  python: PythonSetup,
  service: CacheService,
  outages?: Outages,
): Promise<string> {
  if (run.broken) return 'skipped after an earlier fault'
  const saved: string[] = []
  if (!run.venvRestored) {
    const marker: Marker = {
      executable: python.executable,
      version: python.version,
      key: run.keys.venv.primary,
    }
    writeFileSync(path.join(run.venvDir, MARKER), `${JSON.stringify(marker)}\n`)
    const paths = environmentPaths(path.dirname(run.venvDir))
    // The same paths on every run (they are part of the entry's version), made or not.
    for (const dir of paths) mkdirSync(dir, { recursive: true })
    const venv = await service.save(paths, run.keys.venv.primary)
    if (venv.problems.length) {
      warnFault(log, outages, 'saved', venv.problems)
      return 'fault on save'
    }
    if ((venv.value ?? -1) > 0) saved.push(`environment as ${run.keys.venv.primary}`)
  }
  if (!run.venvRestored && run.pipMatchedKey !== run.keys.pip.primary) {
    if (!existsSync(run.pipCacheDir)) {
      log.info(`pip's cache is empty (${run.pipCacheDir}); nothing to save`)
    } else {
      const pip = await service.save([run.pipCacheDir], run.keys.pip.primary)
      if (pip.problems.length) {
        warnFault(log, outages, 'saved', pip.problems)
        return 'fault on save'
      }
      if ((pip.value ?? -1) > 0) saved.push(`pip's cache as ${run.keys.pip.primary}`)
    }
  }
  for (const s of saved) log.info(`saved ${s}`)
  return saved.length ? `saved ${saved.length} of 2 layers` : 'nothing to save'
}
