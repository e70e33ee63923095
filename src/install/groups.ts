/**
 * A dependency group by name, from every place a project may declare one:
 * PEP 735's [dependency-groups], Poetry's [tool.poetry.group.NAME] (and the
 * old [tool.poetry.dev-dependencies]), PDM's [tool.pdm.dev-dependencies];
 * each as requirements pip takes. Pure.
 */
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  normalizeName,
  type PoetryGroup,
  ProjectError,
  type ProjectInfo,
  resolveDependencyGroup,
} from '../project.js'
import { poetryRequirements } from './poetry.js'

export interface GroupSource {
  /** For the log: "group dev (pyproject.toml)", "poetry group dev (pyproject.toml)". */
  readonly source: string
  readonly requirements: readonly string[]
  /** Extras of the project itself that an entry naming the project asks for. */
  readonly extras: readonly string[]
  /** What was changed or left out, for the log. */
  readonly notes: readonly string[]
}

/** A requirement's name and extras, when it starts with a PEP 508 name. */
function nameOf(requirement: string): { name: string; extras: string[] } | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?/.exec(requirement)
  if (!m?.[1]) return undefined
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  return { name: m[1], extras }
}

/**
 * Takes out the entries that name the project itself (`demo[test]` in demo's
 * own group, as uv and PDM allow): the action installs the project once, with
 * those extras.
 */
function withoutSelf(
  project: ProjectInfo,
  source: string,
  requirements: readonly string[],
  notes: readonly string[],
): GroupSource {
  const self = project.name === undefined ? undefined : normalizeName(project.name)
  const kept: string[] = []
  const extras: string[] = []
  const more = [...notes]
  for (const r of requirements) {
    const named = nameOf(r)
    if (self !== undefined && named && normalizeName(named.name) === self) {
      extras.push(...named.extras)
      more.push(`'${r}' is the project itself, installed by the action`)
    } else kept.push(r)
  }
  return { source, requirements: kept, extras, notes: more }
}

function poetryGroup(
  groups: Readonly<Record<string, PoetryGroup>>,
  name: string,
  projectDir: string,
  seen: readonly string[] = [],
): { requirements: string[]; notes: string[] } {
  const key = normalizeName(name)
  const group = Object.hasOwn(groups, key) ? groups[key] : undefined
  if (!group) throw new ProjectError(`poetry group '${name}' is not defined`)
  if (seen.includes(key))
    throw new ProjectError(
      `poetry group '${name}' includes itself (${[...seen, key].join(' -> ')})`,
    )
  const requirements: string[] = []
  const notes: string[] = []
  for (const included of group.includeGroups) {
    const more = poetryGroup(groups, included, projectDir, [...seen, key])
    requirements.push(...more.requirements)
    notes.push(...more.notes)
  }
  for (const [dependency, spec] of Object.entries(group.dependencies)) {
    const converted = poetryRequirements(dependency, spec, projectDir)
    requirements.push(...converted.requirements)
    notes.push(...converted.notes)
  }
  return { requirements, notes }
}

/** The folder a local `-e`/file entry points at, resolved from the project. */
function localFolder(target: string, projectDir: string): string | undefined {
  if (/^file:/i.test(target)) {
    try {
      return path.resolve(fileURLToPath(target.replace(/#.*$/, '')))
    } catch {
      return undefined
    }
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined
  return path.resolve(projectDir, target.replace(/\[[^\]]*\]$/, ''))
}

/**
 * One entry of [tool.pdm.dev-dependencies]: a PEP 508 string, or `-e` with a
 * path or URL (installed, not editable). ${PROJECT_ROOT} is the project's folder.
 */
function pdmEntry(
  entry: unknown,
  projectDir: string,
): { requirement?: string; note?: string; selfExtras?: string[] } {
  if (typeof entry !== 'string')
    return { note: `${JSON.stringify(entry)} is not a requirement; left out` }
  const rootUrl = pathToFileURL(projectDir).href
  const expanded = entry
    .trim()
    .replace(/file:\/\/\/?\$\{PROJECT_ROOT\}/g, rootUrl)
    .replace(/\$\{PROJECT_ROOT\}/g, projectDir)
  const editable = /^(?:-e|--editable)(?:\s+|=)(.*)$/.exec(expanded)
  if (!editable) return { requirement: expanded }
  const target = (editable[1] ?? '').trim()
  const folder = localFolder(target, projectDir)
  if (folder !== undefined && folder === path.resolve(projectDir)) {
    const extras =
      /\[([^\]]*)\]$/
        .exec(target)?.[1]
        ?.split(',')
        .map((e) => e.trim()) ?? []
    return {
      note: `'${entry}' is the project itself, installed by the action`,
      selfExtras: extras.filter((e) => e !== ''),
    }
  }
  return {
    requirement: folder ?? directReference(target),
    note: `'${entry}': installed, not editable`,
  }
}

/** A URL with #egg=name as `name @ URL` (pip no longer reads egg fragments); others as they are. */
function directReference(url: string): string {
  const [base = '', fragment] = url.split('#', 2)
  if (fragment === undefined) return url
  const params = fragment.split('&')
  const egg = params.find((p) => p.startsWith('egg='))?.slice(4)
  if (!egg) return url
  const rest = params.filter((p) => !p.startsWith('egg='))
  return `${egg} @ ${base}${rest.length ? `#${rest.join('&')}` : ''}`
}

/**
 * Every source that declares group `name`, with its requirements. A group
 * declared in none of them is a ProjectError (config names only declared ones).
 */
export function resolveGroup(project: ProjectInfo, name: string): GroupSource[] {
  const key = normalizeName(name)
  const sources: GroupSource[] = []
  if (Object.hasOwn(project.dependencyGroups, key)) {
    const requirements = resolveDependencyGroup(project.dependencyGroups, key)
    sources.push(withoutSelf(project, `group ${key} (pyproject.toml)`, requirements, []))
  }
  if (Object.hasOwn(project.poetryGroups, key)) {
    const { requirements, notes } = poetryGroup(project.poetryGroups, key, project.dir)
    sources.push(withoutSelf(project, `poetry group ${key} (pyproject.toml)`, requirements, notes))
  }
  if (Object.hasOwn(project.pdmGroups, key)) {
    const requirements: string[] = []
    const notes: string[] = []
    const extras: string[] = []
    for (const entry of project.pdmGroups[key] ?? []) {
      const one = pdmEntry(entry, project.dir)
      if (one.requirement !== undefined) requirements.push(one.requirement)
      if (one.note !== undefined) notes.push(one.note)
      extras.push(...(one.selfExtras ?? []))
    }
    const source = withoutSelf(project, `pdm group ${key} (pyproject.toml)`, requirements, notes)
    sources.push({ ...source, extras: [...extras, ...source.extras] })
  }
  if (sources.length === 0) throw new ProjectError(`dependency group '${name}' is not defined`)
  return sources
}
