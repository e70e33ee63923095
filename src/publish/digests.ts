/**
 * The one check that the bytes about to leave are those hashed at build, for
 * both upload paths: the same job's, and the publish job's, whose files come
 * back from an artifact.
 */
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'

export interface RecordedDigest {
  readonly path: string
  readonly fileName: string
  readonly sha256: string
  /** Checked too when given: the cheaper tell of a swapped file. */
  readonly size?: number
}

export async function sha256Of(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}

/** One line per file whose bytes are not the recorded ones; empty when all match. */
export async function verifyDigests(files: readonly RecordedDigest[]): Promise<string[]> {
  const problems: string[] = []
  for (const file of files) {
    if (!existsSync(file.path)) {
      problems.push(`${file.fileName} is missing`)
      continue
    }
    const found = await sha256Of(file.path)
    if (found.sha256 !== file.sha256) {
      const size =
        file.size !== undefined && file.size !== found.size
          ? `, ${found.size} bytes instead of ${file.size}`
          : ''
      problems.push(
        `${file.fileName} has sha256 ${found.sha256}${size}, not the ${file.sha256} recorded at build`,
      )
    }
  }
  return problems
}
