/**
 * The harness itself: the manifest server serves what setup-python's download
 * path expects, and runAction reads back what an action writes the way the
 * runner does.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { type ManifestServer, start } from './manifest-server.js'
import { startPackageIndex } from './package-index.js'
import { cleanEnv, DIST, tempDir } from './paths.js'
import { runProcess } from './process.js'
import { failureLocations, parsePytestSummary, pytestReference } from './reference.js'
import {
  type ActionResult,
  actionInputs,
  inputVariable,
  leakedSecrets,
  parseFileCommands,
  parseWorkflowCommands,
  prepareRun,
  runAction,
  secretsOf,
  stepOutputs,
} from './runner.js'
import { debianPythonVersion, layToolCache } from './tool-cache.js'

jest.setTimeout(60_000)

// The interpreter's version and prefix, and every distribution it can import.
const PACKAGES_PROBE =
  'import importlib.metadata as m, json, platform, sys; print(json.dumps({"version": platform.python_version(), "prefix": sys.prefix, "packages": sorted(d.metadata["Name"] for d in m.distributions())}))'

describe('manifest server', () => {
  let server: ManifestServer
  let scratch: string

  beforeAll(async () => {
    server = await start()
    scratch = tempDir('harness')
  })
  afterAll(async () => {
    await server.close()
    rmSync(scratch, { recursive: true, force: true })
  })

  it('serves a versions manifest naming the real Debian version, downloadable from itself', async () => {
    const response = await fetch(server.manifestUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const manifest = (await response.json()) as Array<{
      version: string
      stable: boolean
      files: Array<{ arch: string; platform: string; download_url: string; filename: string }>
    }>
    expect(manifest).toHaveLength(1)
    expect(manifest[0]?.version).toBe(debianPythonVersion())
    expect(manifest[0]?.stable).toBe(true)
    expect(manifest[0]?.files[0]).toMatchObject({
      arch: 'x64',
      platform: 'linux',
      download_url: server.tarballUrl,
    })
    expect(server.tarballUrl.startsWith(`${server.url}/`)).toBe(true)
    expect(server.requests.get('/versions-manifest.json')).toBe(1)
  })

  it('serves a tarball whose setup.sh installs a working python into RUNNER_TOOL_CACHE', async () => {
    const response = await fetch(server.tarballUrl)
    expect(response.status).toBe(200)
    const archive = path.join(scratch, 'python.tar.gz')
    writeFileSync(archive, Buffer.from(await response.arrayBuffer()))
    expect(server.requests.get(server.tarballPath)).toBe(1)

    const extracted = path.join(scratch, 'extracted')
    mkdirSync(extracted)
    execFileSync('tar', ['-xzf', archive, '-C', extracted])
    const toolCache = path.join(scratch, 'toolcache')
    const setup = await runProcess('bash', ['./setup.sh'], {
      cwd: extracted,
      env: { ...cleanEnv(scratch), RUNNER_TOOL_CACHE: toolCache },
    })
    expect(setup.stderr).toBe('')
    expect(setup.exitCode).toBe(0)

    const version = debianPythonVersion()
    const installDir = path.join(toolCache, 'Python', version, 'x64')
    expect(existsSync(`${installDir}.complete`)).toBe(true)
    const probe = await runProcess(path.join(installDir, 'bin', 'python'), ['-c', PACKAGES_PROBE], {
      cwd: scratch,
      env: cleanEnv(scratch),
    })
    expect(probe.stderr).toBe('')
    // A hosted runner's Python: pip and nothing else, its prefix the install folder.
    expect(JSON.parse(probe.stdout)).toEqual({ version, prefix: installDir, packages: ['pip'] })
  })

  it('answers 404 for anything else, and counts it', async () => {
    const response = await fetch(`${server.url}/python-9.9.9-linux-x64.tar.gz`)
    expect(response.status).toBe(404)
    expect(server.requests.get('/python-9.9.9-linux-x64.tar.gz')).toBe(1)
  })
})

describe('layToolCache', () => {
  it('lays out Python/<version>/x64 with the x64.complete marker beside it', async () => {
    const root = tempDir('toolcache')
    try {
      const python = layToolCache(root)
      expect(python.installDir).toBe(path.join(root, 'Python', debianPythonVersion(), 'x64'))
      expect(existsSync(path.join(root, 'Python', debianPythonVersion(), 'x64.complete'))).toBe(
        true,
      )
      for (const name of ['python', 'python3']) {
        expect(existsSync(path.join(python.binDir, name))).toBe(true)
      }
      const probe = await runProcess(python.executable, ['-c', PACKAGES_PROBE], {
        cwd: root,
        env: cleanEnv(root),
      })
      expect(JSON.parse(probe.stdout)).toEqual({
        version: debianPythonVersion(),
        prefix: python.installDir,
        packages: ['pip'],
      })
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('file commands and workflow commands', () => {
  it('parses k=v lines and heredoc values as the runner does', () => {
    const text = [
      'simple=a=b',
      'multi<<ghadelimiter_1f2e',
      'line one',
      '',
      'x=y',
      'ghadelimiter_1f2e',
      'empty=',
      'empty-heredoc<<EOF',
      'EOF',
      '',
    ].join('\n')
    expect(parseFileCommands(text)).toEqual({
      simple: 'a=b',
      multi: 'line one\n\nx=y',
      empty: '',
      'empty-heredoc': '',
    })
    expect(() => parseFileCommands('open<<EOF\nnever closed\n')).toThrow(/closing delimiter/)
  })

  it('parses ::commands with the runner unescaping properties and messages', () => {
    const stdout = [
      'plain log line',
      '::error file=tests/a%2Cb.py,line=12,title=T%3A x%25::first%0Asecond %3A kept%25',
      '::warning::careful',
      '  ::notice title=n::indented',
      '::endgroup::',
    ].join('\n')
    expect(parseWorkflowCommands(stdout)).toEqual([
      {
        name: 'error',
        properties: { file: 'tests/a,b.py', line: '12', title: 'T: x%' },
        message: 'first\nsecond %3A kept%',
      },
      { name: 'warning', properties: {}, message: 'careful' },
      { name: 'notice', properties: { title: 'n' }, message: 'indented' },
      { name: 'endgroup', properties: {}, message: '' },
    ])
  })

  it('takes legacy ##[ commands anywhere in a line, for the names the runner registers', () => {
    const stdout = [
      'pytest said ##[set-output name=comment-url;x=a%3Bb]https://evil.example',
      '##[error]forged',
      '##[not-a-command]ignored',
      '##[add-mask]passed',
    ].join('\n')
    expect(parseWorkflowCommands(stdout)).toEqual([
      {
        name: 'set-output',
        properties: { name: 'comment-url', x: 'a;b' },
        message: 'https://evil.example',
        legacy: true,
      },
      { name: 'error', properties: {}, message: 'forged', legacy: true },
      { name: 'add-mask', properties: {}, message: 'passed', legacy: true },
    ])
  })

  it('matches command names in any case, as the runner does', () => {
    expect(parseWorkflowCommands('x ##[ERROR]forged\n::Set-Output name=a::1')).toEqual([
      { name: 'error', properties: {}, message: 'forged', legacy: true },
      { name: 'set-output', properties: { name: 'a' }, message: '1' },
    ])
  })

  it('ignores every command between stop-commands and its token, of both styles', () => {
    const stdout = [
      '::stop-commands::a1b2',
      '::error::inert',
      '##[set-output name=x]inert',
      '::a1b2::',
      '::warning::live',
    ].join('\n')
    expect(parseWorkflowCommands(stdout)).toEqual([
      { name: 'warning', properties: {}, message: 'live' },
    ])
  })

  it("folds set-output commands into the outputs, under the file's values", () => {
    const commands = parseWorkflowCommands(
      '::set-output name=a::from log\n##[set-output name=b]from log',
    )
    expect(stepOutputs(commands, { a: 'from file' })).toEqual({ a: 'from file', b: 'from log' })
  })

  it('finds a secret or a PyPI-shaped token in a text, and never names it', () => {
    const env = {
      INPUT_COMMENT: 'not-a-secret-name',
      'INPUT_PYPI-TOKEN': 'sekrit-value',
      HOME: '/h',
    }
    const secrets = secretsOf(env, ['extra-secret'])
    expect(secrets).toEqual(['sekrit-value', 'extra-secret'])
    const minted = `pypi-${'A'.repeat(40)}`
    const leaks = leakedSecrets(secrets, {
      stdout: `::add-mask::sekrit-value\nall is well\nextra-secret`,
      stderr: `minted ${minted}`,
      'file commands': 'token=sekrit-value',
    })
    expect(leaks).toEqual([
      "stdout holds 1 of the run's secrets",
      'stderr holds 1 PyPI-shaped tokens',
      "file commands holds 1 of the run's secrets",
    ])
    expect(leaks.join()).not.toContain('sekrit')
    expect(leakedSecrets(secrets, { stdout: '::add-mask::sekrit-value\nclean' })).toEqual([])
  })

  it('parses pytest summary lines', () => {
    expect(parsePytestSummary('1 failed, 3 passed, 1 skipped, 2 errors, 1 warning')).toEqual({
      passed: 3,
      failed: 1,
      skipped: 1,
      errors: 2,
      xfailed: 0,
      xpassed: 0,
      deselected: 0,
      warnings: 1,
    })
    expect(parsePytestSummary('no tests ran').passed).toBe(0)
  })
})

describe('runAction', () => {
  let result: ActionResult
  const probe = `
import { appendFileSync } from 'node:fs'
const e = process.env
appendFileSync(e.GITHUB_OUTPUT, 'multi<<ghadelimiter_abc\\nline 1\\nline 2\\nghadelimiter_abc\\nsimple=v=1\\n')
appendFileSync(e.GITHUB_ENV, 'pythonLocation=/x\\n')
appendFileSync(e.GITHUB_PATH, '/x/bin\\n')
appendFileSync(e.GITHUB_STEP_SUMMARY, '# Summary\\n')
console.log('::error file=tests/t.py,line=3,title=a%2Cb::m%0An')
console.log(JSON.stringify({ env: e, cwd: process.cwd(), node: process.version }))
`

  let scripts: string

  beforeAll(async () => {
    scripts = tempDir('probe')
    const script = path.join(scripts, 'probe.mjs')
    writeFileSync(script, probe)
    result = await runAction({
      fixture: 'setuptools-legacy',
      inputs: { 'python-version': '3.11' },
      script,
    })
  })

  it('reads back outputs (heredoc included), env, path, summary and commands', () => {
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({ multi: 'line 1\nline 2', simple: 'v=1' })
    expect(result.env).toEqual({ pythonLocation: '/x' })
    expect(result.path).toEqual(['/x/bin'])
    expect(result.summary).toBe('# Summary\n')
    expect(result.commands).toContainEqual({
      name: 'error',
      properties: { file: 'tests/t.py', line: '3', title: 'a,b' },
      message: 'm\nn',
    })
  })

  it('fails a run that prints a secret, without printing it', async () => {
    const script = path.join(scripts, 'leak.mjs')
    writeFileSync(script, "console.log('token is ' + process.env['INPUT_PYPI-TOKEN'])\n")
    const run = (allowLeaks: boolean) =>
      runAction({ script, inputs: { 'pypi-token': 'pypi-leaked-value-1234' }, allowLeaks })
    const error = await run(false).then(
      () => undefined,
      (e: Error) => e.message,
    )
    expect(error).toMatch(/^the run printed a secret: stdout holds 1 of the run's secrets/)
    expect(error).toContain('token is ***')
    expect(error).not.toContain('pypi-leaked-value-1234')
    const allowed = await run(true)
    expect(allowed.stdout).toContain('token is pypi-leaked-value-1234')
    allowed.cleanup()
  })

  it('starts Node 24 in the workspace with a clean, runner-like environment', () => {
    const seen = JSON.parse(result.stdout.split('\n').find((l) => l.startsWith('{')) ?? '{}') as {
      env: Record<string, string>
      cwd: string
      node: string
    }
    expect(seen.node).toMatch(/^v24\./)
    expect(seen.cwd).toBe(result.workspace)
    expect(seen.env.NODE_OPTIONS).toBeUndefined()
    expect(seen.env.PATH).toBe('/usr/bin:/bin')
    expect(seen.env.GITHUB_WORKSPACE).toBe(result.workspace)
    expect(seen.env.RUNNER_TOOL_CACHE).toBe(result.toolCache)
    expect(seen.env.GITHUB_API_URL).toBe('http://127.0.0.1:9/')
    // pip reaches the wheelhouse on loopback, as a hosted runner's reaches PyPI.
    expect(seen.env.PIP_NO_INDEX).toBeUndefined()
    expect(seen.env.PIP_INDEX_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/simple\/$/)
    for (const [name, value] of Object.entries(actionInputs())) {
      const expected = name === 'python-version' ? '3.11' : value
      expect([inputVariable(name), seen.env[inputVariable(name)]]).toEqual([
        inputVariable(name),
        expected,
      ])
    }
    expect(seen.env['INPUT_WORKING-DIRECTORY']).toBe('.')
    expect(existsSync(path.join(result.workspace, 'setup.py'))).toBe(true)
  })

  it('hands over each stdout line as it comes, with the time since the spawn, and times the run', async () => {
    const script = path.join(scripts, 'lines.mjs')
    // A line split across writes, a two-byte character, a pause, and a last line without its newline.
    writeFileSync(
      script,
      "process.stdout.write('first\\nsec'); process.stdout.write(Buffer.from([0xc3])); setTimeout(() => process.stdout.write(Buffer.concat([Buffer.from([0xa9]), Buffer.from('ond\\nlast')])), 1000)\n",
    )
    const lines: [string, number][] = []
    const run = await runAction({ script, onLine: (line, ms) => lines.push([line, ms]) })
    run.cleanup()
    expect(lines.map(([line]) => line)).toEqual(['first', 'sec\u00e9ond', 'last'])
    const [[, first], [, second]] = lines as [[string, number], [string, number]]
    expect(second - first).toBeGreaterThanOrEqual(500)
    expect(run.ms).toBeGreaterThanOrEqual(second)
  })

  it('prepareRun lays out the step and its environment, with the index asked for, and starts nothing', async () => {
    const index = await startPackageIndex([])
    try {
      const run = await prepareRun({ fixture: 'setuptools-legacy', index })
      expect(run.startEnv.PIP_INDEX_URL).toBe(index.url)
      expect(Object.keys(run.files).sort()).toEqual([
        'GITHUB_ENV',
        'GITHUB_OUTPUT',
        'GITHUB_PATH',
        'GITHUB_STATE',
        'GITHUB_STEP_SUMMARY',
      ])
      for (const [variable, file] of Object.entries(run.files)) {
        expect([variable, run.startEnv[variable], readFileSync(file, 'utf8')]).toEqual([
          variable,
          file,
          '',
        ])
      }
      expect(run.script).toBe(path.join(DIST, 'main.js'))
      expect(existsSync(path.join(run.workspace, 'setup.py'))).toBe(true)
      run.cleanup()
      expect(existsSync(run.root)).toBe(false)
      expect(index.requests).toEqual([])
    } finally {
      await index.close()
    }
  })

  afterAll(() => {
    result?.cleanup()
    rmSync(scripts, { recursive: true, force: true })
  })
})

describe('the fixtures under pytest', () => {
  it('failing-test fails once, at an assertion with a message', async () => {
    const pytest = await pytestReference('failing-test')
    expect(pytest.exitCode).toBe(1)
    expect(pytest.failed).toBe(1)
    expect(failureLocations(pytest.output)).toEqual([
      { test: 'test_add_is_wrong', file: 'tests/test_calc.py', line: expect.any(Number) },
    ])
  })

  it('hostile-names fails with the hostile ids, newline and pipes included', async () => {
    const pytest = await pytestReference('hostile-names')
    const tests = failureLocations(pytest.output).map((f) => f.test)
    expect(tests).toHaveLength(pytest.failed)
    expect(tests).toContain('test_hostile_failure[a|b]')
    expect(tests).toContain('test_hostile_failure[<script>alert(1)</script>]')
    expect(tests).toContain('test_hostile_failure[new\\nline]')
  })

  it('syntax-error stops collection with one error; no-tests runs nothing', async () => {
    const [syntax, none] = await Promise.all([
      pytestReference('syntax-error'),
      pytestReference('no-tests'),
    ])
    expect([syntax.exitCode, syntax.errors, syntax.passed]).toEqual([2, 1, 0])
    expect([none.exitCode, none.tests]).toEqual([5, 0])
  })
})
