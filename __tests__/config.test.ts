import { readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import {
  type Architecture,
  ConfigError,
  INPUT_DEFAULTS,
  type InputName,
  type LoadedConfig,
  loadConfig,
} from '../src/config.js'
import { createInputs, type Inputs } from './helpers/config.js'
import { createPythonProject, type Files, removeWorkspaces } from './helpers/workspace.js'

afterEach(removeWorkspaces)

const DEFAULT_MANIFEST =
  'https://raw.githubusercontent.com/actions/python-versions/main/versions-manifest.json'

interface Loaded extends LoadedConfig {
  readonly workspace: string
}

/** loadConfig over a fresh demo project, with `files` written over the demo's. */
function load(inputs: Inputs = {}, files: Files = {}, arch: Architecture = 'x64'): Loaded {
  const workspace = createPythonProject(files)
  return {
    workspace,
    ...loadConfig(createInputs(inputs), { workspace, defaultArchitecture: arch }),
  }
}

function failure(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    if (error instanceof Error) return error
    throw error
  }
  throw new Error('expected an error, got none')
}

describe('action.yml', () => {
  it('declares exactly the inputs of INPUT_DEFAULTS, with the same defaults', () => {
    const yml = parseYaml(readFileSync(path.join(import.meta.dirname, '..', 'action.yml'), 'utf8'))
    const inputs = yml.inputs as Record<string, { default?: unknown }>
    const declared = Object.fromEntries(
      Object.entries(inputs).map(([name, spec]) => [name, String(spec.default ?? '')]),
    )
    expect(declared).toEqual({ ...INPUT_DEFAULTS })
  })

  it('has every input and output described in the README', () => {
    const root = path.join(import.meta.dirname, '..')
    const yml = parseYaml(readFileSync(path.join(root, 'action.yml'), 'utf8'))
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const inputs = Object.keys(yml.inputs as object)
    const outputs = Object.keys(yml.outputs as object)
    // Inputs in the table's first column; outputs anywhere, in backticks.
    expect(inputs.filter((name) => !readme.includes(`| \`${name}\``))).toEqual([])
    expect(outputs.filter((name) => !readme.includes(`\`${name}\``))).toEqual([])
  })
})

