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
