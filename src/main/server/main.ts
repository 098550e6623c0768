/**
 * Browser shell entry (`npm run serve`): the core in plain Node, the built renderer and
 * the contract over one WebSocket on 127.0.0.1.
 */
import { join } from 'node:path'
import { version } from '../../../package.json'
import { createHost } from '../core/host'
import { startBrowserShell } from './browser-shell'
import { makeDataDir, readDataDir, readPort } from './options'

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const port = readPort(argv, process.env)
  const dataDir = readDataDir(argv, process.env)
  makeDataDir(dataDir)
  const host = createHost({ shellKind: 'browser', version })
  const shell = await startBrowserShell({
    host,
    port,
    rendererDir: join(__dirname, '../renderer'),
  })
  // The one place the token is ever printed: the URL the user opens.
  console.log(`War Room browser shell ready. Open ${shell.url}`)
  console.log(`Data directory: ${dataDir}`)

  const stop = () => {
    host.dispose()
    void shell.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`War Room could not start: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
