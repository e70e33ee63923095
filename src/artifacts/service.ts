/**
 * The Actions artifact service through @actions/artifact, behind ArtifactService.
 * The client (with the Azure SDK and protobuf behind it) is loaded at the
 * first call, so a run that uploads and downloads nothing starts without it.
 */
import type { DefaultArtifactClient } from '@actions/artifact'
import { errorMessage } from '../error-message.js'
import type { Repository } from '../github/run-event.js'
import {
  ArtifactExistsError,
  type ArtifactService,
  type CurrentRunArtifacts,
  type RunArtifacts,
} from './dists.js'

function lazyClient(): () => Promise<DefaultArtifactClient> {
  let client: Promise<DefaultArtifactClient> | undefined
  return () => {
    client ??= import('@actions/artifact').then((m) => new m.DefaultArtifactClient())
    return client
  }
}

export function actionsArtifactService(): ArtifactService {
  const client = lazyClient()
  return {
    upload: async (name, files, root) => {
      try {
        const { id, size } = await (await client()).uploadArtifact(name, files, root)
        return { id, size }
      } catch (error) {
        // The service answers 409 Conflict to a name this run already has.
        if (/\(409\)/.test(errorMessage(error))) throw new ArtifactExistsError(name)
        throw error
      }
    },
  }
}

/**
 * Artifacts of another run of `repository`, through the REST API with
 * `token` (the job needs actions: read): the client's findBy.
 */
export function runArtifactsOf(token: string, repository: Repository | undefined): RunArtifacts {
  const client = lazyClient()
  const { owner: repositoryOwner = '', repo: repositoryName = '' } = repository ?? {}
  const findBy = (workflowRunId: number) => ({
    token,
    workflowRunId,
    repositoryOwner,
    repositoryName,
  })
  return {
    list: async (runId) => {
      const { artifacts } = await (await client()).listArtifacts({ findBy: findBy(runId) })
      return artifacts.map((a) => ({ id: a.id, name: a.name }))
    },
    download: async (artifactId, runId, dir) => {
      await (await client()).downloadArtifact(artifactId, { path: dir, findBy: findBy(runId) })
    },
  }
}

/** This run's artifacts, through the runtime token the runner gives every step. */
export function currentRunArtifacts(): CurrentRunArtifacts {
  const client = lazyClient()
  return {
    list: async () => {
      const { artifacts } = await (await client()).listArtifacts({ latest: true })
      return artifacts.map((a) => ({ id: a.id, name: a.name }))
    },
    download: async (id, dir) => {
      await (await client()).downloadArtifact(id, { path: dir })
    },
  }
}
