import { describe, expect, it } from '@jest/globals'
import { pipInstallArgs, planInstall } from '../../src/install/plan.js'
import { createConfig, createProjectInfo, DEMO_DIR } from '../helpers/config.js'

const none = () => false

describe('planInstall', () => {
  it('auto picks the test extras, groups and requirement files by their usual names', () => {
    const config = createConfig({
      project: createProjectInfo({
        extras: ['test', 'docs', 'dev'],
        dependencyGroups: { dev: ['pytest', { 'include-group': 'lint' }], lint: ['ruff'] },
      }),
    })
    const plan = planInstall(config, [], (f) => f === `${DEMO_DIR}/requirements-dev.txt`)
    expect(plan.extras).toEqual(['test', 'dev'])
    expect(plan.groups).toEqual(['dev'])
    expect(plan.requirementFiles).toEqual([`${DEMO_DIR}/requirements-dev.txt`])
    expect(plan.requirements).toEqual(['pytest', 'ruff'])
    expect(plan.notes[0]).toBe(
      'test dependencies: extra test, extra dev, group dev, requirements-dev.txt',
    )
  })

  it('says why auto picked no extras when they are not static', () => {
    const config = createConfig({
      project: createProjectInfo({ extras: undefined, dependencyGroups: {} }),
    })
    const plan = planInstall(config, ['pytest'], none)
    expect(plan.extras).toEqual([])
    expect(plan.requirements).toEqual(['pytest'])
    expect(plan.notes).toEqual([
      'test dependencies: none found',
      'extras are not declared statically in pyproject.toml, so none were picked by auto; name them with extra:NAME',
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
    const plan = planInstall(config, [], () => true)
    expect(plan.extras).toEqual(['docs'])
    expect(plan.requirementFiles).toEqual(['/r/req.txt'])
  })

  it('none installs the project alone, plus missing tools', () => {
    const config = createConfig({
      install: { none: true, auto: false, extras: [], groups: [], requirements: [] },
    })
    const plan = planInstall(config, ['coverage'], () => true)
    expect(pipInstallArgs(config, plan)).toEqual([DEMO_DIR, 'coverage'])
  })
})

describe('pipInstallArgs', () => {
  it('puts pip-args first, then isolation, the project with extras and the rest', () => {
    const config = createConfig({ pipArgs: ['--pre', '-v'], buildIsolation: false })
    const plan = {
      extras: ['test', 'dev'],
      groups: [],
      requirementFiles: ['/a.txt'],
      requirements: ['pytest'],
      notes: [],
    }
    expect(pipInstallArgs(config, plan)).toEqual([
      '--pre',
      '-v',
      '--no-build-isolation',
      `${DEMO_DIR}[test,dev]`,
      '-r',
      '/a.txt',
      'pytest',
    ])
  })
})
