/**
 * What pip is asked to install, as one argument list: the project with its
 * test extras, dependency groups, requirement files, and whichever of the
 * pipeline's tools the environment lacks. Pure, so it is table-tested.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { normalizeName, resolveDependencyGroup } from '../project.js'

/** The names `install: auto` looks for. */
export const AUTO_NAMES = ['test', 'tests', 'testing', 'dev'] as const
export const AUTO_REQUIREMENT_FILES = ['requirements-test.txt', 'requirements-dev.txt'] as const

export interface InstallRequest {
  readonly extras: readonly string[]
  readonly groups: readonly string[]
  readonly requirementFiles: readonly string[]
  /** Requirement strings from dependency groups and missing tools. */
  readonly requirements: readonly string[]
  /** What was chosen and why, for the log. */
  readonly notes: readonly string[]
}

export function planInstall(
  config: Config,
  missingTools: readonly string[],
  fileExists: (file: string) => boolean = existsSync,
): InstallRequest {
  const { install, project } = config
  const extras = [...install.extras]
  const groups = [...install.groups]
  const files = [...install.requirements]
  const notes: string[] = []
  if (install.auto) {
    if (project.extras === undefined) {
      notes.push(
        'extras are not declared statically in pyproject.toml, so none were picked by auto; name them with extra:NAME',
      )
    } else {
      extras.push(...AUTO_NAMES.filter((n) => project.extras?.includes(n) && !extras.includes(n)))
    }
    groups.push(
      ...AUTO_NAMES.filter(
        (n) => n in project.dependencyGroups && !groups.map(normalizeName).includes(n),
      ),
    )
    for (const name of AUTO_REQUIREMENT_FILES) {
      const file = path.join(config.workingDirectory, name)
      if (fileExists(file) && !files.includes(file)) files.push(file)
    }
  }
  const requirements = groups.flatMap((g) => resolveDependencyGroup(project.dependencyGroups, g))
  requirements.push(...missingTools)
  const picked = [
    ...extras.map((e) => `extra ${e}`),
    ...groups.map((g) => `group ${g}`),
    ...files.map((f) => path.relative(config.workingDirectory, f)),
  ]
  notes.unshift(
    picked.length ? `test dependencies: ${picked.join(', ')}` : 'test dependencies: none found',
  )
  if (missingTools.length) notes.push(`tools the environment lacks: ${missingTools.join(', ')}`)
  return { extras, groups, requirementFiles: files, requirements, notes }
}

/** pip install's arguments after `install`. */
export function pipInstallArgs(config: Config, request: InstallRequest): string[] {
  const target = request.extras.length
    ? `${config.workingDirectory}[${request.extras.join(',')}]`
    : config.workingDirectory
  return [
    ...config.pipArgs,
    ...(config.buildIsolation ? [] : ['--no-build-isolation']),
    target,
    ...request.requirementFiles.flatMap((f) => ['-r', f]),
    ...request.requirements,
  ]
}
