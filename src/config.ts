/**
 * Every input, read and validated once into one frozen Config. This is the
 * only module that knows input names; a bad value fails here, before any work,
 * with a ConfigError that names the input, the value and what is accepted.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { parse as parseToml } from 'smol-toml'
import { errorMessage } from './error-message.js'
import {
  declaredGroups,
  normalizeName,
  ProjectError,
  type ProjectInfo,
  readProject,
} from './project.js'
import { ShellWordsError, splitShellWords } from './shell-words.js'
import { parseVersionSpec, type VersionSpec, versionFromFile } from './version-spec.js'
import { isLink, outsideWorkspace } from './workspace-path.js'

/** Characters the artifact service refuses in a name. */
export const ARTIFACT_NAME_FORBIDDEN = /["<>|*?\r\n\\/:]/

export type PublishMode = 'auto' | 'true' | 'false'

export const PUBLISH_MODES: readonly PublishMode[] = ['auto', 'true', 'false']

/** tag-pattern, parsed: a glob whose literal prefix is cut from a tag to give the version. */
export interface TagPattern {
  readonly text: string
  /** Everything before the first wildcard: "v" for v*. */
  readonly prefix: string
  readonly regex: RegExp
}

/** Parses a tag-pattern glob (*, ?, [...]); undefined when it has no wildcard to take a version from. */
export function parseTagPattern(text: string): TagPattern | undefined {
  const first = text.search(/[*?[]/)
  if (first === -1) return undefined
  let source = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? ''
    if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const end = text.indexOf(']', i + 2)
      if (end === -1) return undefined
      const body = text
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')
      source += `[${body}]`
      i = end
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return { text, prefix: text.slice(0, first), regex: new RegExp(`^${source}$`) }
}

/** Letters, digits and . _ - + = : @ , / and inner spaces; no "--", which would end the HTML comment early. */
export const COMMENT_ID_PATTERN =
  /^(?!.*--)[A-Za-z0-9._+=:@,/-](?:[A-Za-z0-9 ._+=:@,/-]{0,98}[A-Za-z0-9._+=:@,/-])?$/

export const COMMENT_MODES = ['auto', 'always', 'on-change', 'off'] as const

export type CommentMode = (typeof COMMENT_MODES)[number]

export type CacheMode = 'auto' | 'true' | 'false'

export const CACHE_MODES: readonly CacheMode[] = ['auto', 'true', 'false']

/** Patterns hashed when cache-dependency-path is empty, relative to the working directory. */
export const DEFAULT_DEPENDENCY_PATTERNS = [
  // Every name `install: auto` takes (test-requirements.txt, requirements/tests.txt, …).
  '**/*requirements*.txt',
  '**/requirements/*.txt',
  '**/constraints*.txt',
  'pyproject.toml',
  'setup.cfg',
  'setup.py',
  'poetry.lock',
  'uv.lock',
  'pdm.lock',
] as const

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Input names and their defaults, exactly as action.yml declares them (a test keeps the two equal). */
export const INPUT_DEFAULTS = {
  mode: 'test',
  'python-version': '',
  'python-version-file': '',
  architecture: '',
  'working-directory': '.',
  install: 'auto',
  'pip-args': '',
  'system-site-packages': 'false',
  build: 'true',
  'build-isolation': 'true',
  test: 'true',
  'pytest-args': '',
  'coverage-source': '',
  'subprocess-coverage': 'true',
  'fail-on-test-failure': 'true',
  'allow-no-tests': 'false',
  'test-timeout': '',
  cache: 'auto',
  'cache-dependency-path': '',
  'cache-suffix': '',
  'python-manifest-url':
    'https://raw.githubusercontent.com/actions/python-versions/main/versions-manifest.json',
  'dists-artifact': 'auto',
  publish: 'auto',
  'repository-url': 'https://upload.pypi.org/legacy/',
  'pypi-token': '',
  'skip-existing': 'false',
  'verify-metadata': 'true',
  'tag-pattern': 'v*',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: action.yml's expression, verbatim
  'github-token': '${{ github.token }}',
  comment: 'auto',
  'comment-id': '',
  'comment-from-run': '',
  'fail-under': '',
  'fail-under-diff': '',
  'max-coverage-drop': '',
  'annotate-uncovered': 'true',
  'diff-base': '',
  'history-window': '20',
  lint: 'auto',
} as const

export type InputName = keyof typeof INPUT_DEFAULTS
export type InputReader = (name: InputName) => string

/** test: the whole pipeline; publish: a release job that uploads what a test job built and runs no project code. */
export type ActionMode = 'test' | 'publish'
export const ACTION_MODES: readonly ActionMode[] = ['test', 'publish']

export type Architecture = 'x64' | 'x86' | 'arm64'
export const ARCHITECTURES: readonly Architecture[] = ['x64', 'x86', 'arm64']

/** Node's name for this machine's architecture in the tool cache's terms. */
export function runnerArchitecture(arch: string = process.arch): Architecture {
  return arch === 'arm64' ? 'arm64' : arch === 'ia32' ? 'x86' : 'x64'
}

export interface InstallPlan {
  /** Install only the project, nothing else. */
  readonly none: boolean
  /** Look for test extras, groups and requirement files by their usual names. */
  readonly auto: boolean
  readonly extras: readonly string[]
  readonly groups: readonly string[]
  /** Absolute paths. */
  readonly requirements: readonly string[]
}

export interface Config {
  /** The version the user asked for, and where it came from; undefined: the interpreter on PATH. */
  readonly pythonSpec: VersionSpec | undefined
  readonly architecture: Architecture
  /** Absolute path of the Python project. */
  readonly workingDirectory: string
  /** The project's folder relative to the workspace, with '/' ('' when it is the workspace or outside it): the prefix of paths in annotations. */
  readonly repoPrefix: string
  readonly project: ProjectInfo
  readonly install: InstallPlan
  readonly pipArgs: readonly string[]
  readonly systemSitePackages: boolean
  readonly build: boolean
  readonly buildIsolation: boolean
  readonly test: boolean
  readonly pytestArgs: readonly string[]
  /** Empty: take it from the project's coverage configuration, else the wheel's packages. */
  readonly coverageSource: readonly string[]
  /** subprocess-coverage: Python processes the tests start are measured too, and their data combined. */
  readonly subprocessCoverage: boolean
  readonly failOnTestFailure: boolean
  /** allow-no-tests: a run that collects no test passes (a new project); else it fails. */
  readonly allowNoTests: boolean
  /** test-timeout: minutes pytest may run before its processes are ended; undefined: no limit. */
  readonly testTimeoutMinutes: number | undefined
  readonly pythonManifestUrl: string
  /** The workflow artifact for the built files: a name, 'auto' (one per job), or false (none). */
  readonly distsArtifact: string | 'auto' | false
  readonly cache: CacheSettings
  readonly publish: PublishSettings
  readonly comment: CommentSettings
  /** github-token, for the comment, the history, the baseline and the changed-lines API; undefined when empty. Masked by the entry point as soon as it is read. */
  readonly githubToken: string | undefined
  /** fail-under: the least total coverage in percent; undefined: no threshold. */
  readonly failUnder: number | undefined
  /** fail-under-diff: the least coverage of the changed lines in percent; undefined: no threshold. */
  readonly failUnderDiff: number | undefined
  /** max-coverage-drop: the most the total may fall against the base branch, in percentage points; undefined: no threshold. */
  readonly maxCoverageDrop: number | undefined
  /** annotate-uncovered: a warning on each range of changed lines the tests did not run. */
  readonly annotateUncovered: boolean
  /** diff-base: the ref or commit the changed lines are counted from; undefined: a pull request's base. */
  readonly diffBase: string | undefined
  /** history-window: the newest completed runs the build success rate counts, 1 to 100; 0: none. */
  readonly historyWindow: number
  /** lint: count flake8's findings when the environment has flake8. */
  readonly lint: boolean
}

export interface CommentSettings {
  readonly mode: CommentMode
  /** comment-id; '' when not set. */
  readonly id: string
  /** comment-from-run: the step only posts the comments this run left (the workflow_run companion). */
  readonly fromRun?: number
}

export interface PublishSettings {
  readonly mode: PublishMode
  /** The legacy upload URL; https, or http on a loopback host. */
  readonly repositoryUrl: string
  /** pypi-token; undefined: Trusted Publishing. Masked by the entry point as soon as it is read. */
  readonly token: string | undefined
  readonly skipExisting: boolean
  readonly verifyMetadata: boolean
  readonly tagPattern: TagPattern
}

export interface CacheSettings {
  readonly mode: CacheMode
  /**
   * Absolute glob patterns of the dependency files whose hash is in the keys:
   * cache-dependency-path's relative to the workspace (setup-python's meaning),
   * the default ones relative to the working directory.
   */
  readonly dependencyPatterns: readonly string[]
  /** cache-suffix; '' when not set. */
  readonly suffix: string
}

export interface LoadedConfig {
  readonly config: Config
  /** Things worth a warning that are not errors. */
  readonly warnings: readonly string[]
}

export interface ConfigContext {
  /** Where relative paths start: GITHUB_WORKSPACE, or the CLI's current directory. */
  readonly workspace: string
  /** The machine's architecture in the tool cache's terms. */
  readonly defaultArchitecture: Architecture
}

const show = (value: string): string => JSON.stringify(value)

/**
 * At most the first 40 printable characters of a file's first line: enough to
 * recognise it, never its content (a link to /proc/self/environ is one "line").
 */
function excerpt(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL ends a "line" of /proc files
  const first = text.split(/[\r\n\u0000]/)[0] ?? ''
  const printable = first.replace(/[^\x20-\x7e]/g, '?')
  return JSON.stringify(printable.length > 40 ? `${printable.slice(0, 40)}…` : printable)
}

function bool(read: InputReader, name: InputName): boolean {
  const raw = value(read, name)
  if (/^(true|True|TRUE)$/.test(raw)) return true
  if (/^(false|False|FALSE)$/.test(raw)) return false
  throw new ConfigError(`${name}: ${show(raw)} is not a boolean; use true or false`)
}

function value(read: InputReader, name: InputName): string {
  const raw = read(name).trim()
  return raw === '' ? INPUT_DEFAULTS[name] : raw
}

function words(read: InputReader, name: InputName, example: string): string[] {
  const raw = value(read, name)
  try {
    return splitShellWords(raw)
  } catch (error) {
    const reason = error instanceof ShellWordsError ? error.message : String(error)
    throw new ConfigError(
      `${name}: ${show(raw)} cannot be split into arguments (${reason}); quote as in a POSIX shell, e.g. ${example}`,
    )
  }
}

function versionSpec(
  read: InputReader,
  ctx: ConfigContext,
  workingDirectory: string,
  project: ProjectInfo,
) {
  const warnings: string[] = []
  const input = value(read, 'python-version')
  const file = value(read, 'python-version-file')
  if (input !== '') {
    if (file !== '')
      warnings.push('python-version and python-version-file are both set; python-version wins')
    if (/\n/.test(input)) {
      throw new ConfigError(
        `python-version: ${show(input)} lists several versions; this action sets up one per job, so use a matrix`,
      )
    }
    return { spec: parsePythonVersion(input, 'python-version', 'python-version'), warnings }
  }
  if (file !== '') {
    const resolved = path.resolve(ctx.workspace, file)
    const outside = outsideWorkspace(ctx.workspace, resolved)
    if (outside !== undefined) {
      throw new ConfigError(
        `python-version-file: ${show(file)} ${outside}; accepted: a file inside the workspace, relative to it, e.g. .python-version or pyproject.toml`,
      )
    }
    if (!existsSync(resolved) || !statSync(resolved).isFile()) {
      throw new ConfigError(
        `python-version-file: ${show(file)} does not exist (looked at ${resolved}); give a path relative to the workspace, e.g. .python-version or pyproject.toml`,
      )
    }
    const text = readVersionFile(resolved, `python-version-file: ${show(file)}`)
    if (text === null) {
      throw new ConfigError(
        `python-version-file: ${show(file)} holds no Python version; accepted: .python-version, .tool-versions ("python 3.12"), pyproject.toml (requires-python) or a file with a version on its first line`,
      )
    }
    return {
      spec: parsePythonVersion(
        text,
        'python-version-file',
        `python-version-file (${file})`,
        excerpt(text),
      ),
      warnings,
    }
  }
  const dotfile = [workingDirectory, ctx.workspace]
    .map((d) => path.join(d, '.python-version'))
    .find((f) => existsSync(f) && statSync(f).isFile())
  if (dotfile) {
    const outside = outsideWorkspace(ctx.workspace, dotfile)
    if (outside !== undefined) {
      throw new ConfigError(
        `.python-version: ${show(dotfile)} ${outside}; accepted: a file inside the workspace holding the version, or the python-version input`,
      )
    }
    const text = readVersionFile(dotfile, show(dotfile))
    if (text !== null)
      return {
        spec: parsePythonVersion(text, '.python-version', dotfile, excerpt(text)),
        warnings,
      }
  }
  if (project.requiresPython) {
    return {
      spec: parsePythonVersion(
        project.requiresPython,
        'requires-python',
        'pyproject.toml requires-python',
        excerpt(project.requiresPython),
      ),
      warnings,
    }
  }
  return { spec: undefined, warnings }
}

/** `what` names the file in an error: the input and its value, or the file's path. */
function readVersionFile(file: string, what: string): string | null {
  const content = readFileSync(file, 'utf8')
  if (file.endsWith('.toml')) {
    try {
      return versionFromFile(file, content, parseToml(content) as Record<string, unknown>)
    } catch (error) {
      throw new ConfigError(`${what} is not valid TOML (${errorMessage(error).split('\n')[0]})`)
    }
  }
  return versionFromFile(file, content)
}

/** `shown` is how the text appears in an error: a file's gets only an excerpt. */
function parsePythonVersion(
  text: string,
  source: VersionSpec['source'],
  where: string,
  shown: string = show(text),
): VersionSpec {
  const accepted =
    'accepted: a version (3.12, 3.12.4, 3.x, 3.14.0-rc.1) or a range (>=3.10, >=3.10,<3.13)'
  const other = /^(pypy|graalpy)/i.exec(text)?.[1]
  if (other !== undefined) {
    throw new ConfigError(
      `${where}: ${shown} asks for ${other}, which this action does not set up; CPython only, ${accepted}`,
    )
  }
  if (/^\d+(\.\d+)*t$/.test(text)) {
    throw new ConfigError(
      `${where}: ${shown} asks for a free-threaded build, which this action does not set up yet; ${accepted}`,
    )
  }
  const spec = parseVersionSpec(text, source)
  if (!spec) throw new ConfigError(`${where}: ${shown} is not a Python version; ${accepted}`)
  // A range may start below 3 (requires-python ">=2.7"); it only has to admit some Python 3.
  if (/[<>=!~^]/.test(text)) {
    if (!admitsPython3(spec)) {
      throw new ConfigError(`${where}: ${shown} matches no Python 3 version; ${accepted}`)
    }
  } else if (/\d+/.exec(text)?.[0] !== '3') {
    throw new ConfigError(`${where}: ${shown} is not a Python 3 version; ${accepted}`)
  } else if (!spec.allowPrerelease && !admitsPython3(spec)) {
    throw new ConfigError(`${where}: ${shown} matches no Python 3 version; ${accepted}`)
  }
  return spec
}

function admitsPython3(spec: VersionSpec): boolean {
  for (let minor = 0; minor <= 50; minor++) {
    for (let patch = 0; patch <= 50; patch++) {
      if (spec.matches(`3.${minor}.${patch}`)) return true
    }
  }
  return false
}

function architecture(read: InputReader, ctx: ConfigContext): Architecture {
  const raw = value(read, 'architecture')
  if (raw === '') return ctx.defaultArchitecture
  const lower = raw.toLowerCase()
  const found = ARCHITECTURES.find((a) => a === lower)
  if (!found) {
    throw new ConfigError(
      `architecture: ${show(raw)} is not known; accepted: ${ARCHITECTURES.join(', ')}`,
    )
  }
  return found
}

function workingDirectory(read: InputReader, ctx: ConfigContext): string {
  const raw = value(read, 'working-directory')
  const dir = path.resolve(ctx.workspace, raw)
  const outside = outsideWorkspace(ctx.workspace, dir)
  if (outside !== undefined) {
    throw new ConfigError(
      `working-directory: ${show(raw)} ${outside}; accepted: the Python project's folder inside the workspace, relative to it`,
    )
  }
  if (!existsSync(dir)) {
    throw new ConfigError(
      `working-directory: ${show(raw)} does not exist (looked at ${dir}); give the Python project's folder, relative to the workspace`,
    )
  }
  if (!statSync(dir).isDirectory()) {
    throw new ConfigError(
      `working-directory: ${show(raw)} is a file, not a folder; give the folder that holds pyproject.toml or setup.py`,
    )
  }
  const projectFiles = ['pyproject.toml', 'setup.py', 'setup.cfg']
  if (!projectFiles.some((f) => existsSync(path.join(dir, f)))) {
    throw new ConfigError(
      `working-directory: ${show(raw)} holds no pyproject.toml, setup.py or setup.cfg; point it at the Python project`,
    )
  }
  // Read (pyproject.toml) or handed to pip: a link out of the checkout is refused, not followed.
  for (const name of projectFiles) {
    const file = path.join(dir, name)
    const why = isLink(file) ? outsideWorkspace(ctx.workspace, file) : undefined
    if (why !== undefined) {
      throw new ConfigError(
        `working-directory: ${show(raw)} holds ${name}, which ${why}; accepted: the project's own files, inside the workspace`,
      )
    }
  }
  return dir
}

const INSTALL_ACCEPTED =
  'accepted: auto, none, extra:NAME, group:NAME, requirements:PATH (separated by spaces, commas or new lines)'

function installPlan(
  read: InputReader,
  workspace: string,
  dir: string,
  project: ProjectInfo,
): InstallPlan {
  const raw = value(read, 'install')
  const entries = raw.split(/[\s,]+/).filter((e) => e !== '')
  const plan = {
    none: false,
    auto: false,
    extras: [] as string[],
    groups: [] as string[],
    requirements: [] as string[],
  }
  for (const entry of entries) {
    const m = /^(extra|group|requirements):(.*)$/.exec(entry)
    if (entry === 'auto') plan.auto = true
    else if (entry === 'none') plan.none = true
    else if (!m)
      throw new ConfigError(`install: ${show(entry)} is not understood; ${INSTALL_ACCEPTED}`)
    else {
      const [, kind, arg = ''] = m
      if (arg === '')
        throw new ConfigError(
          `install: ${show(entry)} names nothing after '${kind}:'; ${INSTALL_ACCEPTED}`,
        )
      if (kind === 'extra') {
        if (!/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(arg)) {
          throw new ConfigError(
            `install: ${show(entry)} is not a valid extra name; extras are letters, digits, '-', '_' and '.'`,
          )
        }
        if (project.extras && !project.extras.includes(normalizeName(arg))) {
          const known = project.extras.length ? project.extras.join(', ') : 'none'
          throw new ConfigError(
            `install: ${show(entry)} names an extra that pyproject.toml does not declare; declared extras: ${known}`,
          )
        }
        plan.extras.push(arg)
      } else if (kind === 'group') {
        const known = declaredGroups(project)
        if (!known.includes(normalizeName(arg))) {
          throw new ConfigError(
            `install: ${show(entry)} names a dependency group that pyproject.toml does not declare (in [dependency-groups], [tool.poetry.group.NAME] or [tool.pdm.dev-dependencies]); declared groups: ${known.length ? known.join(', ') : 'none'}`,
          )
        }
        plan.groups.push(arg)
      } else {
        const file = path.resolve(dir, arg)
        const outside = outsideWorkspace(workspace, file)
        if (outside !== undefined) {
          throw new ConfigError(
            `install: ${show(entry)} names a requirements file that ${outside}; accepted: a file inside the workspace, relative to working-directory`,
          )
        }
        if (!existsSync(file) || !statSync(file).isFile()) {
          throw new ConfigError(
            `install: ${show(entry)} names a requirements file that does not exist (looked at ${file}); paths are relative to working-directory`,
          )
        }
        plan.requirements.push(file)
      }
    }
  }
  if (plan.none && entries.length > 1) {
    throw new ConfigError(
      `install: ${show(raw)} combines 'none' with other entries; use 'none' alone to install only the project`,
    )
  }
  if (entries.length === 0) plan.auto = true
  return plan
}

function coverageSource(read: InputReader, workspace: string, dir: string): string[] {
  const raw = value(read, 'coverage-source')
  const entries = raw.split(/[\s,]+/).filter((e) => e !== '')
  for (const e of entries) {
    if (!/^[A-Za-z0-9_./-]+$/.test(e)) {
      throw new ConfigError(
        `coverage-source: ${show(e)} is neither an import name nor a path; give packages or folders separated by commas, e.g. mypkg,src/other`,
      )
    }
    // A dotted import name (pkg.sub) is not a path; a folder is, relative to working-directory.
    const outside = /[/]|^\./.test(e)
      ? outsideWorkspace(workspace, path.resolve(dir, e))
      : undefined
    if (outside !== undefined) {
      throw new ConfigError(
        `coverage-source: ${show(e)} ${outside}; accepted: import names, or folders inside the workspace relative to working-directory, e.g. mypkg,src/other`,
      )
    }
  }
  return entries
}

const OWNED_PYTEST_OPTIONS: ReadonlyArray<[RegExp, string]> = [
  [/^--junit-?xml(=|$)/, 'the action writes the JUnit report itself (see the report-path output)'],
  [
    /^--cov(-|=|$)/,
    'the action measures coverage itself; use the coverage-source input or [tool.coverage.run]',
  ],
  [/^--no-cov$/, 'the action measures coverage itself; set test: false to skip tests'],
]

function pytestArgs(read: InputReader): string[] {
  const args = words(read, 'pytest-args', '-k "not slow"')
  for (const arg of args) {
    for (const [pattern, why] of OWNED_PYTEST_OPTIONS) {
      if (pattern.test(arg))
        throw new ConfigError(`pytest-args: ${show(arg)} is not accepted: ${why}`)
    }
  }
  return args
}

function manifestUrl(read: InputReader): string {
  const raw = value(read, 'python-manifest-url')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(
      `python-manifest-url: ${show(raw)} is not a URL; give an https:// URL of a versions-manifest.json`,
    )
  }
  return secureUrl(
    'python-manifest-url',
    raw,
    url,
    'the interpreter and its setup.sh would arrive unverified',
  )
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  )
}

