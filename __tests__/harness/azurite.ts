/**
 * Azurite (Microsoft's Azure Storage emulator, from npm) as the blob store
 * behind the results service stand-in: started on a free loopback port, in
 * memory, and stopped by the test that started it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { REPO_ROOT, tempDir } from './paths.js'

export const ACCOUNT = 'devstoreaccount1'
/** The emulator's well-known key, published in its documentation. */
export const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

export interface Azurite {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  readonly accountUrl: string
  readonly port: number
  /** A container, created on first use. */
  container(name: string): Promise<ContainerClient>
  /** A signed URL of one blob: 'cw' to upload, 'r' to download. */
  signedUrl(container: string, blob: string, permissions: 'cw' | 'r'): string
  /** The blob's bytes, read with the account key (not through a signed URL). */
  download(container: string, blob: string): Promise<Buffer>
  stop(): Promise<void>
}

const BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'azurite-blob')

export async function startAzurite(): Promise<Azurite> {
  // In memory, but Azurite still writes its debug and extent folders to its cwd.
  const cwd = tempDir('azurite')
  const child = spawn(
    BIN,
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const port = await listeningPort(child)
  const accountUrl = `http://127.0.0.1:${port}/${ACCOUNT}`
  const credential = new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)
  const service = new BlobServiceClient(accountUrl, credential)
  const created = new Map<string, Promise<ContainerClient>>()
  const container = (name: string): Promise<ContainerClient> => {
    let client = created.get(name)
    if (client === undefined) {
      const c = service.getContainerClient(name)
      client = c.createIfNotExists().then(() => c)
      created.set(name, client)
    }
    return client
  }
  return {
    accountUrl,
    port,
    container,
    signedUrl(containerName, blob, permissions) {
      const sas = generateBlobSASQueryParameters(
        {
          containerName,
          blobName: blob,
          permissions: BlobSASPermissions.parse(permissions),
          expiresOn: new Date(Date.now() + 3600_000),
        },
        credential,
      ).toString()
      return `${accountUrl}/${containerName}/${blob}?${sas}`
    },
    async download(containerName, blob) {
      const c = await container(containerName)
      return c.getBlobClient(blob).downloadToBuffer()
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('close', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(cwd, { recursive: true, force: true })
    },
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Azurite did not start within 30 s:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`Azurite exited (${code}) before listening:\n${output}`))
    })
  })
}
