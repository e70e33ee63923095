/**
 * The project's wheel, built by calling its PEP 517 backend inside the venv's
 * interpreter: one process, where pip would start two (metadata, then the
 * wheel). Used to reinstall the project into a cached venv. Without build
 * isolation the backend runs in the venv, as pip would run it. With it, the
 * backend runs from a build environment kept in the venv (its
 * build-system.requires and what get_requires_for_build_wheel asks for,
 * installed when the venv was made): the venv's interpreter started with -S,
 * so none of the venv's packages are importable, only that folder, as in the
 * isolated environment pip would make, without pip making and filling one on
 * every commit.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Host } from '../host.js'
import { runSnippet, SnippetError } from '../python/snippet.js'

/** What pip uses for a project without [build-system] build-backend. */
export const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__'

/** What pip installs for a project without [build-system] requires (PEP 518). */
export const LEGACY_REQUIRES = ['setuptools>=40.8.0']

export interface BuildBackend {
  /** "module:object" as in [build-system] build-backend. */
  readonly backend: string
  /** [build-system] backend-path, relative to the project. */
  readonly backendPath: readonly string[]
  /** [build-system] requires. */
  readonly requires: readonly string[]
}

export function buildBackendOf(pyproject: Record<string, unknown> | undefined): BuildBackend {
  const system = pyproject?.['build-system'] as Record<string, unknown> | undefined
  const backend = typeof system?.['build-backend'] === 'string' ? system['build-backend'] : ''
  const paths = Array.isArray(system?.['backend-path']) ? system['backend-path'] : []
  const requires = Array.isArray(system?.requires) ? system.requires : undefined
  return {
    backend: backend.trim() || LEGACY_BACKEND,
    backendPath: paths.filter((p): p is string => typeof p === 'string'),
    requires: requires?.filter((r): r is string => typeof r === 'string') ?? LEGACY_REQUIRES,
  }
}

/** A folder of the venv holding only the build backend's requirements (pip install --target). */
export const BUILD_ENV = 'python-ci-build-env'

/** How to run the venv's interpreter so it sees the build environment and nothing of the venv. */
export function isolatedRun(
  env: NodeJS.ProcessEnv,
  buildEnv: string,
): { env: NodeJS.ProcessEnv; pythonArgs: readonly string[] } {
  return { env: { ...env, PYTHONPATH: buildEnv, PYTHONNOUSERSITE: '1' }, pythonArgs: ['-S'] }
}

// As PEP 517 asks of a frontend: the project folder is the working directory
// but not on sys.path (python -c puts it first), backend-path goes first, the
// object after the colon is looked up by attribute, and build_wheel(outdir)
// returns the file's name. The backend may print (setuptools does), so the
// answer is a line of its own at the end.
const BUILD_WHEEL = `import importlib, json, os, sys
spec, outdir, paths = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]
sys.path[:0] = [os.path.abspath(p) for p in paths]
module, _, attrs = spec.partition(":")
backend = importlib.import_module(module.strip())
for attr in filter(None, attrs.strip().split(".")):
    backend = getattr(backend, attr)
if outdir == "--requires":
    print("\\n" + json.dumps(backend.get_requires_for_build_wheel()))
else:
    name = backend.build_wheel(outdir)
    print("\\n" + json.dumps(os.path.join(outdir, name)))`

/** Builds the wheel of the project in `projectDir` into a fresh `outDir`; returns its path. */
export async function buildWheelInVenv(
  host: Host,
  venvPython: string,
  env: NodeJS.ProcessEnv,
  projectDir: string,
  backend: BuildBackend,
  outDir: string,
  /** The kept build environment, for an isolated build. */
  buildEnv?: string,
): Promise<string> {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const run = buildEnv === undefined ? { env } : isolatedRun(env, buildEnv)
  try {
    return await runSnippet<string>(
      host,
      venvPython,
      BUILD_WHEEL,
      [backend.backend, outDir, JSON.stringify(backend.backendPath)],
      `building the wheel with ${backend.backend}${buildEnv === undefined ? '' : ' (isolated)'}`,
      { cwd: projectDir, ...run },
    )
  } catch (error) {
    if (error instanceof SnippetError) throw new WheelBuildError(error.message)
    throw error
  }
}

export class WheelBuildError extends Error {
  override name = 'WheelBuildError'
}

/** The distribution name in a wheel's file name ("cache_demo-0.1.0-py3-none-any.whl" -> "cache_demo"). */
export function wheelDistName(file: string): string | undefined {
  // name-version(-build)?-python-abi-platform.whl
  return /^([^-]+)-[^-]+(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(path.basename(file))?.[1]
}

/** What the backend asks for beyond build-system.requires (setuptools: wheel), asked in the build environment. */
export async function backendWheelRequires(
  host: Host,
  venvPython: string,
  env: NodeJS.ProcessEnv,
  projectDir: string,
  backend: BuildBackend,
  buildEnv: string,
): Promise<string[]> {
  try {
    return await runSnippet<string[]>(
      host,
      venvPython,
      BUILD_WHEEL,
      [backend.backend, '--requires', JSON.stringify(backend.backendPath)],
      `asking ${backend.backend} what it needs to build a wheel`,
      { cwd: projectDir, ...isolatedRun(env, buildEnv) },
    )
  } catch (error) {
    if (error instanceof SnippetError) throw new WheelBuildError(error.message)
    throw error
  }
}