function repositoryUrl(read: InputReader): string {
  const raw = value(read, 'repository-url')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(
      `repository-url: ${show(raw)} is not a URL; give the index's upload URL, e.g. https://upload.pypi.org/legacy/ or https://test.pypi.org/legacy/`,
    )
  }
  if (url.username !== '' || url.password !== '') {
    const shown = `${url.protocol}//***@${url.host}${url.pathname}`
    throw new ConfigError(
      `repository-url: ${show(shown)} holds a user name or password; give the URL alone and the token as pypi-token (or use Trusted Publishing)`,
    )
  }
  return secureUrl('repository-url', raw, url, 'the token would travel in clear text')
}

export const SECURE_URLS = 'an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)'

/**
 * Why the action may not fetch from or send to `url`, or undefined when it
 * may: https://, or plain http:// on a loopback host only. `risk` says what
 * plain http would expose.
 */
export function insecureUrl(url: URL, risk: string): string | undefined {
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined
  return url.protocol === 'http:'
    ? `is http:// on a host that is not loopback, so ${risk}`
    : `uses ${url.protocol}`
}

function secureUrl(input: InputName, raw: string, url: URL, risk: string): string {
  const why = insecureUrl(url, risk)
  if (why === undefined) return url.toString()
  throw new ConfigError(`${input}: ${show(raw)} ${why}; accepted: ${SECURE_URLS}`)
}

