import { describe, expect, it } from '@jest/globals'
import { childEnvironment } from '../src/host.js'

describe('childEnvironment', () => {
  it('keeps what tools need and withholds the inputs and the runner tokens', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/runner',
      PIP_INDEX_URL: 'https://mirror.example/simple',
      'INPUT_PYPI-TOKEN': 'pypi-secret',
      INPUT_GITHUB_TOKEN: 'ghs_secret',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/',
      ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
      GITHUB_REPOSITORY: 'owner/repo',
    }
    expect(childEnvironment(env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      PIP_INDEX_URL: 'https://mirror.example/simple',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/',
      GITHUB_REPOSITORY: 'owner/repo',
    })
  })
})