describe('loadConfig with good inputs', () => {
  it('gives a valid config for the defaults', () => {
    const { config, warnings, workspace } = load()
    expect(warnings).toEqual([])
    expect(config).toMatchObject({
      architecture: 'x64',
      workingDirectory: workspace,
      install: { none: false, auto: true, extras: [], groups: [], requirements: [] },
      pipArgs: [],
      systemSitePackages: false,
      build: true,
      buildIsolation: true,
      test: true,
      pytestArgs: [],
      coverageSource: [],
      failOnTestFailure: true,
      allowNoTests: false,
      pythonManifestUrl: DEFAULT_MANIFEST,
    })
    expect(config.pythonSpec).toMatchObject({ text: '>=3.10', source: 'requires-python' })
    expect(config.project).toMatchObject({
      dir: workspace,
      name: 'Demo_Pkg',
      requiresPython: '>=3.10',
      extras: ['test', 'dev'],
    })
  })

  it('treats every input set to its action.yml default like an unset one', () => {
    const defaults = load({ ...INPUT_DEFAULTS }).config
    const unset = load().config
    // Each load has its own workspace: compare the dependency patterns relative to it.
    const patterns = (c: typeof unset) => ({
      ...c.cache,
      dependencyPatterns: c.cache.dependencyPatterns.map((p) =>
        path.relative(c.workingDirectory, p),
      ),
    })
    expect({
      ...defaults,
      workingDirectory: '',
      project: undefined,
      pythonSpec: undefined,
      cache: patterns(defaults),
    }).toEqual({
      ...unset,
      workingDirectory: '',
      project: undefined,
      pythonSpec: undefined,
      cache: patterns(unset),
    })
  })

  it.each([
    ['3.12', '3.12.4', '3.13.0'],
    ['3.12.4', '3.12.4', '3.12.5'],
    ['3.x', '3.13.1', '3.14.0rc1'],
    ['>=3.10', '3.10.0', '3.9.18'],
    ['>=3.10,<3.13', '3.12.9', '3.13.0'],
    ['>=3.10, <3.13', '3.12.9', '3.13.0'],
    ['>=3.10 <3.13', '3.12.9', '3.13.0'],
    ['3.14.0-rc.1', '3.14.0rc1', '3.14.0rc2'],
    [' 3.11 ', '3.11.2', '3.12.0'],
  ])('python-version %j parses: matches %s, not %s', (input, yes, no) => {
    const spec = load({ 'python-version': input }).config.pythonSpec
    expect(spec).toMatchObject({ text: input.trim(), source: 'python-version' })
    expect(spec?.matches(yes)).toBe(true)
    expect(spec?.matches(no)).toBe(false)
  })

  describe('where the Python version comes from', () => {
    const both = { '.python-version': '3.11\n', 'pin.txt': '3.10\n' }

    it('python-version wins over python-version-file, with a warning', () => {
      const { config, warnings } = load(
        { 'python-version': '3.12', 'python-version-file': 'pin.txt' },
        both,
      )
      expect(config.pythonSpec).toMatchObject({ text: '3.12', source: 'python-version' })
      expect(warnings).toEqual([
        'python-version and python-version-file are both set; python-version wins',
      ])
    })

    it('python-version-file wins over .python-version', () => {
      const { config } = load({ 'python-version-file': 'pin.txt' }, both)
      expect(config.pythonSpec).toMatchObject({ text: '3.10', source: 'python-version-file' })
    })

    it('.python-version in working-directory wins over the one in the workspace', () => {
      const { config } = load(
        { 'working-directory': 'pkg' },
        { '.python-version': '3.11\n', 'pkg/.python-version': '3.13\n', 'pkg/setup.py': '' },
      )
      expect(config.pythonSpec).toMatchObject({ text: '3.13', source: '.python-version' })
    })

    it('.python-version in the workspace is read when working-directory has none', () => {
      const { config } = load(
        { 'working-directory': 'pkg' },
        { '.python-version': '3.11\n', 'pkg/pyproject.toml': '[project]\nname = "pkg"\n' },
      )
      expect(config.pythonSpec).toMatchObject({ text: '3.11', source: '.python-version' })
    })

    it('.python-version wins over requires-python', () => {
      const { config } = load({}, { '.python-version': '3.11\n' })
      expect(config.pythonSpec).toMatchObject({ text: '3.11', source: '.python-version' })
    })

    it('an empty .python-version falls through to requires-python', () => {
      const { config } = load({}, { '.python-version': '# pinned by nobody\n' })
      expect(config.pythonSpec).toMatchObject({ text: '>=3.10', source: 'requires-python' })
    })

    it('requires-python is used when nothing else names a version', () => {
      const { config } = load()
      expect(config.pythonSpec).toMatchObject({ text: '>=3.10', source: 'requires-python' })
    })

    it('leaves it undefined (the python3 on PATH) when nothing names one', () => {
      const { config } = load({}, { 'pyproject.toml': null, 'setup.py': '' })
      expect(config.pythonSpec).toBeUndefined()
    })

    it.each([
      ['>=2.7, !=3.0.*, !=3.1.*', '3.2.0'],
      ['<4', '3.13.0'],
    ])('accepts requires-python %j, which admits Python 3 (%s)', (requires, version) => {
      const { config } = load(
        {},
        { 'pyproject.toml': `[project]\nname = "old"\nrequires-python = "${requires}"\n` },
      )
      expect(config.pythonSpec?.matches(version)).toBe(true)
    })
  })

  it.each([
    ['.python-version', '# pinned\n3.11.9\n3.10\n', '3.11.9'],
    ['.tool-versions', 'nodejs 20.11.0\npython 3.12.1 3.11.7\n', '3.12.1'],
    ['pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=3.9"\n', '>=3.9'],
    ['pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.10"\n', '>=3.10,<4'],
    ['config/python.txt', '3.13\n', '3.13'],
  ])('python-version-file %s holding %j gives %j', (file, content, text) => {
    const { config } = load({ 'python-version-file': file }, { [file]: content })
    expect(config.pythonSpec).toMatchObject({ text, source: 'python-version-file' })
  })

  it.each([
    ["-k 'not slow' -x", ['-k', 'not slow', '-x']],
    ['-m "not network" --maxfail=2', ['-m', 'not network', '--maxfail=2']],
    ['-p no:cacheprovider\n-q', ['-p', 'no:cacheprovider', '-q']],
  ])('pytest-args %j splits into %j', (input, args) => {
    expect(load({ 'pytest-args': input }).config.pytestArgs).toEqual(args)
  })

  it('splits pip-args like a shell', () => {
    const { config } = load({ 'pip-args': '--extra-index-url "https://x.test/simple" -q' })
    expect(config.pipArgs).toEqual(['--extra-index-url', 'https://x.test/simple', '-q'])
  })

  it('reads install entries into the plan', () => {
    const { config, workspace } = load({
      install: 'extra:test, extra:Dev\ngroup:Test_Tools  requirements:requirements-dev.txt',
    })
    expect(config.install).toEqual({
      none: false,
      auto: false,
      extras: ['test', 'Dev'],
      groups: ['Test_Tools'],
      requirements: [path.join(workspace, 'requirements-dev.txt')],
    })
  })

  it.each([
    ['auto', { none: false, auto: true }],
    ['none', { none: true, auto: false }],
    ['auto group:lint', { none: false, auto: true, groups: ['lint'] }],
  ])('install %j gives %j', (input, plan) => {
    expect(load({ install: input }).config.install).toMatchObject(plan)
  })

  it.each([
    [
      "Poetry's groups",
      '[tool.poetry.group.Integration.dependencies]\nrequests = "^2"\n[tool.poetry.group.dev.dependencies]\n',
    ],
    [
      "Poetry's dev-dependencies (before groups)",
      '[tool.poetry.dev-dependencies]\npytest = "*"\n[tool.poetry.group.integration]\n',
    ],
    [
      "PDM's dev-dependencies",
      '[tool.pdm.dev-dependencies]\nintegration = ["requests"]\ndev = []\n',
    ],
  ])('takes group:NAME for groups declared in %s', (_, toml) => {
    const { config } = load(
      { install: 'group:integration group:dev' },
      { 'pyproject.toml': `[project]\nname = "x"\nversion = "1"\n${toml}` },
    )
    expect(config.install.groups).toEqual(['integration', 'dev'])
  })

  it('reads requirements paths relative to working-directory', () => {
    const { config, workspace } = load(
      { 'working-directory': 'pkg', install: 'requirements:req/test.txt' },
      { 'pkg/setup.py': '', 'pkg/req/test.txt': 'pytest\n' },
    )
    expect(config.workingDirectory).toBe(path.join(workspace, 'pkg'))
    expect(config.install.requirements).toEqual([path.join(workspace, 'pkg/req/test.txt')])
  })

  it('takes any extra when pyproject.toml declares none statically', () => {
    const { config } = load(
      { install: 'extra:whatever' },
      { 'pyproject.toml': '[project]\nname = "x"\ndynamic = ["optional-dependencies"]\n' },
    )
    expect(config.install.extras).toEqual(['whatever'])
  })

  it.each([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    [' FALSE ', false],
  ])('reads boolean %j as %s', (input, expected) => {
    const { config } = load({
      build: input,
      test: input,
      'build-isolation': input,
      'system-site-packages': input,
      'fail-on-test-failure': input,
      'subprocess-coverage': input,
      'allow-no-tests': input,
    })
    expect([
      config.build,
      config.test,
      config.buildIsolation,
      config.systemSitePackages,
      config.failOnTestFailure,
      config.subprocessCoverage,
      config.allowNoTests,
    ]).toEqual([expected, expected, expected, expected, expected, expected, expected])
  })

  it('warns when both build and test are off', () => {
    expect(load({ build: 'false', test: 'false' }).warnings).toEqual([
      'build and test are both false; only Python and the install run',
    ])
  })

  it.each([
    ['', 'arm64', 'arm64'],
    ['x86', 'x64', 'x86'],
    ['ARM64', 'x64', 'arm64'],
  ] as const)('architecture %j on a %s machine gives %s', (input, machine, expected) => {
    expect(load({ architecture: input }, {}, machine).config.architecture).toBe(expected)
  })

  it('measures subprocesses unless subprocess-coverage is false', () => {
    expect(load().config.subprocessCoverage).toBe(true)
    expect(load({ 'subprocess-coverage': 'false' }).config.subprocessCoverage).toBe(false)
  })

  it('splits coverage-source on commas and spaces', () => {
    const { config } = load({ 'coverage-source': 'mypkg, src/other,tools' })
    expect(config.coverageSource).toEqual(['mypkg', 'src/other', 'tools'])
  })

  it.each([
    'https://mirror.internal:8080/python/versions-manifest.json',
    'http://127.0.0.1:8080/versions-manifest.json',
    'http://localhost/versions-manifest.json',
    'http://[::1]:9000/versions-manifest.json',
  ])('accepts the python-manifest-url %s (https, or http on loopback)', (url) => {
    expect(load({ 'python-manifest-url': url }).config.pythonManifestUrl).toBe(url)
  })

  it.each([
    ['python-version-file', 'config/.python-version', { 'config/.python-version': '3.12\n' }],
    ['working-directory', 'pkg', { 'pkg/pyproject.toml': '[project]\nname = "p"\n' }],
    ['install', 'requirements:requirements/dev.txt', { 'requirements/dev.txt': 'ruff\n' }],
    ['coverage-source', 'src/demo,demo.sub', {}],
  ] as const)('accepts %s %j, a path inside the workspace', (input, value, files) => {
    expect(() => load({ [input]: value }, files)).not.toThrow()
  })

  it('follows links that stay inside the workspace', () => {
    const workspace = createPythonProject({ 'pins/real': '3.12\n' })
    symlinkSync(path.join(workspace, 'pins', 'real'), path.join(workspace, '.python-version'))
    symlinkSync('requirements-dev.txt', path.join(workspace, 'req.txt'))
    const { config } = loadConfig(createInputs({ install: 'requirements:req.txt' }), {
      workspace,
      defaultArchitecture: 'x64',
    })
    expect(config.pythonSpec).toMatchObject({ text: '3.12', source: '.python-version' })
    expect(config.install.requirements).toEqual([path.join(workspace, 'req.txt')])
  })

  it('freezes the config, deeply', () => {
    const { config } = load({ 'pytest-args': '-x', install: 'extra:test' })
    for (const part of [
      config,
      config.install,
      config.install.extras,
      config.pytestArgs,
      config.project,
      config.project.dependencyGroups,
      config.project.pyproject,
      config.pythonSpec,
    ]) {
      expect(Object.isFrozen(part)).toBe(true)
    }
    expect(() => {
      ;(config as { build: boolean }).build = false
    }).toThrow(TypeError)
    expect(() => (config.install.extras as string[]).push('dev')).toThrow(TypeError)
  })
})

