/**
 * GitHub's Markdown renderer, for assertions on what a reader would see: Debian's
 * cmark-gfm, the C library github.com is built on, with github.com's extensions.
 * Raw HTML is kept (--unsafe) because GitHub keeps <details>, <img> and the like.
 */
import { execFileSync } from 'node:child_process'

export function renderGfm(markdown: string): string {
  return execFileSync(
    'cmark-gfm',
    [
      '--unsafe',
      '--extension',
      'table',
      '--extension',
      'autolink',
      '--extension',
      'strikethrough',
      '--extension',
      'tasklist',
    ],
    { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
}

/**
 * The HTML's text as a browser shows it: tags dropped, entities decoded (raw
 * HTML such as a <summary> line keeps the Markdown's numeric entities).
 */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) =>
      String.fromCodePoint(Number.parseInt(code, 16)),
    )
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

/**
 * What GitHub would turn into a link or a notification after rendering, in the
 * rendered text: mentions, issue and pull request references, bare URLs.
 */
export const LIVE_REFERENCE = /@[A-Za-z0-9]|#\d|\bGH-\d|:\/\/|\bwww\./i

/**
 * Every <details>, <summary> and <table> that is opened is closed, in order
 * (code blocks are HTML-escaped by the renderer, so their text never counts).
 */
export function unbalancedElements(html: string): string[] {
  const open: string[] = []
  const problems: string[] = []
  for (const [, closing, name = ''] of html.matchAll(/<(\/?)(details|summary|table)\b[^>]*>/gi)) {
    const tag = name.toLowerCase()
    if (closing === '') open.push(tag)
    else if (open[open.length - 1] === tag) open.pop()
    else problems.push(`</${tag}> closes ${open[open.length - 1] ?? 'nothing'}`)
  }
  return [...problems, ...open.map((tag) => `<${tag}> never closed`)]
}
