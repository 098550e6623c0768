/**
 * The word-level half of reading a shell line (see shell-scan.ts for the commands): quotes,
 * `$…` expansions, backticks, redirections and here-doc bodies, with the place where the
 * text leaves something open. One reader per text; `pos` moves through it.
 */
import type { Heredoc } from './shell-heredocs'
import type { ShellScan, SimpleCommand, Unfinished } from './shell-scan'

/** Deeper nesting of `$( … )` than this is not read further (the stack stays bounded). */
export const MAX_NESTING = 64

export const BLANK = /[ \t]/
export const METACHAR = /[ \t\n;&|()<>]/
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
export const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/

export interface Word {
  value: string
  /** Some part of it was quoted or escaped (a quoted `if` is not a reserved word). */
  quoted: boolean
}

/** What the command level provides: nested command lists, and whole texts (backticks). */
export interface ReaderHooks {
  /** Reads a command list up to its `)`; fails at `opener` when the text ends first. */
  list(reader: ShellReader, opener: { index: number; what: string }): void
  scan(text: string): ShellScan
}

export class ShellReader {
  pos = 0
  nesting = 0
  readonly end: number
  readonly commands: SimpleCommand[] = []
  readonly functions: string[] = []
  readonly heredocs: Heredoc[] = []
  unfinished: Unfinished | null = null

  constructor(
    readonly src: string,
    private readonly hooks: ReaderHooks,
  ) {
    this.end = src.length
  }

