/**
 * Runs a bundle from dist/ the way the GitHub runner runs a node24 action:
 * Node 24, cwd = GITHUB_WORKSPACE, every declared input as INPUT_<NAME> with its
 * default, the GITHUB_* and RUNNER_* context, and fresh file-command files
 * under $RUNNER_TEMP/_runner_file_commands/. The environment is built from
 * nothing, never from process.env. The fixture is copied into a fresh
 * workspace first, so builds never dirty the repository.
 */
import { randomUUID } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { indexPip, type PackageIndex, wheelhouseIndex } from './package-index.js'
import { cleanEnv, DIST, FIXTURES, NODE24, OFFLINE_PIP, REPO_ROOT, tempDir } from './paths.js'
import { type Interrupt, runProcess } from './process.js'
import { layToolCache, type ToolCachePython, type World } from './tool-cache.js'

export type Entry = 'main' | 'cli'

/** The folders of one run. */
export interface RunContext {
  /** The temp folder that holds everything below; removed by cleanup(). */
  readonly root: string
  readonly workspace: string
  /** Where the fixture was copied: the workspace, or options.into inside it. */
  readonly projectDir: string
  readonly runnerTemp: string
  readonly toolCache: string
  readonly home: string
}

export interface RunOptions {
  /** A folder name under __fixtures__/projects, or an absolute path. Omitted: an empty workspace. */
  readonly fixture?: string
  /** Copy the fixture into this folder of the workspace instead of its root. */
  readonly into?: string
  /** Default 'main'. */
  readonly entry?: Entry
  /** Run this script instead of dist/<entry>.js (the harness's own self-test). */
  readonly script?: string
  /** Command-line arguments after the script. */
  readonly args?: readonly string[]
  /** Inputs by their action.yml name; the others get their defaults. */
  readonly inputs?: Readonly<Record<string, string>>
  /** Set the runner's INPUT_*, GITHUB_* and RUNNER_* variables; default: true for main, false for cli. */
  readonly onRunner?: boolean
  /** Extra variables, set last (they override the harness's). */
  readonly env?: Readonly<Record<string, string>>
  /** Folders put in front of PATH=/usr/bin:/bin. */
  readonly path?: readonly string[]
  /** Default 'push'. */
  readonly eventName?: string
  /** The event payload written to GITHUB_EVENT_PATH; default {}. */
  readonly payload?: unknown
  /** Default refs/heads/main. */
  readonly ref?: string
  readonly sha?: string
  /** Lay a Python into the tool cache first: true for Debian's real version, or a version folder name. */
  readonly toolCachePython?: boolean | string
  /**
   * 'hosted' (the default): the tool-cache Python has pip and nothing else, and
   * pip reaches the wheelhouse on loopback as its index. 'offline': pip has no
   * index (PIP_NO_INDEX, Debian's wheels) and the tool-cache Python sees
   * Debian's pytest, coverage, build and backends.
   */
  readonly world?: World
  /** The index pip reaches in the hosted world; default: the wheelhouse's. */
  readonly index?: PackageIndex
  /** Called after the folders exist and the fixture is copied, before the bundle starts. */
  readonly prepare?: (ctx: RunContext) => void | Promise<void>
  /** Default 150 s. */
  readonly timeoutMs?: number
  /** A signal sent to the bundle when a condition holds (the runner cancelling the step). */
  readonly interrupt?: Interrupt
  /** Each line of the bundle's stdout as it arrives, with the milliseconds since the spawn. */
  readonly onLine?: (line: string, ms: number) => void
  /** Secret values beyond the credential variables of the environment, which no output may hold. */
  readonly secrets?: readonly string[]
  /** Return a run that printed a secret instead of failing (the leak check's own test). */
  readonly allowLeaks?: boolean
  /**
   * Run in this folder, emptied first, instead of a fresh one: runs with the
   * same root see the same paths with fresh contents, as jobs on hosted runners do.
   */
  readonly root?: string
}

export interface WorkflowCommand {
  readonly name: string
  readonly properties: Readonly<Record<string, string>>
  readonly message: string
  /** A `##[name]` command rather than a `::name::` one. */
  readonly legacy?: boolean
}

