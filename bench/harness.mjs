// The benches time the action in the world the end-to-end tests run it in:
// the stand-ins, the package index, the tool-cache Python and the runner of
// __tests__/harness/, the same code the e2e suite tests. The harness is
// TypeScript and the benches are plain Node, so it is bundled with esbuild at
// start into a temp file, imported, and the file removed.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const HARNESS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__tests__/harness')
/** How long a bench lets one run take: a loaded machine must not cut it short (the harness's default is for tests). */
export const RUN_TIMEOUT_MS = 600_000

const MODULES = [
  'azurite',
  'package-index',
  'paths',
  'process',
  'results-service',
  'runner',
  'tool-cache',
]

// Packages stay the repository's own copies, imported by their resolved URLs,
// since the bundle lives outside the repository's node_modules.
const repositoryPackages = {
  name: 'repository-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => ({
      path: import.meta.resolve(args.path),
      external: true,
    }))
  },
}

/** The harness modules' exports, as one namespace. */
export async function loadHarness() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-harness-'))
  try {
    const outfile = path.join(dir, 'harness.mjs')
    await build({
      stdin: {
        contents: MODULES.map((m) => `export * from './${m}.ts'`).join('\n'),
        resolveDir: HARNESS,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      // paths.ts finds the repository from its own place, not the bundle's.
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(HARNESS, 'paths.ts'))) },
      plugins: [repositoryPackages],
      logLevel: 'warning',
    })
    return await import(pathToFileURL(outfile).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