function publishSettings(read: InputReader, warnings: string[]): PublishSettings {
  const rawMode = value(read, 'publish')
  const mode = PUBLISH_MODES.find((m) => m === rawMode.toLowerCase())
  if (!mode) {
    throw new ConfigError(
      `publish: ${show(rawMode)} is not understood; accepted: auto (on tag pushes and published releases), true or false`,
    )
  }
  const pattern = value(read, 'tag-pattern')
  let tagPattern: TagPattern | undefined
  try {
    tagPattern = /\s/.test(pattern) ? undefined : parseTagPattern(pattern)
  } catch (error) {
    // The glob became a RegExp that JavaScript refuses: say why in the glob's terms.
    const why = /: ([^:/]+)$/.exec(errorMessage(error))?.[1]?.toLowerCase() ?? 'not valid'
    throw new ConfigError(
      `tag-pattern: ${show(pattern)} has a [...] class that cannot match (${why}); accepted: a tag glob with * ? or [...] classes such as [0-9], e.g. v* (v1.2.3 -> 1.2.3)`,
    )
  }
  if (!tagPattern) {
    throw new ConfigError(
      `tag-pattern: ${show(pattern)} is not a tag glob with a wildcard; the version is what follows the literal prefix, e.g. v* (v1.2.3 -> 1.2.3) or release-* (release-1.2.3 -> 1.2.3)`,
    )
  }
  // Never shown: the token is a secret, even in an error.
  const token = read('pypi-token').trim()
  if (token !== '' && !token.startsWith('pypi-')) {
    warnings.push(
      'pypi-token does not start with "pypi-", as PyPI API tokens do; the upload will likely be refused',
    )
  }
  return {
    mode,
    repositoryUrl: repositoryUrl(read),
    token: token === '' ? undefined : token,
    skipExisting: bool(read, 'skip-existing'),
    verifyMetadata: bool(read, 'verify-metadata'),
    tagPattern,
  }
}