/** A run laid out and ready to start: its folders, its environment and its file-command files. */
export interface PreparedRun extends RunContext {
  /** The variables the bundle starts with. */
  readonly startEnv: Readonly<Record<string, string>>
  /** The file-command files by variable (GITHUB_OUTPUT, ...); none off the runner. */
  readonly files: Readonly<Record<string, string>>
  /** The laid-out tool-cache Python, when toolCachePython was asked for. */
  readonly toolCachePython: ToolCachePython | undefined
  /** dist/<entry>.js, or options.script. */
  readonly script: string
  /** Removes the run's temp folder. */
  cleanup(): void
}

export interface ActionResult extends RunContext {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  /** Wall time from the spawn to the exit, in milliseconds. */
  readonly ms: number
  readonly stdout: string
  readonly stderr: string
  /** The step's outputs: GITHUB_OUTPUT, parsed, over any set-output commands of the log. */
  readonly outputs: Readonly<Record<string, string>>
  /** GITHUB_ENV, parsed. */
  readonly env: Readonly<Record<string, string>>
  /** GITHUB_PATH, one folder per line. */
  readonly path: readonly string[]
  /** GITHUB_STATE, parsed. */
  readonly state: Readonly<Record<string, string>>
  /** GITHUB_STEP_SUMMARY's text. */
  readonly summary: string
  /** Every ::name k=v,...::message line of stdout. */
  readonly commands: readonly WorkflowCommand[]
  /** The laid-out tool-cache Python, when toolCachePython was asked for. */
  readonly toolCachePython: ToolCachePython | undefined
  /** The variables the bundle started with. */
  readonly startEnv: Readonly<Record<string, string>>
  /** Removes the run's temp folder. */
  cleanup(): void
}

export const DEFAULT_SHA = '0123456789abcdef0123456789abcdef01234567'
export const UNREACHABLE_API = 'http://127.0.0.1:9/'

interface ActionYml {
  inputs?: Record<string, { default?: unknown } | null>
}

let inputDefaults: Readonly<Record<string, string>> | undefined

/** The inputs action.yml declares, with their defaults ('' when none). */
export function actionInputs(): Readonly<Record<string, string>> {
  if (inputDefaults === undefined) {
    const yml = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml
    inputDefaults = Object.fromEntries(
      Object.entries(yml.inputs ?? {}).map(([name, spec]) => [
        name,
        spec?.default === undefined || spec.default === null ? '' : String(spec.default),
      ]),
    )
  }
  return inputDefaults
}

/** INPUT_<name with spaces as '_', upper-cased>; dashes are kept, as the runner does. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * A file command file (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE): `k=v` lines and
 * `k<<DELIMITER` ... `DELIMITER` blocks, as the runner reads them.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const equals = line.indexOf('=')
    if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      const value: string[] = []
      let closed = false
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true
          break
        }
        value.push(lines[i] ?? '')
      }
      if (!closed) throw new Error(`file command ${name}: no closing delimiter ${delimiter}`)
      result[name] = value.join('\n')
    } else if (equals > 0) {
      result[line.slice(0, equals)] = line.slice(equals + 1)
    } else {
      throw new Error(`file command line is neither k=v nor k<<DELIMITER: ${JSON.stringify(line)}`)
    }
  }
  return result
}

// The runner's order: %25 last, so "%250A" stays "%0A".
const DATA_ESCAPES: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
]
const PROPERTY_ESCAPES: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
]

// A legacy command's properties: `;` separates them and `]` ends them.
const LEGACY_PROPERTY_ESCAPES: ReadonlyArray<[string, string]> = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
]

function unescapeCommand(text: string, escapes: ReadonlyArray<[string, string]>): string {
  return escapes.reduce((s, [from, to]) => s.split(from).join(to), text)
}

/**
 * The commands the runner registers (ActionCommandManager). A legacy
 * `##[name k=v;k=v]data` command must name one of them; it takes effect
 * wherever it stands in a line.
 */
const REGISTERED_COMMANDS = new Set([
  'set-env',
  'add-path',
  'set-output',
  'save-state',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
])

function parseProperties(
  text: string,
  separator: string,
  escapes: ReadonlyArray<[string, string]>,
): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of text.split(separator)) {
    const eq = pair.indexOf('=')
    if (eq > 0) properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1), escapes)
  }
  return properties
}

