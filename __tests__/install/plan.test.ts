import { symlinkSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  diskFiles,
  type ProjectFiles,
  pipInstallArgs,
  planInstall,
} from '../../src/install/plan.js'
import { InstallError } from '../../src/install/venv.js'
import { createConfig, createProjectInfo, DEMO_DIR } from '../helpers/config.js'
import { createWorkspace, removeWorkspaces } from '../helpers/workspace.js'

afterEach(removeWorkspaces)

const SCRATCH = '/tmp/python-ci/requirements'

/** A project's files by path relative to DEMO_DIR. */
function filesOf(files: Readonly<Record<string, string>> = {}): ProjectFiles {
  const at = (f: string) => files[f.slice(DEMO_DIR.length + 1)]
  return {
    list: (dir) => {
      const prefix = dir === DEMO_DIR ? '' : `${dir.slice(DEMO_DIR.length + 1)}/`
      return Object.keys(files)
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length))
    },
    read: at,
    exists: (f) => at(f) !== undefined,
    outside: (f) => (f.endsWith('-outside.txt') ? 'leads outside the workspace' : undefined),
  }
}

describe('planInstall', () => {
  it('auto picks the test extras, groups and requirement files by their usual names', () => {
    const config = createConfig({
      project: createProjectInfo({
        extras: ['test', 'docs', 'dev'],
        dependencyGroups: { dev: ['pytest', { 'include-group': 'lint' }], lint: ['ruff'] },
      }),
    })
    const plan = planInstall(config, [], SCRATCH, filesOf({ 'requirements-dev.txt': 'x\n' }))
    expect(plan.extras).toEqual(['test', 'dev'])
    expect(plan.groups).toEqual(['dev'])
    expect(plan.requirementFiles).toEqual([`${DEMO_DIR}/requirements-dev.txt`])
    expect(plan.requirements).toEqual(['pytest', 'ruff'])
    expect(plan.notes).toEqual([
      'test dependencies: extra test, extra dev, group dev (pyproject.toml), requirements-dev.txt',
    ])
  })

  it('finds requirement files under requirements/ and tests/, and says where', () => {
    const config = createConfig({
      project: createProjectInfo({ extras: [], dependencyGroups: {} }),
    })
    const plan = planInstall(
      config,
      [],
      SCRATCH,
      filesOf({
        'requirements/tests.txt': '-r base.txt\n',
        'requirements/base.txt': 'attrs\n',
        'requirements/docs.txt': 'sphinx\n',
        'tests/requirements.txt': 'pytest\n',
      }),
    )
    expect(plan.requirementFiles).toEqual([
      `${DEMO_DIR}/requirements/tests.txt`,
      `${DEMO_DIR}/tests/requirements.txt`,
    ])
    expect(plan.copies).toEqual([])
    expect(plan.notes).toEqual([
      'test dependencies: requirements/tests.txt, tests/requirements.txt',
    ])
  })

  it('installs the project once when a requirement file installs it too, with its extras', () => {
    const config = createConfig({
      project: createProjectInfo({ extras: ['test'], dependencyGroups: {} }),
    })
    const plan = planInstall(
      config,
      [],
      SCRATCH,
      filesOf({ 'tests/requirements.txt': '-e .[test,yaml]\npytest\n' }),
    )
    expect(plan.extras).toEqual(['test', 'yaml'])
    expect(plan.requirementFiles).toEqual([`${SCRATCH}/1-requirements.txt`])
    expect(plan.copies.map((c) => c.text)).toEqual([
      '# -e .[test,yaml]  (the project itself: installed by the action)\npytest\n',
    ])
    expect(plan.notes).toEqual([
      'test dependencies: extra test, tests/requirements.txt',
      "tests/requirements.txt: '-e .[test,yaml]' is the project itself, which the action installs once (not editable); that line is left out",
    ])
    expect(pipInstallArgs(config, plan)).toEqual([
      `${DEMO_DIR}[test,yaml]`,
      '-r',
      `${SCRATCH}/1-requirements.txt`,
    ])
  })

  it("takes Poetry's and PDM's test groups, converted, one line each", () => {
    const config = createConfig({
      project: createProjectInfo({
        extras: [],
        dependencyGroups: {},
        poetryGroups: {
          dev: { dependencies: { pytest: '^8.0', tox: '^3 || ^4' }, includeGroups: [] },
          docs: { dependencies: { sphinx: '*' }, includeGroups: [] },
        },
        pdmGroups: { test: ['hypothesis>=6'] },
      }),
    })
    const plan = planInstall(config, ['coverage'], SCRATCH, filesOf())
    expect(plan.groups).toEqual(['test', 'dev'])
    expect(plan.requirements).toEqual(['hypothesis>=6', 'pytest>=8.0,<9.0', 'tox', 'coverage'])
    expect(plan.notes).toEqual([
      'test dependencies: pdm group test (pyproject.toml), poetry group dev (pyproject.toml)',
      'pdm group test: hypothesis>=6',
      'poetry group dev: pytest>=8.0,<9.0, tox',
      "poetry group dev: tox: version '^3 || ^4' has alternatives (||), which PEP 508 cannot say; any version",
      'tools the environment lacks: coverage',
    ])
  })

  it('names the groups it left alone when it found nothing', () => {
    const config = createConfig({
      project: createProjectInfo({
        extras: [],
        dependencyGroups: { lint: ['ruff'] },
        poetryGroups: { docs: { dependencies: { sphinx: '*' }, includeGroups: [] } },
      }),
    })
    expect(planInstall(config, [], SCRATCH, filesOf()).notes).toEqual([
      'test dependencies: none found',
      'groups that auto leaves alone: docs, lint; name one with group:NAME',
    ])
  })

  it.each([
    [
      'dynamic extras',
      { pyproject: { project: { name: 'x', dynamic: ['optional-dependencies'] } } },
      'extras are dynamic in pyproject.toml, so auto picked none; name them with extra:NAME',
    ],
    [
      'a setup.py project',
      { pyproject: undefined, hasSetupPy: true },
      'extras of a setup.py or setup.cfg project are not read without running it, so auto picked none; name them with extra:NAME',
    ],
  ])('says why auto picked no extras for %s', (_, project, hint) => {
    const config = createConfig({
      project: createProjectInfo({ extras: undefined, dependencyGroups: {}, ...project }),
    })
    const plan = planInstall(config, ['pytest'], SCRATCH, filesOf())
    expect(plan.extras).toEqual([])
    expect(plan.requirements).toEqual(['pytest'])
    expect(plan.notes).toEqual([
      'test dependencies: none found',
      hint,
      'tools the environment lacks: pytest',
    ])
  })

  it('installs only what was named when auto is off', () => {
    const config = createConfig({
      install: {
        none: false,
        auto: false,
        extras: ['docs'],
        groups: [],
        requirements: ['/r/req.txt'],
      },
      project: createProjectInfo({ extras: ['test', 'docs'] }),
    })
    const plan = planInstall(config, [], SCRATCH, filesOf({ 'requirements-dev.txt': 'x\n' }))
    expect(plan.extras).toEqual(['docs'])
    expect(plan.requirementFiles).toEqual(['/r/req.txt'])
  })

  it('auto refuses a requirements file that leads out of the workspace, naming it', () => {
    const config = createConfig()
    const files = filesOf({ 'requirements-dev.txt': 'x\n', 'tests/requirements-outside.txt': '' })
    expect(() => planInstall(config, [], SCRATCH, files)).toThrow(
      new InstallError(
        'install: auto found tests/requirements-outside.txt, a requirements file that leads outside the workspace; accepted: files inside the workspace, or name the ones to use with requirements:PATH',
      ),
    )
  })

  it('on disk, lists links to files and says which lead out of the workspace', () => {
    const workspace = createWorkspace({ 'requirements/dev.txt': 'ruff\n' })
    symlinkSync('requirements/dev.txt', path.join(workspace, 'requirements-dev.txt'))
    symlinkSync('/etc/passwd', path.join(workspace, 'requirements-test.txt'))
    symlinkSync('/nonexistent', path.join(workspace, 'requirements-tests.txt'))
    const files = diskFiles(workspace)
    expect([...files.list(workspace)].sort()).toEqual([
      'requirements-dev.txt',
      'requirements-test.txt',
    ])
    expect(files.outside(path.join(workspace, 'requirements-dev.txt'))).toBeUndefined()
    expect(files.outside(path.join(workspace, 'requirements-test.txt'))).toBe(
      `leads outside the workspace (${workspace}) through a symbolic link`,
    )
  })

  it('none installs the project alone, plus missing tools', () => {
    const config = createConfig({
      install: { none: true, auto: false, extras: [], groups: [], requirements: [] },
    })
    const plan = planInstall(config, ['coverage'], SCRATCH, filesOf({ 'requirements-dev.txt': '' }))
    expect(pipInstallArgs(config, plan)).toEqual([DEMO_DIR, '--', 'coverage'])
  })
})

describe('pipInstallArgs', () => {
  it('puts pip-args first, then isolation, the project with extras and the rest', () => {
    const config = createConfig({ pipArgs: ['--pre', '-v'], buildIsolation: false })
    const plan = { extras: ['test', 'dev'], requirementFiles: ['/a.txt'], requirements: ['pytest'] }
    expect(pipInstallArgs(config, plan)).toEqual([
      '--pre',
      '-v',
      '--no-build-isolation',
      `${DEMO_DIR}[test,dev]`,
      '-r',
      '/a.txt',
      // Nothing after it passes for an option: requirements come from the project's files.
      '--',
      'pytest',
    ])
  })
})
