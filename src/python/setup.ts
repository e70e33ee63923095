/**
 * The python stage's work: find or install the Python the config asks for. On
 * GitHub: the runner's tool cache, else a download from the
 * actions/python-versions manifest, as setup-python does. Elsewhere, or with no
 * version asked for: an interpreter on PATH.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { HttpClient } from '@actions/http-client'
import * as tc from '@actions/tool-cache'
import { type Config, insecureUrl, SECURE_URLS } from '../config.js'

/** What setting up Python reads of the config; a publish job has no more. */
export type PythonSettings = Pick<Config, 'pythonSpec' | 'architecture' | 'pythonManifestUrl'>

import { errorMessage } from '../error-message.js'
import type { Host } from '../host.js'
import { tail } from '../process.js'
import { highestMatch, type VersionSpec } from '../version-spec.js'
import {
  chooseRelease,
  type ManifestRelease,
  osVersionFromOsRelease,
  parseManifest,
} from './manifest.js'

export class PythonSetupError extends Error {
  override name = 'PythonSetupError'
}

export interface Interpreter {
  readonly version: string
  readonly executable: string
  /** sys.prefix */
  readonly prefix: string
  /** pip's version when the interpreter can run `-m pip`. */
  readonly pipVersion: string | undefined
}

export interface PythonSetup extends Interpreter {
  /** Where this interpreter came from and why, e.g. "from the tool cache (python-version 3.12)". */
  readonly origin: string
}

const PROBE = [
  'import json, platform, sys',
  'try:',
  '    from importlib.metadata import version',
  "    pip = version('pip')",
  'except Exception:',
  '    pip = None',
  "print(json.dumps({'version': platform.python_version(), 'executable': sys.executable, 'prefix': sys.prefix, 'pip': pip}))",
].join('\n')

export async function probeInterpreter(
  host: Host,
  executable: string,
): Promise<Interpreter | undefined> {
  const result = await host.runner.run(executable, ['-I', '-c', PROBE], { env: host.env })
  if (result.code !== 0) {
    host.log.debug(`${executable} could not be probed: ${tail(result.output, 5)}`)
    return undefined
  }
  try {
    const data = JSON.parse(result.stdout) as {
      version: string
      executable: string
      prefix: string
      pip: string | null
    }
    return {
      version: data.version,
      executable: data.executable || executable,
      prefix: data.prefix,
      pipVersion: data.pip ?? undefined,
    }
  } catch {
    host.log.debug(`${executable} printed no version: ${tail(result.output, 5)}`)
    return undefined
  }
}

function describe(spec: VersionSpec): string {
  return spec.source === 'requires-python'
    ? `requires-python ${spec.text}`
    : `${spec.source} ${spec.text}`
}

const isWindows = process.platform === 'win32'

/** Where a Python install keeps its scripts (pip, pytest, …). */
function binDir(installDir: string): string {
  return path.join(installDir, isWindows ? 'Scripts' : 'bin')
}

function executableIn(installDir: string): string {
  return isWindows ? path.join(installDir, 'python.exe') : path.join(installDir, 'bin', 'python3')
}

/** Interpreters on PATH: python3.N, python3 and python, in PATH order. */
function candidatesOnPath(host: Host): string[] {
  const dirs = (host.env.PATH ?? '').split(path.delimiter).filter((d) => d !== '')
  const names = [...Array.from({ length: 40 }, (_, i) => `python3.${40 - i}`), 'python3', 'python']
  const found: string[] = []
  for (const dir of dirs) {
    for (const name of names) {
      const file = path.join(dir, isWindows ? `${name}.exe` : name)
      if (existsSync(file)) found.push(file)
    }
  }
  return found
}

async function fromPath(host: Host, spec: VersionSpec | undefined): Promise<PythonSetup> {
  const candidates = candidatesOnPath(host)
  if (spec === undefined) {
    const first = candidates.find((c) => /python3?(\.exe)?$/.test(path.basename(c)))
    const found = first ? await probeInterpreter(host, first) : undefined
    if (!found) {
      throw new PythonSetupError(
        'no python3 on PATH, and no version asked for; set python-version (e.g. 3.12)',
      )
    }
    return { ...found, origin: 'the python3 on PATH (no version asked for)' }
  }
  const seen = new Set<string>()
  const probed: Interpreter[] = []
  for (const file of candidates) {
    const interpreter = await probeInterpreter(host, file)
    if (interpreter && !seen.has(interpreter.executable)) {
      seen.add(interpreter.executable)
      probed.push(interpreter)
    }
  }
  const version = highestMatch(
    spec,
    probed.map((p) => p.version),
  )
  const chosen = probed.find((p) => p.version === version)
  if (!chosen) {
    const have = probed.length
      ? probed.map((p) => `${p.version} (${p.executable})`).join(', ')
      : 'none'
    throw new PythonSetupError(`no Python on PATH matches ${describe(spec)}; found: ${have}`)
  }
  return { ...chosen, origin: `from PATH (${describe(spec)})` }
}

