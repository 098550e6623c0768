import './layout.css'
import './present.css'
import { lazy, Suspense, useDeferredValue } from 'react'
import { isParticipantPage } from '../api/connect-host'
import { IncidentHeader } from '../features/incidents/IncidentHeader'
import { IncidentList } from '../features/incidents/IncidentList'
import { StorageErrorBanner } from '../features/incidents/SaveStatus'
import { PresentControls } from '../features/room/PresentControls'
import { RoomHeader } from '../features/room/RoomHeader'
import { isRoomViewPage } from '../features/room/room-view'
import { useIncidentSync } from '../features/terminal/use-incident-sync'
import { useAppStore } from '../stores/app-store'
import { ResponseWorkspace } from './ResponseWorkspace'

const ClosingWorkspace = lazy(() => import('../features/closing/ClosingWorkspace'))
const ParticipantApp = lazy(() => import('../features/participant/ParticipantApp'))

export function App() {
  if (isParticipantPage()) {
    return (
      <Suspense fallback={<p className="placeholder">Joining the war room…</p>}>
        <ParticipantApp />
      </Suspense>
    )
  }
  return <LeaderApp roomView={isRoomViewPage()} />
}

/** The leader's window, or a room view of it (`?view=room`: always presenting, watch-only). */
function LeaderApp({ roomView }: { roomView: boolean }) {
  const appInfo = useAppStore((s) => s.appInfo)
  const hostError = useAppStore((s) => s.hostError)
  const record = useAppStore((s) => s.record)
  const openingIncidentId = useAppStore((s) => s.openingIncidentId)
  // The first record shown is rendered at low priority (React yields while it builds the
  // panels), so the shell's first output is not kept waiting behind them; every later
  // change of the record is shown at once.
  const firstRecord = useDeferredValue(record)
  const shown = record && firstRecord === null ? null : record
  // While the record loads, the workspace holds the incident's live terminal alone.
  const incidentId = record?.incident.id ?? openingIncidentId
  const view = useAppStore((s) => s.view)
  const presenting = useAppStore((s) => s.presenting) || roomView
  // The main window tells the host who is who; a room view only watches.
  useIncidentSync(roomView ? null : record)
  // The closing view needs the record: while it loads, the response (its terminal) shows.
  const showing = presenting || !shown ? 'response' : view

  return (
    <div className={`app${presenting ? ' presenting' : ''}`} data-presenting={presenting}>
      <header className="app-header">
        <h1>War Room{roomView ? ' — room view' : ''}</h1>
        {appInfo && !presenting && (
          <span className="app-meta">
            {appInfo.shell === 'electron' ? 'Desktop' : 'Browser shell'} · v{appInfo.version}
          </span>
        )}
        {record && !roomView && <PresentControls />}
      </header>
      {hostError && (
        <div className="banner banner-error" role="alert">
          {hostError}
        </div>
      )}
      {appInfo?.warnings.map((warning) => (
        <p key={warning} className="banner banner-warning" role="note" aria-label="Host warning">
          {warning}
        </p>
      ))}
      <StorageErrorBanner />
      {incidentId ? (
        <>
          {shown &&
            (presenting ? <RoomHeader record={shown} /> : <IncidentHeader record={shown} />)}
          {/* The response stays mounted while closing: its terminal keeps running. */}
          <ResponseWorkspace
            incidentId={incidentId}
            record={shown}
            hidden={showing !== 'response'}
            roomView={roomView}
          />
          {showing === 'closing' && shown && (
            <Suspense fallback={<p className="placeholder">Opening the closing view…</p>}>
              <ClosingWorkspace record={shown} />
            </Suspense>
          )}
        </>
      ) : (
        <main className="home">
          <IncidentList />
        </main>
      )}
    </div>
  )
}
