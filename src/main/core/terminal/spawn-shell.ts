import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import * as nodePty from 'node-pty'

export interface ShellSpawnOptions {
  /** Absolute path or name of the shell to run. */
  shell: string
  env: NodeJS.ProcessEnv
  /** Injected for tests; node-pty's spawn by default. */
  spawn?: typeof nodePty.spawn
  /** resources/shell-integration: bash and zsh get War Room's prompt marks from here. */
  integrationDir?: string | null
}

/** Finds resources/shell-integration from wherever this module was built or run. */
export function findIntegrationDir(from: string = __dirname): string | null {
  let dir = from
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, 'resources', 'shell-integration')
    if (existsSync(join(candidate, 'warroom.bash'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return null
}

/** Arguments and extra environment that load the shell integration, by shell. */
export function integrationLaunch(
  shell: string,
  integrationDir: string | null | undefined,
  env: NodeJS.ProcessEnv,
): { args: string[]; env: Record<string, string> } {
  const name = basename(shell)
  if (integrationDir && name === 'bash') {
    return { args: ['--rcfile', join(integrationDir, 'warroom.bash'), '-i'], env: {} }
  }
  if (integrationDir && name === 'zsh') {
    const zshDir = join(integrationDir, 'zsh')
    return {
      args: ['-i'],
      env: {
        ZDOTDIR: zshDir,
        WARROOM_USER_ZDOTDIR: env.ZDOTDIR ?? '',
        WARROOM_INTEGRATION_DIR: zshDir,
      },
    }
  }
  // Other shells run without marks: the gate then treats them as always at the prompt.
  return { args: [], env: {} }
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
  const launch = integrationLaunch(options.shell, options.integrationDir, options.env)
  return spawn(options.shell, launch.args, {
    name: 'xterm-256color',
    cols: geometry.cols,
    rows: geometry.rows,
    cwd: geometry.cwd,
    env: { ...shellEnvironment(options.env), ...launch.env },
    encoding: 'utf8', // node-pty decodes with a StringDecoder: UTF-8 is never split
  })
}
