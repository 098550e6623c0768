/**
 * Programs that change who runs (`sudo -i`, `su -`), open a terminal session (`tmux`,
 * `screen`, `script`) or run another command in turn (`env`, `nice`, `exec`): interactive
 * when they open a shell themselves or when the command they run is.
 */
import { hasAny, parseArgs } from './command-args'
import { INFO, always, wrapper, type Rule } from './interactive-rule'

/** `su`, `su - app`, `runuser -l app`: a login shell unless `-c` names a command. */
const su: Rule = (inv) => {
  const p = parseArgs(inv.args, {
    valueShort: 'cCsgGwu',
    valueLong: ['--command', '--session-command', '--shell', '--group', '--supp-group', '--user'],
  })
  const command = ['-c', '-C', '--command', '--session-command'].find((o) => p.values.has(o))
  if (command) return inv.runsText(p.values.get(command)!)
  if (p.values.has('-u') || p.values.has('--user')) return inv.runs([...p.operands, ...p.command])
  return !inv.stdinRedirected
}

/** `sudo -s`, `sudo -i`, `sudo -u app psql`. */
const sudo: Rule = (inv) => {
  const p = parseArgs(inv.args, {
    valueShort: 'ugpCDRrtTU',
    valueLong: [
      '--user',
      '--group',
      '--prompt',
      '--chdir',
      '--host',
      '--role',
      '--type',
      '--other-user',
    ],
    operands: 0,
  })
  if (hasAny(p, ...INFO, '-e', '-l', '-v', '-k', '-K')) return false
  if (hasAny(p, '-s', '-i', '--shell', '--login')) {
    return p.command.length ? inv.runsText(p.command.join(' ')) : !inv.stdinRedirected
  }
  return inv.runs(p.command)
}

/** `doas -s`, `pkexec` and `run0` with no program: the target user's shell. */
const elevate =
  (valueShort: string, valueLong: string[] = []): Rule =>
  (inv) => {
    const p = parseArgs(inv.args, { valueShort, valueLong, operands: 0 })
    if (p.command.length) return inv.runs(p.command)
    return !hasAny(p, ...INFO) && !inv.stdinRedirected
  }

/** `env -i PATH=… bash`: skips its options and assignments. */
const env: Rule = (inv) => {
  const p = parseArgs(inv.args, {
    valueShort: 'uCS',
    valueLong: ['--unset', '--chdir', '--split-string'],
    operands: 0,
  })
  const split = p.values.get('-S') ?? p.values.get('--split-string')
  if (split) return inv.runsText(split)
  const command = [...p.command]
  while (command[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command[0])) command.shift()
  return inv.runs(command)
}

/** `command -v bash` only looks a name up; `command bash` runs it. */
const commandBuiltin: Rule = (inv) => {
  const p = parseArgs(inv.args, { operands: 0 })
  return !hasAny(p, '-v', '-V') && inv.runs(p.command)
}

/** `tmux`, `tmux new -s x`, `tmux attach`: a terminal session (`-d` keeps it detached). */
const tmux: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueShort: 'LSfcT', operands: 0 })
  if (p.values.has('-c')) return inv.runsText(p.values.get('-c')!)
  const [verb = 'new-session', ...rest] = p.command
  if (!['new', 'new-session', 'attach', 'attach-session', 'a', 'at'].includes(verb)) return false
  return !parseArgs(rest, { valueShort: 'censtxyFtAEf' }).options.has('-d')
}

/** `screen`, `screen -r`: a terminal session unless started detached (`-d -m`). */
const screen: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueShort: 'ScpehHTtX', operands: 0 })
  if (hasAny(p, '-X', '-Q') || p.options.has('-l') || inv.args.includes('-ls')) return false
  return !(hasAny(p, '-d', '-D') && p.options.has('-m'))
}

/** `script` records a new shell, or the command given with `-c`. */
const script: Rule = (inv) => {
  const p = parseArgs(inv.args, { valueShort: 'cIOBTEm', valueLong: ['--command'] })
  const command = p.values.get('-c') ?? p.values.get('--command')
  return command !== undefined ? inv.runsText(command) : !inv.stdinRedirected
}
export const USER_RULES: Array<[string, Rule]> = [
  // users and sessions
  ['sudo', sudo],
  [
    'doas',
    (inv) =>
      parseArgs(inv.args, { valueShort: 'uC', operands: 0 }).options.has('-s')
        ? always(inv)
        : elevate('uC')(inv),
  ],
  ['pkexec', elevate('', ['--user'])],
  ['run0', elevate('uDg', ['--user', '--chdir', '--setenv', '--unit'])],
  ['su', su],
  ['runuser', su],
  [
    'sg',
    (inv) =>
      inv.args.length > 1
        ? inv.runsText(
            inv.args
              .slice(1)
              .filter((a) => a !== '-c')
              .join(' '),
          )
        : always(inv),
  ],
  ['login', always],
  ['newgrp', always],
  ['tmux', tmux],
  ['screen', screen],
  ['script', script],
  // programs that run a command in turn
  ['env', env],
  ['command', commandBuiltin],
  ['builtin', wrapper()],
  ['exec', wrapper({ valueShort: 'a' })],
  ['time', wrapper()],
  ['nice', wrapper({ valueShort: 'n', valueLong: ['--adjustment'] })],
  ['ionice', wrapper({ valueShort: 'cnp', valueLong: ['--class', '--classdata', '--pid'] })],
  ['stdbuf', wrapper({ valueShort: 'ioe', valueLong: ['--input', '--output', '--error'] })],
  [
    'timeout',
    (inv) =>
      inv.runs(
        parseArgs(inv.args, {
          valueShort: 'sk',
          valueLong: ['--signal', '--kill-after'],
          operands: 1,
        }).command,
      ),
  ],
  ['setsid', wrapper()],
  ['unbuffer', wrapper()],
  ['sshpass', wrapper({ valueShort: 'pfdP' })],
  ['flock', (inv) => inv.runs(parseArgs(inv.args, { valueShort: 'wEc', operands: 1 }).command)],
  [
    'chroot',
    (inv) => {
      const p = parseArgs(inv.args, { valueLong: ['--userspec', '--groups'], operands: 1 })
      return p.command.length ? inv.runs(p.command) : p.operands.length > 0 && always(inv)
    },
  ],
  [
    'nsenter',
    (inv) => {
      const p = parseArgs(inv.args, {
        valueShort: 'tSGwr',
        valueLong: ['--target', '--setuid', '--setgid', '--root', '--wd'],
        operands: 0,
      })
      return p.command.length ? inv.runs(p.command) : always(inv)
    },
  ],
  [
    'unshare',
    (inv) => {
      const p = parseArgs(inv.args, {
        valueShort: 'S',
        valueLong: ['--setuid', '--setgid', '--root', '--wd'],
        operands: 0,
      })
      return p.command.length ? inv.runs(p.command) : always(inv)
    },
  ],
]