const VERSIONS =
  'accepted: a version (3.12, 3.12.4, 3.x, 3.14.0-rc.1) or a range (>=3.10, >=3.10,<3.13)'
const INSTALL =
  'accepted: auto, none, extra:NAME, group:NAME, requirements:PATH (separated by spaces, commas or new lines)'
const NOT_VERSION = (input: string, value: string) =>
  `${input}: ${JSON.stringify(value)} is not a Python version; ${VERSIONS}`
const VERSION_FILE =
  'accepted: a file inside the workspace, relative to it, e.g. .python-version or pyproject.toml'
const THROUGH_LINK = 'leads outside the workspace (<ws>) through a symbolic link'
const NOT_BOOL = (input: string, value: string) =>
  `${input}: ${JSON.stringify(value)} is not a boolean; use true or false`

interface BadInput {
  readonly input: InputName
  readonly value: string
  readonly message: string
  /** Files written over the demo project's. */
  readonly files?: Files
  /** Symbolic links made in the workspace: path -> target. */
  readonly links?: Readonly<Record<string, string>>
  /** Text the message must not hold: the content of a file it names. */
  readonly secret?: string
  /** The part of the value the message names, when not all of it. */
  readonly names?: string
}

/** `<ws>` in a message stands for the workspace. */
const BAD_INPUTS: readonly BadInput[] = [
  {
    input: 'comment',
    value: 'yes',
    message:
      'comment: "yes" is not understood; accepted: auto (on pull_request and pull_request_target events), always (also other events that name a pull request), on-change (like auto, but edits the comment only when the results changed) or off',
  },
  ...['a-->b', 'py--3', '<b>', 'a!b', 'x'.repeat(101)].map((value) => ({
    input: 'comment-id' as const,
    value,
    message: `comment-id: ${JSON.stringify(value)} cannot go into the comment's hidden marker; accepted: up to 100 letters, digits, spaces and . _ - + = : @ , / (no "--"), e.g. py3.12-ubuntu`,
  })),
  ...['abc', '0', '-5', '12.5', '1e2', 'run-12'].map((value) => ({
    input: 'comment-from-run' as const,
    value,
    message: `comment-from-run: ${JSON.stringify(value)} is not a workflow run id; accepted: empty, or the id of a run of this repository, e.g. \${{ github.event.workflow_run.id }}`,
  })),
  ...['abc', '101', '-5', '80.5.1', '1e2'].map((value) => ({
    input: 'fail-under' as const,
    value,
    message: `fail-under: ${JSON.stringify(value)} is not a percentage; give a number from 0 to 100, e.g. 80 or 92.5`,
  })),
  ...['-1', '1%', '101', 'one', '1e2', '0.5.1'].map((value) => ({
    input: 'max-coverage-drop' as const,
    value,
    message: `max-coverage-drop: ${JSON.stringify(value)} is not a number of percentage points; give a number from 0 to 100, e.g. 0 (no drop at all) or 0.5`,
  })),
  ...['abc', '101', '-5', '1e2'].map((value) => ({
    input: 'fail-under-diff' as const,
    value,
    message: `fail-under-diff: ${JSON.stringify(value)} is not a percentage; give a number from 0 to 100, e.g. 80 or 92.5`,
  })),
  {
    input: 'annotate-uncovered',
    value: 'yes',
    message: 'annotate-uncovered: "yes" is not a boolean; use true or false',
  },
  ...[
    '--output=x',
    'main..topic',
    'a b',
    'main:x',
    'HEAD@{1}',
    'refs/heads/',
    'x.lock',
    'a\\b',
  ].map((value) => ({
    input: 'diff-base' as const,
    value,
    message: `diff-base: ${JSON.stringify(value)} is not a git ref or commit; accepted: a branch, tag or sha, e.g. origin/main or 1a2b3c4`,
  })),
  ...['0', '0.0', '-1', '361', 'ten', '1e2', '1.5m', '.5', '1,5'].map((value) => ({
    input: 'test-timeout' as const,
    value,
    message: `test-timeout: ${JSON.stringify(value)} is not a number of minutes; give a number over 0 and at most 360, e.g. 30 or 1.5, or leave it empty for no limit`,
  })),
  ...['101', '-1', '12.5', 'ten', '1e2'].map((value) => ({
    input: 'history-window' as const,
    value,
    message: `history-window: ${JSON.stringify(value)} is not a whole number from 0 to 100; accepted: how many of the newest completed runs to count, e.g. 20, or 0 for no success rate`,
  })),
  ...['yes', 'flake8', 'off'].map((value) => ({
    input: 'lint' as const,
    value,
    message: `lint: ${JSON.stringify(value)} is not understood; accepted: auto (flake8's finding count when the environment has flake8; it is never installed) or false`,
  })),
  { input: 'python-version', value: 'abc', message: NOT_VERSION('python-version', 'abc') },
  { input: 'python-version', value: '3..1', message: NOT_VERSION('python-version', '3..1') },
  { input: 'python-version', value: '>>3', message: NOT_VERSION('python-version', '>>3') },
  { input: 'python-version', value: 'latest', message: NOT_VERSION('python-version', 'latest') },
  { input: 'python-version', value: '>=3.10,', message: NOT_VERSION('python-version', '>=3.10,') },
  {
    input: 'python-version',
    value: '3.12-dev',
    message: NOT_VERSION('python-version', '3.12-dev'),
  },
  {
    input: 'python-version',
    value: '2.7',
    message: `python-version: "2.7" is not a Python 3 version; ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: '4',
    message: `python-version: "4" is not a Python 3 version; ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: '>=4.0',
    message: `python-version: ">=4.0" matches no Python 3 version; ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: '3.12 3.13',
    message: `python-version: "3.12 3.13" matches no Python 3 version; ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: 'pypy3.10',
    message: `python-version: "pypy3.10" asks for pypy, which this action does not set up; CPython only, ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: 'graalpy24.1',
    message: `python-version: "graalpy24.1" asks for graalpy, which this action does not set up; CPython only, ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: '3.13t',
    message: `python-version: "3.13t" asks for a free-threaded build, which this action does not set up yet; ${VERSIONS}`,
  },
  {
    input: 'python-version',
    value: '3.11\n3.12',
    message:
      'python-version: "3.11\\n3.12" lists several versions; this action sets up one per job, so use a matrix',
  },
  {
    input: 'python-version-file',
    value: 'nope/.python-version',
    message:
      'python-version-file: "nope/.python-version" does not exist (looked at <ws>/nope/.python-version); give a path relative to the workspace, e.g. .python-version or pyproject.toml',
  },
  {
    input: 'python-version-file',
    value: '.python-version',
    files: { '.python-version': '# to be decided\n\n' },
    message:
      'python-version-file: ".python-version" holds no Python version; accepted: .python-version, .tool-versions ("python 3.12"), pyproject.toml (requires-python) or a file with a version on its first line',
  },
  {
    input: 'python-version-file',
    value: '.tool-versions',
    files: { '.tool-versions': 'nodejs 20.11.0\n' },
    message:
      'python-version-file: ".tool-versions" holds no Python version; accepted: .python-version, .tool-versions ("python 3.12"), pyproject.toml (requires-python) or a file with a version on its first line',
  },
  {
    input: 'python-version-file',
    value: 'pyproject.toml',
    files: { 'pyproject.toml': '[project]\nname = "x"\n' },
    message:
      'python-version-file: "pyproject.toml" holds no Python version; accepted: .python-version, .tool-versions ("python 3.12"), pyproject.toml (requires-python) or a file with a version on its first line',
  },
  {
    input: 'python-version-file',
    value: 'config/pyproject.toml',
    files: { 'config/pyproject.toml': '[project\nname = "x"\n' },
    message:
      'python-version-file: "config/pyproject.toml" is not valid TOML (Invalid TOML document: illegal character in key)',
  },
  {
    input: 'python-version-file',
    value: '.python-version',
    files: { '.python-version': 'abc\n' },
    names: 'abc',
    message: `python-version-file (.python-version): "abc" is not a Python version; ${VERSIONS}`,
  },
  {
    input: 'architecture',
    value: 'x65',
    message: 'architecture: "x65" is not known; accepted: x64, x86, arm64',
  },
  {
    input: 'architecture',
    value: 'amd64',
    message: 'architecture: "amd64" is not known; accepted: x64, x86, arm64',
  },
  {
    input: 'working-directory',
    value: 'nope',
    message:
      'working-directory: "nope" does not exist (looked at <ws>/nope); give the Python project\'s folder, relative to the workspace',
  },
  {
    input: 'working-directory',
    value: 'requirements-dev.txt',
    message:
      'working-directory: "requirements-dev.txt" is a file, not a folder; give the folder that holds pyproject.toml or setup.py',
  },
  {
    input: 'working-directory',
    value: 'docs',
    files: { 'docs/index.md': '# Demo\n' },
    message:
      'working-directory: "docs" holds no pyproject.toml, setup.py or setup.cfg; point it at the Python project',
  },
  {
    input: 'working-directory',
    value: '.',
    files: { 'pyproject.toml': '[project]\nname = \n' },
    names: '<ws>',
    message:
      'working-directory: pyproject.toml in <ws> is not valid TOML: Invalid TOML document: invalid value',
  },
  {
    input: 'pytest-args',
    value: '-k "unclosed',
    message:
      'pytest-args: "-k \\"unclosed" cannot be split into arguments (unterminated double quote); quote as in a POSIX shell, e.g. -k "not slow"',
  },
  {
    input: 'pytest-args',
    value: "-k 'x",
    message:
      'pytest-args: "-k \'x" cannot be split into arguments (unterminated single quote at position 4); quote as in a POSIX shell, e.g. -k "not slow"',
  },
  {
    input: 'pytest-args',
    value: 'a\\',
    message:
      'pytest-args: "a\\\\" cannot be split into arguments (trailing backslash); quote as in a POSIX shell, e.g. -k "not slow"',
  },
  {
    input: 'pytest-args',
    value: '-x --junitxml=out.xml',
    names: '--junitxml=out.xml',
    message:
      'pytest-args: "--junitxml=out.xml" is not accepted: the action writes the JUnit report itself (see the report-path output)',
  },
  {
    input: 'pytest-args',
    value: '--cov=pkg',
    message:
      'pytest-args: "--cov=pkg" is not accepted: the action measures coverage itself; use the coverage-source input or [tool.coverage.run]',
  },
  {
    input: 'pytest-args',
    value: '--cov-report term',
    names: '--cov-report',
    message:
      'pytest-args: "--cov-report" is not accepted: the action measures coverage itself; use the coverage-source input or [tool.coverage.run]',
  },
  {
    input: 'pytest-args',
    value: '--no-cov',
    message:
      'pytest-args: "--no-cov" is not accepted: the action measures coverage itself; set test: false to skip tests',
  },
  {
    input: 'install',
    value: 'foo',
    message: `install: "foo" is not understood; ${INSTALL}`,
  },
  {
    input: 'install',
    value: 'extra:',
    message: `install: "extra:" names nothing after 'extra:'; ${INSTALL}`,
  },
  {
    input: 'install',
    value: 'extras:test',
    message: `install: "extras:test" is not understood; ${INSTALL}`,
  },
  {
    input: 'install',
    value: 'extra:nope',
    message:
      'install: "extra:nope" names an extra that pyproject.toml does not declare; declared extras: test, dev',
  },
  {
    input: 'install',
    value: 'extra:bad name!',
    names: 'extra:bad',
    message:
      'install: "extra:bad" names an extra that pyproject.toml does not declare; declared extras: test, dev',
  },
  {
    input: 'install',
    value: 'extra:bad!',
    message:
      "install: \"extra:bad!\" is not a valid extra name; extras are letters, digits, '-', '_' and '.'",
  },
  {
    input: 'install',
    value: 'group:nope',
    message:
      'install: "group:nope" names a dependency group that pyproject.toml does not declare (in [dependency-groups], [tool.poetry.group.NAME] or [tool.pdm.dev-dependencies]); declared groups: lint, test-tools',
  },
  {
    input: 'install',
    value: 'group:constructor',
    message:
      'install: "group:constructor" names a dependency group that pyproject.toml does not declare (in [dependency-groups], [tool.poetry.group.NAME] or [tool.pdm.dev-dependencies]); declared groups: lint, test-tools',
  },
  {
    input: 'install',
    value: 'requirements:missing.txt',
    message:
      'install: "requirements:missing.txt" names a requirements file that does not exist (looked at <ws>/missing.txt); paths are relative to working-directory',
  },
  {
    input: 'install',
    value: 'none auto',
    message:
      "install: \"none auto\" combines 'none' with other entries; use 'none' alone to install only the project",
  },
  { input: 'build', value: 'yes', message: NOT_BOOL('build', 'yes') },
  { input: 'test', value: '1', message: NOT_BOOL('test', '1') },
  { input: 'build-isolation', value: 'on', message: NOT_BOOL('build-isolation', 'on') },
  {
    input: 'system-site-packages',
    value: 'maybe',
    message: NOT_BOOL('system-site-packages', 'maybe'),
  },
  { input: 'fail-on-test-failure', value: 'yes', message: NOT_BOOL('fail-on-test-failure', 'yes') },
  { input: 'allow-no-tests', value: 'yes', message: NOT_BOOL('allow-no-tests', 'yes') },
  { input: 'subprocess-coverage', value: 'off', message: NOT_BOOL('subprocess-coverage', 'off') },
  {
    input: 'pip-args',
    value: '--index-url "https://x.test/simple',
    message:
      'pip-args: "--index-url \\"https://x.test/simple" cannot be split into arguments (unterminated double quote); quote as in a POSIX shell, e.g. --extra-index-url "https://example.org/simple"',
  },
  {
    input: 'dists-artifact',
    value: 'dists/linux',
    message:
      'dists-artifact: "dists/linux" holds "/", which artifact names cannot; accepted: auto, false, or a name without " : < > | * ? \\ / or line breaks',
  },
  {
    input: 'dists-artifact',
    value: 'a:b',
    message:
      'dists-artifact: "a:b" holds ":", which artifact names cannot; accepted: auto, false, or a name without " : < > | * ? \\ / or line breaks',
  },
  {
    input: 'coverage-source',
    value: 'pkg;rm -rf /',
    names: 'pkg;rm',
    message:
      'coverage-source: "pkg;rm" is neither an import name nor a path; give packages or folders separated by commas, e.g. mypkg,src/other',
  },
  {
    input: 'cache',
    value: 'yes',
    message:
      'cache: "yes" is not understood; accepted: auto (on, except for releases, tag pushes, pull_request_target and workflow_run), true or false',
  },
  {
    input: 'cache-suffix',
    value: 'a,b',
    message:
      "cache-suffix: \"a,b\" holds characters a cache key should not; accepted: up to 100 letters, digits, '.', '_' and '-'",
  },
  {
    input: 'cache-dependency-path',
    value: '../elsewhere/requirements.txt',
    message:
      'cache-dependency-path: "../elsewhere/requirements.txt" is outside the workspace (<ws>); only files inside it are hashed, so give globs relative to it, e.g. requirements/*.txt',
  },
  {
    input: 'python-manifest-url',
    value: 'not a url',
    message:
      'python-manifest-url: "not a url" is not a URL; give an https:// URL of a versions-manifest.json',
  },
  {
    input: 'python-manifest-url',
    value: 'ftp://x/y.json',
    message:
      'python-manifest-url: "ftp://x/y.json" uses ftp:; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
  },
  {
    input: 'publish',
    value: 'yes',
    message:
      'publish: "yes" is not understood; accepted: auto (on tag pushes and published releases), true or false',
  },
  {
    input: 'repository-url',
    value: 'http://pypi.example.org/legacy/',
    message:
      'repository-url: "http://pypi.example.org/legacy/" is http:// on a host that is not loopback, so the token would travel in clear text; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
  },
  {
    input: 'repository-url',
    value: 'http://127.0.0.1.example.org/legacy/',
    message:
      'repository-url: "http://127.0.0.1.example.org/legacy/" is http:// on a host that is not loopback, so the token would travel in clear text; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
  },
  {
    input: 'repository-url',
    value: 'ftp://upload.pypi.org/legacy/',
    message:
      'repository-url: "ftp://upload.pypi.org/legacy/" uses ftp:; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
  },
  {
    input: 'repository-url',
    value: 'upload.pypi.org/legacy/',
    message:
      'repository-url: "upload.pypi.org/legacy/" is not a URL; give the index\'s upload URL, e.g. https://upload.pypi.org/legacy/ or https://test.pypi.org/legacy/',
  },
  {
    input: 'repository-url',
    value: 'https://__token__:pypi-secret@upload.pypi.org/legacy/',
    names: 'https://***@upload.pypi.org/legacy/',
    message:
      'repository-url: "https://***@upload.pypi.org/legacy/" holds a user name or password; give the URL alone and the token as pypi-token (or use Trusted Publishing)',
  },
  {
    input: 'skip-existing',
    value: 'sometimes',
    message: NOT_BOOL('skip-existing', 'sometimes'),
  },
  { input: 'verify-metadata', value: 'no', message: NOT_BOOL('verify-metadata', 'no') },
  {
    input: 'tag-pattern',
    value: 'v1.0.0',
    message:
      'tag-pattern: "v1.0.0" is not a tag glob with a wildcard; the version is what follows the literal prefix, e.g. v* (v1.2.3 -> 1.2.3) or release-* (release-1.2.3 -> 1.2.3)',
  },
  {
    input: 'tag-pattern',
    value: 'v *',
    message:
      'tag-pattern: "v *" is not a tag glob with a wildcard; the version is what follows the literal prefix, e.g. v* (v1.2.3 -> 1.2.3) or release-* (release-1.2.3 -> 1.2.3)',
  },
  ...['v[z-a]*', 'release-[9-0].*'].map((value) => ({
    input: 'tag-pattern' as const,
    value,
    message: `tag-pattern: ${JSON.stringify(value)} has a [...] class that cannot match (range out of order in character class); accepted: a tag glob with * ? or [...] classes such as [0-9], e.g. v* (v1.2.3 -> 1.2.3)`,
  })),
  ...[
    'http://mirror.internal:8080/versions-manifest.json',
    'http://127.0.0.1.example.org/versions-manifest.json',
    'http://10.0.0.1/versions-manifest.json',
  ].map((value) => ({
    input: 'python-manifest-url' as const,
    value,
    message: `python-manifest-url: ${JSON.stringify(value)} is http:// on a host that is not loopback, so the interpreter and its setup.sh would arrive unverified; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)`,
  })),
  {
    input: 'python-manifest-url',
    value: 'file:///etc/passwd',
    message:
      'python-manifest-url: "file:///etc/passwd" uses file:; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
  },
  ...['../../../../etc/passwd', '/etc/passwd', '/proc/self/environ', '..'].map((value) => ({
    input: 'python-version-file' as const,
    value,
    message: `python-version-file: ${JSON.stringify(value)} is outside the workspace (<ws>); ${VERSION_FILE}`,
  })),
  {
    input: 'python-version-file',
    value: 'pin',
    links: { pin: '/proc/self/environ' },
    message: `python-version-file: "pin" ${THROUGH_LINK}; ${VERSION_FILE}`,
  },
  {
    input: 'python-version-file',
    value: 'etc/passwd',
    links: { etc: '/etc' },
    message: `python-version-file: "etc/passwd" ${THROUGH_LINK}; ${VERSION_FILE}`,
  },
  // A file's content shows only as an excerpt: its first line, printable, at most 40 characters.
  ...[
    [`${'x'.repeat(50)}SECRET\n`, `"${'x'.repeat(40)}…"`],
    ['HOME=/root\u0000GITHUB_TOKEN=ghs_SECRET\u0000', '"HOME=/root"'],
    ['\u001b[31mred\u0007\nSECRET', '"?[31mred?"'],
  ].map(([content = '', shown = '']) => ({
    input: 'python-version-file' as const,
    value: '.python-version',
    files: { '.python-version': content },
    names: shown,
    secret: 'SECRET',
    message: `python-version-file (.python-version): ${shown} is not a Python version; ${VERSIONS}`,
  })),
  {
    input: 'python-version-file',
    value: '.python-version',
    files: { '.python-version': 'pypy3.10 and then SECRET\n' },
    names: '"pypy3.10 and then SECRET"',
    message: `python-version-file (.python-version): "pypy3.10 and then SECRET" asks for pypy, which this action does not set up; CPython only, ${VERSIONS}`,
  },
  ...['../outside', '..', '/', '/tmp', '../../..'].map((value) => ({
    input: 'working-directory' as const,
    value,
    message: `working-directory: ${JSON.stringify(value)} is outside the workspace (<ws>); accepted: the Python project's folder inside the workspace, relative to it`,
  })),
  {
    input: 'working-directory',
    value: 'elsewhere',
    links: { elsewhere: '/usr' },
    message: `working-directory: "elsewhere" ${THROUGH_LINK}; accepted: the Python project's folder inside the workspace, relative to it`,
  },
  ...['pyproject.toml', 'setup.cfg', 'setup.py'].map((name) => ({
    input: 'working-directory' as const,
    value: '.',
    files: { 'pyproject.toml': null },
    links: { [name]: '/etc/passwd' },
    message: `working-directory: "." holds ${name}, which ${THROUGH_LINK}; accepted: the project's own files, inside the workspace`,
  })),
  ...['requirements:../../etc/passwd', 'requirements:/etc/passwd'].map((value) => ({
    input: 'install' as const,
    value,
    message: `install: ${JSON.stringify(value)} names a requirements file that is outside the workspace (<ws>); accepted: a file inside the workspace, relative to working-directory`,
  })),
  {
    input: 'install',
    value: 'requirements:req.txt',
    links: { 'req.txt': '/etc/passwd' },
    message: `install: "requirements:req.txt" names a requirements file that ${THROUGH_LINK}; accepted: a file inside the workspace, relative to working-directory`,
  },
  ...['/etc/*.conf', '!../x/*.txt', '/proc/self/*'].map((value) => ({
    input: 'cache-dependency-path' as const,
    value,
    message: `cache-dependency-path: ${JSON.stringify(value)} is outside the workspace (<ws>); only files inside it are hashed, so give globs relative to it, e.g. requirements/*.txt`,
  })),
  {
    input: 'cache-dependency-path',
    value: 'deps/*.txt',
    links: { deps: '/etc' },
    message: `cache-dependency-path: "deps/*.txt" ${THROUGH_LINK}; only files inside it are hashed, so give globs relative to it, e.g. requirements/*.txt`,
  },
  ...['../outside', '/usr/lib', 'src/../../x'].map((value) => ({
    input: 'coverage-source' as const,
    value,
    message: `coverage-source: ${JSON.stringify(value)} is outside the workspace (<ws>); accepted: import names, or folders inside the workspace relative to working-directory, e.g. mypkg,src/other`,
  })),
]

