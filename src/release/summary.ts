/** The job summary of a publish job: what was taken from the artifact, verified, and uploaded. Pure. */
import { escapeInline, formatSize, publishSection } from '../report/markdown.js'
import type { PublishJobResult } from './publish-job.js'

export function renderPublishJobSummary(result: PublishJobResult): string {
  const lines = ['## Python CI · publish', '']
  const { artifact, manifest, verified } = result
  if (artifact !== undefined) {
    const what = manifest
      ? ` holds ${escapeInline(manifest.package)} ${escapeInline(manifest.version)}${manifest.commit ? ` built from \`${manifest.commit.replace(/[^0-9a-f]/gi, '')}\`` : ''}`
      : ''
    lines.push(`Artifact **${escapeInline(artifact)}**${what}.`, '')
  }
  if (verified !== undefined) {
    lines.push(
      'Every file matches the sha256 the build recorded:',
      '',
      '| file | size | sha256 |',
      '|---|---:|---|',
      ...verified.map(
        (f) =>
          `| ${escapeInline(f.fileName)} | ${formatSize(f.size)} | \`${f.sha256.replace(/[^0-9a-f]/gi, '')}\` |`,
      ),
      '',
    )
  }
  lines.push(publishSection(result.publish))
  return `${lines.join('\n')}\n`
}

/** The step's outputs: what was uploaded. Pure. */
export function publishJobOutputs(result: PublishJobResult): Record<string, string> {
  const uploaded = result.publish.files.filter((f) => f.outcome === 'uploaded')
  return {
    published: String(uploaded.length > 0),
    'published-files': JSON.stringify(uploaded.map((f) => f.fileName)),
    ...(result.artifact !== undefined && { 'dists-artifact': result.artifact }),
    ...(result.manifest !== undefined && {
      'package-name': result.manifest.package,
      'package-version': result.manifest.version,
    }),
  }
}

/** Why the step fails: one line per reason; none when published or skipped. Pure. */
export function publishJobFailures(result: PublishJobResult): string[] {
  const { status, reasons } = result.publish
  if (status === 'published' || status === 'skipped') return []
  return reasons.map((r) => `publish ${status}: ${r}`)
}
