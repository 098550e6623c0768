/** Here-documents: the bodies a line's `<<EOF` redirections make the shell read next. */
import type { ShellReader } from './shell-reader'

/** A here-doc whose body is still to come (its redirection's place, for the finding). */
export interface Heredoc {
  delimiter: string
  stripTabs: boolean
  index: number
  length: number
}

/** Reads the here-doc bodies that start after the newline just read, or fails at the first left open. */
export function readHeredocs(r: ShellReader): void {
  while (r.heredocs.length) {
    const doc = r.heredocs.shift()!
    for (;;) {
      if (r.pos >= r.end) {
        r.fail(doc.index, doc.length, `here-doc without its end line "${doc.delimiter}"`)
        return
      }
      const newline = r.src.indexOf('\n', r.pos)
      let line = r.src.slice(r.pos, newline < 0 ? r.end : newline)
      r.pos = newline < 0 ? r.end : newline + 1
      if (doc.stripTabs) line = line.replace(/^\t+/, '')
      if (line === doc.delimiter) break
    }
  }
}
