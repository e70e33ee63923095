/**
 * What pip is asked to install, as one argument list: the project with its
 * test extras, dependency groups, requirement files, and whichever of the
 * pipeline's tools the environment lacks. Pure but for the file access it is
 * handed, so it is table-tested.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import { declaredGroups, normalizeName, type ProjectInfo } from '../project.js'
import { outsideWorkspace } from '../workspace-path.js'
import { type GroupSource, resolveGroup } from './groups.js'
import {
  autoRequirementFiles,
  type FileAccess,
  prepareRequirementFiles,
} from './requirement-files.js'
import { InstallError } from './venv.js'

/** The names `install: auto` looks for. */
export const AUTO_NAMES = ['test', 'tests', 'testing', 'dev'] as const

export interface InstallRequest {
  readonly extras: readonly string[]
  readonly groups: readonly string[]
  /** What pip gets after -r: each requirement file, or its copy without the lines that install the project. */
  readonly requirementFiles: readonly string[]
  /** Those copies, to write before pip runs. */
  readonly copies: readonly { readonly file: string; readonly text: string }[]
  /** Requirement strings from dependency groups and missing tools. */
  readonly requirements: readonly string[]
  /** What was chosen and why, for the log. */
  readonly notes: readonly string[]
}

export interface ProjectFiles extends FileAccess {
  /** The names of the files in a folder, links to files included; [] when it does not exist. */
  list(dir: string): readonly string[]
  /** Why the action may not read the file (a link out of the workspace), or undefined. */
  outside(file: string): string | undefined
}

const isFile = (file: string): boolean => {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** The project's files on disk, in `workspace`. */
export const diskFiles = (workspace: string): ProjectFiles => ({
  list: (dir) => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(path.join(dir, e.name))))
        .map((e) => e.name)
    } catch {
      return []
    }
  },
  outside: (file) => outsideWorkspace(workspace, file),
  read: (file) => {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      return undefined
    }
  },
  exists: existsSync,
})

/** Why auto could not pick extras, when it could not. */
function extrasHint(project: ProjectInfo): string | undefined {
  if (project.extras !== undefined) return undefined
  const where = project.pyproject?.project
    ? 'are dynamic in pyproject.toml'
    : project.hasSetupPy || project.hasSetupCfg
      ? 'of a setup.py or setup.cfg project are not read without running it'
      : 'are not declared in pyproject.toml'
  return `extras ${where}, so auto picked none; name them with extra:NAME`
}

/** One line per converted group: the requirements pip gets from it. */
function groupLines(sources: readonly GroupSource[]): string[] {
  return sources.flatMap((s) => [
    ...(/^(poetry|pdm) /.test(s.source)
      ? [
          `${s.source.replace(/ \(pyproject\.toml\)$/, '')}: ${s.requirements.join(', ') || 'nothing'}`,
        ]
      : []),
    ...s.notes.map((n) => `${s.source.replace(/ \(pyproject\.toml\)$/, '')}: ${n}`),
  ])
}

export function planInstall(
  config: Config,
  missingTools: readonly string[],
  scratchDir: string,
  files: ProjectFiles,
): InstallRequest {
  const { install, project } = config
  const dir = config.workingDirectory
  const extras = [...install.extras]
  const groups = [...install.groups]
  const requirementFiles = [...install.requirements]
  const notes: string[] = []
  const declared = declaredGroups(project)
  if (install.auto) {
    const hint = extrasHint(project)
    if (hint) notes.push(hint)
    for (const n of AUTO_NAMES)
      if (project.extras?.includes(n) && !extras.map(normalizeName).includes(n)) extras.push(n)
    for (const n of AUTO_NAMES)
      if (declared.includes(n) && !groups.map(normalizeName).includes(n)) groups.push(n)
    for (const found of autoRequirementFiles((folder) => files.list(path.join(dir, folder)))) {
      const file = path.join(dir, found)
      const why = files.outside(file)
      if (why !== undefined) {
        throw new InstallError(
          `install: auto found ${found}, a requirements file that ${why}; accepted: files inside the workspace, or name the ones to use with requirements:PATH`,
        )
      }
      if (!requirementFiles.includes(file)) requirementFiles.push(file)
    }
  }
  const sources = groups.flatMap((g) => resolveGroup(project, g))
  const prepared = prepareRequirementFiles(requirementFiles, dir, scratchDir, files)
  const picked = [
    ...extras.map((e) => `extra ${e}`),
    ...sources.map((s) => s.source),
    ...requirementFiles.map((f) => path.relative(dir, f)),
  ]
  for (const e of [...sources.flatMap((s) => s.extras), ...prepared.extras])
    if (!extras.map(normalizeName).includes(normalizeName(e))) extras.push(e)
  const others = declared.filter((g) => !groups.map(normalizeName).includes(g))
  if (install.auto && picked.length === 0 && others.length)
    notes.push(`groups that auto leaves alone: ${others.join(', ')}; name one with group:NAME`)
  notes.unshift(
    picked.length ? `test dependencies: ${picked.join(', ')}` : 'test dependencies: none found',
    ...groupLines(sources),
    ...prepared.notes,
  )
  if (missingTools.length) notes.push(`tools the environment lacks: ${missingTools.join(', ')}`)
  return {
    extras,
    groups,
    requirementFiles: prepared.args,
    copies: prepared.copies,
    requirements: [...sources.flatMap((s) => s.requirements), ...missingTools],
    notes,
  }
}

/** pip install's arguments after `install`. */
export function pipInstallArgs(
  config: Config,
  request: Pick<InstallRequest, 'extras' | 'requirementFiles' | 'requirements'>,
): string[] {
  const target = request.extras.length
    ? `${config.workingDirectory}[${request.extras.join(',')}]`
    : config.workingDirectory
  return [
    ...config.pipArgs,
    ...(config.buildIsolation ? [] : ['--no-build-isolation']),
    target,
    ...request.requirementFiles.flatMap((f) => ['-r', f]),
    // Requirements come from the project's files: none may pass for an option.
    ...(request.requirements.length ? ['--', ...request.requirements] : []),
  ]
}
