/**
 * Small Python programs the action runs to ask an interpreter something; each
 * prints one JSON document on its last line of stdout.
 */
import type { Host } from '../host.js'
import { type RunOptions, tail } from '../process.js'

export class SnippetError extends Error {
  override name = 'SnippetError'
}

/**
 * Runs `code` with `python -c` and parses the last line it prints. Earlier
 * lines are tolerated: a .pth file or sitecustomize may print on start-up.
 */
export async function runSnippet<T>(
  host: Host,
  python: string,
  code: string,
  args: readonly string[],
  what: string,
  options: RunOptions & { readonly pythonArgs?: readonly string[] } = {},
): Promise<T> {
  const { pythonArgs = [], ...run } = options
  const result = await host.runner.run(python, [...pythonArgs, '-c', code, ...args], {
    env: host.env,
    ...run,
  })
  if (result.code !== 0) {
    throw new SnippetError(
      `${what} failed: ${python} exited ${result.code}:\n${tail(result.output, 15)}`,
    )
  }
  const last = result.stdout.trimEnd().split('\n').at(-1) ?? ''
  try {
    return JSON.parse(last) as T
  } catch {
    throw new SnippetError(`${what} failed: ${python} printed no JSON:\n${tail(result.output, 15)}`)
  }
}
