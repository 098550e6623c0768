/**
 * The optional allow-list of read-only commands that run with zero approvals (they are still
 * proposed, inspected and recorded). An entry is a command prefix by words ("kubectl get").
 *
 * Threat model: anyone who may propose can word an allow-listed command so that it does more
 * than read (`kubectl get pods --kubeconfig x`: a kubeconfig's exec plugin runs any program).
 * So a command matches only when all of these hold, and when unsure it does not match:
 * - its first word is a plain command in this shell (an alias or a function can run anything);
 * - it is one simple command of plain words: characters from a small safe set, so no chaining,
 *   pipes, redirections, substitutions, newlines, quotes, escapes, globs (a glob can expand to
 *   a file named `--kubeconfig=x`), `~`, `!` or `=` expansions, and no env assignments;
 * - no word changes what runs, where or as whom: for the programs of allow-list-programs.ts
 *   only their read-only sub-commands and listed options pass; for any other program, no
 *   option named like config, exec, plugin, template, credentials, target, pager or editor;
 * - the program neither runs other commands nor takes commands from the keyboard, and is no
 *   shell builtin that changes the shell (`hash -p`, `alias`, `export PATH=`, `cd`).
 * Out of scope: what PATH resolves the program to and the default kubeconfig (the shell's
 * context, which the proposal records). A match is to run with pagers off: withPagersOff.
 */
import { PROGRAM_RULES, type OptionSpec, type ProgramRules } from './allow-list-programs'
import type { FirstWordKind } from './gate-model'

/** A starting point the leader may adopt; the default policy's list is empty. */
export const SUGGESTED_READ_ONLY = [
  'kubectl get',
  'kubectl describe',
  'kubectl logs',
  'kubectl top',
  'systemctl status',
  'journalctl',
  'docker ps',
  'docker logs',
  'df',
  'free',
  'uptime',
  'ps',
] as const

/** What the shell integration says about the command's first word. */
export interface FirstWordFacts {
  firstWordKind: FirstWordKind
}

/** Every character a matching command may hold: words the shell passes on unchanged. */
const SAFE_TEXT = /^[A-Za-z0-9 \t._,:=/@%+-]*$/

/** zsh expands `=ls` to a path, and after `=` in arguments with MAGIC_EQUAL_SUBST. */
const EQUALS_EXPANSION = /(?:^|[=:])=/

/** `-1`, `-5m`: a number or an offset (a value or an argument), not an option. */
const NUMBER = /^-\d/

/**
 * Never a match: programs whose arguments are a command or a script, or that take commands
 * from the keyboard; shell builtins and keywords that change the shell itself (an alias,
 * PATH, the hash table: what later commands run) or wait for more input.
 */
const NEVER_ALLOW_LISTED = new Set(
  (
    'sh bash zsh dash ksh mksh fish csh tcsh busybox env sudo su doas pkexec runuser setsid ' +
    'nohup nice ionice chrt taskset timeout watch time stdbuf xargs parallel exec eval ' +
    'command builtin source . python python2 python3 perl ruby node php lua awk gawk mawk ' +
    'sed find ssh script expect tmux screen less more most man vi vim nvim view nano emacs ' +
    'ed ex pico mc top htop atop btop iotop k9s mysql psql redis-cli sqlite3 gdb ' +
    'alias unalias hash rehash export unset set setopt unsetopt shopt enable disable trap ' +
    'bind cd pushd popd declare typeset local readonly let read mapfile readarray printf fc ' +
    'history ulimit umask kill bg fg wait disown suspend logout exit return getopts ' +
    'compgen complete autoload zmodload emulate coproc function if then else elif fi do ' +
    'done for while until case esac select in'
  ).split(' '),
)

/** For programs without rules: long option names that load code or config, or switch the
 * target, the identity, the output file, the pager or the editor. */
const GENERIC_DENIED_LONG =
  /config|kube|context|cluster|user|^as$|^as-|server|host|token|passw|cred|auth|cert|tls|insecure|key|secret|impersonat|exec|command|cmd|plugin|template|render|jsonpath|format|output|editor|pager|shell|script|load|source|include|eval|hook|file|dir|root|image|socket|proxy|url|env|run|remote|module|lib|profile/i

/** For programs without rules: short options that commonly mean command, config, exec,
 * editor, expression, file, host, identity, in-place, output, password or user. */