async function fetchManifest(url: string): Promise<ManifestRelease[]> {
  const http = new HttpClient('python-ci-action')
  let lastError = ''
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const response = await http.get(url)
      const status = response.message.statusCode ?? 0
      const body = await response.readBody()
      if (status === 200) return parseManifest(body, url)
      lastError = `HTTP ${status}`
      // Rate limits and missing files do not get better by asking again.
      if (status === 403 || status === 404 || status === 429) break
    } catch (error) {
      lastError = errorMessage(error)
    }
    if (attempt < 3) await new Promise((r) => setTimeout(r, 1000 * attempt))
  }
  throw new PythonSetupError(`could not read the Python versions manifest at ${url}: ${lastError}`)
}

function osVersion(): string | undefined {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    if (existsSync(file)) return osVersionFromOsRelease(readFileSync(file, 'utf8'))
  }
  return undefined
}

async function installFromManifest(
  host: Host,
  config: PythonSettings,
  spec: VersionSpec,
): Promise<string> {
  const releases = await fetchManifest(config.pythonManifestUrl)
  const target = { platform: process.platform, osVersion: osVersion(), arch: config.architecture }
  const choice = chooseRelease(releases, spec, target)
  if (!choice) {
    throw new PythonSetupError(
      `no Python matching ${describe(spec)} for ${target.platform} ${target.osVersion ?? ''} ${target.arch} in the tool cache or in the manifest at ${config.pythonManifestUrl}`.replace(
        / {2,}/g,
        ' ',
      ),
    )
  }
  // The manifest is trusted only as far as its own URL: each download must be as safe.
  const why = insecureUrl(
    new URL(choice.file.download_url, config.pythonManifestUrl),
    'the interpreter and its setup.sh would arrive unverified',
  )
  if (why !== undefined) {
    throw new PythonSetupError(
      `the manifest at ${config.pythonManifestUrl} gives Python ${choice.version} at ${JSON.stringify(choice.file.download_url)}, which ${why}; accepted: ${SECURE_URLS}`,
    )
  }
  host.log.info(`Downloading Python ${choice.version} from ${choice.file.download_url}`)
  const archive = await tc.downloadTool(choice.file.download_url)
  const extracted = isWindows ? await tc.extractZip(archive) : await tc.extractTar(archive)
  const [command, args] = isWindows
    ? ['pwsh', ['-NoLogo', '-NoProfile', '-File', './setup.ps1']]
    : ['bash', ['./setup.sh']]
  const result = await host.runner.run(command as string, args as string[], {
    cwd: extracted,
    env: host.env,
  })
  if (result.code !== 0) {
    throw new PythonSetupError(
      `installing Python ${choice.version} failed (${command} exited ${result.code}):\n${tail(result.output)}`,
    )
  }
  const installed = tc.find('Python', choice.version, config.architecture)
  if (!installed)
    throw new PythonSetupError(`installing Python ${choice.version} left nothing in the tool cache`)
  return installed
}

function exportPython(host: Host, installDir: string): void {
  host.addPath(installDir)
  host.addPath(binDir(installDir))
  for (const name of [
    'pythonLocation',
    'Python_ROOT_DIR',
    'Python2_ROOT_DIR',
    'Python3_ROOT_DIR',
  ]) {
    host.exportVariable(name, installDir)
  }
  host.exportVariable('PKG_CONFIG_PATH', path.join(installDir, 'lib', 'pkgconfig'))
}

export async function setupPython(
  host: Host,
  config: PythonSettings,
  interpreter?: string,
): Promise<PythonSetup> {
  if (interpreter) {
    const found = await probeInterpreter(host, interpreter)
    if (!found) throw new PythonSetupError(`${interpreter} is not a working Python interpreter`)
    return { ...found, origin: 'the interpreter given' }
  }
  const spec = config.pythonSpec
  if (spec === undefined || !host.onActions || host.toolCacheDir === undefined)
    return fromPath(host, spec)

  const cached = highestMatch(spec, tc.findAllVersions('Python', config.architecture))
  let installDir = cached ? tc.find('Python', cached, config.architecture) : ''
  let how = 'from the tool cache'
  if (!installDir) {
    installDir = await installFromManifest(host, config, spec)
    how = 'downloaded'
  }
  const found = await probeInterpreter(host, executableIn(installDir))
  if (!found) throw new PythonSetupError(`the Python in ${installDir} does not run`)
  exportPython(host, installDir)
  return { ...found, executable: executableIn(installDir), origin: `${how} (${describe(spec)})` }
}
