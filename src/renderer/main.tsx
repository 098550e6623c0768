import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { isParticipantPage, sharedHostLink } from './api/connect-host'
// Tokens and shared styles first: each feature's stylesheet (imported by its components)
// comes after them in the cascade and may refine them.
import './app/tokens.css'
import './app/base.css'
import { App } from './app/App'
import { openDatabase } from './db/open-database'
import { useAppStore } from './stores/app-store'
import { listenForRecord } from './stores/record-sync'
import { isRoomViewPage } from './features/room/room-view'
import { prestartTerminal } from './features/terminal/terminal-prestart'
import { bootedIncidentId, discardBootedTerminal } from './features/terminal/terminal-boot'
import { TIMING_MARKS } from '../shared/timing-marks'

async function connect(): Promise<void> {
  const store = useAppStore.getState()
  try {
    const link = await sharedHostLink()
    link.onLost(() => useAppStore.getState().hostLost())
    link.client.on('gate.snapshot', (snapshot) => useAppStore.getState().gateChanged(snapshot))
    link.client.on('gate.log', ({ entry }) => void useAppStore.getState().commandLogged(entry))
    link.client.on('session.ended', ({ reason }) =>
      useAppStore.getState().hostFailed(`This session has ended: ${reason}.`),
    )
    // The terminal mounts at once; app info arrives alongside (it is not on the critical path).
    store.hostConnected(link.client)
    store.appInfoLoaded(await link.client['app.info']({}))
  } catch (error) {
    store.hostFailed(
      `Could not reach the War Room host: ${error instanceof Error ? error.message : String(error)}. ` +
        'Open the URL printed by `npm run serve` (it holds the access token), or your invite link.',
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

/** The start-up screen is taken over by the app's panel well before this (milliseconds). */
const BOOT_SCREEN_LIMIT_MS = 10_000

/**
 * The start-up path's terminal is taken by the terminal panel of its incident; when the app
 * shows something else (the list, another incident, no host) it goes.
 */
function releaseUnusedBootTerminal(): void {
  const check = (state: ReturnType<typeof useAppStore.getState>): boolean => {
    const booted = bootedIncidentId()
    if (booted === null) return true
    const shown = state.record?.incident.id ?? state.openingIncidentId
    const settled = state.storeStatus !== 'starting' || state.storageError !== null
    if (state.hostStatus === 'failed' || (settled && shown !== booted)) {
      discardBootedTerminal()
      return true
    }
    return false
  }
  if (check(useAppStore.getState())) return
  const stop = useAppStore.subscribe((state) => {
    if (check(state)) stop()
  })
  // Whatever holds the app up, it is not kept under the start-up screen for long.
  setTimeout(() => {
    stop()
    discardBootedTerminal()
  }, BOOT_SCREEN_LIMIT_MS)
}

/** Starts the app (called by src/renderer/boot.ts once the shell shows, or at once). */
export function startApp(): void {
  performance.mark(TIMING_MARKS.appLoaded)
  const root = document.getElementById('root')
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
  }
  const connected = connect()
  if (!isParticipantPage()) {
    // The record lives in the leader's browser; a participant's page has none.
    flushOnLeave()
    // Other windows on this record (a room view, a second tab) tell this one what they saved.
    listenForRecord((message) => useAppStore.getState().remoteChanged(message))
    const recordLoaded = loadRecord()
    // The incident's shell starts while its record loads (not after the workspace renders).
    if (!isRoomViewPage()) {
      const stop = useAppStore.subscribe((state) => {
        // Not waiting for app.info: the terminal panel may mount in the same update, and it
        // must find this start (one shell per incident), not start one of its own.
        if (!state.host || !state.openingIncidentId) return
        // Already attached by the start-up path: the panel takes that one.
        if (bootedIncidentId() !== state.openingIncidentId) {
          prestartTerminal(state.host, state.openingIncidentId)
        }
        stop()
      })
      releaseUnusedBootTerminal()
    }
    // What the host's gate recorded while no window stored it (a reload, a crash) comes now,
    // stored before any live entry (those that arrived first wait behind it, in log order).
    void Promise.all([connected, recordLoaded]).then(() =>
      useAppStore.getState().catchUpCommandLog(),
    )
  }
}
