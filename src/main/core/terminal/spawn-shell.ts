import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** A shell process and the secret its integration signs every mark with. */
export interface SpawnedShell {
  pty: nodePty.IPty
  /** Null when the shell runs without War Room's integration. */
  nonce: string | null
  /** Where the integration hands over its next keys (`<handoff>.<seq>`, see mark-keys.ts). */
  handoff: string | null
}

let nonceDir: string | null = null

/**
 * Hands the shell its nonce through a file only it reads (mode 0600 in a 0700 folder): the
 * integration reads it, deletes it and keeps the value in an unexported shell variable, so
 * neither the environment of the shell's children nor /proc/<pid>/environ ever holds it.
 */
function writeNonceFile(nonce: string): string {
  nonceDir ??= mkdtempSync(join(tmpdir(), 'warroom-nonce-'))
  const file = join(nonceDir, randomBytes(12).toString('hex'))
  writeFileSync(file, `${nonce}\n`, { mode: 0o600, flag: 'wx' })
  return file
}

/** Removes a nonce file the shell did not take (it failed to start or has no integration). */
export function forgetNonceFile(file: string | undefined): void {
  if (file) rmSync(file, { force: true })
}

export function spawnShell(options: ShellSpawnOptions, geometry: ShellGeometry): SpawnedShell {
  const spawn = options.spawn ?? nodePty.spawn
  const launch = integrationLaunch(options.shell, options.integrationDir, options.env)
  const integrated = launch.args.length > 0 || Object.keys(launch.env).length > 0
  const nonce = integrated ? randomBytes(16).toString('hex') : null
  const nonceFile = nonce ? writeNonceFile(nonce) : undefined
  try {
    const pty = spawn(options.shell, launch.args, {
      name: 'xterm-256color',
      cols: geometry.cols,
      rows: geometry.rows,
      cwd: geometry.cwd,
      env: {
        ...shellEnvironment(options.env),
        ...launch.env,
        ...(nonceFile ? { WARROOM_NONCE_FILE: nonceFile } : {}),
      },
      // Raw bytes: the output filter works on bytes and xterm decodes UTF-8 itself.
      encoding: null,
    })
    // Normally gone within milliseconds; never left behind if the shell did not read it.
    setTimeout(() => forgetNonceFile(nonceFile), NONCE_FILE_LIFETIME_MS).unref()
    return { pty, nonce, handoff: nonceFile ?? null }
  } catch (error) {
    forgetNonceFile(nonceFile)
    throw error
  }
}

/** A shell reads its nonce file as it starts; one still there after this long is removed. */
const NONCE_FILE_LIFETIME_MS = 30_000
