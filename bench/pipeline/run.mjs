// Times the action end to end against the same work done the other ways, side
// by side: each repetition runs every variant once, in rotating order, each on
// a fresh copy of the generated project. Prints medians and ratios.
//
//   node bench/pipeline/run.mjs [--reps N]
//
// (a) action: node24 dist/main.js, started the way the runner starts it
// (b) chained: the peer actions' way, one tool after the other
// (c) bare: the action's own commands, one after the other, no Node between
// (n) node -e 0: Node's start-up, for reference
//
// The world is a hosted runner's: a tool-cache Python with pip and nothing
// else, and pip reaching an index (the pinned wheelhouse on loopback). Every
// variant starts with an empty pip cache of its own, so each downloads and
// installs its tools from the index, as a first run on a runner does.
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inputDefaults, readOutputs } from '../action-files.mjs'
import { layPython, NODE24, PY, REPO, startPackageIndex, wheelhouse } from '../world.mjs'
import { makeProject } from './make-project.mjs'

const repsAt = process.argv.indexOf('--reps')
const REPS = repsAt > 0 ? Number(process.argv[repsAt + 1]) : 5
if (!Number.isInteger(REPS) || REPS < 1) throw new Error('--reps takes a positive integer')

// Set once the index and the tool-cache Python exist (below): PATH starts with
// that Python's bin folder, as after actions/setup-python.
const BASE_ENV = {
  PATH: '/usr/bin:/bin',
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
  PIP_TRUSTED_HOST: '127.0.0.1',
}
/** The tool-cache Python's interpreter. */
let PYTHON = PY

/** Runs a command to its end; `onLine` sees each stdout line with the ms since the spawn. */
function run(command, args, { cwd, env, onLine }) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let partial = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk
      const lines = (partial + chunk).split('\n')
      partial = lines.pop()
      for (const line of lines) onLine?.(line, performance.now() - started)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))
  })
}