function cacheSettings(read: InputReader, ctx: ConfigContext, dir: string): CacheSettings {
  const rawMode = value(read, 'cache')
  const mode = CACHE_MODES.find((m) => m === rawMode.toLowerCase())
  if (!mode) {
    throw new ConfigError(
      `cache: ${show(rawMode)} is not understood; accepted: auto (on, except for releases, tag pushes, pull_request_target and workflow_run), true or false`,
    )
  }
  const suffix = value(read, 'cache-suffix')
  if (!/^[A-Za-z0-9._-]{0,100}$/.test(suffix)) {
    throw new ConfigError(
      `cache-suffix: ${show(suffix)} holds characters a cache key should not; accepted: up to 100 letters, digits, '.', '_' and '-'`,
    )
  }
  const given = value(read, 'cache-dependency-path')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const patterns: string[] = []
  for (const pattern of given) {
    const negated = pattern.startsWith('!')
    const absolute = path.resolve(ctx.workspace, negated ? pattern.slice(1) : pattern)
    // The folders before the first wildcard are where the glob starts looking.
    const fixed = absolute.split(/[*?[{]/)[0] ?? absolute
    const outside = outsideWorkspace(
      ctx.workspace,
      fixed === absolute ? absolute : path.dirname(`${fixed}x`),
    )
    if (outside !== undefined) {
      throw new ConfigError(
        `cache-dependency-path: ${show(pattern)} ${outside}; only files inside it are hashed, so give globs relative to it, e.g. requirements/*.txt`,
      )
    }
    patterns.push(`${negated ? '!' : ''}${absolute}`)
  }
  return {
    mode,
    dependencyPatterns: patterns.length
      ? patterns
      : DEFAULT_DEPENDENCY_PATTERNS.map((p) => path.join(dir, p)),
    suffix,
  }
}

function distsArtifact(read: InputReader): string | 'auto' | false {
  const raw = value(read, 'dists-artifact')
  if (/^(false|False|FALSE)$/.test(raw)) return false
  if (raw === 'auto') return 'auto'
  const bad = ARTIFACT_NAME_FORBIDDEN.exec(raw)
  if (bad) {
    throw new ConfigError(
      `dists-artifact: ${show(raw)} holds ${show(bad[0])}, which artifact names cannot; accepted: auto, false, or a name without " : < > | * ? \\ / or line breaks`,
    )
  }
  return raw
}

/** The comment inputs alone: all the workflow_run companion reads, with no project checked out. */
export function commentSettings(read: InputReader): CommentSettings {
  const rawMode = value(read, 'comment')
  const mode = COMMENT_MODES.find((m) => m === rawMode.toLowerCase())
  if (!mode) {
    throw new ConfigError(
      `comment: ${show(rawMode)} is not understood; accepted: auto (on pull_request and pull_request_target events), always (also other events that name a pull request), on-change (like auto, but edits the comment only when the results changed) or off`,
    )
  }
  const id = value(read, 'comment-id')
  if (id !== '' && !COMMENT_ID_PATTERN.test(id)) {
    throw new ConfigError(
      `comment-id: ${show(id)} cannot go into the comment's hidden marker; accepted: up to 100 letters, digits, spaces and . _ - + = : @ , / (no "--"), e.g. py3.12-ubuntu`,
    )
  }
  const fromRun = value(read, 'comment-from-run')
  if (fromRun !== '' && !/^[1-9]\d{0,14}$/.test(fromRun)) {
    throw new ConfigError(
      `comment-from-run: ${show(fromRun)} is not a workflow run id; accepted: empty, or the id of a run of this repository, e.g. \${{ github.event.workflow_run.id }}`,
    )
  }
  return { mode, id, ...(fromRun !== '' && { fromRun: Number(fromRun) }) }
}

/** github-token; undefined when empty. */
export function githubToken(read: InputReader): string | undefined {
  // Never shown: the token is a secret. Outside a workflow the default is left unexpanded.
  const token = read('github-token').trim()
  return token === '' || token === INPUT_DEFAULTS['github-token'] ? undefined : token
}

function percentage(read: InputReader, name: 'fail-under' | 'fail-under-diff'): number | undefined {
  const raw = value(read, name)
  if (raw === '') return undefined
  const number = /^\d+(\.\d+)?%?$/.test(raw) ? Number(raw.replace(/%$/, '')) : Number.NaN
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `${name}: ${show(raw)} is not a percentage; give a number from 0 to 100, e.g. 80 or 92.5`,
    )
  }
  return number
}

