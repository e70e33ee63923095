import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { verifyDigests } from '../../src/publish/digests.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'digests-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sha = (text: string) => createHash('sha256').update(text).digest('hex')
function file(name: string, text: string): string {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('verifyDigests', () => {
  it('passes files whose bytes are the recorded ones', async () => {
    const p = file('good.whl', 'wheel bytes')
    expect(
      await verifyDigests([
        { path: p, fileName: 'good.whl', sha256: sha('wheel bytes'), size: 11 },
      ]),
    ).toEqual([])
  })

  it('names each file that changed, missing or not, and its size when that changed too', async () => {
    const same = file('same-size.whl', 'wheel bytez')
    const longer = file('longer.tar.gz', 'sdist bytes and more')
    const problems = await verifyDigests([
      { path: same, fileName: 'same-size.whl', sha256: sha('wheel bytes'), size: 11 },
      { path: longer, fileName: 'longer.tar.gz', sha256: sha('sdist bytes'), size: 11 },
      { path: path.join(dir, 'gone.whl'), fileName: 'gone.whl', sha256: sha('x') },
    ])
    expect(problems).toEqual([
      `same-size.whl has sha256 ${sha('wheel bytez')}, not the ${sha('wheel bytes')} recorded at build`,
      `longer.tar.gz has sha256 ${sha('sdist bytes and more')}, 20 bytes instead of 11, not the ${sha('sdist bytes')} recorded at build`,
      'gone.whl is missing',
    ])
  })
})
