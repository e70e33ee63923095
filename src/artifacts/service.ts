/** The Actions artifact service through @actions/artifact, behind ArtifactService. */
import { DefaultArtifactClient } from '@actions/artifact'
import type { RunArtifacts } from '../github/companion.js'
import type { Repository } from '../github/run-event.js'
import type { ArtifactService, CurrentRunArtifacts } from './dists.js'

export function actionsArtifactService(): ArtifactService {
  const client = new DefaultArtifactClient()
  return {
    upload: async (name, files, root) => {
      const { id, size } = await client.uploadArtifact(name, files, root)
      return { id, size }
    },
  }
}

/**
 * Artifacts of another run of `repository`, through the REST API with
 * `token` (the job needs actions: read): the client's findBy.
 */
export function runArtifactsOf(token: string, repository: Repository | undefined): RunArtifacts {
  const client = new DefaultArtifactClient()
  const { owner: repositoryOwner = '', repo: repositoryName = '' } = repository ?? {}
  const findBy = (workflowRunId: number) => ({
    token,
    workflowRunId,
    repositoryOwner,
    repositoryName,
  })
  return {
    list: async (runId) => {
      const { artifacts } = await client.listArtifacts({ findBy: findBy(runId) })
      return artifacts.map((a) => ({ id: a.id, name: a.name }))
    },
    download: async (artifactId, runId, dir) => {
      await client.downloadArtifact(artifactId, { path: dir, findBy: findBy(runId) })
    },
  }
}

/** This run's artifacts, through the runtime token the runner gives every step. */
export function currentRunArtifacts(): CurrentRunArtifacts {
  const client = new DefaultArtifactClient()
  return {
    list: async () => {
      const { artifacts } = await client.listArtifacts({ latest: true })
      return artifacts.map((a) => ({ id: a.id, name: a.name }))
    },
    download: async (id, dir) => {
      await client.downloadArtifact(id, { path: dir })
    },
  }
}
