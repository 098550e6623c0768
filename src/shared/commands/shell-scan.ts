/**
 * A small reader of shell command lines, as bash reads them: where quotes, `$( … )`,
 * backticks, here-docs, comments and compound commands (`if … fi`, `{ … }`) begin and
 * end, and the simple commands (their words, with quotes removed) that make up the line.
 * It is not an interpreter: expansions are kept as written, and it only has to be right
 * about two questions — would the shell wait for more input after this text (then the
 * next command typed would be joined to it), and which programs does it start and how.
 * No library in the dependencies tokenizes shell (`shell-quote` and `bash-parser` are not
 * installed and neither reads here-docs or reports what is left open). Checked against
 * `bash -n` in its tests.
 */
import { ASSIGNMENT, BLANK, METACHAR, ShellReader, type ReaderHooks } from './shell-reader'
import { readHeredocs } from './shell-heredocs'

export { MAX_NESTING } from './shell-reader'

export interface SimpleCommand {
  /** `NAME=value` words before the command word. */
  assignments: string[]
  /** The command word and its arguments, quotes removed (expansions as written). */
  words: string[]
  /** Its standard input is not the terminal: `<`, `<<`, `<<<`, or a pipe from an earlier command. */
  stdinRedirected: boolean
  /** Runs in a subshell (`( … )`, `$( … )`, backticks, `<( … )`): it cannot change the shell itself. */
  subshell: boolean
}

/** Where the text leaves the shell waiting for more input, and what it waits for. */
export interface Unfinished {
  index: number
  length: number
  what: string
}

export interface ShellScan {
  commands: SimpleCommand[]
  /** Functions the text defines in the shell itself (`f() { … }`, `function f`). */
  functions: string[]
  unfinished: Unfinished | null
}

/** Reserved words that open a compound command, and the word that closes it. */
const CLOSERS = new Map([
  ['if', 'fi'],
  ['while', 'done'],
  ['until', 'done'],
  ['for', 'done'],
  ['select', 'done'],
  ['case', 'esac'],
  ['{', '}'],
])
/** Reserved words after which another command word is expected. */
const LEADERS = new Set(['then', 'else', 'elif', 'do', '!', 'time'])

const HOOKS: ReaderHooks = {
  list: (reader, opener) => list(reader, opener, true),
  scan: (text) => scanShell(text),
}

/** Reads `text` as the shell would once the gate types it and presses Enter. */
export function scanShell(text: string): ShellScan {
  const reader = new ShellReader(text.replace(/\r?\n$/, ''), HOOKS) // the gate adds its own Enter
  list(reader, null, false)
  return { commands: reader.commands, functions: reader.functions, unfinished: reader.unfinished }
}

/**
 * A list of commands up to `)` (when `opener` is given) or the end of the text: simple
 * commands, pipes and lists, compound commands checked for their closing word.
 */