/** Minutes, decimals allowed, up to GitHub's six hours for a job. */
function testTimeout(read: InputReader): number | undefined {
  const raw = value(read, 'test-timeout')
  if (raw === '') return undefined
  const number = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN
  if (!(number > 0 && number <= 360)) {
    throw new ConfigError(
      `test-timeout: ${show(raw)} is not a number of minutes; give a number over 0 and at most 360, e.g. 30 or 1.5, or leave it empty for no limit`,
    )
  }
  return number
}

/** Percentage points, 0 to 100; a '%' is not accepted, since the drop is not a percentage of anything. */
function maxCoverageDrop(read: InputReader): number | undefined {
  const raw = value(read, 'max-coverage-drop')
  if (raw === '') return undefined
  const number = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `max-coverage-drop: ${show(raw)} is not a number of percentage points; give a number from 0 to 100, e.g. 0 (no drop at all) or 0.5`,
    )
  }
  return number
}

/**
 * A branch, tag or commit for `git diff BASE...HEAD`. It goes to git as one
 * argument, so only a leading dash (an option) and what no ref can hold are refused.
 */
function diffBase(read: InputReader): string | undefined {
  const raw = value(read, 'diff-base')
  if (raw === '') return undefined
  // git check-ref-format's rules, plus revision suffixes such as ~1 and ^ being allowed.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  const bad = /^-|\.\.|@\{|[\s:?*[\\]|[\u0000-\u001f\u007f]|\/$|\.lock$|\.$/
  if (bad.test(raw)) {
    throw new ConfigError(
      `diff-base: ${show(raw)} is not a git ref or commit; accepted: a branch, tag or sha, e.g. origin/main or 1a2b3c4`,
    )
  }
  return raw
}