async function must(command, args, options) {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-30).join('\n')
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail}`)
  }
  return result
}

/** The `tests` count in a JUnit file pytest wrote. */
function junitTests(file) {
  const counts = [...readFileSync(file, 'utf8').matchAll(/<testsuite\b[^>]*?\btests="(\d+)"/g)]
  return counts.reduce((sum, m) => sum + Number(m[1]), 0)
}

const INPUTS = {
  ...inputDefaults(),
  // The same work in every variant: neither the peers' chain nor the bare tools lint.
  lint: 'false',
}

// Each variant gets a folder with a fresh copy of the project (`work/project`)
// and returns { ms, overheadMs? } after checking that it did the whole job.
const VARIANTS = {
  async action(work, expected) {
    const files = {}
    for (const name of ['OUTPUT', 'ENV', 'PATH', 'STATE', 'STEP_SUMMARY']) {
      files[`GITHUB_${name}`] = path.join(work, `github_${name.toLowerCase()}`)
      writeFileSync(files[`GITHUB_${name}`], '')
    }
    for (const dir of ['runner-temp', 'tool-cache', 'home']) mkdirSync(path.join(work, dir))
    const env = {
      ...BASE_ENV,
      ...Object.fromEntries(
        Object.entries(INPUTS).map(([name, value]) => [
          `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
          value,
        ]),
      ),
      ...files,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: path.join(work, 'project'),
      RUNNER_TEMP: path.join(work, 'runner-temp'),
      RUNNER_TOOL_CACHE: path.join(work, 'tool-cache'),
      HOME: path.join(work, 'home'),
      PIP_CACHE_DIR: path.join(work, 'pip-cache'),
    }
    let overheadMs
    const onLine = (line, ms) => {
      if (overheadMs === undefined && line.startsWith('::group::')) overheadMs = ms
    }
    const result = await run(NODE24, [path.join(REPO, 'dist/main.js')], {
      cwd: env.GITHUB_WORKSPACE,
      env,
      onLine,
    })
    const tests = readOutputs(files.GITHUB_OUTPUT).tests
    if (result.code !== 0 || tests !== String(expected)) {
      const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-40).join('\n')
      throw new Error(
        `the action exited ${result.code} with tests=${tests} (expected ${expected}):\n${tail}`,
      )
    }
    return { ms: result.ms, overheadMs }
  },

  // setup-python, then pip install into a venv, hynek/build-and-inspect-python-package
  // (python -m build, isolated, and twine check), then pytest-cov as coverage
  // comment actions expect it.
  async chained(work, expected) {
    const project = path.join(work, 'project')
    const venvPython = path.join(work, 'venv/bin/python')
    const env = { ...BASE_ENV, HOME: work, PIP_CACHE_DIR: path.join(work, 'pip-cache') }
    const started = performance.now()
    await must(PYTHON, ['-m', 'venv', path.join(work, 'venv')], { cwd: work, env })
    const tools = ['pytest', 'pytest-cov', 'build', 'twine']
    await must(venvPython, ['-m', 'pip', 'install', ...tools, '.'], { cwd: project, env })
    await must(venvPython, ['-m', 'build', '--outdir', 'dist', '.'], { cwd: project, env })
    const dists = readdirSync(path.join(project, 'dist')).map((f) => path.join('dist', f))
    await must(venvPython, ['-m', 'twine', 'check', '--strict', ...dists], { cwd: project, env })
    const cov = ['--cov=benchpkg', '--cov-branch', '--cov-report=xml', '--cov-report=json']
    await must(venvPython, ['-m', 'pytest', ...cov, '--junitxml=junit.xml'], { cwd: project, env })
    const ms = performance.now() - started
    if (junitTests(path.join(project, 'junit.xml')) !== expected)
      throw new Error('chained: wrong test count')
    return { ms }
  },

  // The action's commands: the project venv and the tools venv made without pip
  // and filled by the base pip (one after the other here, side by side in the
  // action), the sdist then the wheel from it, twine check, then the tests.
  async bare(work, expected) {
    const project = path.join(work, 'project')
    const venv = path.join(work, 'venv')
    const venvPython = path.join(venv, 'bin/python')
    const tools = path.join(work, 'tools')
    const toolsPython = path.join(tools, 'bin/python')
    const reports = path.join(work, 'reports')
    mkdirSync(reports)
    const base = { ...BASE_ENV, HOME: work, PIP_CACHE_DIR: path.join(work, 'pip-cache') }
    // The environment the action gives the processes it runs in the venv.
    const env = { ...base, VIRTUAL_ENV: venv, PATH: `${venv}/bin:${BASE_ENV.PATH}` }
    const toolsEnv = { ...base, VIRTUAL_ENV: tools, PATH: `${tools}/bin:${BASE_ENV.PATH}` }
    const started = performance.now()
    await must(PYTHON, ['-m', 'venv', '--without-pip', venv], { cwd: work, env: base })
    const report = ['--report', path.join(work, 'pip-report.json')]
    const pip = ['-m', 'pip', '--python', venvPython, 'install', ...report]
    await must(PYTHON, [...pip, 'pytest', 'coverage', project], { cwd: project, env })
    await must(PYTHON, ['-m', 'venv', '--without-pip', tools], { cwd: work, env: base })
    const toolsPip = ['-m', 'pip', '--python', toolsPython, 'install', 'build', 'twine', 'pip']
    await must(PYTHON, toolsPip, { cwd: work, env: toolsEnv })
    const dist = path.join(work, 'dist')
    await must(toolsPython, ['-m', 'build', '--outdir', dist, project], {
      cwd: project,
      env: toolsEnv,
    })
    const dists = readdirSync(dist).map((f) => path.join(dist, f))
    await must(toolsPython, ['-m', 'twine', 'check', '--strict', ...dists], {
      cwd: work,
      env: toolsEnv,
    })
    const testEnv = { ...env, COVERAGE_FILE: path.join(reports, '.coverage') }
    const junit = path.join(reports, 'junit.xml')
    const coverageRun = ['-m', 'coverage', 'run', '--branch', '--source=benchpkg']
    await must(
      venvPython,
      [...coverageRun, '-m', 'pytest', '-o', 'junit_family=xunit1', `--junitxml=${junit}`],
      { cwd: project, env: testEnv },
    )
    // coverage json + xml from one process, as the action writes them.
    const write =
      'import coverage, sys; c = coverage.Coverage(data_file=sys.argv[1]); c.load(); c.json_report(outfile=sys.argv[2]); c.xml_report(outfile=sys.argv[3])'
    const outputs = ['.coverage', 'coverage.json', 'coverage.xml'].map((f) => path.join(reports, f))
    await must(venvPython, ['-c', write, ...outputs], { cwd: project, env: testEnv })
    const ms = performance.now() - started
    if (junitTests(junit) !== expected) throw new Error('bare: wrong test count')
    return { ms }
  },

  async 'node -e 0'() {
    const result = await must(NODE24, ['-e', '0'], { cwd: os.tmpdir(), env: BASE_ENV })
    return { ms: result.ms }
  },
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const root = mkdtempSync(path.join(os.tmpdir(), 'bench-pipeline-'))
const index = await startPackageIndex(wheelhouse(), mkdtempSync(path.join(root, 'cert-')))
try {
  const pythonBin = layPython(path.join(root, 'python'))
  PYTHON = path.join(pythonBin, 'python3')
  BASE_ENV.PATH = `${pythonBin}:${BASE_ENV.PATH}`
  BASE_ENV.PIP_INDEX_URL = index.url
  const template = path.join(root, 'template')
  makeProject(template)
  // pytest's own count, taken on a throwaway copy so the template stays clean.
  cpSync(template, path.join(root, 'count'), { recursive: true })
  const counter = path.join(REPO, '.wheelhouse/venv/bin/python')
  const collected = spawnSync(counter, ['-m', 'pytest', '--collect-only', '-q'], {
    cwd: path.join(root, 'count'),
    encoding: 'utf8',
  })
  const expected = Number(/(\d+) tests? collected/.exec(collected.stdout)?.[1])
  if (!expected)
    throw new Error(`could not count the tests:\n${collected.stdout}${collected.stderr}`)

  const names = Object.keys(VARIANTS)
  const times = Object.fromEntries(names.map((n) => [n, []]))
  const overheads = []
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
  console.log(
    `project: 24 modules, ${expected} tests; ${REPS} repetitions; ${os.cpus().length} cores; ${process.version}; load average ${load()}`,
  )
  for (let rep = 0; rep < REPS; rep++) {
    const order = names.map((_, i) => names[(i + rep) % names.length])
    for (const name of order) {
      const work = path.join(root, `rep${rep}-${name.replace(/\W/g, '')}`)
      cpSync(template, path.join(work, 'project'), { recursive: true })
      const { ms, overheadMs } = await VARIANTS[name](work, expected)
      times[name].push(ms)
      if (overheadMs !== undefined) overheads.push(overheadMs)
      rmSync(work, { recursive: true, force: true })
    }
    console.log(
      `rep ${rep + 1}: ${order.map((n) => `${n} ${(times[n][rep] / 1000).toFixed(2)}s`).join(', ')}`,
    )
  }

  const s = (ms) => (ms / 1000).toFixed(3).padStart(8)
  console.log(
    `\n${'variant'.padEnd(12)}${'median s'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}`,
  )
  for (const name of names) {
    const t = times[name]
    console.log(`${name.padEnd(12)} ${s(median(t))} ${s(Math.min(...t))} ${s(Math.max(...t))}`)
  }
  const ratio = (x, y, target) => {
    const ofMedians = median(times[x]) / median(times[y])
    const paired = median(times[x].map((t, i) => t / times[y][i]))
    const verdict = ofMedians <= target ? 'met' : 'NOT met'
    return `${ofMedians.toFixed(3)} (median of per-rep ratios ${paired.toFixed(3)})   target <= ${target}: ${verdict}`
  }
  console.log(`\na/b action / chained: ${ratio('action', 'chained', 0.75)}`)
  console.log(`a/c action / bare:    ${ratio('action', 'bare', 1.05)}`)
  const overhead = overheads.length
    ? `${median(overheads).toFixed(0)} ms`
    : 'n/a (no ::group:: line)'
  console.log(
    `action overhead, spawn to first ::group::: ${overhead}; node -e 0: ${median(times['node -e 0']).toFixed(0)} ms`,
  )
  console.log(
    `load average at the end: ${load()} (other work on the machine slows the concurrent stage most)`,
  )
} finally {
  await index.close()
  rmSync(root, { recursive: true, force: true })
}
