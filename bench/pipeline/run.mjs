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
// installs its tools from the index, as a first run on a runner does. The
// world and the runner are the end-to-end harness's (bench/harness.mjs).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadHarness, RUN_TIMEOUT_MS } from '../harness.mjs'
import { repetitions } from '../options.mjs'
import { loadAverage, median } from '../stats.mjs'
import { makeProject } from './make-project.mjs'

const {
  cleanEnv,
  indexPip,
  makePythonInstall,
  NODE24,
  runAction,
  runProcess,
  TOOLS_PYTHON,
  wheelhouseIndex,
} = await loadHarness()

const REPS = repetitions(5)

/** The index: the wheelhouse on loopback, as the e2e tests' hosted world has it. */
const index = await wheelhouseIndex()
const root = mkdtempSync(path.join(os.tmpdir(), 'bench-pipeline-'))
/** A tool-cache Python with pip only (laid below); its bin folder leads PATH, as after actions/setup-python. */
const PYTHON_BIN = path.join(root, 'python/bin')
const PYTHON = path.join(PYTHON_BIN, 'python3')
/** The variants' environment: a clean one with that Python first, and pip reaching the index. */
const baseEnv = (home) => ({ ...cleanEnv(home, [PYTHON_BIN]), ...indexPip(index) })
const template = path.join(root, 'template')

async function must(command, args, { cwd, env }) {
  const result = await runProcess(command, args, { cwd, env, timeoutMs: RUN_TIMEOUT_MS })
  if (result.exitCode !== 0) {
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-30).join('\n')
    throw new Error(`${command} ${args.join(' ')} exited ${result.exitCode}:\n${tail}`)
  }
  return result
}

/** The `tests` count in a JUnit file pytest wrote. */
function junitTests(file) {
  const counts = [...readFileSync(file, 'utf8').matchAll(/<testsuite\b[^>]*?\btests="(\d+)"/g)]
  return counts.reduce((sum, m) => sum + Number(m[1]), 0)
}

// Each variant gets an empty folder and a fresh copy of the project (`work/project`,
// or the workspace the runner lays out), and returns { ms, overheadMs? } after
// checking that it did the whole job.
const VARIANTS = {
  async action(work, expected) {
    let overheadMs
    const result = await runAction({
      fixture: template,
      root: path.join(work, 'job'),
      path: [PYTHON_BIN],
      // The same work in every variant: neither the peers' chain nor the bare tools lint.
      inputs: { lint: 'false' },
      env: { PIP_CACHE_DIR: path.join(work, 'pip-cache') },
      onLine: (line, ms) => {
        if (overheadMs === undefined && line.startsWith('::group::')) overheadMs = ms
      },
      timeoutMs: RUN_TIMEOUT_MS,
    })
    const tests = result.outputs.tests
    if (result.exitCode !== 0 || tests !== String(expected)) {
      const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-40).join('\n')
      throw new Error(
        `the action exited ${result.exitCode} with tests=${tests} (expected ${expected}):\n${tail}`,
      )
    }
    return { ms: result.ms, overheadMs }
  },

  // setup-python, then pip install into a venv, hynek/build-and-inspect-python-package
  // (python -m build, isolated, and twine check), then pytest-cov as coverage
  // comment actions expect it.
  async chained(work, expected) {
    const project = path.join(work, 'project')
    cpSync(template, project, { recursive: true })
    const venvPython = path.join(work, 'venv/bin/python')
    const env = { ...baseEnv(work), PIP_CACHE_DIR: path.join(work, 'pip-cache') }
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
    cpSync(template, project, { recursive: true })
    const venv = path.join(work, 'venv')
    const venvPython = path.join(venv, 'bin/python')
    const tools = path.join(work, 'tools')
    const toolsPython = path.join(tools, 'bin/python')
    const reports = path.join(work, 'reports')
    mkdirSync(reports)
    const base = { ...baseEnv(work), PIP_CACHE_DIR: path.join(work, 'pip-cache') }
    // The environment the action gives the processes it runs in the venv.
    const env = { ...base, VIRTUAL_ENV: venv, PATH: `${venv}/bin:${base.PATH}` }
    const toolsEnv = { ...base, VIRTUAL_ENV: tools, PATH: `${tools}/bin:${base.PATH}` }
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

  async 'node -e 0'(work) {
    const result = await must(NODE24, ['-e', '0'], { cwd: os.tmpdir(), env: baseEnv(work) })
    return { ms: result.ms }
  },
}

try {
  makePythonInstall(path.join(root, 'python'))
  makeProject(template)
  // pytest's own count, taken on a throwaway copy so the template stays clean.
  cpSync(template, path.join(root, 'count'), { recursive: true })
  const collected = spawnSync(TOOLS_PYTHON, ['-m', 'pytest', '--collect-only', '-q'], {
    cwd: path.join(root, 'count'),
    encoding: 'utf8',
  })
  const expected = Number(/(\d+) tests? collected/.exec(collected.stdout)?.[1])
  if (!expected)
    throw new Error(`could not count the tests:\n${collected.stdout}${collected.stderr}`)

  const names = Object.keys(VARIANTS)
  const times = Object.fromEntries(names.map((n) => [n, []]))
  const overheads = []
  console.log(
    `project: 24 modules, ${expected} tests; ${REPS} repetitions; ${os.cpus().length} cores; ${process.version}; load average ${loadAverage()}`,
  )
  for (let rep = 0; rep < REPS; rep++) {
    const order = names.map((_, i) => names[(i + rep) % names.length])
    for (const name of order) {
      const work = path.join(root, `rep${rep}-${name.replace(/\W/g, '')}`)
      mkdirSync(work)
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
    `load average at the end: ${loadAverage()} (other work on the machine slows the concurrent stage most)`,
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
