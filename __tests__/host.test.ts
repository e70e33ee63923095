import { describe, expect, it } from '@jest/globals'
import { childEnvironment, secretsToMask } from '../src/host.js'

describe('childEnvironment', () => {
  it('keeps what tools need and withholds the inputs, the runner tokens, URLs and file commands', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: '0123abcd',
      GITHUB_REPOSITORY: 'owner/repo',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: '/home/runner/work/_temp',
      PIP_INDEX_URL: 'https://mirror.example/simple',
      'INPUT_PYPI-TOKEN': 'pypi-secret',
      INPUT_GITHUB_TOKEN: 'ghs_secret',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/',
      ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
      ACTIONS_RUNTIME_URL: 'https://runtime.example/',
      ACTIONS_RESULTS_URL: 'https://results.example/',
      ACTIONS_CACHE_URL: 'https://cache.example/',
      GITHUB_OUTPUT: '/t/_runner_file_commands/set_output_1',
      GITHUB_ENV: '/t/_runner_file_commands/set_env_1',
      GITHUB_PATH: '/t/_runner_file_commands/add_path_1',
      GITHUB_STATE: '/t/_runner_file_commands/save_state_1',
      GITHUB_STEP_SUMMARY: '/t/_runner_file_commands/step_summary_1',
    }
    expect(childEnvironment(env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: '0123abcd',
      GITHUB_REPOSITORY: 'owner/repo',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: '/home/runner/work/_temp',
      PIP_INDEX_URL: 'https://mirror.example/simple',
    })
  })
})

describe('secretsToMask', () => {
  it.each([
    ['no credentials', {}, []],
    ['empty inputs', { 'INPUT_PYPI-TOKEN': '', 'INPUT_GITHUB-TOKEN': '' }, []],
    ['the runner spelling', { 'INPUT_PYPI-TOKEN': 'pypi-abc' }, ['pypi-abc']],
    ['the underscore spelling', { INPUT_GITHUB_TOKEN: 'ghs_abc' }, ['ghs_abc']],
    ['as given and trimmed', { 'INPUT_GITHUB-TOKEN': ' ghs_abc\n' }, [' ghs_abc\n', 'ghs_abc']],
    [
      'line by line',
      { 'INPUT_PYPI-TOKEN': 'pypi-one\npypi-two' },
      ['pypi-one\npypi-two', 'pypi-one', 'pypi-two'],
    ],
    [
      'the runner tokens',
      { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc', ACTIONS_RUNTIME_TOKEN: 'rt', PATH: '/usr/bin' },
      ['oidc', 'rt'],
    ],
  ])('%s', (_, env, expected) => {
    expect(secretsToMask(env)).toEqual(expected)
  })
})
