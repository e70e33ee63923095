import { describe, expect, it } from '@jest/globals'
import { chooseDistsArtifact } from '../../src/release/choose.js'

const a = (id: number, name: string) => ({ id, name })

describe('chooseDistsArtifact', () => {
  it.each([
    [[a(1, 'dists-demo-test-linux-x64-py3.12'), a(2, 'coverage')], 'auto', 1],
    [[a(1, 'dists-a'), a(2, 'dists-b')], 'dists-b', 2],
    [[a(7, 'my-dists')], 'my-dists', 7],
  ])('%j with %s takes id %d', (artifacts, setting, id) => {
    expect(chooseDistsArtifact(artifacts, setting)).toEqual(
      expect.objectContaining({ kind: 'found', id }),
    )
  })

  it.each([
    [
      [a(1, 'coverage')],
      'auto',
      'dists-artifact: auto found no dists-* artifact in this run (artifacts: coverage); the publish job must need: the test job, which keeps the dists unless dists-artifact is false',
    ],
    [
      [a(1, 'dists-a'), a(2, 'dists-b')],
      'auto',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression, verbatim
      'dists-artifact: auto found 2 dists-* artifacts in this run (dists-a, dists-b); name the one to publish, e.g. dists-artifact: ${{ needs.test.outputs.dists-artifact }}',
    ],
    [
      [],
      'dists-x',
      'dists-artifact: this run has no artifact named "dists-x"; it has: none. Pass the test job\'s dists-artifact output (needs.<job>.outputs.dists-artifact)',
    ],
  ])('%j with %s: %s', (artifacts, setting, message) => {
    expect(chooseDistsArtifact(artifacts, setting)).toEqual({ kind: 'error', message })
  })
})
