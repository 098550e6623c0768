import './layout.css'
import { lazy, Suspense } from 'react'
import { ChecklistPanel } from '../features/checklist/ChecklistPanel'
import { StakeholderUpdatesPanel } from '../features/comms/StakeholderUpdatesPanel'
import { CommandsPanel } from '../features/commands/CommandsPanel'
import { IncidentHeader } from '../features/incidents/IncidentHeader'
import { IncidentList } from '../features/incidents/IncidentList'
import { StorageErrorBanner } from '../features/incidents/SaveStatus'
import { NotesPanel } from '../features/notes/NotesPanel'
import { RoleBoard } from '../features/roles/RoleBoard'
import { TerminalPanel } from '../features/terminal/TerminalPanel'
import { TimelinePanel } from '../features/timeline/TimelinePanel'
import { isParticipantPage } from '../api/connect-host'
import { useIncidentSync } from '../features/terminal/use-incident-sync'
import { useAppStore } from '../stores/app-store'

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
  return <LeaderApp />
}

function LeaderApp() {
  const host = useAppStore((s) => s.host)
  const appInfo = useAppStore((s) => s.appInfo)
  const hostStatus = useAppStore((s) => s.hostStatus)
  const hostError = useAppStore((s) => s.hostError)
  const record = useAppStore((s) => s.record)
  const view = useAppStore((s) => s.view)
  useIncidentSync(record)

  return (
    <div className="app">
      <header className="app-header">
        <h1>War Room</h1>
        {appInfo && (
          <span className="app-meta">
            {appInfo.shell === 'electron' ? 'Desktop' : 'Browser shell'} · v{appInfo.version}
          </span>
        )}
      </header>
      {hostError && (
        <div className="banner banner-error" role="alert">
          {hostError}
        </div>
      )}
      <StorageErrorBanner />
      {record ? (
        <>
          <IncidentHeader record={record} />
          {/* The response stays mounted while closing: its terminal keeps running. */}
          <main className="workspace" hidden={view !== 'response'}>
            <div className="column-left">
              <ChecklistPanel record={record} />
              <TimelinePanel record={record} />
            </div>
            <div className="column-center">
              {host && hostStatus !== 'failed' ? (
                <TerminalPanel key={record.incident.id} host={host} record={record} />
              ) : (
                <section className="panel panel-terminal" aria-label="Terminal">
                  <p className="placeholder" role="status">
                    {hostStatus === 'connecting' ? 'Connecting to the War Room host…' : 'No host'}
                  </p>
                </section>
              )}
              <CommandsPanel record={record} />
            </div>
            <div className="column-side">
              <RoleBoard record={record} />
              <StakeholderUpdatesPanel record={record} />
              <NotesPanel record={record} />
            </div>
          </main>
          {view === 'closing' && (
            <Suspense fallback={<p className="placeholder">Opening the closing view…</p>}>
              <ClosingWorkspace record={record} />
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