const GENERIC_DENIED_SHORT = /[cCeEfFHiIKoOpPuxX]/

function words(text: string): string[] {
  return text
    .trim()
    .split(/[ \t]+/)
    .filter(Boolean)
}

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** A value in the next word must not look like an option (`-n --kubeconfig=x`). */
function nextValueOk(spec: Exclude<OptionSpec, 'flag'>, value: string | undefined): boolean {
  return value !== undefined && (!value.startsWith('-') || NUMBER.test(value)) && spec.check(value)
}

/** `--flag=true` is what flag parsers like kubectl's accept; anything else is a value. */
function attachedOk(spec: OptionSpec, value: string): boolean {
  if (spec === 'flag') return value === 'true' || value === 'false'
  return value !== '' && spec.check(value)
}

function followsRules(args: readonly string[], rules: ProgramRules): boolean {
  let i = 0
  if (rules.subcommands) {
    if (!rules.subcommands.has(args[0] ?? '')) return false
    i = 1
  }
  while (i < args.length) {
    const word = args[i++]!
    if (word.startsWith('--')) {
      const eq = word.indexOf('=')
      const spec = own(rules.long, word.slice(2, eq < 0 ? undefined : eq))
      if (!spec) return false
      if (eq >= 0) {
        if (!attachedOk(spec, word.slice(eq + 1))) return false
      } else if (spec !== 'flag' && spec.value === 'next-or-attached') {
        if (!nextValueOk(spec, args[i++])) return false
      }
    } else if (word.startsWith('-') && word.length > 1 && !NUMBER.test(word)) {
      for (let j = 1; j < word.length; j++) {
        const spec = own(rules.short, word[j]!)
        if (!spec) return false
        if (spec === 'flag') continue
        const attached = word.slice(j + 1).replace(/^=/, '')
        if (attached) {
          if (!attachedOk(spec, attached)) return false
        } else if (spec.value === 'next-or-attached') {
          if (!nextValueOk(spec, args[i++])) return false
        }
        break
      }
    } else if (rules.argument && !rules.argument(word)) {
      return false
    }
  }
  return true
}

function passesGenericRules(args: readonly string[]): boolean {
  return args.every((word) => {
    if (word === '--') return false // what follows may be a command to run (`exec -- sh`)
    if (!word.startsWith('-') || word === '-' || NUMBER.test(word)) return true
    if (word.startsWith('--')) return !GENERIC_DENIED_LONG.test(word.slice(2).split('=')[0]!)
    return !GENERIC_DENIED_SHORT.test(word.slice(1))
  })
}

function onlyReads(command: readonly string[]): boolean {
  const [program, ...args] = command
  if (!program || program.includes('=')) return false // an env assignment before the command
  if (program.includes('/') && !program.startsWith('/')) return false // a file in the cwd
  if (command.some((word) => EQUALS_EXPANSION.test(word))) return false
  const name = program.slice(program.lastIndexOf('/') + 1)
  if (NEVER_ALLOW_LISTED.has(name)) return false
  const rules = own(PROGRAM_RULES, name)
  return rules ? followsRules(args, rules) : passesGenericRules(args)
}

/**
 * Whether `text` may run with zero approvals: it starts with an entry's words and is a
 * single simple command that only reads (see the threat model above).
 */
export function matchesAllowList(
  text: string,
  allowList: readonly string[],
  shell: FirstWordFacts,
): boolean {
  if (shell.firstWordKind !== 'command' || !SAFE_TEXT.test(text)) return false
  const command = words(text)
  const listed = allowList.some((entry) => {
    const prefix = words(entry)
    return prefix.length > 0 && prefix.every((part, index) => command[index] === part)
  })
  return listed && onlyReads(command)
}

/**
 * Environment for an allow-listed command: no pager, so it cannot stop in `less`, whose `!`
 * runs a command (keys reach a running command); should a pager start all the same,
 * LESSSECURE=1 turns off less's shell escapes, editor and file commands.
 */
export const PAGERS_OFF =
  'PAGER=cat SYSTEMD_PAGER=cat GIT_PAGER=cat MANPAGER=cat AWS_PAGER=cat PSQL_PAGER=cat LESSSECURE=1'

/**
 * The exact line the gate writes for a command matchesAllowList accepted (one simple command,
 * so the assignments apply to it alone): the command with pagers off.
 */
export function withPagersOff(text: string): string {
  return `${PAGERS_OFF} ${text}`
}