/** The runner matches command names in any case: `##[ERROR]` is `error`. */
function commandName(name: string): string {
  return REGISTERED_COMMANDS.has(name.toLowerCase()) ? name.toLowerCase() : name
}

/** `::name k=v,k=v::message` at the start of a (trimmed) line. */
function parseCommandV2(line: string): WorkflowCommand | undefined {
  if (!line.startsWith('::')) return undefined
  const end = line.indexOf('::', 2)
  if (end < 0) return undefined
  const head = line.slice(2, end)
  const space = head.indexOf(' ')
  const name = commandName(space < 0 ? head : head.slice(0, space))
  if (name === '') return undefined
  const properties = space < 0 ? {} : parseProperties(head.slice(space + 1), ',', PROPERTY_ESCAPES)
  return { name, properties, message: unescapeCommand(line.slice(end + 2), DATA_ESCAPES) }
}

/** `##[name k=v;k=v]message` anywhere in a line, for a registered name. */
function parseLegacyCommand(line: string): WorkflowCommand | undefined {
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const close = line.indexOf(']', start)
  if (close < 0) return undefined
  const info = line.slice(start + 3, close)
  const space = info.indexOf(' ')
  const name = commandName(space < 0 ? info : info.slice(0, space))
  if (!REGISTERED_COMMANDS.has(name)) return undefined
  const properties =
    space < 0 ? {} : parseProperties(info.slice(space + 1), ';', LEGACY_PROPERTY_ESCAPES)
  const message = unescapeCommand(line.slice(close + 1), DATA_ESCAPES)
  return { name, properties, message, legacy: true }
}

/**
 * The workflow commands in a log, as the runner reads them: `::` commands at
 * the start of a line, legacy `##[` commands anywhere in one, and nothing
 * between `::stop-commands::TOKEN` and `::TOKEN::`.
 */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  let stopToken: string | undefined
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim()
    const command = parseCommandV2(line) ?? parseLegacyCommand(raw)
    if (command === undefined) continue
    if (stopToken !== undefined) {
      if (!command.legacy && command.name === stopToken) stopToken = undefined
      continue
    }
    if (command.name === 'stop-commands') stopToken = command.message
    else commands.push(command)
  }
  return commands
}

/**
 * The step's outputs as the runner ends up with them: set-output commands
 * from the log, then GITHUB_OUTPUT's file, read after the step, on top.
 */
export function stepOutputs(
  commands: readonly WorkflowCommand[],
  file: Readonly<Record<string, string>>,
): Record<string, string> {
  const fromLog = commands
    .filter((c) => c.name === 'set-output' && c.properties.name)
    .map((c) => [c.properties.name ?? '', c.message] as const)
  return { ...Object.fromEntries(fromLog), ...file }
}

const SKIPPED_WHEN_COPYING = new Set([
  '__pycache__',
  '.pytest_cache',
  '.coverage',
  'dist',
  'build',
  'python-ci-report.md',
])

/** Copies a fixture, leaving out what a local run of it may have left behind. */
export function copyFixture(fixture: string, dest: string): void {
  const src = path.isAbsolute(fixture) ? fixture : path.join(FIXTURES, fixture)
  if (!existsSync(src)) throw new Error(`no fixture ${fixture} (looked at ${src})`)
  cpSync(src, dest, {
    recursive: true,
    filter: (file) => {
      const base = path.basename(file)
      return !SKIPPED_WHEN_COPYING.has(base) && !base.endsWith('.egg-info')
    },
  })
}

const FILE_COMMANDS = {
  GITHUB_OUTPUT: 'set_output_',
  GITHUB_ENV: 'set_env_',
  GITHUB_PATH: 'add_path_',
  GITHUB_STATE: 'save_state_',
  GITHUB_STEP_SUMMARY: 'step_summary_',
} as const

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

/**
 * Lays out a run's folders, copies the fixture, lays the tool-cache Python and
 * builds the bundle's environment, without starting it: runAction starts it
 * once; the start-up bench starts it many times, timed.
 */
