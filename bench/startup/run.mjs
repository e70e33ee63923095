// Start-up of dist/main.js against Node's own: paired, interleaved runs of
// `node -e 0` and the action stopping at a bad input (fail-under=abc), spawn
// to exit, under Node 24. Prints the medians and the median of the per-pair
// differences beside the bound (at most 50 ms over `node -e 0`).
//
//   node bench/startup/run.mjs [--reps N] [--dist DIR]
//
// --dist DIR times a second bundle too (e.g. the one from before a change), in
// the same pairs. Each run gets the runner's environment as the end-to-end
// harness lays it out (bench/harness.mjs), fresh, outside the timing.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadHarness } from '../harness.mjs'
import { option, repetitions } from '../options.mjs'
import { loadAverage, median } from '../stats.mjs'

const { DIST, NODE24, prepareRun } = await loadHarness()
const BOUND_MS = 50

const reps = repetitions(30)
const otherDist = option('--dist', undefined)

// A project to find, so the run gets as far as reading fail-under.
const project = mkdtempSync(path.join(os.tmpdir(), 'startup-bench-'))
writeFileSync(path.join(project, 'pyproject.toml'), '[project]\nname = "bench"\nversion = "0.1"\n')

/**
 * A fresh step: the workspace, the runner's variables and file-command files.
 * The run stops at the bad input before it looks for Python, so the offline
 * world (no index to start) gives it all it reaches.
 */
const step = () =>
  prepareRun({ fixture: project, inputs: { 'fail-under': 'abc' }, world: 'offline' })

const variants = [
  { name: 'node -e 0', args: ['-e', '0'], expect: 0 },
  { name: 'dist/main.js', args: [path.join(DIST, 'main.js')], expect: 1 },
]
if (otherDist) {
  variants.push({
    name: `${otherDist}/main.js`,
    args: [path.resolve(otherDist, 'main.js')],
    expect: 1,
  })
}

/**
 * CPU time (user + system, ms) of the children this process has waited for,
 * from /proc (Linux): it moves far less than wall time when the machine is
 * busy. Clock ticks of 10 ms, so the bench reports its mean, not a median.
 */
function childrenCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // cutime and cstime: fields 16 and 17 of stat(5), counted from pid = 1.
  return (Number(fields[13]) + Number(fields[14])) * 10
}

async function timeOnce(variant) {
  const run = await step()
  const cpuBefore = childrenCpuMs()
  const start = process.hrtime.bigint()
  const r = spawnSync(NODE24, variant.args, {
    cwd: run.workspace,
    env: run.startEnv,
    encoding: 'utf8',
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  variant.cpu = (variant.cpu ?? 0) + childrenCpuMs() - cpuBefore
  run.cleanup()
  const out = `${r.stdout}${r.stderr}`
  // A bad input must be what stopped it, or the time says nothing.
  if (r.status !== variant.expect || (variant.expect === 1 && !/fail-under/.test(out))) {
    console.error(`${variant.name}: exit ${r.status}, not the bad-input failure:\n${out}`)
    process.exit(1)
  }
  return ms
}

const fmt = (ms) => `${ms.toFixed(1)} ms`

const loadBefore = loadAverage()
// One warm-up of each, untimed: the first spawn pays for the page cache.
for (const v of variants) await timeOnce(v)
for (const v of variants) v.cpu = 0
const times = variants.map(() => [])
for (let rep = 0; rep < reps; rep++) {
  // The order rotates so no variant always runs first after a pause.
  for (let k = 0; k < variants.length; k++) {
    const i = (rep + k) % variants.length
    times[i].push(await timeOnce(variants[i]))
  }
}
rmSync(project, { recursive: true, force: true })

console.log(
  `Node ${spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${reps} paired runs, load ${loadBefore} -> ${loadAverage()}`,
)
for (let i = 0; i < variants.length; i++) {
  const t = times[i]
  console.log(
    `${variants[i].name.padEnd(28)} cpu ${fmt(variants[i].cpu / reps)} (mean)  median ${fmt(median(t))}  min ${fmt(Math.min(...t))}  max ${fmt(Math.max(...t))}`,
  )
}
let met = true
for (let i = 1; i < variants.length; i++) {
  const over = median(times[i].map((t, rep) => t - times[0][rep]))
  const verdict = over <= BOUND_MS ? 'meets' : 'misses'
  if (i === 1) met = over <= BOUND_MS
  console.log(
    `${variants[i].name}: median of pair differences ${fmt(over)} over node -e 0; ${verdict} the bound (<= ${BOUND_MS} ms); CPU ${fmt((variants[i].cpu - variants[0].cpu) / reps)} over`,
  )
}
process.exitCode = met ? 0 : 3
