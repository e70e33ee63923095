/**
 * The action's own tools, build and twine, in a venv of their own beside the
 * project's (host.tempDir/tools): the project's pins never meet them, and
 * twine, which holds the upload credentials at release, runs from where no
 * project code ran. Missing ones come from the index the job's pip reaches,
 * once: the build stage runs `twine check --strict` with the same twine that
 * publishing then uses, so a release installs nothing new. The folder is
 * cached with the project's venv.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { Host } from '../host.js'
import { failureReason, formatCommand, tail } from '../process.js'
import type { PythonSetup } from '../python/setup.js'
import { runSnippet, SnippetError } from '../python/snippet.js'
import { InstallError, type Venv, venvOf } from './venv.js'

/** Folder of the tools venv under host.tempDir. */
export const TOOLS_DIR = 'tools'

/**
 * What is installed when missing: build 1.0 reuses the environment's pip for
 * isolated builds (so pip is kept here too), and twine 6.1 reads
 * Metadata-Version 2.4.
 */
const REQUIREMENTS: Readonly<Record<string, string>> = {
  build: 'build>=1.0',
  twine: 'twine>=6.1',
  pip: 'pip>=22.3',
}

export interface Tools extends Venv {
  /** The tools' site-packages: appended to the project venv's sys.path for a build without isolation. */
  readonly site: string
  /** Each tool's version, as importlib.metadata says. */
  readonly versions: Readonly<Record<string, string>>
}

// Which tools are missing, their versions, and where the venv keeps its packages.
const PROBE = `
import importlib.metadata as m, json, sys, sysconfig
have = {}
for name in sys.argv[1:]:
    try:
        have[name] = m.version(name)
    except m.PackageNotFoundError:
        pass
print(json.dumps({'have': have, 'site': sysconfig.get_path('purelib')}))
`

interface Probed {
  have: Record<string, string>
  site: string
}

async function probe(host: Host, tools: Venv): Promise<Probed> {
  try {
    return await runSnippet<Probed>(
      host,
      tools.python,
      PROBE,
      Object.keys(REQUIREMENTS),
      'looking for build and twine',
      // -I: nothing of the checkout or the caller's PYTHONPATH is asked.
      { env: tools.env, cwd: host.tempDir, pythonArgs: ['-I'] },
    )
  } catch (error) {
    if (error instanceof SnippetError) throw new InstallError(error.message)
    throw error
  }
}

/**
 * Makes (or reuses, after a cache restore) the tools venv and installs what it
 * lacks. `basePip`: the base interpreter's pip installs into it with --python;
 * otherwise the venv gets pip of its own first. `systemSite`: offline, the base
 * Python's own build and twine are all there is.
 */
export async function prepareTools(
  host: Host,
  config: Pick<Config, 'pipArgs'>,
  python: PythonSetup,
  basePip: boolean,
  systemSite: boolean,
): Promise<Tools> {
  const dir = path.join(host.tempDir, TOOLS_DIR)
  const tools = venvOf(host, dir)
  if (!existsSync(tools.python)) {
    const args = [
      '-m',
      'venv',
      ...(systemSite ? ['--system-site-packages'] : []),
      ...(basePip ? ['--without-pip'] : []),
      dir,
    ]
    const made = await host.runner.run(python.executable, args, { env: host.env })
    if (made.code !== 0)
      throw new InstallError(
        `the tools environment could not be made: python -m venv exited ${made.code}:\n${tail(made.output)}`,
      )
  }
  let found = await probe(host, tools)
  const missing = Object.keys(REQUIREMENTS).filter((name) => !(name in found.have))
  if (missing.length > 0) {
    const command = basePip ? python.executable : tools.python
    const args = [
      ...(basePip ? ['-m', 'pip', '--python', tools.python] : ['-m', 'pip']),
      'install',
      '--disable-pip-version-check',
      // Half the install's time is byte-compiling modules that twine check and
      // build never import; those they do are compiled on first import.
      '--no-compile',
      ...config.pipArgs,
      '--',
      ...missing.map((name) => REQUIREMENTS[name] ?? name),
    ]
    host.log.info(`$ ${formatCommand(command, args)}`)
    const result = await host.runner.run(command, args, { cwd: host.tempDir, env: tools.env })
    if (result.code !== 0) {
      const reason = failureReason(result.output)
      throw new InstallError(
        `installing ${missing.join(', ')} into the tools environment failed (exit ${result.code})${reason ? `: ${reason}` : ''}\n${tail(result.output, 20)}`,
      )
    }
    found = await probe(host, tools)
  }
  const versions = Object.fromEntries(Object.entries(found.have).filter(([name]) => name !== 'pip'))
  host.log.info(
    `tools environment ${dir}: ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}${missing.length > 0 ? ` (installed ${missing.join(', ')})` : ''}`,
  )
  return { ...tools, site: found.site, versions }
}
