import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  describeExit,
  failureReason,
  formatCommand,
  SpawnRunner,
  stripColour,
  tail,
} from '../src/process.js'

describe('failureReason', () => {
  it.each([
    [
      '* Getting build dependencies...\nERROR Missing dependencies:\n\teditables>=0.3\n',
      'Missing dependencies: editables>=0.3',
    ],
    [
      'ERROR Backend subprocess exited when trying to invoke build_sdist\n',
      'Backend subprocess exited when trying to invoke build_sdist',
    ],
    [
      'running sdist\nerror: package directory demo does not exist\n\n',
      'error: package directory demo does not exist',
    ],
    [
      'Processing ./x\nERROR: Could not find a version that satisfies the requirement nope (from versions: none)\nERROR: No matching distribution found for nope\n',
      'No matching distribution found for nope',
    ],
    ['\x1b[31mERROR: bad\x1b[0m\n', 'bad'],
    // pip around a setup.py that exits with a message: the message, not pip's wrapping.
    [
      [
        "  Getting requirements to build wheel: finished with status 'error'",
        '  error: subprocess-exited-with-error',
        '  ',
        '  × Getting requirements to build wheel did not run successfully.',
        '  │ exit code: 1',
        '  ╰─> [1 lines of output]',
        '      demo: this setup.py refuses to build',
        '      [end of output]',
        '  ',
        '  note: This error originates from a subprocess, and is likely not a problem with pip.',
        'error: subprocess-exited-with-error',
        '',
        '× Getting requirements to build wheel did not run successfully.',
        '│ exit code: 1',
        '╰─> See above for output.',
        '',
        'note: This error originates from a subprocess, and is likely not a problem with pip.',
      ].join('\n'),
      'demo: this setup.py refuses to build',
    ],
    // pip around a traceback: its last line.
    [
      [
        '  ╰─> [5 lines of output]',
        '      Traceback (most recent call last):',
        '        File "setup.py", line 3, in <module>',
        '          import numpy',
        "      ModuleNotFoundError: No module named 'numpy'",
        '      [end of output]',
        '  note: This error originates from a subprocess, and is likely not a problem with pip.',
        'ERROR: Failed to build installable wheels for some pyproject.toml based projects (demo)',
      ].join('\n'),
      "ModuleNotFoundError: No module named 'numpy'",
    ],
    // build around a traceback, then its own wrapper line.
    [
      '* Building sdist...\nTraceback (most recent call last):\n  File "x", line 1\nRuntimeError: demo: no sdist today\n\nERROR Backend subprocess exited when trying to invoke build_sdist\n',
      'RuntimeError: demo: no sdist today',
    ],
    // build around a backend that exits with a message.
    [
      '* Building sdist...\nrunning sdist\ndemo: no sdist today\n\nERROR Backend subprocess exited when trying to invoke build_sdist\n',
      'demo: no sdist today',
    ],
    [
      'ERROR: Cannot install a==1 and b==2 because these package versions have conflicting dependencies.\nERROR: ResolutionImpossible: for help visit https://pip.pypa.io/\n',
      'Cannot install a==1 and b==2 because these package versions have conflicting dependencies.',
    ],
    // argparse's usage error, whole, colons included.
    [
      'ERROR: usage: python -m pytest [options] [file_or_dir] [file_or_dir] [...]\npython -m pytest: error: unrecognized arguments: --no-such-flag\n  inifile: None\n  rootdir: /w\n',
      'python -m pytest: error: unrecognized arguments: --no-such-flag',
    ],
    [
      'ERROR: file or directory not found: tests/nope\n\n',
      'file or directory not found: tests/nope',
    ],
    ['', undefined],
  ])('%j -> %j', (output, reason) => expect(failureReason(output)).toBe(reason))
})

describe('tail and stripColour', () => {
  it('keeps the last lines, without colour codes', () => {
    expect(tail('a\nb\n\x1b[1mc\x1b[0m\n\n', 2)).toBe('b\nc')
    expect(stripColour('\x1b[33mWARNING\x1b[0m x')).toBe('WARNING x')
  })
})

describe('formatCommand', () => {
  it.each<[string, string[], string]>([
    ['python', ['-m', 'pip', 'install', '/w/demo[test]'], "python -m pip install '/w/demo[test]'"],
    ['python', ['-k', 'not slow', "it's"], "python -k 'not slow' 'it'\\''s'"],
    [
      'pip',
      ['--index-url', 'https://user:s3cret@example.org/simple'],
      "pip --index-url 'https://***@example.org/simple'",
    ],
    [
      'pip',
      ['--extra-index-url=https://tok@example.org/simple', ''],
      "pip '--extra-index-url=https://***@example.org/simple' ''",
    ],
  ])('%s %j', (command, args, expected) => expect(formatCommand(command, args)).toBe(expected))
})

