import { afterEach, describe, expect, it } from '@jest/globals'
import { resolveGroup } from '../../src/install/groups.js'
import { ProjectError, readProject } from '../../src/project.js'
import { createProjectInfo } from '../helpers/config.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterEach(removeWorkspaces)

const DIR = '/work/demo'
// biome-ignore lint/suspicious/noTemplateCurlyInString: PDM's placeholder, verbatim
const ROOT = '${PROJECT_ROOT}'

describe('resolveGroup', () => {
  it('reads every source that declares the group, each labelled for the log', () => {
    const project = createProjectInfo({
      dir: DIR,
      name: 'demo',
      dependencyGroups: { dev: ['ruff'] },
      poetryGroups: { dev: { dependencies: { pytest: '^8.1' }, includeGroups: [] } },
      pdmGroups: { dev: ['mypy>=1'] },
    })
    expect(resolveGroup(project, 'Dev')).toEqual([
      { source: 'group dev (pyproject.toml)', requirements: ['ruff'], extras: [], notes: [] },
      {
        source: 'poetry group dev (pyproject.toml)',
        requirements: ['pytest>=8.1,<9.0'],
        extras: [],
        notes: [],
      },
      {
        source: 'pdm group dev (pyproject.toml)',
        requirements: ['mypy>=1'],
        extras: [],
        notes: [],
      },
    ])
  })

  it("expands Poetry's include-groups, and fails on a cycle", () => {
    const project = createProjectInfo({
      poetryGroups: {
        lint: { dependencies: { ruff: '*' }, includeGroups: [] },
        test: { dependencies: { pytest: '~8.2' }, includeGroups: ['lint'] },
        a: { dependencies: {}, includeGroups: ['b'] },
        b: { dependencies: {}, includeGroups: ['a'] },
      },
    })
    expect(resolveGroup(project, 'test')[0]?.requirements).toEqual(['ruff', 'pytest>=8.2,<8.3'])
    expect(() => resolveGroup(project, 'a')).toThrow(
      new ProjectError("poetry group 'a' includes itself (a -> b -> a)"),
    )
  })

  it('turns an entry naming the project itself into its extras', () => {
    const project = createProjectInfo({
      name: 'Demo_Pkg',
      dependencyGroups: { test: ['demo-pkg[test,yaml]', 'pytest'] },
    })
    expect(resolveGroup(project, 'test')).toEqual([
      {
        source: 'group test (pyproject.toml)',
        requirements: ['pytest'],
        extras: ['test', 'yaml'],
        notes: ["'demo-pkg[test,yaml]' is the project itself, installed by the action"],
      },
    ])
  })

  it.each([
    ['pytest>=8', 'pytest>=8', undefined],
    ['-e ./libs/helper', `${DIR}/libs/helper`, "'-e ./libs/helper': installed, not editable"],
    [
      `-e file:///${ROOT}/libs/helper`,
      `${DIR}/libs/helper`,
      `'-e file:///${ROOT}/libs/helper': installed, not editable`,
    ],
    [
      '-e git+https://github.com/o/click.git@main#egg=click',
      'click @ git+https://github.com/o/click.git@main',
      "'-e git+https://github.com/o/click.git@main#egg=click': installed, not editable",
    ],
    [
      '-e git+https://h/r.git#egg=r&subdirectory=py',
      'r @ git+https://h/r.git#subdirectory=py',
      "'-e git+https://h/r.git#egg=r&subdirectory=py': installed, not editable",
    ],
    [`helper @ file:///${ROOT}/libs/helper`, `helper @ file://${DIR}/libs/helper`, undefined],
  ])('pdm entry %j -> %j', (entry, requirement, note) => {
    const project = createProjectInfo({
      dir: DIR,
      dependencyGroups: {},
      pdmGroups: { dev: [entry] },
    })
    const [source] = resolveGroup(project, 'dev')
    expect(source?.requirements).toEqual([requirement])
    expect(source?.notes).toEqual(note === undefined ? [] : [note])
  })

  it.each([
    ['-e .[test]', ['test']],
    [`-e file:///${ROOT}/#egg=demo`, []],
  ])('leaves out the pdm entry %j, the project itself, keeping its extras', (entry, extras) => {
    const project = createProjectInfo({
      dir: DIR,
      dependencyGroups: {},
      pdmGroups: { dev: [entry, 'pytest'] },
    })
    expect(resolveGroup(project, 'dev')).toEqual([
      {
        source: 'pdm group dev (pyproject.toml)',
        requirements: ['pytest'],
        extras,
        notes: [`'${entry}' is the project itself, installed by the action`],
      },
    ])
  })

  it('fails on a group no source declares', () => {
    expect(() => resolveGroup(createProjectInfo(), 'docs')).toThrow(
      new ProjectError("dependency group 'docs' is not defined"),
    )
  })

  it('reads a classic Poetry project as readProject stores it', () => {
    const dir = createWorkspace({
      'pyproject.toml': `[tool.poetry]
name = "classic"
version = "1.0.0"

[tool.poetry.dependencies]
python = "^3.9"

[tool.poetry.dev-dependencies]
black = "^23.1"

[tool.poetry.group.dev.dependencies]
pytest = { version = "^7.4", extras = ["testing"] }

[tool.poetry.group.Docs]
optional = true

[tool.poetry.group.Docs.dependencies]
sphinx = "*"
`,
    })
    const project = readProject(dir)
    expect(resolveGroup(project, 'dev')[0]?.requirements).toEqual([
      'black>=23.1,<24.0',
      'pytest[testing]>=7.4,<8.0',
    ])
    expect(resolveGroup(project, 'docs')[0]?.requirements).toEqual(['sphinx'])
  })
})
