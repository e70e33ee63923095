/**
 * The layout's one rule, checked on the tree as it is: imports between the
 * folders of src/ run one way. A module at the top of src/ counts as a folder
 * of its own.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** Each module of src/ (relative, '/'-separated) with the modules it imports. */
function importsOf(): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const entry of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue
    const module = entry.split(path.sep).join('/')
    const text = readFileSync(path.join(SRC, entry), 'utf8')
    const targets = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(module), m[1] ?? '')),
    )
    found.set(
      module,
      targets.map((t) => t.replace(/\.js$/, '.ts')),
    )
  }
  return found
}

/** The folder a module is in; a module at the top is its own. */
const unit = (module: string) => module.split('/')[0] ?? module

/** "a -> b (a/x.ts imports b/y.ts)" for every pair of folders that import each other. */
function twoWayImports(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const edges = new Map<string, string>()
  for (const [module, targets] of imports)
    for (const target of targets)
      if (unit(target) !== unit(module))
        edges.set(`${unit(module)} -> ${unit(target)}`, `${module} imports ${target}`)
  return [...edges]
    .filter(([edge]) => edges.has(edge.split(' -> ').reverse().join(' -> ')))
    .map(([edge, example]) => `${edge} (${example})`)
    .sort()
}

describe('imports between the folders of src/', () => {
  const imports = importsOf()

  it('reads the tree: every stage folder and its imports', () => {
    expect(imports.get('pipeline.ts')).toContain('stage.ts')
    expect(imports.get('comment/stage.ts')).toContain('comment/post.ts')
  })

  it('run one way: no folder imports a folder that imports it back', () => {
    expect(twoWayImports(imports)).toEqual([])
  })

  it('would name a pair that did', () => {
    const cycle = new Map([
      ['report/markdown.ts', ['diff/plan.ts']],
      ['diff/plan.ts', ['report/metrics.ts']],
      ['config.ts', ['log.ts']],
    ])
    expect(twoWayImports(cycle)).toEqual([
      'diff -> report (diff/plan.ts imports report/metrics.ts)',
      'report -> diff (report/markdown.ts imports diff/plan.ts)',
    ])
  })
})