export async function prepareRun(options: RunOptions = {}): Promise<PreparedRun> {
  const entry = options.entry ?? 'main'
  const onRunner = options.onRunner ?? entry === 'main'
  const world = options.world ?? 'hosted'
  if (options.root !== undefined) rmSync(options.root, { recursive: true, force: true })
  const root = options.root ?? tempDir(entry)
  const ctx: RunContext = {
    root,
    workspace: path.join(root, 'work', 'repo', 'repo'),
    projectDir: path.join(root, 'work', 'repo', 'repo', options.into ?? ''),
    runnerTemp: path.join(root, 'work', '_temp'),
    toolCache: path.join(root, 'hostedtoolcache'),
    home: path.join(root, 'home'),
  }
  for (const dir of [ctx.workspace, ctx.runnerTemp, ctx.toolCache, ctx.home]) {
    mkdirSync(dir, { recursive: true })
  }
  if (options.fixture !== undefined) copyFixture(options.fixture, ctx.projectDir)
  else mkdirSync(ctx.projectDir, { recursive: true })

  const toolCachePython =
    options.toolCachePython === undefined || options.toolCachePython === false
      ? undefined
      : layToolCache(
          ctx.toolCache,
          typeof options.toolCachePython === 'string' ? options.toolCachePython : undefined,
          'x64',
          world,
        )

  // Outside GitHub the machine's python3 is the laid-out one, first on PATH.
  const pathFront =
    !onRunner && toolCachePython !== undefined
      ? [...(options.path ?? []), toolCachePython.binDir]
      : options.path
  const env: Record<string, string> = {
    ...cleanEnv(ctx.home, pathFront),
    ...(world === 'offline' ? OFFLINE_PIP : indexPip(options.index ?? (await wheelhouseIndex()))),
  }
  const files: Record<string, string> = {}
  if (onRunner) {
    const defaults = actionInputs()
    for (const name of Object.keys(options.inputs ?? {})) {
      if (!(name in defaults)) throw new Error(`input ${name} is not declared in action.yml`)
    }
    for (const [name, value] of Object.entries(defaults)) {
      env[inputVariable(name)] = options.inputs?.[name] ?? value
    }
    const commandDir = path.join(ctx.runnerTemp, '_runner_file_commands')
    mkdirSync(commandDir, { recursive: true })
    for (const [variable, prefix] of Object.entries(FILE_COMMANDS)) {
      const file = path.join(commandDir, `${prefix}${randomUUID()}`)
      writeFileSync(file, '')
      files[variable] = file
      env[variable] = file
    }
    const eventPath = path.join(ctx.runnerTemp, '_github_workflow', 'event.json')
    mkdirSync(path.dirname(eventPath), { recursive: true })
    writeFileSync(eventPath, JSON.stringify(options.payload ?? {}))
    const ref = options.ref ?? 'refs/heads/main'
    Object.assign(env, {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_REPOSITORY: 'owner/repo',
      GITHUB_REPOSITORY_OWNER: 'owner',
      GITHUB_EVENT_NAME: options.eventName ?? 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_SHA: options.sha ?? DEFAULT_SHA,
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_NUMBER: '7',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'test',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_ACTION: '__owner_python-ci-action',
      GITHUB_ACTOR: 'monalisa',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: UNREACHABLE_API,
      GITHUB_GRAPHQL_URL: `${UNREACHABLE_API}graphql`,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'GitHub Actions 1',
      RUNNER_ENVIRONMENT: 'github-hosted',
      RUNNER_TEMP: ctx.runnerTemp,
      RUNNER_TOOL_CACHE: ctx.toolCache,
      RUNNER_WORKSPACE: path.dirname(ctx.workspace),
    })
  }
  Object.assign(env, options.env ?? {})

  if (options.prepare) await options.prepare(ctx)

  const script = options.script ?? path.join(DIST, `${entry}.js`)
  if (!existsSync(script)) throw new Error(`${script} does not exist; run npm run bundle first`)
  return {
    ...ctx,
    startEnv: env,
    files,
    toolCachePython,
    script,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}

export async function runAction(options: RunOptions = {}): Promise<ActionResult> {
  const prepared = await prepareRun(options)
  const { script, startEnv: env, files, toolCachePython, cleanup, ...ctx } = prepared
  const result = await runProcess(NODE24, [script, ...(options.args ?? [])], {
    cwd: ctx.workspace,
    env,
    timeoutMs: options.timeoutMs,
    interrupt: options.interrupt,
    onLine: options.onLine,
  })

  const read = (variable: keyof typeof FILE_COMMANDS): string => {
    const file = files[variable]
    return file === undefined ? '' : readText(file)
  }
  const commands = parseWorkflowCommands(result.stdout)
  const run: ActionResult = {
    ...ctx,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    ms: result.ms,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: stepOutputs(commands, parseFileCommands(read('GITHUB_OUTPUT'))),
    env: parseFileCommands(read('GITHUB_ENV')),
    path: read('GITHUB_PATH')
      .split(/\r?\n/)
      .filter((line) => line !== ''),
    state: parseFileCommands(read('GITHUB_STATE')),
    summary: read('GITHUB_STEP_SUMMARY'),
    commands,
    toolCachePython,
    startEnv: env,
    cleanup,
  }
  const fileCommands = Object.values(files).map(readText)
  const secrets = secretsOf(env, options.secrets ?? [])
  const leaks = leakedSecrets(secrets, {
    stdout: result.stdout,
    stderr: result.stderr,
    'file commands': fileCommands.join('\n'),
  })
  if (leaks.length > 0 && !options.allowLeaks) {
    // The run as it was, with the secrets themselves hidden: a test's failure prints this.
    const hidden = [...secrets, ...(describeRun(run).match(PYPI_TOKEN) ?? [])].reduce(
      (text, secret) => text.split(secret).join('***'),
      describeRun(run),
    )
    throw new Error(`the run printed a secret: ${leaks.join('; ')}\n${hidden}`)
  }
  return run
}

/** Environment variables whose values are credentials. */
const SECRET_NAME = /(TOKEN|PASSWORD|SECRET|_KEY)$/i

/** Every token-shaped value that PyPI (and its stand-in) issues. */
const PYPI_TOKEN = /pypi-[A-Za-z0-9_-]{32,}/g

/** The secret values a run was given: credential variables and the extra ones a test names. */
export function secretsOf(
  env: Readonly<Record<string, string>>,
  extra: readonly string[],
): string[] {
  const fromEnv = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value.length >= 6)
    // action.yml's own default, `${{ github.token }}`, is an expression, not a value.
    .filter(([, value]) => !value.startsWith('${{'))
    .map(([, value]) => value)
  return [...new Set([...fromEnv, ...extra.filter((s) => s.length >= 6)])]
}

