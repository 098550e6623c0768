import * as nodePty from 'node-pty'

export interface ShellSpawnOptions {
  /** Absolute path or name of the shell to run. */
  shell: string
  env: NodeJS.ProcessEnv
  /** Injected for tests; node-pty's spawn by default. */
  spawn?: typeof nodePty.spawn
}

export interface ShellGeometry {
  cwd: string
  cols: number
  rows: number
}

/** Environment the shell starts with: the user's own, minus what only we should see. */
export function shellEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue
    if (key.startsWith('ELECTRON_') || key.startsWith('WARROOM_') || key === 'NODE_OPTIONS')
      continue
    env[key] = value
  }
  env.TERM = 'xterm-256color'
  env.COLORTERM = 'truecolor'
  env.TERM_PROGRAM = 'WarRoom'
  return env
}

export function spawnShell(options: ShellSpawnOptions, geometry: ShellGeometry): nodePty.IPty {
  const spawn = options.spawn ?? nodePty.spawn
  return spawn(options.shell, [], {
    name: 'xterm-256color',
    cols: geometry.cols,
    rows: geometry.rows,
    cwd: geometry.cwd,
    env: shellEnvironment(options.env),
    encoding: 'utf8', // node-pty decodes with a StringDecoder: UTF-8 is never split
  })
}