describe('loadConfig with bad inputs', () => {
  it('has a good number of cases', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30)
  })

  it.each(BAD_INPUTS)('$input: $value', (bad) => {
    const { input, value, message, files = {}, links = {}, names, secret } = bad
    const workspace = createPythonProject(files)
    for (const [link, target] of Object.entries(links))
      symlinkSync(target, path.join(workspace, link))
    const error = failure(() =>
      loadConfig(createInputs({ [input]: value }), { workspace, defaultArchitecture: 'x64' }),
    )
    const expected = message.replaceAll('<ws>', workspace)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(expected)
    expect(error.message).not.toContain('\n')
    expect(error.message.startsWith(`${input}`)).toBe(true)
    const named = (names ?? value).replaceAll('<ws>', workspace)
    expect(error.message).toContain(names ? named : JSON.stringify(named))
    if (secret !== undefined) expect(error.message).not.toContain(secret)
  })

  it('refuses a .python-version that is a link out of the workspace, without reading it', () => {
    const workspace = createPythonProject()
    symlinkSync('/proc/self/environ', path.join(workspace, '.python-version'))
    const error = failure(() =>
      loadConfig(createInputs({}), { workspace, defaultArchitecture: 'x64' }),
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(
      `.python-version: ${JSON.stringify(path.join(workspace, '.python-version'))} leads outside the workspace (${workspace}) through a symbolic link; accepted: a file inside the workspace holding the version, or the python-version input`,
    )
  })

  it('names pyproject.toml when its requires-python is not a version', () => {
    const error = failure(() =>
      load({}, { 'pyproject.toml': '[project]\nname = "x"\nrequires-python = "py3"\n' }),
    )
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(
      `pyproject.toml requires-python: "py3" is not a Python version; ${VERSIONS}`,
    )
  })
})

