/**
 * Factories for configs and inputs in unit tests: createConfig(overrides)
 * builds a valid frozen Config without touching the file system;
 * createInputs(overrides) is an InputReader as core.getInput would be.
 */
import type { Config, InputName, InputReader } from '../../src/config.js'
import { parseTagPattern } from '../../src/config.js'
import type { ProjectInfo } from '../../src/project.js'
import { parseVersionSpec, type VersionSpec } from '../../src/version-spec.js'

export type Inputs = Partial<Record<InputName, string>>

/** Reads `overrides`; any other input reads as '' (not set), as core.getInput returns it. */
export function createInputs(overrides: Inputs = {}): InputReader {
  return (name) => overrides[name] ?? ''
}

export const DEMO_DIR = '/workspace/demo'

function spec(text: string): VersionSpec {
  const parsed = parseVersionSpec(text, 'python-version')
  if (!parsed) throw new Error(`test spec ${text} does not parse`)
  return parsed
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

export function createProjectInfo(overrides: Partial<ProjectInfo> = {}): ProjectInfo {
  return {
    dir: DEMO_DIR,
    pyproject: {
      project: { name: 'demo', version: '0.1.0', 'requires-python': '>=3.10' },
    },
    hasSetupPy: false,
    hasSetupCfg: false,
    name: 'demo',
    requiresPython: '>=3.10',
    buildBackend: 'hatchling.build',
    extras: ['test'],
    dependencyGroups: { dev: ['pytest'] },
    poetryGroups: {},
    pdmGroups: {},
    ...overrides,
  }
}

/** What loadConfig gives for python-version 3.12 and defaults elsewhere, with `overrides` applied. */
export function createConfig(overrides: Partial<Config> = {}): Config {
  return deepFreeze<Config>({
    pythonSpec: spec('3.12'),
    architecture: 'x64',
    workingDirectory: DEMO_DIR,
    repoPrefix: '',
    distsArtifact: 'auto',
    project: createProjectInfo(),
    install: { none: false, auto: true, extras: [], groups: [], requirements: [] },
    pipArgs: [],
    systemSitePackages: false,
    build: true,
    buildIsolation: true,
    test: true,
    pytestArgs: [],
    coverageSource: [],
    subprocessCoverage: true,
    failOnTestFailure: true,
    allowNoTests: false,
    testTimeoutMinutes: undefined,
    pythonManifestUrl:
      'https://raw.githubusercontent.com/actions/python-versions/main/versions-manifest.json',
    cache: { mode: 'auto', dependencyPatterns: [`${DEMO_DIR}/pyproject.toml`], suffix: '' },
    publish: {
      mode: 'auto',
      repositoryUrl: 'https://upload.pypi.org/legacy/',
      token: undefined,
      skipExisting: false,
      verifyMetadata: true,
      // biome-ignore lint/style/noNonNullAssertion: a constant pattern that parses
      tagPattern: parseTagPattern('v*')!,
    },
    comment: { mode: 'auto', id: '' },
    githubToken: undefined,
    failUnder: undefined,
    historyWindow: 20,
    lint: true,
    failUnderDiff: undefined,
    maxCoverageDrop: undefined,
    annotateUncovered: true,
    diffBase: undefined,
    ...overrides,
  })
}
