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