describe('changed-lines inputs', () => {
  it('default to no threshold, annotations on, the base from the pull request', () => {
    const { config } = load()
    expect(config.failUnderDiff).toBeUndefined()
    expect(config.annotateUncovered).toBe(true)
    expect(config.diffBase).toBeUndefined()
  })

  it.each([
    [{ 'fail-under-diff': '80' }, { failUnderDiff: 80 }],
    [{ 'fail-under-diff': '92.5%' }, { failUnderDiff: 92.5 }],
    [{ 'annotate-uncovered': 'false' }, { annotateUncovered: false }],
    [{ 'diff-base': 'origin/main' }, { diffBase: 'origin/main' }],
    [{ 'diff-base': ' v1.2.0 ' }, { diffBase: 'v1.2.0' }],
    [{ 'diff-base': 'HEAD~3' }, { diffBase: 'HEAD~3' }],
    [{ 'diff-base': '1a2b3c4d' }, { diffBase: '1a2b3c4d' }],
  ] as const)('read %j', (inputs, expected) => {
    expect(load(inputs).config).toMatchObject(expected)
  })
})

describe('comment inputs', () => {
  it('default to a comment on pull request events, the token left to the workflow', () => {
    const { config } = load()
    expect(config.comment).toEqual({ mode: 'auto', id: '' })
    expect(config.githubToken).toBeUndefined()
    expect(config.failUnder).toBeUndefined()
  })

  it.each([
    [
      { comment: 'ON-CHANGE', 'comment-id': 'py3.12 ubuntu' },
      { comment: { mode: 'on-change', id: 'py3.12 ubuntu' } },
    ],
    [
      { comment: 'off', 'github-token': ' ghs_x ' },
      { comment: { mode: 'off' }, githubToken: 'ghs_x' },
    ],
  ] as const)('read %j', (inputs, expected) => {
    expect(load(inputs).config).toMatchObject(expected)
  })

  it.each([
    ['80', 80],
    ['92.5', 92.5],
    ['100%', 100],
    ['0', 0],
  ])('fail-under %s', (raw, expected) => {
    expect(load({ 'fail-under': raw }).config.failUnder).toBe(expected)
  })

  it.each([
    ['', undefined],
    ['0', 0],
    ['0.5', 0.5],
    [' 2 ', 2],
    ['100', 100],
  ])('max-coverage-drop %j', (raw, expected) => {
    expect(load({ 'max-coverage-drop': raw }).config.maxCoverageDrop).toBe(expected)
  })

  it.each([
    ['', true],
    ['auto', true],
    ['TRUE', true],
    ['false', false],
  ])('lint %j', (raw, expected) => {
    expect(load({ lint: raw }).config.lint).toBe(expected)
  })

  it.each([
    ['', 20],
    ['0', 0],
    ['1', 1],
    [' 50 ', 50],
    ['100', 100],
  ])('history-window %j', (raw, expected) => {
    expect(load({ 'history-window': raw }).config.historyWindow).toBe(expected)
  })

  it.each([
    ['', undefined],
    ['30', 30],
    ['1.5', 1.5],
    [' 0.2 ', 0.2],
    ['360', 360],
  ])('test-timeout %j', (raw, expected) => {
    expect(load({ 'test-timeout': raw }).config.testTimeoutMinutes).toBe(expected)
  })
})

