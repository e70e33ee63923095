/**
 * Coverage of the Python processes the tests start (a command line tested
 * through `subprocess.run([sys.executable, "-m", "pkg"])`), which pytest-cov
 * users expect and `coverage run` alone does not measure.
 *
 * coverage.py reads one configuration file, and a child process only sees
 * what that file says, so the run gets a copy of the project's own coverage
 * settings (the file coverage itself would read, in the same format) with
 * `parallel`, `branch` and the chosen `source` added, plus `patch = subprocess`
 * where coverage has it (7.10 and later). Older coverage.py starts in the
 * children through COVERAGE_PROCESS_START and a start-up .pth file in the venv,
 * as its documentation describes. The data files are combined before the
 * reports.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Host } from '../host.js'
import { runSnippet, SnippetError } from '../python/snippet.js'

// argv: the folder for the copy, the source to add (JSON list, may be empty).
// Everything but the [run] keys added is copied as read, so relative paths and
// $VARIABLES mean what they meant in the project's file.
const WRITE_RCFILE = `
import configparser, json, os, sys
import coverage

out_dir, source = sys.argv[1], json.loads(sys.argv[2])
config = coverage.Coverage().config
read_from = config.config_file
has_patch = 'patch' in vars(config)
adds = {'parallel': True, 'branch': True}
if source:
    adds['source'] = source

def toml(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ', '.join(toml(v) for v in value) + ']'
    if isinstance(value, dict):
        return '{' + ', '.join(toml(k) + ' = ' + toml(v) for k, v in value.items()) + '}'
    raise ValueError('a %s value cannot be copied' % type(value).__name__)

if read_from and read_from.endswith('.toml'):
    try:
        import tomllib
    except ImportError:
        import tomli as tomllib
    with open(read_from, 'rb') as f:
        tables = tomllib.load(f).get('tool', {}).get('coverage', {})
    tables = {k: v for k, v in tables.items() if isinstance(v, dict)}
    run = tables.setdefault('run', {})
    run.update(adds)
    if has_patch:
        patch = run.get('patch', [])
        run['patch'] = ([patch] if isinstance(patch, str) else list(patch)) + ['subprocess']
    lines = []
    for name, table in tables.items():
        lines.append('[tool.coverage.%s]' % toml(name))
        lines.extend('%s = %s' % (toml(k), toml(v)) for k, v in table.items())
        lines.append('')
    rcfile = os.path.join(out_dir, 'coverage.toml')
    with open(rcfile, 'w', encoding='utf-8') as f:
        f.write('\\n'.join(lines))
else:
    copy = configparser.RawConfigParser()
    copy.optionxform = str
    names = ['run', 'coverage:run']
    if read_from:
        original = configparser.RawConfigParser()
        original.optionxform = str
        original.read(read_from, encoding='utf-8')
        # setup.cfg and tox.ini hold other tools' sections; coverage reads its [coverage:*] ones.
        shared = os.path.basename(read_from) in ('setup.cfg', 'tox.ini')
        if shared:
            names = ['coverage:run']
        for name in original.sections():
            if not shared or name.startswith('coverage:'):
                copy.add_section(name)
                for k, v in original.items(name):
                    copy.set(name, k, v)
    run = next((n for n in names if copy.has_section(n)), names[0])
    if not copy.has_section(run):
        copy.add_section(run)
    for k, v in adds.items():
        copy.set(run, k, '\\n'.join(v) if isinstance(v, list) else str(v))
    if has_patch:
        patch = copy.get(run, 'patch', fallback='').strip()
        copy.set(run, 'patch', (patch + '\\n' if patch else '') + 'subprocess')
    rcfile = os.path.join(out_dir, 'coveragerc')
    with open(rcfile, 'w', encoding='utf-8') as f:
        copy.write(f)

pth = None
if not has_patch:
    import sysconfig
    # With system site-packages, coverage may live in a folder that site adds
    # after the venv's, where this file is read: it is put on sys.path for the start.
    where = os.path.dirname(os.path.dirname(os.path.abspath(coverage.__file__)))
    code = '\\n'.join([
        'import os, sys',
        'if os.environ.get("COVERAGE_PROCESS_START"):',
        '    where = %r' % where,
        '    added = where not in sys.path',
        '    if added:',
        '        sys.path.append(where)',
        '    try:',
        '        import coverage',
        '    except ImportError:',
        '        pass',
        '    else:',
        '        coverage.process_startup()',
        '    finally:',
        '        if added:',
        '            sys.path.remove(where)',
    ])
    pth = os.path.join(sysconfig.get_paths()['purelib'], 'python_ci_coverage.pth')
    with open(pth, 'w', encoding='utf-8') as f:
        f.write('import sys; exec(%r)\\n' % code)
print(json.dumps({
    'rcfile': rcfile,
    'read_from': read_from,
    'version': coverage.__version__,
    'pth': pth,
}))
`

interface Written {
  readonly rcfile: string
  readonly read_from: string | null
  readonly version: string
  readonly pth: string | null
}

export interface SubprocessCoverage {
  /** Arguments for `coverage run`, before `-m pytest`. */
  readonly args: readonly string[]
  /** Variables for the pytest run. */
  readonly env: Readonly<Record<string, string>>
  /** Where the processes write their data files, for `coverage combine`. */
  readonly partsDir: string
  /** One line for the log: which mechanism, and whose settings. */
  readonly note: string
  /** Removes what was put into the venv; the run is over. */
  cleanup(): void
}

export interface SubprocessContext {
  readonly host: Host
  readonly python: string
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  /** The source to add to the copy (empty: the project's own settings decide). */
  readonly source: readonly string[]
  /** A fresh folder for the data files of every process. */
  readonly partsDir: string
}

/**
 * Sets up the copy of the settings (and, for old coverage.py, the start-up
 * file). Undefined, after a warning, when the settings cannot be copied.
 */
export async function prepareSubprocessCoverage(
  ctx: SubprocessContext,
  warn: (message: string) => void,
): Promise<SubprocessCoverage | undefined> {
  const rcDir = path.join(ctx.host.tempDir, 'coverage-config')
  rmSync(rcDir, { recursive: true, force: true })
  mkdirSync(rcDir, { recursive: true })
  let written: Written
  try {
    written = await runSnippet<Written>(
      ctx.host,
      ctx.python,
      WRITE_RCFILE,
      [rcDir, JSON.stringify(ctx.source)],
      "copying the project's coverage settings",
      { cwd: ctx.cwd, env: ctx.env },
    )
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error
    warn(
      `the processes the tests start are not measured: ${error.message}; set subprocess-coverage: false to measure the pytest process alone without this warning`,
    )
    return undefined
  }
  rmSync(ctx.partsDir, { recursive: true, force: true })
  mkdirSync(ctx.partsDir, { recursive: true })
  const settings = written.read_from
    ? `a copy of ${path.relative(ctx.cwd, written.read_from) || written.read_from}'s coverage settings`
    : 'settings of its own (the project has no coverage configuration)'
  const how = written.pth
    ? `COVERAGE_PROCESS_START (coverage ${written.version} has no patch = subprocess)`
    : `patch = subprocess (coverage ${written.version})`
  const pth = written.pth
  return {
    args: [`--rcfile=${written.rcfile}`],
    env: pth ? { COVERAGE_PROCESS_START: written.rcfile } : {},
    partsDir: ctx.partsDir,
    note: `the processes the tests start are measured too, through ${how}, with ${settings}`,
    cleanup: () => {
      if (pth) rmSync(pth, { force: true })
    },
  }
}
