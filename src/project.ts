/**
 * What the action reads from a Python project's own files without running it:
 * pyproject.toml's [project] table, dependency groups (PEP 735, Poetry's,
 * PDM's) and build backend, and which legacy files exist.
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
  /**
   * Extras declared statically: [project.optional-dependencies], or Poetry's
   * [tool.poetry.extras] when there is no [project] table; undefined when
   * dynamic or unknown (a setup.py).
   */
  readonly extras: readonly string[] | undefined
  /** PEP 735 [dependency-groups], as written. */
  readonly dependencyGroups: Readonly<Record<string, readonly unknown[]>>
  /** Poetry's [tool.poetry.group.NAME] tables, with [tool.poetry.dev-dependencies] merged into dev. */
  readonly poetryGroups: Readonly<Record<string, PoetryGroup>>
  /** PDM's [tool.pdm.dev-dependencies], as written. */
  readonly pdmGroups: Readonly<Record<string, readonly unknown[]>>
}

export interface PoetryGroup {
  /** Name -> Poetry's dependency specification (a string, a table, or a list of tables), as written. */
  readonly dependencies: Readonly<Record<string, unknown>>
  /** include-groups (Poetry 2.2), normalised. */
  readonly includeGroups: readonly string[]
}

export class ProjectError extends Error {
  override name = 'ProjectError'
}

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function normalizedKeys<T>(
  value: Record<string, unknown> | undefined,
  convert: (v: unknown) => T,
): Record<string, T> {
  return Object.fromEntries(
    Object.entries(value ?? {}).map(([k, v]) => [normalizeName(k), convert(v)]),
  )
}

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/**
 * Poetry's groups: each [tool.poetry.group.NAME] table's dependencies and
 * include-groups; the pre-1.2 [tool.poetry.dev-dependencies] is the dev group,
 * as Poetry reads it.
 */
function poetryGroupsOf(poetry: Record<string, unknown> | undefined): Record<string, PoetryGroup> {
  const groups: Record<string, PoetryGroup> = normalizedKeys(table(poetry?.group), (g) => ({
    dependencies: table(table(g)?.dependencies) ?? {},
    includeGroups: listOf(table(g)?.['include-groups'])
      .filter((n): n is string => typeof n === 'string')
      .map(normalizeName),
  }))
  const legacy = table(poetry?.['dev-dependencies'])
  if (legacy) {
    const dev = groups.dev
    groups.dev = {
      dependencies: { ...legacy, ...dev?.dependencies },
      includeGroups: dev?.includeGroups ?? [],
    }
  }
  return groups
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
  const groups = table(pyproject?.['dependency-groups'])
  const tool = table(pyproject?.tool)
  const poetry = table(tool?.poetry)
  const backend = table(pyproject?.['build-system'])?.['build-backend']
  // poetry-core builds the metadata from [tool.poetry] when [project] is absent.
  const poetryName = project === undefined ? poetry?.name : undefined
  const poetryExtras = project === undefined && poetry ? table(poetry.extras) : undefined
  return {
    dir,
    pyproject,
    hasSetupPy: existsSync(path.join(dir, 'setup.py')),
    hasSetupCfg: existsSync(path.join(dir, 'setup.cfg')),
    name:
      typeof project?.name === 'string'
        ? project.name
        : typeof poetryName === 'string'
          ? poetryName
          : undefined,
    requiresPython:
      typeof project?.['requires-python'] === 'string' ? project['requires-python'] : undefined,
    buildBackend: typeof backend === 'string' ? backend : undefined,
    extras:
      project && !dynamic.includes('optional-dependencies')
        ? Object.keys(optional ?? {}).map(normalizeName)
        : project === undefined && poetry
          ? Object.keys(poetryExtras ?? {}).map(normalizeName)
          : undefined,
    dependencyGroups: normalizedKeys(groups, listOf),
    poetryGroups: poetryGroupsOf(poetry),
    pdmGroups: normalizedKeys(table(table(tool?.pdm)?.['dev-dependencies']), listOf),
  }
}

/** Every dependency group the project declares, PEP 735's, Poetry's and PDM's, normalised and sorted. */
export function declaredGroups(project: ProjectInfo): string[] {
  const names = [project.dependencyGroups, project.poetryGroups, project.pdmGroups].flatMap((g) =>
    Object.keys(g),
  )
  return [...new Set(names)].sort()
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
