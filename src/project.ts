/**
 * What the action reads from a Python project's own files without running it:
 * pyproject.toml's [project] table, dependency groups and build backend, and
 * which legacy files exist.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { errorMessage } from './error-message.js'

export interface ProjectInfo {
  readonly dir: string
  readonly pyproject: Record<string, unknown> | undefined
  readonly hasSetupPy: boolean
  readonly hasSetupCfg: boolean
  readonly name: string | undefined
  readonly requiresPython: string | undefined
  readonly buildBackend: string | undefined
  /** Extras declared statically in [project.optional-dependencies]; undefined when dynamic or unknown. */
  readonly extras: readonly string[] | undefined
  /** PEP 735 [dependency-groups], as written. */
  readonly dependencyGroups: Readonly<Record<string, readonly unknown[]>>
}

export class ProjectError extends Error {
  override name = 'ProjectError'
}

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

export function readProject(dir: string): ProjectInfo {
  const file = path.join(dir, 'pyproject.toml')
  let pyproject: Record<string, unknown> | undefined
  if (existsSync(file)) {
    try {
      pyproject = parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch (error) {
      const reason = errorMessage(error).split('\n')[0]
      throw new ProjectError(`pyproject.toml in ${dir} is not valid TOML: ${reason}`)
    }
  }
  const project = table(pyproject?.project)
  const dynamic = Array.isArray(project?.dynamic) ? (project?.dynamic as unknown[]) : []
  const optional = table(project?.['optional-dependencies'])
  const groups = table(pyproject?.['dependency-groups']) ?? {}
  const backend = table(pyproject?.['build-system'])?.['build-backend']
  return {
    dir,
    pyproject,
    hasSetupPy: existsSync(path.join(dir, 'setup.py')),
    hasSetupCfg: existsSync(path.join(dir, 'setup.cfg')),
    name: typeof project?.name === 'string' ? project.name : undefined,
    requiresPython:
      typeof project?.['requires-python'] === 'string' ? project['requires-python'] : undefined,
    buildBackend: typeof backend === 'string' ? backend : undefined,
    extras:
      project && !dynamic.includes('optional-dependencies')
        ? Object.keys(optional ?? {}).map(normalizeName)
        : undefined,
    dependencyGroups: Object.fromEntries(
      Object.entries(groups).map(([k, v]) => [normalizeName(k), Array.isArray(v) ? v : []]),
    ),
  }
}

/** PEP 503 / PEP 685 name normalisation. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/**
 * The requirements of a PEP 735 dependency group, with `{include-group = …}`
 * entries expanded; cycles and unknown groups are errors, as PEP 735 says.
 */
export function resolveDependencyGroup(
  groups: Readonly<Record<string, readonly unknown[]>>,
  name: string,
  seen: readonly string[] = [],
): string[] {
  const key = normalizeName(name)
  // Own keys only: "constructor" must not find Object.prototype's.
  const entries = Object.hasOwn(groups, key) ? groups[key] : undefined
  if (!entries) throw new ProjectError(`dependency group '${name}' is not defined`)
  if (seen.includes(key)) {
    throw new ProjectError(
      `dependency group '${name}' includes itself (${[...seen, key].join(' -> ')})`,
    )
  }
  const out: string[] = []
  for (const entry of entries) {
    if (typeof entry === 'string') out.push(entry)
    else {
      const include = table(entry)?.['include-group']
      if (typeof include !== 'string') {
        throw new ProjectError(
          `dependency group '${name}' has an entry that is neither a string nor an include-group`,
        )
      }
      out.push(...resolveDependencyGroup(groups, include, [...seen, key]))
    }
  }
  return out
}
