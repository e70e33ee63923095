/**
 * The install stage's work: a fresh virtual environment with the project, its
 * test dependencies and the test tools (pytest, coverage), installed by one pip
 * run so one resolver sees every requirement.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import type { Config } from '../config.js'
import { errorMessage } from '../error-message.js'
import type { Host } from '../host.js'
import type { Log } from '../log.js'
import { failureReason, formatCommand, type RunResult, tail } from '../process.js'
import type { PythonSetup } from '../python/setup.js'
import { runSnippet, SnippetError } from '../python/snippet.js'
import {
  hasStaticVersion,
  projectFingerprint,
  readProjectMarker,
  writeProjectMarker,
} from './fingerprint.js'
import { findLeftovers, removeNewLeftovers } from './leftovers.js'
import { diskFiles, pipInstallArgs, planInstall } from './plan.js'
import { warnEmptySubmodules } from './submodules.js'
import { prepareTools, type Tools } from './tools.js'
import { InstallError, type Venv, venvOf } from './venv.js'
import {
  BUILD_ENV,
  backendWheelRequires,
  buildBackendOf,
  buildWheelInVenv,
  WheelBuildError,
  wheelDistName,
} from './wheel.js'

export { InstallError, type Venv, venvOf } from './venv.js'

export interface Installed {
  readonly venv: Venv
  /** build and twine, apart from the project (absent with build: false). */
  readonly tools?: Tools
  /** The project's distribution name as pip installed it, when known. */
  readonly distName: string | undefined
  readonly summary: string
}

const TOOL_PROBE =
  'import importlib.util as u, json, sys; print(json.dumps([m for m in sys.argv[1:] if u.find_spec(m) is None]))'

/** Which of `modules` the interpreter cannot import. */
async function missingTools(
  host: Host,
  python: string,
  env: NodeJS.ProcessEnv,
  modules: readonly string[],
): Promise<string[]> {
  if (modules.length === 0) return []
  // Run from a folder of our own: from the project, a build/ folder would pass
  // for the build package (python -c puts the current folder on sys.path).
  try {
    return await runSnippet<string[]>(
      host,
      python,
      TOOL_PROBE,
      modules,
      'looking for pytest and coverage',
      { env, cwd: host.tempDir },
    )
  } catch (error) {
    if (error instanceof SnippetError) throw new InstallError(error.message)
    throw error
  }
}

/** PIP_NO_INDEX as pip reads it: any of 1, true, yes, on. */
export function pipIsOffline(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes|on)$/i.test(env.PIP_NO_INDEX?.trim() ?? '')
}

interface PipReport {
  install?: { metadata?: { name?: string }; download_info?: { url?: string } }[]
}

function distNameFromReport(file: string, projectDir: string): string | undefined {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as PipReport
    const url = new URL(`file://${projectDir}`).href.replace(/\/$/, '')
    return report.install?.find((i) => i.download_info?.url?.replace(/\/$/, '') === url)?.metadata
      ?.name
  } catch {
    return undefined
  }
}

export interface InstallOptions {
  /** The venv at tempDir/venv came back from the cache and fits: reinstall only the project. */
  readonly reuseVenv?: boolean
  /**
   * The venv goes to (or came from) the cache: record what the project was
   * installed from, so a later run with the same checkout need not reinstall it.
   */
  readonly fingerprint?: boolean
}

/**
 * The project into its venv and, beside it, the action's own tools into
 * theirs. What pip's build of the project leaves in the checkout (egg-info,
 * build/) is taken away after, so the sdist and the tests see the checkout as
 * it was.
 */