  fail(index: number, length: number, what: string): void {
    this.unfinished ??= { index, length, what }
    this.pos = this.end
  }
  skipBlanks() {
    for (;;) {
      if (BLANK.test(this.src[this.pos] ?? '')) this.pos++
      else if (this.src[this.pos] === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2
      else return
    }
  }

  singleQuoted(): string {
    const start = this.pos
    const close = this.src.indexOf("'", start + 1)
    if (close < 0) {
      this.fail(start, 1, 'open single quote')
      return this.src.slice(start + 1)
    }
    this.pos = close + 1
    return this.src.slice(start + 1, close)
  }

  /** `$'…'`: backslash escapes inside, closed by an unescaped quote. */
  ansiQuoted(): string {
    const start = this.pos
    let value = ''
    this.pos += 2
    while (this.pos < this.end && this.src[this.pos] !== "'") {
      if (this.src[this.pos] === '\\') this.pos++
      value += this.src[this.pos++] ?? ''
    }
    if (this.pos >= this.end) {
      this.fail(start, 2, "open $'…' quote")
      return value
    }
    this.pos++
    return value
  }

  doubleQuoted(): string {
    const start = this.pos++
    let value = ''
    while (this.pos < this.end) {
      const c = this.src[this.pos]!
      if (c === '"') {
        this.pos++
        return value
      }
      if (c === '\\') {
        value += this.src[this.pos + 1] === '\n' ? '' : (this.src[this.pos + 1] ?? '')
        this.pos += 2
      } else if (c === '$') value += this.dollar(true)
      else if (c === '`') value += this.backticks()
      else {
        value += c
        this.pos++
      }
    }
    this.fail(start, 1, 'open double quote')
    return value
  }

  /**
   * Skips to the `close` that balances `open` already-read openers, quotes and
   * substitutions respected. In arithmetic bash pairs `$( … )` but not `${ … }`; in a list
   * of words (an array) `#` at the start of a word comments out the rest of the line.
   */
  balanced(
    open: number,
    start: number,
    what: string,
    kind: 'arithmetic' | 'words' | 'pattern' | 'subscript',
  ) {
    const [opener, closer] = kind === 'subscript' ? ['[', ']'] : ['(', ')']
    let depth = open
    while (this.pos < this.end) {
      const c = this.src[this.pos]!
      if (c === '#' && kind === 'words' && /[\s(]/.test(this.src[this.pos - 1] ?? ' ')) {
        const newline = this.src.indexOf('\n', this.pos)
        this.pos = newline < 0 ? this.end : newline
      } else if (c === '\\') this.pos += 2
      else if (c === "'") this.singleQuoted()
      else if (c === '"') this.doubleQuoted()
      else if (c === '$' && (kind !== 'arithmetic' || this.src[this.pos + 1] === '('))
        this.dollar(false)
      else if (c === '`') this.backticks()
      else if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(' && kind === 'subscript') {
        const at = this.pos
        this.pos += 2
        this.nested(at, 'open process substitution')
      } else {
        this.pos++
        if (c === opener) depth++
        else if (c === closer && --depth === 0) return
      }
    }
    this.fail(start, Math.min(open, this.end - start), what)
  }

  /** A nested command list (`$( … )`, `( … )`, `<( … )`) up to its `)`. */
  nested(start: number, what: string) {
    if (++this.nesting > MAX_NESTING) {
      this.fail(start, 1, `more than ${MAX_NESTING} levels of nesting: too deep to check`)
      return
    }
    this.hooks.list(this, { index: start, what })
    this.nesting--
  }

  /** After a `$`: `$( … )`, `$(( … ))`, `${ … }`, `$'…'`, `$"…"`, or a plain `$`. */
  dollar(inDoubleQuotes: boolean): string {
    const start = this.pos
    const next = this.src[this.pos + 1]
    if (next === '(' && this.src[this.pos + 2] === '(') {
      this.pos += 3
      this.balanced(2, start, 'open $(( … ))', 'arithmetic')
    } else if (next === '(') {
      this.pos += 2
      this.nested(start, 'open $( … )')
    } else if (next === '{') {
      this.pos += 2
      this.braces(start, inDoubleQuotes)
    } else if (next === "'" && !inDoubleQuotes) {
      return this.ansiQuoted()
    } else if (next === '"' && !inDoubleQuotes) {
      this.pos++
      return this.doubleQuoted()
    } else {
      this.pos++
      return '$'
    }
    return this.src.slice(start, this.pos)
  }

  /** `${ … }` up to its `}` (bash does not pair plain braces inside: `${x:-{a}` is whole). */
  braces(start: number, inDoubleQuotes: boolean) {
    while (this.pos < this.end) {
      const c = this.src[this.pos]!
      if (c === '\\') this.pos += 2
      else if (c === "'" && !inDoubleQuotes) this.singleQuoted()
      else if (c === '"') this.doubleQuoted()
      else if (c === '$') this.dollar(inDoubleQuotes)
      else if (c === '`') this.backticks()
      else if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
        const at = this.pos
        this.pos += 2
        this.nested(at, 'open process substitution')
      } else if (this.src[this.pos++] === '}') return
    }
    this.fail(start, 2, 'open ${ … }')
  }

  /** `` `…` ``: read to the closing backtick, then its content as this.commands of a subshell. */
  backticks(): string {
    const start = this.pos++
    let inner = ''
    while (this.pos < this.end && this.src[this.pos] !== '`') {
      if (this.src[this.pos] === '\\' && /[\\`$]/.test(this.src[this.pos + 1] ?? '')) this.pos++
      inner += this.src[this.pos++] ?? ''
    }
    if (this.pos >= this.end) {
      this.fail(start, 1, 'open backtick')
      return this.src.slice(start)
    }
    this.pos++
    if (this.nesting < MAX_NESTING) {
      // an error inside is reported by the shell, not waited on
      for (const c of this.hooks.scan(inner).commands) this.commands.push({ ...c, subshell: true })
    }
    return this.src.slice(start, this.pos)
  }

  /**
   * One word up to an unquoted metacharacter. Where an assignment may stand (before the
   * command word), `name[` opens a subscript that runs to its `]`, blanks and all.
   */
  word(assignable = false): Word {
    let value = ''
    let quoted = false
    while (this.pos < this.end) {
      const c = this.src[this.pos]!
      const array = !quoted && ASSIGNMENT.test(value)
      if (c === '(' && (/[?*+@!]$/.test(value) || array)) {
        // an extended glob `@(a|b)`, or an array `names=(a b)`
        const start = this.pos++
        this.balanced(1, start, 'open (', array ? 'words' : 'pattern')
        value += this.src.slice(start, this.pos)
      } else if (c === '[' && assignable && !quoted && NAME.test(value)) {
        const start = this.pos++
        this.balanced(1, start, 'open [ … ]', 'subscript')
        value += this.src.slice(start, this.pos)
      } else if (METACHAR.test(c)) break
      else if (c === '\\') {
        if (this.pos + 1 >= this.end) {
          this.fail(this.pos, 1, 'trailing backslash')
          break
        }
        if (this.src[this.pos + 1] !== '\n') {
          value += this.src[this.pos + 1]
          quoted = true // a line continuation is no quote: `ca\⏎se` is still `case`
        }
        this.pos += 2
      } else if (c === "'") {
        value += this.singleQuoted()
        quoted = true
      } else if (c === '"') {
        value += this.doubleQuoted()
        quoted = true
      } else if (c === '$') {
        quoted ||= this.src[this.pos + 1] === "'" || this.src[this.pos + 1] === '"'
        value += this.dollar(false)
      } else if (c === '`') value += this.backticks()
      else {
        value += c
        this.pos++
      }
    }
    return { value, quoted }
  }

  /**
   * A redirection at `pos` (`<`, `>>`, `<<EOF`, `2>&1`, …) and its target. Returns whether
   * it redirects standard input.
   */
  redirection(fd: string): boolean {
    const start = this.pos
    const op = /^(<<<|<<-|<<|<&|<>|<|>>|>&|>\||>|&>>|&>)/.exec(
      this.src.slice(this.pos, this.pos + 3),
    )![0]
    this.pos += op.length
    this.skipBlanks()
    let delimiter: string | null = null
    if (
      (this.src[this.pos] === '<' || this.src[this.pos] === '>') &&
      this.src[this.pos + 1] === '('
    ) {
      const at = this.pos
      this.pos += 2
      this.nested(at, 'open process substitution')
      delimiter = this.src.slice(at, this.pos)
    } else if (this.pos < this.end && !METACHAR.test(this.src[this.pos]!)) {
      delimiter = this.word().value
    }
    if (delimiter !== null && (op === '<<' || op === '<<-')) {
      this.heredocs.push({
        delimiter,
        stripTabs: op === '<<-',
        index: start,
        length: this.pos - start,
      })
    }
    return op.startsWith('<') && (fd === '' || fd === '0')
  }
}
