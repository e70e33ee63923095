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
// Everything runs on loopback, in the end-to-end harness's world
// (bench/harness.mjs): Azurite as the blob store behind its stand-in of the
// results service (the Twirp CacheService, and the ArtifactService the dists
// artifact needs), and its PEP 503 package index over HTTPS serving generated
// wheels shaped like a real test stack, so pip really downloads, caches and
// byte-compiles, and Debian's own setuptools and wheel wheels for isolated
// builds. The action runs through the harness's runner.
import { createHash, randomUUID } from 'node:crypto'
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadHarness, RUN_TIMEOUT_MS } from '../harness.mjs'
import { repetitions } from '../options.mjs'
import { makeProject } from '../pipeline/make-project.mjs'
import { loadAverage, median } from '../stats.mjs'

const {
  DEBIAN_WHEELS,
  runAction,
  startAzurite,
  startPackageIndex,
  startResultsService,
  wheelhouseWheels,
  writeWheel,
} = await loadHarness()

const REPS = repetitions(5)
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

// ---- The test stack's wheels and the build backend's ------------------------

/**
 * A wheel's files for one STACK entry: `modules` modules of functions of
 * about 110 bytes, each with a docstring unique to the wheel, `kib` KiB of
 * source in all, and a data file of `dataKib` KiB when asked.
 */
function stackFiles(name, modules, kib, dataKib) {
  const sha = (algorithm, text) => createHash(algorithm).update(text).digest()
  const files = { [`${name}/__init__.py`]: `VALUE = ${name.length}\n` }
  const perModule = Math.max(1, Math.round((kib * 1024) / modules / 110))
  for (let i = 0; i < modules; i++) {
    let text = ''
    for (let j = 0; j < perModule; j++) {
      const doc = sha('sha256', `${name}${i}${j}`).toString('hex')
      text += `def f${j}(x):\n    """${doc}"""\n    return [x * ${j} + k for k in range(x % 7)]\n\n\n`
    }
    files[`${name}/part${i}.py`] = text
  }
  if (dataKib) {
    const lines = Array.from({ length: dataKib * 12 }, (_, i) =>
      sha('sha512', `${name}${i}`).toString('base64'),
    )
    files[`${name}/data.pem`] = `${lines.join('\n')}\n`
  }
  return files
}

/** One wheel per STACK entry, named bench_<model> (dashes as underscores), as { name, file, path }. */
function makeWheels(dir) {
  mkdirSync(dir, { recursive: true })
  return STACK.map(([model, modules, kib, dataKib = 0]) => {
    const name = `bench_${model.replace(/-/g, '_')}`
    const files = stackFiles(name, modules, kib, dataKib)
    const wheel = writeWheel(dir, name, '1.0', files, { deflated: true })
    return { name, file: path.basename(wheel), path: wheel }
  })
}

/**
 * The build backend for isolated builds (the project's build-system requires
 * setuptools and wheel): Debian's own wheels of them, the ones its venvs seed
 * from, as { name, file, path }.
 */
function backendWheels() {
  return ['setuptools', 'wheel'].map((name) => {
    const file = readdirSync(DEBIAN_WHEELS).find(
      (f) => f.startsWith(`${name}-`) && f.endsWith('.whl'),
    )
    if (!file) throw new Error(`no ${name} wheel in ${DEBIAN_WHEELS}`)
    return { name, file, path: path.join(DEBIAN_WHEELS, file) }
  })
}

/** A stage's seconds from its result line, "✓ <stage> 1.23s: …". */
const stageSeconds = (stdout, stage) =>
  Number(new RegExp(`^✓ ${stage} ([\\d.]+)s: `, 'm').exec(stdout)?.[1] ?? Number.NaN)

/** Throws (with the log's tail) unless the run was green, hit or missed as expected, and clean. */
function check(result, label, { hit, install, downloads, backend, entries }) {
  const problems = []
  const o = result.outputs
  if (result.exitCode !== 0) problems.push(`exit code ${result.exitCode}`)
  if (o['cache-hit'] !== String(hit)) problems.push(`cache-hit=${o['cache-hit']}, not ${hit}`)
  if (!(Number(o.tests) > 0) || o.failed !== '0' || o.errors !== '0')
    problems.push(`tests=${o.tests} failed=${o.failed} errors=${o.errors}`)
  const warnings = result.commands.filter((c) => c.name === 'warning' || c.name === 'error')
  if (warnings.length)
    problems.push(
      `warnings or errors:\n${warnings.map((c) => `${c.name}: ${c.message}`).join('\n')}`,
    )
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
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-40).join('\n')
    throw new Error(`${label}: ${problems.join('; ')}\n--- log tail\n${tail}`)
  }
}

// ---- Main ------------------------------------------------------------------

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'))
const stops = []
try {
  console.log(
    `${REPS} repetitions; ${os.cpus().length} cores; ${process.version}; load average ${loadAverage()}`,
  )
  const wheels = makeWheels(path.join(root, 'wheels'))
  const backend = backendWheels()
  // The action installs its own tools (build, twine, pip) from the index, as
  // from PyPI on a hosted runner: the harness's wheelhouse serves them, all but
  // the build backend, which stays Debian's.
  const tools = wheelhouseWheels().filter((f) => !/^(setuptools|wheel)-/.test(path.basename(f)))
  const index = await startPackageIndex([...tools, ...[...wheels, ...backend].map((w) => w.path)])
  stops.push(index.close)
  const azurite = await startAzurite()
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
  const kib = Math.round(wheels.reduce((n, w) => n + statSync(w.path).size, 0) / 1024)
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
  const isStack = (file) => wheels.some((w) => w.file === file)
  // Each action run is a workflow run of its own (its token's scope), so the
  // dists artifact of one never meets another's.
  let runs = 0
  for (let rep = 1; rep <= REPS; rep++) {
    let suffix
    const line = []
    for (const [kind, spec] of Object.entries(KINDS)) {
      if (spec.fresh) {
        service.cacheEntries.length = 0 // an empty cache service for a cold run
        suffix = `bench-${rep}-${randomUUID().slice(0, 8)}`
      }
      const downloadsBefore = index.fileDownloads().length
      // Every input at its default but these; the runner's context of a push to main.
      const result = await runAction({
        fixture: spec.template,
        root: job,
        inputs: {
          'system-site-packages': 'true',
          'build-isolation': String(spec.isolated),
          cache: 'true',
          'cache-suffix': suffix,
        },
        index,
        env: service.env({ run: String(++runs) }),
        timeoutMs: RUN_TIMEOUT_MS,
      })
      const finalized = service.cacheEntries.filter((e) => e.sizeBytes !== undefined).length
      const downloaded = index
        .fileDownloads()
        .slice(downloadsBefore)
        .map((f) => path.basename(f))
      const backendGot = downloaded.filter(isBackend).length
      check(result, `rep ${rep} ${kind}`, {
        hit: spec.hit,
        install: spec.install,
        downloads: {
          got: downloaded.filter(isStack).length,
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
  console.log(`load average at the end: ${loadAverage()}`)
} finally {
  for (const stop of stops.reverse()) await stop()
  rmSync(root, { recursive: true, force: true })
}
