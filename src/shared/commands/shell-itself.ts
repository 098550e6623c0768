/**
 * Commands that run code inside the guarded shell itself rather than in a program it
 * starts: `source`/`.`, `eval`, `exec`, traps, aliases, functions, key bindings and the
 * variables the shell runs before each command or prompt (`PROMPT_COMMAND`, `PS0`,
 * `precmd_functions`). Whatever they install stays after them and can change how a later
 * approved command runs (a DEBUG trap sees and can rewrite every command): the room is
 * told so when it approves. Subshells (`( … )`, `$( … )`) cannot change the shell and are
 * left alone.
 */
import { hasAny, parseArgs } from './command-args'
import { scanShell, type SimpleCommand } from './shell-scan'

export const CHANGES_THE_SHELL =
  'runs code inside the guarded shell itself: it can change how later approved commands run'

/** Builtins that run code in the shell, or change what later command lines do. */
const IN_SHELL = new Set(['source', '.', 'eval', 'exec', 'add-zsh-hook', 'zle', 'autoload'])

/**
 * Variables the shell reads before each command or prompt, or that change how every later
 * line is split, found or loaded.
 */
const HOOK_VARIABLES = new Set([
  'PROMPT_COMMAND',
  'PS0',
  'PS1',
  'PS2',
  'PS4',
  'PROMPT',
  'PROMPT2',
  'RPROMPT',
  'RPS1',
  'BASH_ENV',
  'ENV',
  'IFS',
  'BASH_ALIASES',
  'BASH_CMDS',
  'LD_PRELOAD',
  'precmd_functions',
  'preexec_functions',
  'chpwd_functions',
  'periodic_functions',
  'zshaddhistory_functions',
  'zle_bracketed_paste',
])

const DECLARES = new Set(['export', 'declare', 'typeset', 'local', 'readonly'])

const setsHook = (assignment: string) =>
  HOOK_VARIABLES.has(/^[A-Za-z_][A-Za-z0-9_]*/.exec(assignment)?.[0] ?? '')

function changes(command: SimpleCommand): boolean {
  let words = command.words
  // `builtin source x`, `command eval x`: the same builtins
  while (words[0] === 'builtin' || (words[0] === 'command' && !/^-[vV]$/.test(words[1] ?? ''))) {
    words = words.slice(words[1] === '-p' ? 2 : 1)
  }
  const [name, ...args] = words
  if (name === undefined) return command.assignments.some(setsHook)
  if (IN_SHELL.has(name)) return true
  if (DECLARES.has(name)) return args.some((a) => a.includes('=') && setsHook(a))
  if (name === 'unset') return args.some(setsHook)
  switch (name) {
    case 'trap': // setting one (not `trap -p`, `trap -l`, or `trap` alone to list them)
      return args.length >= 2 || (args.length === 1 && !/^-[pl]$/.test(args[0]!))
    case 'alias':
      return args.some((a) => a.includes('='))
    case 'bind': // bash: a key that runs a command, or bindings read from a file
      return hasAny(parseArgs(args, { valueShort: 'mqurfx' }), '-x', '-f')
    case 'bindkey': // zsh: a key that types a string
      return args.includes('-s')
    case 'enable': // bash: a builtin loaded from a shared object
      return args.includes('-f')
    case 'hash': // bash: a name bound to another path
      return args.includes('-p')
    default:
      return false
  }
}

export function changesTheShell(text: string): boolean {
  const scan = scanShell(text)
  return scan.functions.length > 0 || scan.commands.some((c) => !c.subshell && changes(c))
}
