/**
 * The project's wheel, built by calling its PEP 517 backend inside the venv's
 * interpreter: one process, where pip would start two (metadata, then the
 * wheel). Used to reinstall the project into a cached venv when the build is
 * not isolated, which is when pip too would run the backend in the venv.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Host } from '../host.js'
import { runSnippet, SnippetError } from '../python/snippet.js'

/** What pip uses for a project without [build-system] build-backend. */
export const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__'

export interface BuildBackend {
  /** "module:object" as in [build-system] build-backend. */
  readonly backend: string
  /** [build-system] backend-path, relative to the project. */
  readonly backendPath: readonly string[]
}

export function buildBackendOf(pyproject: Record<string, unknown> | undefined): BuildBackend {
  const system = pyproject?.['build-system'] as Record<string, unknown> | undefined
  const backend = typeof system?.['build-backend'] === 'string' ? system['build-backend'] : ''
  const paths = Array.isArray(system?.['backend-path']) ? system['backend-path'] : []
  return {
    backend: backend.trim() || LEGACY_BACKEND,
    backendPath: paths.filter((p): p is string => typeof p === 'string'),
  }
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
): Promise<string> {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  try {
    return await runSnippet<string>(
      host,
      venvPython,
      BUILD_WHEEL,
      [backend.backend, outDir, JSON.stringify(backend.backendPath)],
      `building the wheel with ${backend.backend}`,
      { cwd: projectDir, env },
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
