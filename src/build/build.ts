/**
 * The build stage's work: `python -m build` (sdist, then the wheel from the
 * sdist, with any PEP 517 backend), then an inspection of what came out: names,
 * versions, sizes, digests, and `twine check --strict`. build and twine run
 * from the action's tools environment, never the project's venv.
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import type { Venv } from '../install/install.js'
import { findLeftovers, removeNewLeftovers } from '../install/leftovers.js'
import type { Tools } from '../install/tools.js'
import type { Log } from '../log.js'
import { failureReason, formatCommand, stripColour, tail } from '../process.js'
import { normalizeName } from '../project.js'
import { runSnippet, SnippetError } from '../python/snippet.js'
import type { BuildResult, DistFile } from '../report/metrics.js'
import { digestOf, type FileDigest } from './digest.js'
import { checkMetadata } from './twine-check.js'

// Reads each distribution's core metadata (PKG-INFO in the sdist, METADATA in
// the wheel) and what built the wheel (its WHEEL file's Generator). The digest
// is not taken here: this runs in the project's venv, after the tests started.
const INSPECT = `
import email.parser, json, sys, tarfile, zipfile
def meta(text):
    m = email.parser.HeaderParser().parsestr(text)
    return {'name': m.get('Name', ''), 'version': m.get('Version', '')}
out = {'files': []}
for p in sys.argv[1:]:
    info = {'path': p, 'name': '', 'version': '', 'error': None, 'top': [], 'generator': None}
    try:
        if p.endswith('.whl'):
            with zipfile.ZipFile(p) as z:
                names = [n for n in z.namelist() if n.count('/') == 1 and n.endswith('.dist-info/METADATA')]
                info.update(meta(z.read(names[0]).decode('utf-8')))
                info['top'] = sorted({n.split('/')[0] for n in z.namelist()})
                wheel = names[0][:-len('METADATA')] + 'WHEEL'
                if wheel in z.namelist():
                    info['generator'] = email.parser.HeaderParser().parsestr(z.read(wheel).decode('utf-8')).get('Generator')
        else:
            with tarfile.open(p) as t:
                members = [m for m in t.getmembers() if m.name.count('/') == 1 and m.name.endswith('/PKG-INFO')]
                info.update(meta(t.extractfile(members[0]).read().decode('utf-8')))
    except Exception as e:
        info['error'] = '%s: %s' % (type(e).__name__, e)
    out['files'].append(info)
print(json.dumps(out))
`

interface Inspected {
  files: {
    path: string
    name: string
    version: string
    error: string | null
    /** Top-level entries of a wheel. */
    top: string[]
    /** The wheel's Generator: "setuptools (80.9.0)", "hatchling 1.27.0". */
    generator: string | null
  }[]
}

