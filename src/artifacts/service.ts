/** The Actions artifact service through @actions/artifact, behind ArtifactService. */
import { DefaultArtifactClient } from '@actions/artifact'
import type { ArtifactService } from './dists.js'

export function actionsArtifactService(): ArtifactService {
  const client = new DefaultArtifactClient()
  return {
    upload: async (name, files, root) => {
      const { id, size } = await client.uploadArtifact(name, files, root)
      return { id, size }
    },
  }
}
