import './incidents.css'
import { useAppStore } from '../../stores/app-store'
import { DeclareIncidentForm } from './DeclareIncidentForm'
import { dateTime } from './format-time'
import { ImportIncident } from './ImportIncident'

export function IncidentList() {
  const incidents = useAppStore((s) => s.incidents)
  const openIncident = useAppStore((s) => s.openIncident)
  const storeStatus = useAppStore((s) => s.storeStatus)

  return (
    <div className="incident-home">
      <DeclareIncidentForm />
      <section className="panel incident-list" aria-label="Incidents">
        <header className="panel-header">
          <h2>Incidents</h2>
          <span className="spacer" />
          <ImportIncident />
        </header>
        {storeStatus === 'starting' && <p className="placeholder">Loading incidents…</p>}
        {storeStatus === 'ready' && incidents.length === 0 && (
          <p className="placeholder">No incidents yet.</p>
        )}
        <ul>
          {incidents.map((incident) => (
            <li key={incident.id} className={`incident-row status-${incident.status}`}>
              <span className={`severity severity-${incident.severity}`}>{incident.severity}</span>
              <span className="incident-title">{incident.title}</span>
              <span className="muted">
                {dateTime(incident.declaredAt)} · {incident.status}
              </span>
              <button
                type="button"
                onClick={() => void openIncident(incident.id)}
                aria-label={`${incident.status === 'active' ? 'Resume' : 'Open'} ${incident.title}`}
              >
                {incident.status === 'active' ? 'Resume' : 'Open'}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
