/**
 * Whether chmod can keep this process out of a folder: it cannot when the
 * tests run as root (a container's default), so tests of unreadable folders
 * are skipped there rather than passing without showing anything.
 */
import { accessSync, chmodSync, constants, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { it } from '@jest/globals'

function chmodKeepsOut(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'python-ci-action-chmod-'))
  try {
    chmodSync(dir, 0o000)
    accessSync(dir, constants.R_OK | constants.X_OK)
    return false
  } catch {
    return true
  } finally {
    chmodSync(dir, 0o700)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `it`, or `it.skip` where chmod 000 does not make a folder unreadable. */
export const itUnreadable = chmodKeepsOut() ? it : it.skip