function lintSetting(read: InputReader): boolean {
  const raw = value(read, 'lint')
  const lower = raw.toLowerCase()
  if (lower === 'auto' || lower === 'true') return true
  if (lower === 'false') return false
  throw new ConfigError(
    `lint: ${show(raw)} is not understood; accepted: auto (flake8's finding count when the environment has flake8; it is never installed) or false`,
  )
}

/** At most 100: the runs API's largest page, so one request answers it; 0: no success rate. */
function historyWindow(read: InputReader): number {
  const raw = value(read, 'history-window')
  const number = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!(number >= 0 && number <= 100)) {
    throw new ConfigError(
      `history-window: ${show(raw)} is not a whole number from 0 to 100; accepted: how many of the newest completed runs to count, e.g. 20, or 0 for no success rate`,
    )
  }
  return number
}

function repoPrefix(workspace: string, dir: string): string {
  const relative = path.relative(workspace, dir).split(path.sep).join('/')
  return relative.startsWith('..') || path.isAbsolute(relative) ? '' : relative
}

function deepFreeze<T>(obj: T): T {
  if (obj && typeof obj === 'object' && !Object.isFrozen(obj)) {
    Object.freeze(obj)
    for (const v of Object.values(obj)) deepFreeze(v)
  }
  return obj
}

