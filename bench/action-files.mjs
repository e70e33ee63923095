// What both benches need to start dist/main.js as the runner does: the
// defaults of every input in action.yml, and the outputs the action wrote.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Every input declared in action.yml, at its default. */
export function inputDefaults() {
  const action = parseYaml(readFileSync(path.join(REPO, 'action.yml'), 'utf8'))
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [name, String(spec?.default ?? '')]),
  )
}

/** Outputs from a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` blocks. */
export function readOutputs(file) {
  const outputs = {}
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}
