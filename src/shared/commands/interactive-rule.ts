/**
 * What the rules for interactive programs (interactive-session.ts) share: the invocation
 * they look at, and the common shapes (always interactive, a wrapper, a REPL).
 */
import { hasAny, parseArgs, type ArgSpec } from './command-args'

export interface Invocation {
  args: string[]
  /** Its standard input is a file or a pipe, not the keyboard. */
  stdinRedirected: boolean
  /** Whether the command it runs in turn (`sudo -u db CMD`), with the same keyboard, is interactive. */
  runs(words: readonly string[]): boolean
  /** The same for a command given as one string (`bash -c "…"`, `su -c "…"`, `ssh host "…"`). */
  runsText(text: string): boolean
}

export type Rule = (inv: Invocation) => boolean

export const INFO = ['--version', '-V', '--help']

/** Runs what follows its own options (`nice -n 5 CMD`). */
export const wrapper =
  (spec: ArgSpec = {}): Rule =>
  (inv) =>
    inv.runs(parseArgs(inv.args, { operands: 0, ...spec }).command)

interface ReplSpec extends ArgSpec {
  /** Options that run code and exit (`python -c`, `node -e`). */
  runsCode?: string[]
  /** Options that keep it interactive whatever else is given (`python -i`). */
  stays?: string[]
  /** Its first operand is a script (python) rather than a database or host (psql). */
  scriptOperand?: boolean
}

/** A REPL or client that reads statements from the keyboard unless told what to run. */
export const repl =
  (spec: ReplSpec = {}): Rule =>
  (inv) => {
    const p = parseArgs(inv.args, spec)
    if (inv.stdinRedirected) return false
    if (hasAny(p, ...(spec.stays ?? []))) return true
    if (hasAny(p, ...INFO, ...(spec.runsCode ?? []))) return false
    const script = spec.scriptOperand !== false && p.operands.length > 0 && p.operands[0] !== '-'
    return !script
  }

/** Reads the keyboard whenever its input is the keyboard (`irb`, `ftp`). */
export const always: Rule = (inv) => !inv.stdinRedirected
