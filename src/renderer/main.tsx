import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectHost } from './api/connect-host'
import { App } from './app/App'
import './app/app.css'
import { useAppStore } from './stores/app-store'

async function bootstrap(): Promise<void> {
  const store = useAppStore.getState()
  try {
    const connection = await connectHost()
    connection.onLost(() => useAppStore.getState().hostLost())
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

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
void bootstrap()
