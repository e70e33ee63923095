// The real @actions/cache and @actions/artifact, from node_modules, driven by
// one JSON command in argv[2]; prints one JSON line with the result. The
// results service self-test runs it under Node 24 with the runner's variables.
import { DefaultArtifactClient } from '@actions/artifact'
import * as cache from '@actions/cache'

const command = JSON.parse(process.argv[2])
const artifacts = new DefaultArtifactClient()
const ops = {
  available: async () => cache.isFeatureAvailable(),
  save: async (c) => cache.saveCache(c.paths, c.key),
  restore: async (c) => (await cache.restoreCache(c.paths, c.key, c.restoreKeys ?? [])) ?? null,
  upload: async (c) => artifacts.uploadArtifact(c.name, c.files, c.root),
  list: async () => (await artifacts.listArtifacts()).artifacts,
  get: async (c) => (await artifacts.getArtifact(c.name)).artifact,
  download: async (c) => artifacts.downloadArtifact(c.id, { path: c.path }),
  delete: async (c) => artifacts.deleteArtifact(c.name),
}
const result = await ops[command.op](command)
process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`)