describe('publish inputs', () => {
  it('default to publishing tags v* to PyPI by Trusted Publishing, metadata checked', () => {
    const { config } = load()
    expect(config.publish).toMatchObject({
      mode: 'auto',
      repositoryUrl: 'https://upload.pypi.org/legacy/',
      token: undefined,
      skipExisting: false,
      verifyMetadata: true,
      tagPattern: { text: 'v*', prefix: 'v' },
    })
  })

  it.each([
    'http://127.0.0.1:8080/legacy/',
    'http://127.1.2.3/legacy/',
    'http://localhost:3141/legacy/',
    'http://[::1]:3141/legacy/',
    'https://test.pypi.org/legacy/',
  ])('accept %s', (url) => {
    expect(load({ 'repository-url': url }).config.publish.repositoryUrl).toBe(url)
  })

  it('keep the token, never naming it in a warning', () => {
    const { config, warnings } = load({ 'pypi-token': '  not-a-pypi-token  ' })
    expect(config.publish.token).toBe('not-a-pypi-token')
    expect(warnings).toEqual([
      'pypi-token does not start with "pypi-", as PyPI API tokens do; the upload will likely be refused',
    ])
  })

  it('never name the token when another input is wrong', () => {
    const error = failure(() => load({ 'pypi-token': 'pypi-SECRET', publish: 'maybe' }))
    expect(error.message).not.toContain('pypi-SECRET')
  })
})