export async function installProject(
  host: Host,
  config: Config,
  python: PythonSetup,
  options: InstallOptions = {},
): Promise<Installed> {
  warnEmptySubmodules(host.log, config.workingDirectory)
  const before = findLeftovers(config.workingDirectory)
  // A venv without pip is made in milliseconds; the base interpreter's pip
  // (22.3 or newer) then installs into it with --python.
  const basePip =
    python.pipVersion !== undefined &&
    semver.gte(semver.coerce(python.pipVersion) ?? '0.0.0', '22.3.0')
  try {
    const [installed, tools] = await Promise.all([
      installInto(host, config, python, basePip, options),
      config.build
        ? prepareTools(host, config, python, basePip, pipIsOffline(host.env))
        : undefined,
    ])
    return tools === undefined ? installed : { ...installed, tools }
  } finally {
    removeNewLeftovers(host.log, config.workingDirectory, before, 'the install')
  }
}

async function installInto(
  host: Host,
  config: Config,
  python: PythonSetup,
  basePip: boolean,
  options: InstallOptions,
): Promise<Installed> {
  const { log, runner } = host
  const dir = path.join(host.tempDir, 'venv')
  // Taken before pip runs: an in-tree build leaves build/ and *.egg-info behind.
  const fingerprint =
    options.fingerprint || options.reuseVenv ? await checkoutFingerprint(host, config) : undefined
  if (options.reuseVenv) return reinstallProject(host, config, python, dir, basePip, fingerprint)
  rmSync(dir, { recursive: true, force: true })
  const tools = config.test ? ['pytest', 'coverage'] : []
  let systemSite = config.systemSitePackages
  // Offline, a plain venv could not get the tools the base Python already has.
  if (!systemSite && tools.length > 0 && pipIsOffline(host.env)) {
    const baseMissing = await missingTools(host, python.executable, host.env, tools)
    if (baseMissing.length === 0) {
      systemSite = true
      log.info(
        `pip is offline (PIP_NO_INDEX) and ${python.executable} has ${tools.join(', ')}: the venv reuses them (system site-packages)`,
      )
    }
  }
  const created = await runner.run(
    python.executable,
    [
      '-m',
      'venv',
      ...(systemSite ? ['--system-site-packages'] : []),
      ...(basePip ? ['--without-pip'] : []),
      dir,
    ],
    { env: host.env },
  )
  if (created.code !== 0)
    throw new InstallError(`python -m venv failed (exit ${created.code}):\n${tail(created.output)}`)
  const venv = venvOf(host, dir)
  log.info(`virtual environment: ${dir}${systemSite ? ' (with system site-packages)' : ''}`)

  // Whether the venv can run pip itself is asked with the tools, for a later
  // reinstall into the cached venv: one pip process instead of two.
  const probed = await missingTools(host, venv.python, venv.env, [
    ...tools,
    ...(fingerprint !== undefined ? ['pip'] : []),
  ])
  const missing = probed.filter((m) => m !== 'pip')
  const request = planInstall(
    config,
    missing,
    path.join(host.tempDir, 'requirements'),
    diskFiles(host.workspace),
  )
  for (const note of request.notes) log.info(note)
  for (const copy of request.copies) {
    mkdirSync(path.dirname(copy.file), { recursive: true })
    writeFileSync(copy.file, copy.text)
  }

  // Beside the install: an isolated rebuild of the project in this venv, once
  // restored from the cache, then needs no fresh build environment.
  const installing = pipInstall(host, log, config, python, venv, basePip, [
    ...pipInstallArgs(config, request),
  ])
  const [{ result, distName }, buildEnv] = await Promise.all([
    installing,
    fingerprint !== undefined && config.buildIsolation && config.pipArgs.length === 0
      ? keepBuildEnv(host, config, python, venv, basePip, installing)
      : false,
  ])
  const others = Math.max(
    (/Successfully installed (.*)/.exec(result.stdout)?.[1]?.split(' ').length ?? 1) - 1,
    0,
  )
  const what = `${distName ?? 'the project'}${others ? ` and ${others} other package${others === 1 ? '' : 's'}` : ''}`
  if (fingerprint !== undefined)
    writeProjectMarker(dir, { fingerprint, distName, venvPip: !probed.includes('pip'), buildEnv })
  return { venv, distName, summary: `${what} into ${dir}` }
}

