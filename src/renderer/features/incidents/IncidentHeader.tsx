import './incidents.css'
import {
  archiveIncident,
  changeStage,
  closeIncident,
  reopenIncident,
  setOperator,
} from '../../../shared/incident/incident-acts'
import { markMitigated } from '../../../shared/closing/closing-acts'
import type { StageId } from '../../../shared/incident/model'
import { STAGES } from '../../../shared/incident/stages'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from './format-time'
import { IncidentClock } from './IncidentClock'
import { SaveStatus } from './SaveStatus'
import { askToForce } from '../terminal/ask-to-force'

/**
 * Tells the host the incident ends: its shells end (asked first while a command runs), its
 * invite links stop working and its participants are sent away. False if the person
 * chose to keep it going.
 */
async function endOnHost(incidentId: string): Promise<boolean> {
  const host = useAppStore.getState().host
  if (!host) return true
  try {
    return await askToForce((force) => host['incident.end']({ incidentId, force }))
  } catch (error) {
    useAppStore.setState({ gateError: error instanceof Error ? error.message : String(error) })
    return false
  }
}

export function IncidentHeader({ record }: { record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  const showIncidentList = useAppStore((s) => s.showIncidentList)
  const view = useAppStore((s) => s.view)
  const showView = useAppStore((s) => s.showView)
  const { incident, people } = record
  const present = people.filter((p) => p.leftAt === null)

  return (
    <section className="incident-header" aria-label="Incident">
      <span className={`severity severity-${incident.severity}`}>{incident.severity}</span>
      <h2 className="incident-name">{incident.title}</h2>
      <IncidentClock since={incident.declaredAt} until={incident.closedAt} />
      <label className="inline-field">
        Current stage
        <select
          value={incident.stage}
          onChange={(e) =>
            void act((c, r) => changeStage(c, r.incident, e.target.value as StageId))
          }
        >
          {STAGES.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.label}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        At the keyboard
        <select
          value={incident.operatorId ?? ''}
          onChange={(e) =>
            void act((c, r) => {
              const person = r.people.find((p) => p.id === e.target.value)
              return person ? setOperator(c, r.incident, person) : null
            })
          }
        >
          {present.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <span className={`incident-status status-${incident.status}`}>{incident.status}</span>
      {incident.mitigatedAt != null ? (
        <span className="badge badge-ok">Mitigated {clockTime(incident.mitigatedAt)}</span>
      ) : (
        incident.status === 'active' && (
          <button type="button" onClick={() => void act((c, r) => markMitigated(c, r.incident))}>
            Mark mitigated
          </button>
        )
      )}
      <div className="view-tabs" role="tablist" aria-label="Workspace">
        <button
          type="button"
          role="tab"
          aria-selected={view === 'response'}
          onClick={() => showView('response')}
        >
          Response
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={view === 'closing'}
          onClick={() => showView('closing')}
        >
          Closing &amp; postmortem
        </button>
      </div>
      <SaveStatus />
      <span className="spacer" />
      {incident.status === 'active' ? (
        <button
          type="button"
          onClick={() =>
            void endOnHost(incident.id).then(
              (ended) => void (ended && act((c, r) => closeIncident(c, r.incident))),
            )
          }
        >
          Close incident
        </button>
      ) : (
        <button type="button" onClick={() => void act((c, r) => reopenIncident(c, r.incident))}>
          Reopen incident
        </button>
      )}
      {incident.status !== 'archived' && (
        <button
          type="button"
          onClick={() =>
            void endOnHost(incident.id).then(
              (ended) => void (ended && act((c, r) => archiveIncident(c, r.incident))),
            )
          }
        >
          Archive
        </button>
      )}
      <button type="button" onClick={showIncidentList}>
        All incidents
      </button>
    </section>
  )
}