function list(
  r: ShellReader,
  opener: { index: number; what: string } | null,
  subshell: boolean,
): void {
  const open: Array<{ closer: string; index: number; word: string }> = []
  let current = null as SimpleCommand | null
  let commandPosition = true
  let pipedIn = false
  /** What must still follow: the command after `|`, `&&`, `||`, a function's body. */
  let pending = null as { index: number; length: number; what: string } | null
  /** In a `case`: reading its subject and `in`, or reading patterns up to `)`. */
  let caseState: 'subject' | 'pattern' | null = null
  let functionName = false

  const command = () =>
    (current ??= { assignments: [], words: [], stdinRedirected: pipedIn, subshell })
  const endCommand = () => {
    if (current && (current.words.length || current.assignments.length)) r.commands.push(current)
    current = null
    pipedIn = false
    commandPosition = true
  }
  const operator = (op: string) => {
    pending = { index: r.pos, length: op.length, what: `ends with ${op}` }
    r.pos += op.length
    endCommand()
    return op
  }

  while (r.pos < r.end) {
    r.skipBlanks()
    if (r.pos >= r.end) break
    const c = r.src[r.pos]!
    if (c === '#') {
      const newline = r.src.indexOf('\n', r.pos)
      r.pos = newline < 0 ? r.end : newline
    } else if (c === '\n') {
      r.pos++
      if (current) endCommand()
      readHeredocs(r)
    } else if (c === ')') {
      r.pos++
      if (caseState === 'pattern') {
        caseState = null
        commandPosition = true
      } else if (opener) {
        endCommand() // a compound command still open here is a syntax error, not a wait
        return
      }
    } else if (c === '(') {
      const start = r.pos++
      if (caseState === 'pattern') continue
      if (commandPosition) pending = null
      if (commandPosition && r.src[r.pos] === '(') {
        r.pos++
        r.balanced(2, start, 'open (( … ))', 'arithmetic')
        commandPosition = false
      } else if (commandPosition) {
        r.nested(start, 'open ( without its )')
        commandPosition = false
      } else if (current?.words.length === 1) {
        // `name() { … }`: a function definition, its body still to come
        const name = current.words[0]!
        r.functions.push(name)
        r.skipBlanks()
        if (r.src[r.pos] === ')') r.pos++
        pending = {
          index: start,
          length: r.pos - start,
          what: `function ${name}() without its body`,
        }
        current = null
        commandPosition = true
      }
    } else if (c === ';') {
      const op = /^(;;&|;;|;&|;)/.exec(r.src.slice(r.pos, r.pos + 3))![0]
      r.pos += op.length
      endCommand()
      pending = null
      if (op !== ';' && open.at(-1)?.closer === 'esac') caseState = 'pattern'
    } else if (c === '|' && caseState === 'pattern') {
      r.pos++
    } else if (c === '|') {
      const op = r.src.startsWith('||', r.pos) ? '||' : r.src.startsWith('|&', r.pos) ? '|&' : '|'
      pipedIn = operator(op) !== '||'
    } else if (c === '&' && r.src[r.pos + 1] === '>') {
      command()
      r.redirection('')
      pending = null
    } else if (c === '&') {
      if (r.src.startsWith('&&', r.pos)) operator('&&')
      else {
        r.pos++
        endCommand()
        pending = null
      }
    } else if ((c === '<' || c === '>') && r.src[r.pos + 1] === '(') {
      const start = r.pos
      r.pos += 2
      r.nested(start, 'open process substitution')
      command().words.push(r.src.slice(start, r.pos) + r.word().value) // `<(ls)#x` is one word
      commandPosition = false
    } else if (c === '<' || c === '>') {
      const cmd = command()
      if (r.redirection('')) cmd.stdinRedirected = true
      pending = null
    } else {
      const w = r.word(commandPosition && caseState === null)
      pending = null
      if (/^\d+$/.test(w.value) && !w.quoted && (r.src[r.pos] === '<' || r.src[r.pos] === '>')) {
        const cmd = command()
        if (r.redirection(w.value)) cmd.stdinRedirected = true
        continue
      }
      // A reserved word only as the first word (not after an assignment or a redirection).
      const reserved = !w.quoted && commandPosition && !current ? w.value : ''
      if (caseState === 'pattern') {
        if (reserved === 'esac') closeWord('esac')
        continue
      }
      if (caseState === 'subject') {
        if (reserved === 'in') caseState = 'pattern'
        continue
      }
      if (functionName) {
        r.functions.push(w.value)
        functionName = false
        commandPosition = true
        r.skipBlanks()
        if (r.src.startsWith('()', r.pos)) r.pos += 2
        pending = { index: r.pos, length: 0, what: `function ${w.value} without its body` }
        continue
      }
      // bash reads `{<(…)` as a command named `{`, not a group
      const named = reserved === '{' && /^[<>]\(/.test(r.src.slice(r.pos, r.pos + 2))
      const closer = named ? undefined : CLOSERS.get(reserved)
      if (closer) {
        open.push({ closer, index: r.pos - reserved.length, word: reserved })
        if (reserved === 'case') caseState = 'subject'
        if (reserved === 'for') forHeader()
        continue
      }
      if (LEADERS.has(reserved) || reserved === 'function') {
        functionName = reserved === 'function'
        continue
      }
      if (['fi', 'done', 'esac', '}'].includes(reserved)) {
        closeWord(reserved)
        continue
      }
      if (reserved === '[[') {
        conditional()
        commandPosition = false
        continue
      }
      const cmd = command()
      if (commandPosition && ASSIGNMENT.test(w.value) && !cmd.words.length) {
        cmd.assignments.push(w.value)
      } else {
        cmd.words.push(w.value)
        commandPosition = false
      }
    }
  }

  function closeWord(word: string) {
    if (open.at(-1)?.closer === word) open.pop()
    if (word === 'esac') caseState = null
    commandPosition = false
  }
  /** `for name in words; do`, or `for (( … )); do`: the header is not a command. */
  function forHeader() {
    r.skipBlanks()
    if (r.src.startsWith('((', r.pos)) {
      const start = r.pos
      r.pos += 2
      r.balanced(2, start, 'open (( … ))', 'arithmetic')
      return
    }
    while (r.pos < r.end && !/[;\n&|]/.test(r.src[r.pos]!)) {
      if (BLANK.test(r.src[r.pos]!)) r.pos++
      else if (/[()<>]/.test(r.src[r.pos]!)) r.pos++
      else r.word()
    }
  }
  /** `[[ … ]]`: parentheses, `<`, `>` and newlines are part of the test, not of the shell. */
  function conditional() {
    const start = r.pos - 2
    for (;;) {
      r.skipBlanks()
      if (r.pos >= r.end) return r.fail(start, 2, '[[ without its ]]')
      if (r.src[r.pos] === '\n') {
        r.pos++
        continue
      }
      if (
        r.src.startsWith(']]', r.pos) &&
        (r.pos + 2 >= r.end || METACHAR.test(r.src[r.pos + 2]!))
      ) {
        r.pos += 2
        return
      }
      if ((r.src[r.pos] === '<' || r.src[r.pos] === '>') && r.src[r.pos + 1] === '(') {
        const at = r.pos
        r.pos += 2
        r.nested(at, 'open process substitution')
      } else if (/[()<>&|;]/.test(r.src[r.pos]!)) r.pos++
      else r.word()
    }
  }

  endCommand()
  if (r.heredocs.length) {
    const doc = r.heredocs[0]!
    r.fail(doc.index, doc.length, `here-doc without its end line "${doc.delimiter}"`)
  }
  if (open.length) {
    const last = open.at(-1)!
    r.fail(last.index, last.word.length, `${last.word} without its ${last.closer}`)
  }
  if (pending) r.fail(pending.index, pending.length, pending.what)
  if (opener) r.fail(opener.index, Math.min(2, r.end - opener.index), opener.what)
}
