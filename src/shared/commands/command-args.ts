/**
 * Reading a program's arguments the way getopt-style programs do, enough to tell its
 * options from its operands and from the command it runs in turn (`sudo -u db psql`,
 * `kubectl exec pod -- sh`, `ssh host uptime`).
 */

export interface ArgSpec {
  /** Short options that take a value (`-u root`, `-uroot`). */
  valueShort?: string
  /** Long options that take a value when written without `=` (`--user root`). */
  valueLong?: readonly string[]
  /**
   * After this many operands the rest is the command the program runs (its own options
   * included): 1 for `docker exec CONTAINER cmd…`, 0 for `sudo cmd…`. Unlimited by default.
   */
  operands?: number
  /** Options may still follow the operands before the command (OpenSSH: `ssh host -p 22 cmd`). */
  permute?: boolean
}

export interface ParsedArgs {
  /** Every option seen, short ones one letter each (`-it` gives `-i` and `-t`), long ones whole. */
  options: Set<string>
  /** The values of the options that took one. */
  values: Map<string, string>
  operands: string[]
  /** The command run in turn: what follows the operands, or `--`. */
  command: string[]
}

export function parseArgs(args: readonly string[], spec: ArgSpec = {}): ParsedArgs {
  const valueShort = spec.valueShort ?? ''
  const valueLong = new Set(spec.valueLong ?? [])
  const limit = spec.operands ?? Infinity
  const parsed: ParsedArgs = { options: new Set(), values: new Map(), operands: [], command: [] }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const isOption = arg.length > 1 && arg.startsWith('-')
    if (arg === '--') {
      parsed.command = args.slice(i + 1)
      break
    }
    // Options before the first operand are the program's own; once its operands are read,
    // the rest is the command it runs (unless the program reads options anywhere).
    const operandsRead = parsed.operands.length >= limit
    if (operandsRead && (!isOption || (parsed.operands.length > 0 && !spec.permute))) {
      parsed.command = args.slice(i)
      break
    }
    if (!isOption) {
      parsed.operands.push(arg)
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq < 0 ? arg : arg.slice(0, eq)
      parsed.options.add(name)
      if (eq >= 0) parsed.values.set(name, arg.slice(eq + 1))
      else if (valueLong.has(name)) parsed.values.set(name, args[++i] ?? '')
    } else {
      for (let j = 1; j < arg.length; j++) {
        const name = `-${arg[j]}`
        parsed.options.add(name)
        if (valueShort.includes(arg[j]!)) {
          parsed.values.set(name, arg.slice(j + 1) || (args[++i] ?? ''))
          break
        }
      }
    }
  }
  return parsed
}

/** The program's name without its directory: `/usr/bin/python3` is `python3`. */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1)
}

/** Any of these options was given. */
export function hasAny(parsed: ParsedArgs, ...names: string[]): boolean {
  return names.some((name) => parsed.options.has(name))
}
