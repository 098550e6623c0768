import { mkdirSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { DEFAULT_PORT } from './browser-shell'

/** Reads the port from `--port N`, then WARROOM_PORT, then the fixed default. */
export function readPort(argv: string[], env: NodeJS.ProcessEnv): number {
  const flag = argv.indexOf('--port')
  const raw = flag >= 0 ? argv[flag + 1] : env.WARROOM_PORT
  if (raw === undefined || raw === '') return DEFAULT_PORT
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid port "${raw}": give a whole number from 0 to 65535.`)
  }
  return port
}

/** The folder under the XDG data home that holds War Room's files. */
const DATA_DIR_NAME = 'war-room'

/**
 * Where the host keeps its files (the gate's append-only log): `--data-dir DIR`, then
 * WARROOM_DATA_DIR, then `$XDG_DATA_HOME/war-room`, then `~/.local/share/war-room`.
 * Always an absolute path; an empty variable counts as unset, and a relative
 * XDG_DATA_HOME is ignored (as the XDG Base Directory spec says).
 */
export function readDataDir(argv: string[], env: NodeJS.ProcessEnv): string {
  const flag = argv.indexOf('--data-dir')
  if (flag >= 0) {
    const dir = argv[flag + 1]
    if (dir === undefined || dir === '' || dir.startsWith('--')) {
      throw new Error('--data-dir needs a directory: --data-dir DIR.')
    }
    return resolve(dir)
  }
  if (env.WARROOM_DATA_DIR) return resolve(env.WARROOM_DATA_DIR)
  const xdg = env.XDG_DATA_HOME
  if (xdg && isAbsolute(xdg)) return join(xdg, DATA_DIR_NAME)
  if (!env.HOME) {
    throw new Error('No data directory: set HOME, or give --data-dir DIR or WARROOM_DATA_DIR.')
  }
  return join(env.HOME, '.local', 'share', DATA_DIR_NAME)
}

/** Creates the data directory (and missing parents) readable by this user only. */
export function makeDataDir(dir: string): void {
  // The mode applies to the folders created here; an existing folder keeps its own.
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

/**
 * The address to serve participants on, besides loopback: `--listen ADDRESS`, then
 * WARROOM_LISTEN; null (the default) keeps War Room on loopback only. Loopback addresses
 * are refused here: loopback is always served.
 */
export function readListenAddress(argv: string[], env: NodeJS.ProcessEnv): string | null {
  const flag = argv.indexOf('--listen')
  const raw = flag >= 0 ? argv[flag + 1] : env.WARROOM_LISTEN
  if (raw === undefined || raw === '') {
    if (flag >= 0) throw new Error('--listen needs an address: --listen 192.168.1.20.')
    return null
  }
  if (raw.startsWith('--') || !/^[\w.:-]+$/.test(raw)) {
    throw new Error(`Invalid address "${raw}" for --listen: give one interface's address.`)
  }
  if (raw === '127.0.0.1' || raw === 'localhost' || raw === '::1') return null
  if (raw === '0.0.0.0' || raw === '::') {
    throw new Error('--listen takes one interface’s address, not all of them (0.0.0.0).')
  }
  return raw
}
