import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  CoberturaParser,
  CoberturaReportError,
  coberturaToCoverageResult,
  displayPercent,
  parseCobertura,
  resolveCoberturaFile,
} from '../../src/report/cobertura.js'
import { parseCoverageJson } from '../../src/report/coverage.js'

const REPORTS = new URL('../../__fixtures__/reports/', import.meta.url)

function fixture(name: string): string {
  return readFileSync(new URL(name, REPORTS), 'utf8')
}

// coverage.xml and coverage.json come from the same data; the XML names files relative
// to its <source>, the package folder "demo".
const inDemo = (file: string) => `demo/${file}`
const note = 'demo'

describe('parseCobertura on real coverage.py output', () => {
  const report = parseCobertura(fixture('coverage.xml'))
  const json = parseCoverageJson(fixture('coverage.json'), { mapPath: (f) => f, sourceNote: note })

  it('reads the root totals and coverage.py total percent', () => {
    expect(report).toMatchObject({
      linesValid: json.statements,
      linesCovered: json.coveredLines,
      branchesValid: json.branches,
      branchesCovered: json.coveredBranches,
    })
    expect(report.percent).toBeCloseTo(json.percent, 10)
    expect(report.sources).toHaveLength(1)
    expect(report.sources[0]).toMatch(/\/demo$/)
  })

  it('gives the same CoverageResult as the JSON report', () => {
    const result = coberturaToCoverageResult(report, { mapPath: inDemo, sourceNote: note })
    expect(result.percentDisplay).toBe(json.percentDisplay)
    expect(result.files).toHaveLength(json.files.length)
    result.files.forEach((file, index) => {
      const expected = json.files[index]
      expect(file).toMatchObject({
        path: expected.path,
        statements: expected.statements,
        missing: expected.missing,
        branches: expected.branches,
        partialBranches: expected.partialBranches,
        percentDisplay: expected.percentDisplay,
        missingLines: expected.missingLines,
      })
      expect(file.percent).toBeCloseTo(expected.percent, 10)
    })
  })

  it('gives the same lines in any chunking', () => {
    const xml = fixture('coverage.xml')
    const parser = new CoberturaParser()
    for (let at = 0; at < xml.length; at += 7) parser.write(xml.slice(at, at + 7))
    expect(parser.close()).toEqual(report)
  })

  it('counts a partially covered line as covered, like hits > 0', () => {
    const shapes = report.files.find((file) => file.filename === 'shapes.py')
    expect(shapes?.covered).toContain(2)
    expect(shapes?.missing).toEqual([4, 5, 6, 11, 16])
  })
})

describe('parseCobertura tables', () => {
  it('adds up files when the root has no counts, and merges a file listed twice', () => {
    const report = parseCobertura(
      `<coverage><packages><package name="p"><classes>
        <class name="A" filename="p\\a.py"><lines>
          <line number="1" hits="3"/>
          <line number="2" hits="0" branch="true" condition-coverage="0% (0/2)"/>
        </lines></class>
        <class name="B" filename="p/a.py"><lines>
          <line number="5" hits="1" branch="true" condition-coverage="50% (1/2)"/>
        </lines></class>
      </classes></package></packages></coverage>`,
    )
    expect(report).toMatchObject({
      linesValid: 3,
      linesCovered: 2,
      branchesValid: 4,
      branchesCovered: 1,
      files: [
        {
          filename: 'p/a.py',
          covered: [1, 5],
          missing: [2],
          branches: 4,
          coveredBranches: 1,
          partialBranches: 1,
        },
      ],
    })
    expect(report.percent).toBeCloseTo((300 / 7) * 1, 10)
  })

  it.each([
    ['empty text', '', /empty/],
    ['not XML', '<coverage', /not well-formed/],
    ['another root', '<testsuites/>', /must start with <coverage>/],
    ['bad counts', '<coverage lines-valid="x" lines-covered="1"/>', /whole numbers/],
  ])('rejects %s', (_name, xml, message) => {
    expect(() => parseCobertura(xml)).toThrow(CoberturaReportError)
    expect(() => parseCobertura(xml)).toThrow(message)
  })
})

describe('displayPercent (coverage.py rounding)', () => {
  it.each<[number, number, string]>([
    [0, 0, '0'],
    [100, 0, '100'],
    [0.2, 0, '1'],
    [99.7, 0, '99'],
    [12.5, 0, '12'],
    [13.5, 0, '14'],
    [44.44444, 0, '44'],
    [46.341463, 2, '46.34'],
    [99.999, 2, '99.99'],
    [0.001, 2, '0.01'],
  ])('%d at precision %d is %s', (percent, precision, display) => {
    expect(displayPercent(percent, precision)).toBe(display)
  })
})

describe('resolveCoberturaFile', () => {
  const sources = ['/w/src', '/w/lib/']
  it.each([
    ['absolute filename', '/x/a.py', () => false, '/x/a.py'],
    ['first source it exists under', 'b.py', (p: string) => p === '/w/lib/b.py', '/w/lib/b.py'],
    ['first source when none exists', 'c.py', () => false, '/w/src/c.py'],
    ['backslashes', 'pkg\\d.py', () => false, '/w/src/pkg/d.py'],
  ])('%s', (_name, filename, exists, expected) => {
    expect(resolveCoberturaFile(filename, sources, exists)).toBe(expected)
  })

  it('keeps the filename when the report has no sources', () => {
    expect(resolveCoberturaFile('a.py', [], () => true)).toBe('a.py')
  })
})
