import { afterEach, describe, expect, it } from '@jest/globals'
import {
  declaredGroups,
  normalizeName,
  ProjectError,
  readProject,
  resolveDependencyGroup,
} from '../src/project.js'
import {
  createPythonProject,
  createWorkspace,
  DEMO_PYPROJECT,
  removeWorkspaces,
} from './helpers/workspace.js'

afterEach(removeWorkspaces)

describe('readProject', () => {
  it('reads the demo project', () => {
    const dir = createPythonProject({ 'setup.cfg': '[metadata]\n' })
    const project = readProject(dir)
    expect(project).toEqual({
      dir,
      pyproject: expect.objectContaining({
        project: expect.objectContaining({ name: 'Demo_Pkg' }),
      }),
      hasSetupPy: false,
      hasSetupCfg: true,
      name: 'Demo_Pkg',
      requiresPython: '>=3.10',
      buildBackend: 'hatchling.build',
      extras: ['test', 'dev'],
      dependencyGroups: {
        lint: ['ruff'],
        'test-tools': ['pytest', { 'include-group': 'lint' }],
      },
      poetryGroups: {},
      pdmGroups: {},
    })
  })

  it('reads a setup.py project without pyproject.toml', () => {
    const dir = createWorkspace({ 'setup.py': 'from setuptools import setup\nsetup()\n' })
    expect(readProject(dir)).toEqual({
      dir,
      pyproject: undefined,
      hasSetupPy: true,
      hasSetupCfg: false,
      name: undefined,
      requiresPython: undefined,
      buildBackend: undefined,
      extras: undefined,
      dependencyGroups: {},
      poetryGroups: {},
      pdmGroups: {},
    })
  })

  it("reads Poetry's groups, its dev-dependencies as dev, and a classic project's name and extras", () => {
    const dir = createWorkspace({
      'pyproject.toml': `[tool.poetry]
name = "classic"
version = "1.0.0"

[tool.poetry.extras]
YAML = ["pyyaml"]

[tool.poetry.dev-dependencies]
black = "^23"

[tool.poetry.group.dev.dependencies]
pytest = "^7"

[tool.poetry.group.Test_Suite]
include-groups = ["Dev", 3]

[tool.poetry.group.Test_Suite.dependencies]
hypothesis = "*"
`,
    })
    const project = readProject(dir)
    expect(project).toMatchObject({
      name: 'classic',
      extras: ['yaml'],
      poetryGroups: {
        dev: { dependencies: { black: '^23', pytest: '^7' }, includeGroups: [] },
        'test-suite': { dependencies: { hypothesis: '*' }, includeGroups: ['dev'] },
      },
      pdmGroups: {},
    })
    expect(declaredGroups(project)).toEqual(['dev', 'test-suite'])
  })

  it("reads PDM's dev-dependencies; a [project] table's extras win over Poetry's", () => {
    const dir = createWorkspace({
      'pyproject.toml': `[project]
name = "modern"
[project.optional-dependencies]
test = []
[tool.poetry.extras]
other = []
[tool.pdm.dev-dependencies]
Lint = ["ruff"]
test = ["pytest", "-e file:///\${PROJECT_ROOT}/libs/helper"]
[dependency-groups]
docs = ["sphinx"]
`,
    })
    const project = readProject(dir)
    expect(project).toMatchObject({
      name: 'modern',
      extras: ['test'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: PDM's placeholder, verbatim
      pdmGroups: { lint: ['ruff'], test: ['pytest', '-e file:///${PROJECT_ROOT}/libs/helper'] },
    })
    expect(declaredGroups(project)).toEqual(['docs', 'lint', 'test'])
  })

  it.each([
    ['no [project] table', '[tool.black]\nline-length = 100\n', undefined],
    ['dynamic extras', '[project]\nname = "x"\ndynamic = ["optional-dependencies"]\n', undefined],
    ['no extras', '[project]\nname = "x"\n', []],
    [
      'extras to normalise',
      '[project]\nname = "x"\n[project.optional-dependencies]\nTest_Suite = []\n"docs.extra" = []\n',
      ['test-suite', 'docs-extra'],
    ],
  ])('with %s, extras are %j', (_, pyproject, extras) => {
    expect(readProject(createWorkspace({ 'pyproject.toml': pyproject })).extras).toEqual(extras)
  })

  it('ignores fields of the wrong type', () => {
    const dir = createWorkspace({
      'pyproject.toml':
        '[project]\nname = 1\nrequires-python = [">=3.10"]\n[build-system]\nbuild-backend = 2\n[dependency-groups]\ntest = "pytest"\n',
    })
    expect(readProject(dir)).toMatchObject({
      name: undefined,
      requiresPython: undefined,
      buildBackend: undefined,
      dependencyGroups: { test: [] },
    })
  })

  it('fails with ProjectError on invalid TOML', () => {
    const dir = createWorkspace({ 'pyproject.toml': `${DEMO_PYPROJECT}\n[project\n` })
    const read = () => readProject(dir)
    expect(read).toThrow(ProjectError)
    expect(read).toThrow(
      new ProjectError(
        `pyproject.toml in ${dir} is not valid TOML: Invalid TOML document: illegal character in key`,
      ),
    )
  })
})

describe('normalizeName', () => {
  it.each([
    ['Test_Tools', 'test-tools'],
    ['docs.extra', 'docs-extra'],
    ['a-_.b', 'a-b'],
    ['DEV', 'dev'],
  ])('%j -> %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected)
  })
})

