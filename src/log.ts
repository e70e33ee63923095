/**
 * Where stages write what a person reads. The action writes through
 * @actions/core (groups, annotations), the CLI to the terminal; stages that run
 * side by side write to a BufferedLog that is replayed in one piece.
 */

export interface AnnotationProperties {
  readonly title?: string
  readonly file?: string
  readonly startLine?: number
}

export interface Log {
  info(message: string): void
  warning(message: string, properties?: AnnotationProperties): void
  error(message: string, properties?: AnnotationProperties): void
  debug(message: string): void
  group<T>(title: string, body: () => Promise<T>): Promise<T>
}

type Entry =
  | { kind: 'info' | 'debug'; message: string }
  | { kind: 'warning' | 'error'; message: string; properties?: AnnotationProperties }

/** Records what a stage says, to be replayed into a real Log when the stage is done. */
export class BufferedLog implements Log {
  private readonly entries: Entry[] = []

  info(message: string): void {
    this.entries.push({ kind: 'info', message })
  }
  debug(message: string): void {
    this.entries.push({ kind: 'debug', message })
  }
  warning(message: string, properties?: AnnotationProperties): void {
    this.entries.push({ kind: 'warning', message, properties })
  }
  error(message: string, properties?: AnnotationProperties): void {
    this.entries.push({ kind: 'error', message, properties })
  }
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.info(title)
    return body()
  }

  replay(into: Log): void {
    for (const e of this.entries) {
      if (e.kind === 'warning' || e.kind === 'error') into[e.kind](e.message, e.properties)
      else into[e.kind](e.message)
    }
  }
}

/**
 * Whether the runner could read a workflow command in this text: `::name::` at
 * the start of a line, or `##[name]` anywhere in one. Format characters (zero
 * widths, soft hyphens) and NULs are left out first: the runner matches with a
 * culture-aware comparison, which skips them. Pure.
 */
export function mayHoldCommand(text: string): boolean {
  const bare = text.replace(/[\p{Cf}\0]/gu, '')
  return bare.includes('::') || bare.includes('##[')
}

/**
 * The text between `::stop-commands::TOKEN` and `::TOKEN::`, so the runner
 * shows its command-like lines as text. The token must be fresh and secret:
 * text that knew it could end the pause. Pure.
 */
export function withCommandsStopped(text: string, token: string): string {
  return `::stop-commands::${token}\n${text}\n::${token}::`
}