/**
 * Installs the build backend's requirements into BUILD_ENV of the venv with
 * pip --target, then what the backend asks for on top (setuptools: wheel), so
 * that a later reinstall builds in isolation without pip making and filling a
 * build environment again. False when it could not: the reinstall then leaves
 * the build to pip, as on a cold run. The backend is asked only once
 * `installing` has settled: asking runs it in the checkout (setuptools writes
 * its egg-info there), where pip is building the project meanwhile.
 */
async function keepBuildEnv(
  host: Host,
  config: Config,
  python: PythonSetup,
  venv: Venv,
  basePip: boolean,
  installing: Promise<unknown>,
): Promise<boolean> {
  const target = path.join(venv.dir, BUILD_ENV)
  const backend = buildBackendOf(config.project.pyproject)
  const command = basePip ? python.executable : venv.python
  const pip = async (requirements: readonly string[]) => {
    const args = ['-m', 'pip', 'install', '--target', target, '--upgrade', '--', ...requirements]
    const result = await host.runner.run(command, args, { cwd: host.tempDir, env: venv.env })
    if (result.code !== 0)
      throw new Error(
        `exit ${result.code}: ${failureReason(result.output) ?? tail(result.output, 5)}`,
      )
  }
  try {
    rmSync(target, { recursive: true, force: true })
    await pip(backend.requires)
    await installing.catch(() => undefined)
    const more = await backendWheelRequires(
      host,
      venv.python,
      venv.env,
      config.workingDirectory,
      backend,
      target,
    )
    if (more.length > 0) await pip(more)
    host.log.debug(
      `build environment kept in ${target}: ${[...backend.requires, ...more].join(', ')}`,
    )
    return true
  } catch (error) {
    rmSync(target, { recursive: true, force: true })
    host.log.info(
      `the build backend's requirements could not be kept in the environment (${errorMessage(error)}): a reinstall into it from the cache lets pip build the project`,
    )
    return false
  }
}

/**
 * projectFingerprint() of the working directory; when the version is not
 * written in pyproject.toml (setuptools_scm, hatch-vcs, a setup.py), what git
 * says of the commit and its tags too, since the build reads them. Undefined
 * when git cannot say or the checkout cannot be fingerprinted (unreadable, or
 * over the budget): then the project is always reinstalled, and the log says why.
 */
async function checkoutFingerprint(host: Host, config: Config): Promise<string | undefined> {
  let fromGit = ''
  if (!hasStaticVersion(config.project.pyproject)) {
    const described = await host.runner.run(
      'git',
      ['describe', '--tags', '--long', '--always', '--abbrev=40'],
      { cwd: config.workingDirectory, env: host.env },
    )
    if (described.code !== 0) {
      host.log.info(
        `git describe failed (exit ${described.code}) and the version is not in pyproject.toml: a cached environment gets the project reinstalled`,
      )
      return undefined
    }
    fromGit = described.stdout.trim()
  }
  const fingerprint = projectFingerprint(config.workingDirectory, fromGit)
  if ('hash' in fingerprint) return fingerprint.hash
  host.log.info(`${fingerprint.unknown}: a cached environment gets the project reinstalled`)
  return undefined
}

/**
 * A venv restored from the cache already holds the dependencies. Its copy of
 * the project is kept when the checkout is the one it was installed from (same
 * fingerprint), and otherwise reinstalled, without the dependencies, so the
 * code under test is always the checkout.
 */
