import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { actionMode, ConfigError, loadPublishJobConfig } from '../src/config.js'
import { createInputs, type Inputs } from './helpers/config.js'

// A publish job has no checkout: an empty workspace must do.
const workspace = mkdtempSync(path.join(os.tmpdir(), 'publish-config-'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const load = (inputs: Inputs) =>
  loadPublishJobConfig(createInputs(inputs), { workspace, defaultArchitecture: 'x64' })

function message(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('actionMode', () => {
  it.each([
    ['', 'test'],
    ['test', 'test'],
    ['publish', 'publish'],
    ['Publish', 'publish'],
  ])('%j -> %s', (raw, mode) => expect(actionMode(createInputs({ mode: raw }))).toBe(mode))

  it.each(['release', 'report', 'publish,test'])('refuses %j in one line', (raw) => {
    const text = message(() => actionMode(createInputs({ mode: raw })))
    expect(text).toBe(
      `mode: ${JSON.stringify(raw)} is not understood; accepted: test (set up, install, build and test the project) or publish (upload the dists artifact of this run's test job)`,
    )
  })
})

describe('loadPublishJobConfig', () => {
  it('needs no project in the workspace and takes the defaults', () => {
    const { config, warnings } = load({})
    expect(warnings).toEqual([])
    expect(config.distsArtifact).toBe('auto')
    expect(config.pythonSpec).toBeUndefined()
    expect(config.publish.mode).toBe('auto')
    expect(config.publish.token).toBeUndefined()
    expect(config.publish.tagPattern.text).toBe('v*')
    expect(Object.isFrozen(config.publish)).toBe(true)
  })

  it('takes a named artifact, a Python version and a token', () => {
    const { config } = load({
      'dists-artifact': 'dists-demo-test-linux-x64-py3.12',
      'python-version': '3.12',
      'pypi-token': 'pypi-abcdef',
    })
    expect(config.distsArtifact).toBe('dists-demo-test-linux-x64-py3.12')
    expect(config.pythonSpec?.text).toBe('3.12')
    expect(config.publish.token).toBe('pypi-abcdef')
  })

  it.each<[Inputs, string]>([
    [
      { 'dists-artifact': 'false' },
      'dists-artifact: "false" leaves mode: publish nothing to publish; accepted: auto (the only dists-* artifact of this run) or the name the test job gave as its dists-artifact output',
    ],
    [
      { 'dists-artifact': 'a/b' },
      'dists-artifact: "a/b" holds "/", which artifact names cannot; accepted: auto, false, or a name without " : < > | * ? \\ / or line breaks',
    ],
    [
      { publish: 'yes' },
      'publish: "yes" is not understood; accepted: auto (on tag pushes and published releases), true or false',
    ],
    [
      { 'repository-url': 'http://pypi.example.org/legacy/' },
      'repository-url: "http://pypi.example.org/legacy/" is http:// on a host that is not loopback, so the token would travel in clear text; accepted: an https:// URL (http:// only for 127.0.0.0/8, ::1 or localhost)',
    ],
  ])('refuses %j in one line', (inputs, expected) => {
    expect(message(() => load(inputs))).toBe(expected)
  })

  it('never reads the project: working-directory and install are not looked at', () => {
    expect(() => load({ 'working-directory': 'missing', install: 'extra:nope' })).not.toThrow()
  })
})