export function loadConfig(read: InputReader, ctx: ConfigContext): LoadedConfig {
  const dir = workingDirectory(read, ctx)
  let project: ProjectInfo
  try {
    project = readProject(dir)
  } catch (error) {
    if (error instanceof ProjectError) throw new ConfigError(`working-directory: ${error.message}`)
    throw error
  }
  const { spec, warnings } = versionSpec(read, ctx, dir, project)
  const config: Config = {
    pythonSpec: spec,
    architecture: architecture(read, ctx),
    workingDirectory: dir,
    repoPrefix: repoPrefix(ctx.workspace, dir),
    project,
    install: installPlan(read, ctx.workspace, dir, project),
    pipArgs: words(read, 'pip-args', '--extra-index-url "https://example.org/simple"'),
    systemSitePackages: bool(read, 'system-site-packages'),
    build: bool(read, 'build'),
    buildIsolation: bool(read, 'build-isolation'),
    test: bool(read, 'test'),
    pytestArgs: pytestArgs(read),
    coverageSource: coverageSource(read, ctx.workspace, dir),
    subprocessCoverage: bool(read, 'subprocess-coverage'),
    failOnTestFailure: bool(read, 'fail-on-test-failure'),
    allowNoTests: bool(read, 'allow-no-tests'),
    testTimeoutMinutes: testTimeout(read),
    pythonManifestUrl: manifestUrl(read),
    distsArtifact: distsArtifact(read),
    cache: cacheSettings(read, ctx, dir),
    publish: publishSettings(read, warnings),
    comment: commentSettings(read),
    githubToken: githubToken(read),
    failUnder: percentage(read, 'fail-under'),
    failUnderDiff: percentage(read, 'fail-under-diff'),
    maxCoverageDrop: maxCoverageDrop(read),
    annotateUncovered: bool(read, 'annotate-uncovered'),
    diffBase: diffBase(read),
    historyWindow: historyWindow(read),
    lint: lintSetting(read),
  }
  if (!config.build && !config.test)
    warnings.push('build and test are both false; only Python and the install run')
  return { config: deepFreeze(config), warnings }
}

