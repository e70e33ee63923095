/**
 * Which artifact of the run a publish job takes. Pure: a name given is taken
 * as it is; auto takes the run's only dists-* artifact.
 */
export type ArtifactChoice =
  | { readonly kind: 'found'; readonly id: number; readonly name: string }
  | { readonly kind: 'error'; readonly message: string }

export function chooseDistsArtifact(
  artifacts: readonly { readonly id: number; readonly name: string }[],
  setting: string,
): ArtifactChoice {
  const listed = (list: readonly { name: string }[]) =>
    list.length === 0
      ? 'none'
      : list
          .map((a) => a.name)
          .sort()
          .join(', ')
  if (setting !== 'auto') {
    const found = artifacts.find((a) => a.name === setting)
    if (found) return { kind: 'found', id: found.id, name: found.name }
    return {
      kind: 'error',
      message: `dists-artifact: this run has no artifact named ${JSON.stringify(setting)}; it has: ${listed(artifacts)}. Pass the test job's dists-artifact output (needs.<job>.outputs.dists-artifact)`,
    }
  }
  const dists = artifacts.filter((a) => a.name.startsWith('dists-'))
  const [only] = dists
  if (only !== undefined && dists.length === 1)
    return { kind: 'found', id: only.id, name: only.name }
  return {
    kind: 'error',
    message:
      dists.length === 0
        ? `dists-artifact: auto found no dists-* artifact in this run (artifacts: ${listed(artifacts)}); the publish job must need: the test job, which keeps the dists unless dists-artifact is false`
        : `dists-artifact: auto found ${dists.length} dists-* artifacts in this run (${listed(dists)}); name the one to publish, e.g. dists-artifact: \${{ needs.test.outputs.dists-artifact }}`,
  }
}
