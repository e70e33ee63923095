/**
 * Splits a string into words the way a POSIX shell would, without running one:
 * whitespace separates words, single quotes are literal, double quotes allow
 * backslash escapes of `"`, `\`, `$` and backtick, and a backslash outside quotes
 * escapes the next character. No expansion of any kind happens.
 */
export class ShellWordsError extends Error {
  override name = 'ShellWordsError'
}

export function splitShellWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (ch === "'") {
      const end = text.indexOf("'", i + 1)
      if (end === -1) throw new ShellWordsError(`unterminated single quote at position ${i + 1}`)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i += 1
      let closed = false
      while (i < text.length) {
        const c = text.charAt(i)
        if (c === '"') {
          closed = true
          i += 1
          break
        }
        if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text.charAt(i + 1))) {
          if (text.charAt(i + 1) !== '\n') word += text.charAt(i + 1)
          i += 2
          continue
        }
        word += c
        i += 1
      }
      if (!closed) throw new ShellWordsError('unterminated double quote')
      inWord = true
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new ShellWordsError('trailing backslash')
      const next = text.charAt(i + 1)
      if (next !== '\n') {
        word += next
        inWord = true
      }
      i += 2
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i += 1
    } else {
      word += ch
      inWord = true
      i += 1
    }
  }
  if (inWord) words.push(word)
  return words
}
