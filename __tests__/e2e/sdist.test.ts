/**
 * The sdist holds what `python -m build --sdist` puts in it on a clean
 * checkout, whatever the install left behind. pip builds a setup.py project
 * in its folder and leaves NAME.egg-info there; with system site-packages its
 * build also sees a version-control file finder (Debian's setuptools_scm)
 * and lists every file git tracks in SOURCES.txt, which setuptools' sdist,
 * finding no such finder of its own, reads back (the offline world, where
 * the tool-cache Python sees Debian's packages, has that case). The
 * reference is built by the test, with the build the action used, on a fresh
 * git checkout of the same fixture.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mapLimit } from '../harness/agreement.js'
import { tempDir } from '../harness/paths.js'
import { runProcess } from '../harness/process.js'
import { type ActionResult, copyFixture, describeRun, runAction } from '../harness/runner.js'

jest.setTimeout(180_000)

const FIXTURE = 'setup-py-only'

async function git(cwd: string, ...args: string[]): Promise<void> {
  const done = await runProcess(
    'git',
    ['-c', 'user.name=ci', '-c', 'user.email=ci@example.invalid', ...args],
    { cwd, env: { PATH: '/usr/bin:/bin', HOME: cwd } },
  )
  if (done.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`)
}

/** A checkout as actions/checkout leaves one: every file committed. */
async function commitAll(dir: string): Promise<void> {
  await git(dir, 'init', '-q')
  await git(dir, 'add', '-A')
  await git(dir, 'commit', '-qm', 'release')
}

const members = (tarball: string) =>
  execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort()

/** The action's tools venv of the run: the build (and its pip) the action used. */
function toolsPython(result: ActionResult): string {
  const [own] = readdirSync(result.runnerTemp).filter((d) => d.startsWith('python-ci-'))
  if (own === undefined) throw new Error(`no python-ci-* folder in ${result.runnerTemp}`)
  return path.join(result.runnerTemp, own, 'tools', 'bin', 'python')
}

/** `python -m build --sdist` on a fresh checkout of the fixture: its file list. */
async function referenceSdist(result: ActionResult): Promise<string[]> {
  const dir = tempDir('sdist-reference')
  try {
    const project = path.join(dir, 'project')
    copyFixture(FIXTURE, project)
    await commitAll(project)
    // pip's settings of the run (its index or wheels), for build's isolated environment.
    const env = Object.fromEntries(
      Object.entries(result.startEnv).filter(([k]) => k === 'PATH' || k.startsWith('PIP_')),
    )
    const out = path.join(dir, 'out')
    const built = await runProcess(
      toolsPython(result),
      ['-m', 'build', '--sdist', '--outdir', out, project],
      { cwd: project, env: { ...env, HOME: dir } },
    )
    if (built.exitCode !== 0)
      throw new Error(`build --sdist failed:\n${built.stdout}${built.stderr}`)
    const [sdist] = readdirSync(out).filter((f) => f.endsWith('.tar.gz'))
    if (sdist === undefined) throw new Error(`no sdist in ${out}`)
    return members(path.join(out, sdist))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const CASES = [
  // The case that broke: Debian's site-packages, setuptools_scm among them, seen by pip's build.
  {
    name: 'with system site-packages (offline, Debian)',
    world: 'offline',
    inputs: { 'system-site-packages': 'true' },
  },
  {
    name: 'with system site-packages',
    world: 'hosted',
    inputs: { 'system-site-packages': 'true' },
  },
  { name: 'without', world: 'hosted', inputs: {} },
] as const

const runs = new Map<string, { result: ActionResult; reference: string[] }>()

beforeAll(async () => {
  await mapLimit(CASES, 2, async ({ name, world, inputs }) => {
    const result = await runAction({
      fixture: FIXTURE,
      toolCachePython: true,
      world,
      inputs,
      prepare: (ctx) => commitAll(ctx.projectDir),
    })
    runs.set(name, { result, reference: await referenceSdist(result) })
  })
}, 600_000)

afterAll(() => {
  for (const { result } of runs.values()) result.cleanup()
})

describe.each(CASES)('a setup.py-only project, $name', ({ name }) => {
  const get = () => {
    const found = runs.get(name)
    if (!found) throw new Error(`${name} did not run`)
    return found
  }

  it('builds the sdist that build --sdist makes of a clean checkout', () => {
    const { result, reference } = get()
    if (result.exitCode !== 0) throw new Error(describeRun(result))
    const sdist = result.outputs.sdist ?? ''
    expect(members(sdist)).toEqual(reference)
    // The project's tests and docs are in git, not in the default sdist.
    expect(reference.some((m) => m.includes('/docs/'))).toBe(false)
  })

  it('leaves no egg-info or build folder in the checkout', () => {
    const { result } = get()
    const left = readdirSync(result.projectDir).filter(
      (f) => f.endsWith('.egg-info') || f === 'build',
    )
    expect(left).toEqual([])
    expect(existsSync(path.join(result.projectDir, 'legacy_files'))).toBe(true)
  })
})
