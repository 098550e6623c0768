/**
 * Commands that open an interactive session: a shell, a REPL, a database client, a remote
 * or container shell. Once one is approved and running, the gate passes keys to it (they
 * answer its prompt), so every line typed into it runs without a proposal: the room is
 * told so when it approves (the lines typed are not recorded one by one yet). A session is
 * opened when the program reads commands from the keyboard: `bash`, `sudo -i`,
 * `ssh db-1`, `kubectl exec -it api -- sh`, `psql`; not `bash deploy.sh`, `ssh db-1
 * uptime`, `kubectl exec api -- ls` or `psql -c 'select 1'`, nor anything whose input is a
 * file or a pipe.
 */
import { CONTAINER_RULES } from './interactive-containers'
import { PROGRAM_RULES } from './interactive-programs'
import type { Rule } from './interactive-rule'
import { USER_RULES } from './interactive-users'
import { programName } from './command-args'
import { scanShell } from './shell-scan'

export const INTERACTIVE_SESSION =
  'opens an interactive session: each line typed into it runs without a proposal of its own'

/** How far `sudo bash -c "ssh db 'psql'"` is followed: further than anyone writes by hand. */
const MAX_DEPTH = 6

/** Whether any command of the line opens an interactive session. */
export function opensInteractiveSession(text: string): boolean {
  return anyInteractive(text, false, 0)
}

function anyInteractive(text: string, stdinRedirected: boolean, depth: number): boolean {
  return scanShell(text).commands.some((c) =>
    interactive(c.words, c.stdinRedirected || stdinRedirected, depth),
  )
}

function interactive(words: readonly string[], stdinRedirected: boolean, depth: number): boolean {
  if (depth > MAX_DEPTH || !words.length) return false
  const name = programName(words[0]!)
  // `python3.12`, `lua5.4`, `php8.2`: the versioned name of a program in the table
  const rule = RULES.get(name) ?? RULES.get(name.replace(/^([a-z]+)[\d.]+$/, '$1'))
  return rule
    ? rule({
        args: words.slice(1),
        stdinRedirected,
        runs: (inner) => interactive(inner, stdinRedirected, depth + 1),
        runsText: (inner) => depth < MAX_DEPTH && anyInteractive(inner, stdinRedirected, depth + 1),
      })
    : false
}

const RULES = new Map<string, Rule>([...PROGRAM_RULES, ...USER_RULES, ...CONTAINER_RULES])
