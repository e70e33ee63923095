/**
 * The artifacts stage's work: the built sdist and wheel kept as a workflow
 * artifact, so a release can be inspected or published again from exactly those
 * files.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { changedSinceBuild } from '../build/digest.js'
import { ARTIFACT_NAME_FORBIDDEN } from '../config.js'
import type { BuildResult } from '../report/metrics.js'
import { MANIFEST_FILE, manifestOf } from './manifest.js'

export interface ArtifactService {
  /** Uploads `files` (relative to `root` in the artifact) and gives the artifact's id and size. */
  upload(name: string, files: string[], root: string): Promise<{ id?: number; size?: number }>
}

/**
 * This run already has an artifact of the name: another job with the same
 * dists-artifact, or code the step ran (it can read the runtime token of this
 * process) uploading first. A release must not take that one for ours.
 */
export class ArtifactExistsError extends Error {
  override name = 'ArtifactExistsError'

  constructor(artifact: string) {
    super(
      `artifact ${artifact} already exists in this run: another job with this dists-artifact, or code this step ran, uploaded it first; the built files were not kept under that name`,
    )
  }
}

/** `text` with every character the artifact service refuses replaced by '_'. */
export function safeArtifactName(text: string): string {
  return text.replace(new RegExp(ARTIFACT_NAME_FORBIDDEN.source, 'g'), '_')
}

/** One artifact per comment-id, so matrix jobs and monorepo packages keep apart: `prefix-<id>`. */
export function perCommentArtifactName(prefix: string, commentId: string): string {
  return commentId === '' ? prefix : `${prefix}-${safeArtifactName(commentId)}`
}

export interface ArtifactNameContext {
  readonly job: string
  readonly os: string
  readonly arch: string
  readonly pythonVersion: string
  readonly packageName: string
}

/**
 * The default name, distinct for each job of a matrix (jobs share a run, and
 * two uploads of one name collide): package, job, OS, architecture, Python.
 */
export function defaultArtifactName(ctx: ArtifactNameContext): string {
  const minor = ctx.pythonVersion.split('.').slice(0, 2).join('.')
  const parts = ['dists', ctx.packageName, ctx.job, ctx.os, ctx.arch, `py${minor}`]
  return safeArtifactName(parts.filter((p) => p !== '').join('-')).toLowerCase()
}

/** The artifacts of the current run, as a publish job reads them. */
export interface CurrentRunArtifacts {
  list(): Promise<{ id: number; name: string }[]>
  /** Unzips the artifact into `dir`. */
  download(id: number, dir: string): Promise<void>
}

export interface UploadedArtifact {
  readonly name: string
  readonly files: readonly string[]
  readonly id?: number
  readonly size?: number
}

/** A built file's bytes are no longer those the build recorded: the artifact is not made. */
export class DistsChangedError extends Error {
  override name = 'DistsChangedError'
}

/**
 * Copies the dists into `stage.dir` (a folder of the action's own), checks the
 * copies against the sha256 the build took, writes the manifest beside them
 * and uploads the three. A copy that differs is never kept.
 */
export async function uploadDists(
  service: ArtifactService,
  name: string,
  build: BuildResult,
  stage: { readonly dir: string; readonly commit: string },
): Promise<UploadedArtifact> {
  const dists = [build.sdist, build.wheel].filter((d) => d !== undefined)
  rmSync(stage.dir, { recursive: true, force: true })
  mkdirSync(stage.dir, { recursive: true })
  const staged = dists.map((d) => ({ ...d, path: path.join(stage.dir, d.fileName) }))
  // A file gone since the build is not copied, and the check below names it.
  for (const [i, d] of dists.entries())
    if (existsSync(d.path)) copyFileSync(d.path, staged[i]?.path ?? '')
  const changed = changedSinceBuild(staged)
  if (changed.length > 0) {
    throw new DistsChangedError(`${changed.join('; ')}; artifact ${name} was not uploaded`)
  }
  const manifest = path.join(stage.dir, MANIFEST_FILE)
  writeFileSync(manifest, `${JSON.stringify(manifestOf(build, stage.commit), null, 2)}\n`)
  const files = [...staged.map((d) => d.path), manifest]
  const { id, size } = await service.upload(name, files, stage.dir)
  return { name, files: files.map((f) => path.basename(f)), id, size }
}

/** The artifacts of another run of this repository, read with the token (actions: read). */
export interface RunArtifacts {
  list(runId: number): Promise<readonly { readonly id: number; readonly name: string }[]>
  /** Unpacks the artifact into `dir`. */
  download(artifactId: number, runId: number, dir: string): Promise<void>
}