/** The file names in build's closing line: "Successfully built a.tar.gz and a.whl". */
export function builtFiles(output: string): string[] {
  const line = /^Successfully built (.+)$/m.exec(stripColour(output))?.[1]
  if (!line) return []
  return line
    .split(/\s+and\s+|,\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/**
 * What looks wrong inside a wheel, given its top-level entries: nothing
 * importable, or a top-level tests package that every project would install
 * over each other's. Warnings, not failures. Pure.
 */
export function wheelContentWarnings(fileName: string, top: readonly string[]): string[] {
  const code = top.filter((t) => !t.endsWith('.dist-info') && !t.endsWith('.data'))
  const warnings: string[] = []
  if (code.length === 0) {
    warnings.push(
      `${fileName} holds no Python package or module, only metadata; check the backend's package configuration`,
    )
  }
  for (const t of code) {
    if (/^tests?$/.test(t)) {
      warnings.push(
        `${fileName} installs a top-level '${t}' package, which collides with other projects' tests; exclude it from the wheel`,
      )
    }
  }
  return warnings
}

/**
 * "setuptools 80.9.0" from a WHEEL file's "Generator: setuptools (80.9.0)";
 * "hatchling 1.27.0" and "flit 3.12.0" are written so already. Pure.
 */
export function generatorName(generator: string): string {
  const text = generator.trim().replace(/\s+/g, ' ')
  const match = /^(.+?) \(([^()]+)\)$/.exec(text)
  return match ? `${match[1]} ${match[2]}` : text
}

/** Problems a release would have: each dist present, and both carry one name and version. */
export function checkDists(sdist: DistFile | undefined, wheel: DistFile | undefined): string[] {
  const problems: string[] = []
  if (!sdist) problems.push('no sdist was built')
  if (!wheel) problems.push('no wheel was built')
  if (sdist && wheel) {
    if (normalizeName(sdist.name) !== normalizeName(wheel.name)) {
      problems.push(`the sdist is named ${sdist.name} but the wheel ${wheel.name}`)
    }
    if (sdist.version !== wheel.version) {
      problems.push(`the sdist has version ${sdist.version} but the wheel ${wheel.version}`)
    }
  }
  for (const d of [sdist, wheel]) {
    if (d && (!d.name || !d.version))
      problems.push(`${d.fileName} has no Name or Version in its metadata`)
  }
  return problems
}

/**
 * setuptools_scm and hatch-vcs derive the version from git tags; without them
 * (a shallow clone, actions/checkout's default) they fall back to a guess such
 * as 0.1.dev1+g1a2b3c4. Returns the warning to give, if any. Pure.
 */
export function scmVersionWarning(
  version: string,
  shallow: boolean,
  tagged = false,
): string | undefined {
  // A git hash in the local part is the tell; a bare .devN only in a shallow
  // clone. With a tag reachable in a full clone, 4.26.1.dev142+gb37f7be6 is the
  // honest version of a commit after the 4.26.0 release, not a guess.
  if (tagged && !shallow) return undefined
  const guessed = /\+g[0-9a-f]{6,}/.test(version) || (shallow && /\.dev\d+$/.test(version))
  if (!guessed) return undefined
  const why = shallow
    ? 'the checkout is shallow, so git tags are missing'
    : 'no git tag was found at or before this commit'
  return `the built version ${version} looks derived from git by setuptools_scm or hatch-vcs, and ${why}; fetch the tags (actions/checkout with fetch-depth: 0) so the version is the release's`
}

async function isShallow(host: Host, dir: string): Promise<boolean> {
  const result = await host.runner.run('git', ['rev-parse', '--is-shallow-repository'], {
    cwd: dir,
    env: host.env,
  })
  return result.code === 0 && result.stdout.trim() === 'true'
}

/** Whether a tag is reachable from HEAD (what setuptools_scm and hatch-vcs count from). */
async function hasTag(host: Host, dir: string): Promise<boolean> {
  const result = await host.runner.run('git', ['describe', '--tags', '--abbrev=0'], {
    cwd: dir,
    env: host.env,
  })
  return result.code === 0
}

// Unpacks an sdist so its wheel can be built from it, as build itself does.
const UNPACK = `
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    kwargs = {'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}
    t.extractall(sys.argv[2], **kwargs)
    top = t.getnames()[0].split('/')[0]
print(json.dumps(top))
`

function buildArgs(
  config: Config,
  kind: '--sdist' | '--wheel',
  outDir: string,
  srcDir: string,
): string[] {
  // Without isolation the build uses what is installed, as pip's
  // --no-build-isolation does, without build's own check of the backend's
  // requirements (distributions may omit optional ones, e.g. hatchling's editables).
  const isolation = config.buildIsolation ? [] : ['--no-isolation', '--skip-dependency-check']
  return [kind, ...isolation, '--outdir', outDir, srcDir]
}

// build from the tools venv run by the project's interpreter, the tools last on
// sys.path so that the project's own packages win; the backend's hooks run in
// that interpreter (sys.executable), where the project installed the backend.
const BUILD_BESIDE = `
import runpy, sys
sys.path.append(sys.argv.pop(1))
runpy.run_module('build', run_name='__main__', alter_sys=True)
`

/** How `python -m build` starts: from the tools venv, or (without isolation) in the project's. */
interface Builder {
  readonly python: string
  readonly env: NodeJS.ProcessEnv
  readonly prefix: readonly string[]
}

function builderFor(config: Config, venv: Venv, tools: Tools): Builder {
  return config.buildIsolation
    ? { python: tools.python, env: tools.env, prefix: ['-m', 'build'] }
    : { python: venv.python, env: venv.env, prefix: ['-c', BUILD_BESIDE, tools.site] }
}

function failed(error: string): BuildResult {
  return { ok: false, problems: [], warnings: [], twineCheck: 'not available', error }
}

async function runBuild(host: Host, log: Log, builder: Builder, args: string[], cwd: string) {
  log.info(`$ ${formatCommand('python', ['-m', 'build', ...args])}`)
  const result = await host.runner.run(builder.python, [...builder.prefix, ...args], {
    cwd,
    env: builder.env,
  })
  log.info(result.output.trimEnd())
  const [name] = builtFiles(result.output)
  if (result.code === 0 && name !== undefined) return { name }
  const reason = failureReason(result.output)
  return {
    error: `python -m build failed (exit ${result.code})${reason ? `: ${reason}` : ''}\n${tail(result.output, 25)}`,
  }
}

/**
 * The sdist from the checkout, then the wheel from the unpacked sdist (as
 * `python -m build` does by default, so the wheel proves the sdist complete).
 * `sourceDone` is called once the checkout is no longer touched: setuptools
 * writes a release tree into the project while it makes the sdist, which tests
 * collecting the same folder must not see. The wheel is built elsewhere.
 */
export async function buildDists(
  host: Host,
  log: Log,
  config: Config,
  venv: Venv,
  tools: Tools,
  sourceDone: () => void = () => {},
): Promise<BuildResult> {
  // Ours, outside the checkout: nothing the project leaves in dist/ is taken
  // for a built file, and a fresh folder holds only what this build made.
  const outDir = distsDir(host)
  rmSync(outDir, { recursive: true, force: true })
  const builder = builderFor(config, venv, tools)
  const digests = new Map<string, FileDigest>()
  // Taken the moment each command ends: the tests start once the sdist exists.
  const record = (name: string) => digests.set(name, digestOf(path.join(outDir, name)))
  let sdistName: string
  // A rerun in the same folder (the CLI's) then starts from the checkout as it was.
  const before = findLeftovers(config.workingDirectory)
  try {
    const sdist = await runBuild(
      host,
      log,
      builder,
      buildArgs(config, '--sdist', outDir, config.workingDirectory),
      config.workingDirectory,
    )
    if (sdist.error !== undefined) return failed(sdist.error)
    sdistName = sdist.name
    record(sdistName)
  } finally {
    removeNewLeftovers(log, config.workingDirectory, before, 'the sdist')
    sourceDone()
  }
  const unpackDir = path.join(host.tempDir, 'sdist')
  rmSync(unpackDir, { recursive: true, force: true })
  let top: string
  try {
    top = await runSnippet<string>(
      host,
      venv.python,
      UNPACK,
      [path.join(outDir, sdistName), unpackDir],
      'unpacking the sdist',
      { env: venv.env },
    )
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message)
    throw error
  }
  const srcDir = path.join(unpackDir, top)
  const wheel = await runBuild(
    host,
    log,
    builder,
    buildArgs(config, '--wheel', outDir, srcDir),
    srcDir,
  )
  if (wheel.error !== undefined) return failed(wheel.error)
  record(wheel.name)
  return inspectDists(host, log, config, venv, tools, outDir, digests)
}

/** Where the build writes: a folder of the action's own, outside the checkout. */
export function distsDir(host: Pick<Host, 'tempDir'>): string {
  return path.join(host.tempDir, 'dists')
}

async function inspectDists(
  host: Host,
  log: Log,
  config: Config,
  venv: Venv,
  tools: Tools,
  outDir: string,
  digests: ReadonlyMap<string, FileDigest>,
): Promise<BuildResult> {
  const files = [...digests.keys()].map((n) => path.join(outDir, n))
  let data: Inspected
  try {
    data = await runSnippet<Inspected>(
      host,
      venv.python,
      INSPECT,
      files,
      'inspecting the built files',
      { env: venv.env },
    )
  } catch (error) {
    if (error instanceof SnippetError) return failed(error.message)
    throw error
  }
  const problems: string[] = []
  const dists: DistFile[] = []
  for (const f of data.files) {
    if (f.error) problems.push(`${path.basename(f.path)} could not be read: ${f.error}`)
    const fileName = path.basename(f.path)
    const digest = digests.get(fileName)
    if (digest === undefined) throw new Error(`${fileName} was inspected but never recorded`)
    dists.push({
      path: f.path,
      fileName,
      kind: f.path.endsWith('.whl') ? 'wheel' : 'sdist',
      ...digest,
      name: f.name,
      version: f.version,
    })
  }
  const sdist = dists.find((d) => d.kind === 'sdist')
  const wheel = dists.find((d) => d.kind === 'wheel')
  problems.push(...checkDists(sdist, wheel))
  const warnings: string[] = []
  const version = sdist?.version ?? wheel?.version
  // Asking git whether the clone is shallow is only worth it for a version that could be a guess.
  if (version !== undefined && scmVersionWarning(version, true) !== undefined) {
    const [shallow, tagged] = await Promise.all([
      isShallow(host, config.workingDirectory),
      hasTag(host, config.workingDirectory),
    ])
    const guessed = scmVersionWarning(version, shallow, tagged)
    if (guessed) warnings.push(guessed)
  }
  const wheelFile = data.files.find((f) => f.path.endsWith('.whl'))
  const wheelTop = wheelFile?.top
  if (wheel && wheelTop) warnings.push(...wheelContentWarnings(wheel.fileName, wheelTop))
  // Reported, not failed: the files install fine; the index refuses them at
  // upload, and publishing refuses first.
  const check = await checkMetadata(host, log, tools, dists)
  const twineCheck: BuildResult['twineCheck'] = check === undefined ? 'passed' : 'failed'
  if (check !== undefined)
    warnings.push(`twine check --strict found problems in the metadata: ${check}`)
  for (const w of warnings) log.warning(w)
  const backend = wheelFile?.generator ? generatorName(wheelFile.generator) : undefined
  return {
    ok: problems.length === 0,
    sdist,
    wheel,
    problems,
    warnings,
    twineCheck,
    ...(backend && { backend }),
  }
}