/** The mode input alone: the entry point dispatches on it before anything else is read. */
export function actionMode(read: InputReader): ActionMode {
  const raw = value(read, 'mode')
  const mode = ACTION_MODES.find((m) => m === raw.toLowerCase())
  if (!mode) {
    throw new ConfigError(
      `mode: ${show(raw)} is not understood; accepted: test (set up, install, build and test the project) or publish (upload the dists artifact of this run's test job)`,
    )
  }
  return mode
}

/** What a publish job reads: no project, no checkout, only where the dists are and where they go. */
export interface PublishJobConfig {
  /** python-version alone (no files are read); undefined: the python3 on PATH. */
  readonly pythonSpec: VersionSpec | undefined
  readonly architecture: Architecture
  readonly pythonManifestUrl: string
  readonly pipArgs: readonly string[]
  /** The artifact of this run to publish; 'auto': its only dists-* artifact. */
  readonly distsArtifact: string
  readonly publish: PublishSettings
}

export function loadPublishJobConfig(
  read: InputReader,
  ctx: ConfigContext,
): { readonly config: PublishJobConfig; readonly warnings: readonly string[] } {
  const warnings: string[] = []
  const version = value(read, 'python-version')
  const artifact = distsArtifact(read)
  if (artifact === false) {
    throw new ConfigError(
      'dists-artifact: "false" leaves mode: publish nothing to publish; accepted: auto (the only dists-* artifact of this run) or the name the test job gave as its dists-artifact output',
    )
  }
  const config: PublishJobConfig = {
    pythonSpec:
      version === '' ? undefined : parsePythonVersion(version, 'python-version', 'python-version'),
    architecture: architecture(read, ctx),
    pythonManifestUrl: manifestUrl(read),
    pipArgs: words(read, 'pip-args', '--extra-index-url "https://example.org/simple"'),
    distsArtifact: artifact,
    publish: publishSettings(read, warnings),
  }
  return { config: deepFreeze(config), warnings }
}
