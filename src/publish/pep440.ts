/**
 * PEP 440 versions: parsing, the normal form, and equality. Pure; the rules
 * are those of packaging.version (the reference implementation).
 */

export interface Pep440Version {
  readonly epoch: number
  readonly release: readonly number[]
  readonly pre?: { readonly label: 'a' | 'b' | 'rc'; readonly number: number }
  readonly post?: number
  readonly dev?: number
  /** Lower-cased, separators as '.'. */
  readonly local?: string
}

// packaging.version.VERSION_PATTERN, matched case-insensitively against the stripped text.
const VERSION_PATTERN = new RegExp(
  '^v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$',
  'i',
)

const PRE_LABELS: Readonly<Record<string, 'a' | 'b' | 'rc'>> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
}

/** The parsed version, or undefined when the text is not PEP 440. */
export function parsePep440(text: string): Pep440Version | undefined {
  const groups = VERSION_PATTERN.exec(text.trim())?.groups
  if (groups === undefined) return undefined
  const int = (s: string | undefined): number => (s === undefined ? 0 : Number.parseInt(s, 10))
  const release = (groups.release ?? '0').split('.').map((part) => Number.parseInt(part, 10))
  const preLabel = groups.pre_l ? PRE_LABELS[groups.pre_l.toLowerCase()] : undefined
  return {
    epoch: int(groups.epoch),
    release,
    ...(preLabel && { pre: { label: preLabel, number: int(groups.pre_n) } }),
    ...(groups.post !== undefined && { post: int(groups.post_n1 ?? groups.post_n2) }),
    ...(groups.dev !== undefined && { dev: int(groups.dev_n) }),
    ...(groups.local !== undefined && { local: groups.local.toLowerCase().replace(/[-_]/g, '.') }),
  }
}

/** The normal form, as packaging's str(Version(text)) prints it: 1.0.0-RC1 -> 1.0.0rc1. */
export function formatPep440(version: Pep440Version): string {
  let text = version.epoch === 0 ? '' : `${version.epoch}!`
  text += version.release.join('.')
  if (version.pre) text += `${version.pre.label}${version.pre.number}`
  if (version.post !== undefined) text += `.post${version.post}`
  if (version.dev !== undefined) text += `.dev${version.dev}`
  if (version.local !== undefined) text += `+${version.local}`
  return text
}

/** The normal form of `text`, or undefined when it is not PEP 440. */
export function normalizePep440(text: string): string | undefined {
  const parsed = parsePep440(text)
  return parsed && formatPep440(parsed)
}

/** The release without trailing zeros: 1.2.0 and 1.2 are one version. */
function releaseKey(release: readonly number[]): string {
  const parts = [...release]
  while (parts.length > 1 && parts.at(-1) === 0) parts.pop()
  return parts.join('.')
}

/** PEP 440 equality: the normal forms agree once trailing zeros of the release are padded. */
export function samePep440(a: Pep440Version, b: Pep440Version): boolean {
  const key = (v: Pep440Version) =>
    formatPep440({ ...v, release: releaseKey(v.release).split('.').map(Number) })
  return key(a) === key(b)
}