/**
 * Where a secret shows in a run's texts, by name of the text, never the
 * secret itself. An add-mask command is how a secret is hidden, so it does
 * not count; any PyPI-shaped token counts, known or not.
 */
export function leakedSecrets(
  secrets: readonly string[],
  texts: Readonly<Record<string, string>>,
): string[] {
  const leaks: string[] = []
  for (const [where, text] of Object.entries(texts)) {
    const shown = text
      .split(/\r?\n/)
      .filter((line) => !line.trim().startsWith('::add-mask::'))
      .join('\n')
    const found = secrets.filter((s) => shown.includes(s)).length
    const tokenShaped = (shown.match(PYPI_TOKEN) ?? []).filter((t) => !secrets.includes(t)).length
    if (found > 0) leaks.push(`${where} holds ${found} of the run's secrets`)
    if (tokenShaped > 0) leaks.push(`${where} holds ${tokenShaped} PyPI-shaped tokens`)
  }
  return leaks
}

/** The lines of a log that no ::group:: ... ::endgroup:: holds, the commands themselves left out. */
export function linesOutsideGroups(stdout: string): string[] {
  const outside: string[] = []
  let depth = 0
  for (const line of stdout.split(/\r?\n/)) {
    if (line.startsWith('::group::')) depth = 1
    else if (line.startsWith('::endgroup::')) depth = 0
    else if (depth === 0) outside.push(line)
  }
  return outside
}

/** Lines of a JavaScript stack trace ("    at fn (file.js:1:2)"), which a user should never see. */
export function stackTraceLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => /^\s+at (\S+ \(.*:\d+:\d+\)|\S+:\d+:\d+)$/.test(line))
}

/** The whole run, for a failing expectation's message. */
export function describeRun(result: ActionResult): string {
  return [
    `exit code ${result.exitCode}${result.timedOut ? ' (timed out)' : ''}`,
    `--- stdout\n${result.stdout}`,
    `--- stderr\n${result.stderr}`,
    `--- outputs\n${JSON.stringify(result.outputs, null, 2)}`,
    `--- summary\n${result.summary}`,
  ].join('\n')
}
