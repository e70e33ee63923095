// Bundles the entry points into dist/ as ESM for node24 (the runner) and node20+ (the CLI).
import { build } from 'esbuild'

const banner =
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

const entries = [
  { in: 'src/index.ts', out: 'main' },
  { in: 'src/bin.ts', out: 'cli' },
]

await build({
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'linked',
  banner: { js: banner },
  logLevel: 'warning',
})
