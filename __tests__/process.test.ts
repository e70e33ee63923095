import { describe, expect, it } from '@jest/globals'
import { failureReason, formatCommand, stripColour, tail } from '../src/process.js'

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
