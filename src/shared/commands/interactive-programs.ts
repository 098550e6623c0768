/**
 * Shells, REPLs, database clients and remote shells: interactive unless given a script, a
 * command (`-c`, `-e`, `--command`) or input from a file or a pipe.
 */
import { hasAny, parseArgs } from './command-args'
import { INFO, always, repl, type Rule } from './interactive-rule'

/** `bash`, `sh -l`, `zsh -i`: a shell reads the keyboard unless given a script or `-c`. */
const shell =
  (valueShort = 'oO', valueLong: string[] = ['--rcfile', '--init-file']): Rule =>
  (inv) => {
    // `+o vi`, `+x`: options turned off, written with a plus
    const args = inv.args.filter(
      (a, i) => !a.startsWith('+') && !/^\+[oO]$/.test(inv.args[i - 1] ?? ''),
    )
    const p = parseArgs(args, { valueShort, valueLong })
    if (hasAny(p, ...INFO)) return false
    if (hasAny(p, '-c', '--command')) {
      const command = p.values.get('--command') ?? p.operands[0] ?? ''
      return inv.runsText(command)
    }
    // a script; `-s` or `-` read commands from standard input instead
    if (p.operands.length && p.operands[0] !== '-' && !hasAny(p, '-s')) return false
    return !inv.stdinRedirected
  }

/** `ssh host` opens a remote shell; `ssh host uptime` runs one command there. */
const ssh =
  (valueShort = 'BbcDEeFIiJLlmOoPpQRSWw'): Rule =>
  (inv) => {
    const p = parseArgs(inv.args, { valueShort, operands: 1, permute: true })
    if (hasAny(p, '-V', '-G', '-N', '-W', '-O', '-n', '-f')) return false
    if (p.command.length) return inv.runsText(p.command.join(' '))
    return p.operands.length > 0 && !inv.stdinRedirected
  }
const SHELLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'tcsh', 'csh', 'oksh']
const PYTHON = repl({ valueShort: 'cmWX', runsCode: ['-c', '-m'], stays: ['-i'], operands: 1 })

export const PROGRAM_RULES: Array<[string, Rule]> = [
  ...SHELLS.map((name): [string, Rule] => [name, shell()]),
  ['fish', shell('C', ['--init-command', '--command'])],
  ['busybox', (inv) => inv.runs(inv.args)],
  // REPLs
  ...['python', 'python2', 'python3', 'pypy', 'pypy3'].map((name): [string, Rule] => [
    name,
    PYTHON,
  ]),
  ['ipython', repl({ runsCode: ['-c', '-m'], stays: ['-i'], operands: 1 })],
  [
    'node',
    repl({
      valueShort: 'epr',
      valueLong: ['--eval', '--print', '--require', '--import'],
      runsCode: ['-e', '-p', '--eval', '--print', '-c', '--check', '-v', '--test'],
      stays: ['-i', '--interactive'],
      operands: 1,
    }),
  ],
  ['ruby', repl({ valueShort: 'eIrCEFKx', runsCode: ['-e', '-c', '-v'], operands: 1 })],
  ['irb', always],
  [
    'rails',
    (inv) => ['c', 'console', 'db', 'dbconsole'].includes(inv.args[0] ?? '') && always(inv),
  ],
  ['pry', always],
  [
    'perl',
    repl({ valueShort: 'eEIMmlx', runsCode: ['-e', '-E', '-c', '-v'], stays: ['-d'], operands: 1 }),
  ],
  [
    'php',
    repl({
      valueShort: 'rcdfzBERF',
      runsCode: ['-r', '-f', '-l', '-m', '-i', '-v'],
      stays: ['-a'],
      operands: 1,
    }),
  ],
  ['lua', repl({ valueShort: 'el', runsCode: ['-e', '-v'], stays: ['-i'], operands: 1 })],
  [
    'R',
    repl({
      valueShort: 'fe',
      valueLong: ['--file'],
      runsCode: ['-f', '--file', '-e'],
      operands: 1,
    }),
  ],
  [
    'julia',
    repl({
      valueShort: 'eEL',
      runsCode: ['-e', '-E', '--eval', '--print'],
      stays: ['-i'],
      operands: 1,
    }),
  ],
  ['ghci', always],
  ['erl', repl({ runsCode: ['-noshell', '-eval'] })],
  ['iex', always],
  ['gdb', repl({ runsCode: ['--batch', '-batch'], scriptOperand: false })],
  // database clients: an operand names a database, not a script
  [
    'psql',
    repl({
      valueShort: 'cdfhpUvPTFRoL',
      runsCode: ['-c', '--command', '-f', '--file', '-l', '--list'],
      scriptOperand: false,
    }),
  ],
  ...['mysql', 'mariadb'].map((name): [string, Rule] => [
    name,
    repl({ valueShort: 'hPuDSe', runsCode: ['-e', '--execute'], scriptOperand: false }),
  ]),
  ...['redis-cli', 'valkey-cli', 'keydb-cli'].map((name): [string, Rule] => [
    name,
    repl({ valueShort: 'hpsauinrdD', runsCode: ['--eval', '-v'] }),
  ]),
  ...['mongo', 'mongosh'].map((name): [string, Rule] => [
    name,
    (inv) =>
      !inv.args.some((a) => a.endsWith('.js')) &&
      repl({ runsCode: ['--eval', '-f', '--file'], scriptOperand: false })(inv),
  ]),
  [
    'sqlite3',
    (inv) =>
      parseArgs(inv.args, { valueShort: '' }).operands.length < 2 &&
      repl({ runsCode: ['-version', '-help'], scriptOperand: false })(inv),
  ],
  [
    'cqlsh',
    repl({
      valueShort: 'efuk',
      runsCode: ['-e', '--execute', '-f', '--file'],
      scriptOperand: false,
    }),
  ],
  [
    'clickhouse-client',
    repl({
      valueShort: 'qhu',
      runsCode: ['-q', '--query', '--queries-file'],
      scriptOperand: false,
    }),
  ],
  ['sqlcmd', repl({ valueShort: 'SUPdQiqo', runsCode: ['-Q', '-i'], scriptOperand: false })],
  ['sqlplus', (inv) => !inv.args.some((a) => a.startsWith('@')) && always(inv)],
  ...['kafka-console-producer', 'kafka-console-producer.sh'].map((name): [string, Rule] => [
    name,
    always,
  ]),
  // remote shells and file transfer with a shell escape
  ['ssh', ssh()],
  ['autossh', ssh('BbcDEeFIiJLlmMOoPpQRSWw')],
  [
    'mosh',
    (inv) => {
      const p = parseArgs(inv.args, {
        valueShort: 'p',
        valueLong: ['--ssh', '--port', '--predict', '--server', '--family', '--bind-server'],
        operands: 1,
      })
      return p.command.length ? inv.runsText(p.command.join(' ')) : p.operands.length > 0
    },
  ],
  ['telnet', (inv) => parseArgs(inv.args).operands.length > 0 && always(inv)],
  ['sftp', repl({ valueShort: 'bBcDFiloPRsS', runsCode: ['-b'], scriptOperand: false })],
  ['ftp', always],
  ...['nc', 'ncat', 'netcat'].map((name): [string, Rule] => [
    name,
    repl({ valueShort: 'pswiqWTOIeXx', runsCode: ['-z', '-h'], scriptOperand: false }),
  ]),
]