describe('resolveDependencyGroup', () => {
  const groups = {
    lint: ['ruff', 'mypy'],
    typing: ['types-requests', { 'include-group': 'Lint' }],
    test: ['pytest', { 'include-group': 'typing' }, 'coverage'],
    a: [{ 'include-group': 'b' }],
    b: ['x', { 'include-group': 'a' }],
    self: [{ 'include-group': 'SELF' }],
    dangling: [{ 'include-group': 'nope' }],
    odd: [42],
    'odd-table': [{ include: 'lint' }],
  }

  it.each([
    ['lint', ['ruff', 'mypy']],
    ['typing', ['types-requests', 'ruff', 'mypy']],
    ['test', ['pytest', 'types-requests', 'ruff', 'mypy', 'coverage']],
    ['TEST', ['pytest', 'types-requests', 'ruff', 'mypy', 'coverage']],
    ['Typing', ['types-requests', 'ruff', 'mypy']],
  ])('%s -> %j', (name, expected) => {
    expect(resolveDependencyGroup(groups, name)).toEqual(expected)
  })

  it('expands includes whose names need normalising, as readProject stores them', () => {
    const dir = createPythonProject()
    const { dependencyGroups } = readProject(dir)
    expect(resolveDependencyGroup(dependencyGroups, 'Test_Tools')).toEqual(['pytest', 'ruff'])
    expect(resolveDependencyGroup(dependencyGroups, 'test.tools')).toEqual(['pytest', 'ruff'])
  })

  it('repeats a group included twice', () => {
    expect(
      resolveDependencyGroup(
        {
          base: ['x'],
          one: [{ 'include-group': 'base' }],
          two: [{ 'include-group': 'base' }],
          all: [{ 'include-group': 'one' }, { 'include-group': 'two' }],
        },
        'all',
      ),
    ).toEqual(['x', 'x'])
  })

  it.each([
    ['a', "dependency group 'a' includes itself (a -> b -> a)"],
    ['b', "dependency group 'b' includes itself (b -> a -> b)"],
    ['self', "dependency group 'SELF' includes itself (self -> self)"],
    ['nope', "dependency group 'nope' is not defined"],
    ['dangling', "dependency group 'nope' is not defined"],
    ['constructor', "dependency group 'constructor' is not defined"],
    ['odd', "dependency group 'odd' has an entry that is neither a string nor an include-group"],
    [
      'odd-table',
      "dependency group 'odd-table' has an entry that is neither a string nor an include-group",
    ],
  ])('%s fails: %s', (name, message) => {
    expect(() => resolveDependencyGroup(groups, name)).toThrow(new ProjectError(message))
  })
})
