import { describe, expect, it } from '@jest/globals'
import {
  autoRequirementFiles,
  classifyLine,
  logicalLines,
  prepareRequirementFiles,
} from '../../src/install/requirement-files.js'

describe('autoRequirementFiles', () => {
  const listing: Record<string, string[]> = {
    '': [
      'requirements.txt',
      'requirements-dev.txt',
      'requirements_test.txt',
      'test-requirements.txt',
      'dev-requirements.txt',
      'requirements-docs.txt',
      'setup.py',
    ],
    requirements: ['base.txt', 'tests.txt', 'dev.txt', 'docs.txt', 'testing-py311.txt', 'test.in'],
    tests: ['requirements.txt', 'requirements-extra.txt', 'test_x.py', 'data.txt'],
    test: ['requirements.txt'],
  }

  it('takes the usual names, folder by folder, and nothing else', () => {
    expect(autoRequirementFiles((folder) => listing[folder] ?? [])).toEqual([
      'dev-requirements.txt',
      'requirements-dev.txt',
      'requirements_test.txt',
      'test-requirements.txt',
      'requirements/dev.txt',
      'requirements/testing-py311.txt',
      'requirements/tests.txt',
      'tests/requirements-extra.txt',
      'tests/requirements.txt',
      'test/requirements.txt',
    ])
  })

  it('finds nothing in a project without them', () => {
    const root = ['requirements.txt', 'requirements-docs.txt', 'pyproject.toml']
    expect(autoRequirementFiles((folder) => (folder === '' ? root : []))).toEqual([])
  })
})

describe('logicalLines', () => {
  it('joins continued lines and drops comments as pip does', () => {
    expect(
      logicalLines('# top\npytest \\\n  >=8  # why\n\nurl#frag\n  -r base.txt\ncoverage\\'),
    ).toEqual(['pytest   >=8', 'url#frag', '-r base.txt', 'coverage'])
  })
})

describe('classifyLine', () => {
  it.each([
    ['-r ../requirements.txt', { kind: 'include', option: '-r', target: '../requirements.txt' }],
    ['-rbase.txt', { kind: 'include', option: '-r', target: 'base.txt' }],
    ['--requirement=base.txt', { kind: 'include', option: '--requirement', target: 'base.txt' }],
    ['-c constraints.txt', { kind: 'include', option: '-c', target: 'constraints.txt' }],
    ['--find-links wheels', { kind: 'find-links', option: '--find-links', target: 'wheels' }],
    ['-e .', { kind: 'local', editable: true, target: '.' }],
    ['--editable=.[test]', { kind: 'local', editable: true, target: '.[test]' }],
    ['.[test,dev]', { kind: 'local', editable: false, target: '.[test,dev]' }],
    ['./libs/helper --no-deps', { kind: 'local', editable: false, target: './libs/helper' }],
    ['file:..', { kind: 'local', editable: false, target: 'file:..' }],
    ['pytest>=8', { kind: 'other' }],
    ['--index-url https://x.test/simple', { kind: 'other' }],
  ])('%j -> %j', (line, kind) => {
    expect(classifyLine(line)).toEqual(kind)
  })
})

describe('prepareRequirementFiles', () => {
  const P = '/w/proj'
  const access = (files: Record<string, string>, dirs: string[] = []) => ({
    read: (f: string) => files[f],
    exists: (f: string) => dirs.includes(f),
  })

  it('passes files that do not install the project as they are', () => {
    const files = {
      [`${P}/tests/requirements.txt`]: '-r ../requirements.txt\npytest\n',
      [`${P}/requirements.txt`]: 'attrs\n',
    }
    expect(
      prepareRequirementFiles([`${P}/tests/requirements.txt`], P, '/tmp/s', access(files)),
    ).toEqual({ args: [`${P}/tests/requirements.txt`], copies: [], extras: [], notes: [] })
  })

  it('gives pip a copy without the project itself, includes and find-links made absolute', () => {
    const files = {
      [`${P}/tests/requirements.txt`]:
        '-e .[test]\n-r ../requirements.txt\n-c constraints.txt\n--find-links wheels\n-e ./libs/helper\npytest\n',
    }
    expect(
      prepareRequirementFiles(
        [`${P}/tests/requirements.txt`],
        P,
        '/tmp/s',
        access(files, [`${P}/tests/wheels`]),
      ),
    ).toEqual({
      args: ['/tmp/s/1-requirements.txt'],
      copies: [
        {
          file: '/tmp/s/1-requirements.txt',
          text: [
            '# -e .[test]  (the project itself: installed by the action)',
            `-r ${P}/requirements.txt`,
            `-c ${P}/tests/constraints.txt`,
            `--find-links ${P}/tests/wheels`,
            '-e ./libs/helper',
            'pytest',
            '',
          ].join('\n'),
        },
      ],
      extras: ['test'],
      notes: [
        "tests/requirements.txt: '-e .[test]' is the project itself, which the action installs once (not editable); that line is left out",
      ],
    })
  })

  it.each([
    ['-e ..', 'seen from the file'],
    ['.', 'seen from the project'],
    [`file://${P}`, 'a file URL'],
    ['-e file:.#egg=demo', 'a relative file: URL with a fragment'],
  ])('%j in tests/requirements.txt is the project (%s)', (line) => {
    const files = { [`${P}/tests/requirements.txt`]: `${line}\n` }
    const prepared = prepareRequirementFiles(
      [`${P}/tests/requirements.txt`],
      P,
      '/tmp/s',
      access(files),
    )
    expect(prepared.args).toEqual(['/tmp/s/1-requirements.txt'])
    expect(prepared.copies[0]?.text).toBe(
      `# ${line}  (the project itself: installed by the action)\n`,
    )
  })

  it('copies a file whose include installs the project, and the include', () => {
    const files = {
      [`${P}/requirements/dev.txt`]: '-r tests.txt\nruff\n',
      [`${P}/requirements/tests.txt`]: '-e .\npytest\n',
      [`${P}/requirements/docs.txt`]: '-r tests.txt\n',
    }
    const prepared = prepareRequirementFiles(
      [`${P}/requirements/dev.txt`, `${P}/requirements/docs.txt`],
      P,
      '/tmp/s',
      access(files),
    )
    expect(prepared.args).toEqual(['/tmp/s/2-dev.txt', '/tmp/s/3-docs.txt'])
    expect(prepared.copies).toEqual([
      {
        file: '/tmp/s/1-tests.txt',
        text: '# -e .  (the project itself: installed by the action)\npytest\n',
      },
      { file: '/tmp/s/2-dev.txt', text: '-r /tmp/s/1-tests.txt\nruff\n' },
      { file: '/tmp/s/3-docs.txt', text: '-r /tmp/s/1-tests.txt\n' },
    ])
    expect(prepared.notes).toHaveLength(1)
  })

  it('leaves unreadable files and include cycles to pip', () => {
    const files = {
      [`${P}/a.txt`]: '-r b.txt\n',
      [`${P}/b.txt`]: '-r a.txt\n',
    }
    expect(
      prepareRequirementFiles([`${P}/a.txt`, `${P}/gone.txt`], P, '/tmp/s', access(files)).args,
    ).toEqual([`${P}/a.txt`, `${P}/gone.txt`])
  })
})
