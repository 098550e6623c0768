/**
 * Browser shell entry (`npm run serve`): the core in plain Node, the built renderer and
 * the contract over one WebSocket on 127.0.0.1 (and, with --listen, a participants-only
 * HTTPS server on one LAN address).
 */
import { join } from 'node:path'
import { version } from '../../../package.json'
import { createHost } from '../core/host'
import { startBrowserShell } from './browser-shell'
import { makeDataDir, readDataDir, readListenAddress, readPort } from './options'
import { participantServers } from './participant-access'

/** A second Ctrl-C within this time stops the host even though a command runs. */
const CONFIRM_STOP_MS = 5_000

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const port = readPort(argv, process.env)
  const dataDir = readDataDir(argv, process.env)
  const listen = readListenAddress(argv, process.env)
  makeDataDir(dataDir)
  const rendererDir = join(__dirname, '../renderer')
  const participants = participantServers({ rendererDir, port, dataDir, listen })
  const host = createHost({ shellKind: 'browser', version, dataDir, participants })
  const shell = await startBrowserShell({ host, port, rendererDir })
  const reach = await participants.start(host, shell)
  // The one place the token is ever printed: the URL the user opens.
  console.log(`War Room browser shell ready. Open ${shell.url}`)
  console.log(`Data directory: ${dataDir}`)
  console.log(`Gate log: ${host.gateLogFile ?? '(not writable: kept in memory only)'}`)
  if (reach.certificateFingerprint) {
    console.log(`Participants join at ${reach.origin} (HTTPS, self-signed certificate)`)
    console.log(`Certificate SHA-256 fingerprint: ${reach.certificateFingerprint}`)
  }

  let askedAt = 0
  const stop = (signal: NodeJS.Signals) => {
    const running = host.runningCommands
    if (signal === 'SIGINT' && running > 0 && Date.now() - askedAt > CONFIRM_STOP_MS) {
      askedAt = Date.now()
      console.log(
        `\n${running === 1 ? 'An approved command is' : `${running} approved commands are`} still running. ` +
          'Stopping War Room ends its shells (the command is recorded as ended by the stop). ' +
          `Press Ctrl-C again within ${CONFIRM_STOP_MS / 1000} s to stop anyway.`,
      )
      return
    }
    host.dispose('the War Room host was stopped')
    void Promise.all([shell.close(), participants.close()]).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`War Room could not start: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
