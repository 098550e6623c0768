import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectHost } from './api/connect-host'
// Tokens and shared styles first: each feature's stylesheet (imported by its components)
// comes after them in the cascade and may refine them.
import './app/tokens.css'
import './app/base.css'
import { App } from './app/App'
import { openDatabase } from './db/open-database'
import { useAppStore } from './stores/app-store'

async function connect(): Promise<void> {
  const store = useAppStore.getState()
  try {
    const connection = await connectHost()
    connection.onLost(() => useAppStore.getState().hostLost())
    connection.client.on('gate.snapshot', (snapshot) =>
      useAppStore.getState().gateChanged(snapshot),
    )
    connection.client.on(
      'gate.log',
      ({ entry }) => void useAppStore.getState().commandLogged(entry),
    )
    // The terminal mounts at once; app info arrives alongside (it is not on the critical path).
    store.hostConnected(connection.client)
    store.appInfoLoaded(await connection.client['app.info']({}))
  } catch (error) {
    store.hostFailed(
      `Could not reach the War Room host: ${error instanceof Error ? error.message : String(error)}. ` +
        'Open the URL printed by `npm run serve` (it holds the access token).',
    )
  }
}

async function loadRecord(): Promise<void> {
  const store = useAppStore.getState()
  try {
    const db = await openDatabase({
      onBlocked: () =>
        store.storageFailed(
          new Error('another War Room window keeps an older database open; close it to continue'),
        ),
      onVersionChange: () => store.storageFailed({ name: 'VersionChangeError' }),
    })
    await store.initRecord(db)
  } catch (error) {
    await store.initRecord(null, error)
  }
}

/** Typing is saved at most ~200 ms late; leaving the page writes it at once. */
function flushOnLeave(): void {
  const flush = () => void useAppStore.getState().flushTyping()
  window.addEventListener('pagehide', flush)
  window.addEventListener('beforeunload', flush)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush()
  })
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
flushOnLeave()
void connect()
void loadRecord()