async function reinstallProject(
  host: Host,
  config: Config,
  python: PythonSetup,
  dir: string,
  basePip: boolean,
  fingerprint: string | undefined,
): Promise<Installed> {
  const venv = venvOf(host, dir)
  const recorded = readProjectMarker(dir)
  if (fingerprint !== undefined && recorded?.fingerprint === fingerprint) {
    const name = recorded.distName ?? 'the project'
    host.log.info(
      `the checkout is the one ${name} was installed from into the cached environment (fingerprint ${fingerprint.slice(0, 12)}): not reinstalled`,
    )
    return {
      venv,
      distName: recorded.distName ?? config.project.name,
      summary: `${name} unchanged in the cached environment ${dir}`,
    }
  }
  host.log.info(
    fingerprint === undefined
      ? 'the checkout has no fingerprint (see above): reinstalling the project'
      : recorded
        ? 'the checkout differs from the one the cached environment was made from: reinstalling the project'
        : 'the cached environment does not say what the project was installed from: reinstalling the project',
  )
  // pip in the venv starts once; the base pip with --python starts again in the venv.
  const viaBase = basePip && !recorded?.venvPip
  let installArgs = pipInstallArgs(config, { extras: [], requirementFiles: [], requirements: [] })
  let builtName: string | undefined
  // Without build isolation pip would run the backend in the venv too, so the
  // wheel is the same; with it, the backend runs from the build environment
  // kept in the venv, isolated. With pip options of the user's (config
  // settings, say), or no kept build environment, pip builds it, as on a cold run.
  const buildEnv = path.join(dir, BUILD_ENV)
  const isolated = config.buildIsolation && recorded?.buildEnv === true && existsSync(buildEnv)
  if (config.pipArgs.length === 0 && (!config.buildIsolation || isolated)) {
    const backend = buildBackendOf(config.project.pyproject)
    host.log.info(
      `building the project's wheel with ${backend.backend} in the cached environment${isolated ? `, isolated (only ${BUILD_ENV} importable)` : ''}`,
    )
    try {
      const wheel = await buildWheelInVenv(
        host,
        venv.python,
        venv.env,
        config.workingDirectory,
        backend,
        path.join(host.tempDir, 'reinstall'),
        isolated ? buildEnv : undefined,
      )
      installArgs = [wheel]
      builtName = wheelDistName(wheel)
    } catch (error) {
      if (error instanceof WheelBuildError) throw new InstallError(error.message)
      throw error
    }
  }
  const installed = await pipInstall(host, host.log, config, python, venv, viaBase, [
    '--no-deps',
    '--force-reinstall',
    ...installArgs,
  ])
  const distName =
    builtName === undefined
      ? installed.distName
      : (config.project.name ?? recorded?.distName ?? builtName)
  if (fingerprint !== undefined)
    writeProjectMarker(dir, {
      fingerprint,
      distName,
      venvPip: recorded?.venvPip ?? !viaBase,
      buildEnv: recorded?.buildEnv,
    })
  return {
    venv,
    distName,
    summary: `${distName ?? 'the project'} reinstalled into the cached environment ${dir}`,
  }
}

/**
 * One `pip install` into the venv, by the base interpreter's pip when it can
 * (--python), with pip's JSON report read for the project's own name.
 */
async function pipInstall(
  host: Host,
  log: Log,
  config: Config,
  python: PythonSetup,
  venv: Venv,
  basePip: boolean,
  installArgs: readonly string[],
): Promise<{ result: RunResult; distName: string | undefined }> {
  // --report arrived in pip 22.2; the base pip is 22.3 or newer when it is used.
  const reportFile = path.join(host.tempDir, 'pip-report.json')
  rmSync(reportFile, { force: true })
  const command = basePip ? python.executable : venv.python
  const args = [
    ...(basePip ? ['-m', 'pip', '--python', venv.python] : ['-m', 'pip']),
    'install',
    ...(basePip ? ['--report', reportFile] : []),
    ...installArgs,
  ]
  log.info(`$ ${formatCommand(command, args)}`)
  const result = await host.runner.run(command, args, {
    cwd: config.workingDirectory,
    env: venv.env,
    onOutput: (c) => log.debug(c.trimEnd()),
  })
  if (result.code !== 0) {
    const reason = failureReason(result.output)
    throw new InstallError(
      `pip install failed (exit ${result.code})${reason ? `: ${reason}` : ''}\n${tail(result.output, 40)}`,
    )
  }
  log.info(tail(result.stdout, 3))
  const fromReport = basePip ? distNameFromReport(reportFile, config.workingDirectory) : undefined
  return { result, distName: fromReport ?? config.project.name }
}