describe('describeExit', () => {
  it.each<[string, { code: number; signal?: NodeJS.Signals }, string]>([
    ['pytest', { code: 139, signal: 'SIGSEGV' }, 'pytest was killed by SIGSEGV (signal 11)'],
    ['pytest', { code: 137, signal: 'SIGKILL' }, 'pytest was killed by SIGKILL (signal 9)'],
    [
      'pytest',
      { code: 139 },
      'pytest exited 139, as a shell does when its command is killed by SIGSEGV (signal 11)',
    ],
    ['pytest', { code: 3 }, 'pytest exited 3'],
    ['pytest', { code: 128 }, 'pytest exited 128'],
    ['pytest', { code: 255 }, 'pytest exited 255'],
  ])('%s %j', (name, result, text) => expect(describeExit(name, result)).toBe(text))
})

/** Whether a process is running: present and not a zombie (an orphan the container's init may never reap). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

describe('SpawnRunner', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'spawn-runner-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('returns when the program exits, though a process it left holds its output, and ends that process', async () => {
    const pidFile = path.join(dir, 'daemon.pid')
    const started = Date.now()
    const result = await new SpawnRunner().run('sh', [
      '-c',
      `sleep 600 & echo $! > ${pidFile}; echo done`,
    ])
    expect(Date.now() - started).toBeLessThan(5000)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('done\n')
    const daemon = Number(readFileSync(pidFile, 'utf8'))
    expect(await until(() => !running(daemon), 5000)).toBe(true)
  })

  it('ends a Python child that ignores SIGTERM, with SIGKILL', async () => {
    const pidFile = path.join(dir, 'stubborn.pid')
    const child = `import os, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); open(${JSON.stringify(pidFile)}, "w").write(str(os.getpid())); time.sleep(600)`
    const parent = `import subprocess, sys, time, os; subprocess.Popen([sys.executable, "-c", ${JSON.stringify(child)}]);
while not os.path.exists(${JSON.stringify(pidFile)}): time.sleep(0.02)
time.sleep(0.2); print("parent done")`
    const result = await new SpawnRunner().run('python3', ['-c', parent])
    expect(result.stdout).toBe('parent done\n')
    const stubborn = Number(readFileSync(pidFile, 'utf8'))
    expect(running(stubborn)).toBe(true)
    expect(await until(() => !running(stubborn), 8000)).toBe(true)
  })

  it('keeps all of a normal program’s output, on both streams', async () => {
    const result = await new SpawnRunner().run('python3', [
      '-c',
      'import sys\nfor i in range(20000): print("line", i)\nsys.stderr.write("e" * 300000)',
    ])
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines.length).toBe(20001)
    expect(lines[19999]).toBe('line 19999')
    expect(result.stderr).toBe('e'.repeat(300000))
  })

  it('gives whole lines as they arrive, stdout and stderr apart, and a last unended line', async () => {
    const lines: string[] = []
    await new SpawnRunner().run(
      'python3',
      [
        '-c',
        'import sys, time\nsys.stdout.write("a"); sys.stdout.flush(); sys.stderr.write("err\\n"); sys.stderr.flush(); time.sleep(0.1); sys.stdout.write("b\\r\\nc")',
      ],
      { onLine: (line) => lines.push(line) },
    )
    expect(lines).toEqual(['err', 'ab', 'c'])
  })

  it('names the signal that killed a program', async () => {
    const result = await new SpawnRunner().run('python3', [
      '-c',
      'import os, signal; os.kill(os.getpid(), signal.SIGSEGV)',
    ])
    expect(result.signal).toBe('SIGSEGV')
    expect(result.code).toBe(139)
    expect(result.stderr).toContain('python3 was killed by SIGSEGV (signal 11)')
  })

  it('stops a program at its timeout: SIGTERM first, so it can write what it has', async () => {
    const report = path.join(dir, 'report.txt')
    const program = `import signal, sys, time
def stop(*_):
    open(${JSON.stringify(report)}, "w").write("partial")
    sys.exit(2)
signal.signal(signal.SIGTERM, stop)
print("started", flush=True)
time.sleep(600)`
    const started = Date.now()
    // Long enough for Python to start and set its handler on a loaded machine.
    const result = await new SpawnRunner().run('python3', ['-c', program], { timeoutMs: 3000 })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result).toMatchObject({ code: 2, timedOut: true, stdout: 'started\n' })
    expect(readFileSync(report, 'utf8')).toBe('partial')
  })

  it('cancel ends what runs and starts nothing more', async () => {
    const runner = new SpawnRunner()
    const pending = runner.run('sleep', ['600'])
    await new Promise((r) => setTimeout(r, 200))
    await runner.cancel(2000)
    const result = await pending
    expect(result.signal).toBe('SIGTERM')
    const after = await runner.run('true', [])
    expect(after.code).toBe(130)
    expect(after.stderr).toBe('true was not started: the step is being cancelled\n')
  })

  it('says when a program cannot be started', async () => {
    const result = await new SpawnRunner().run(path.join(dir, 'missing'), [])
    expect(result.code).toBe(127)
    expect(result.stderr).toContain('ENOENT')
  })
})
