import { nextUpdateDue } from '../../../shared/closing/stakeholder-updates'
import { stageLabel } from '../../../shared/incident/stages'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { UpdateCountdown } from '../comms/UpdateCountdown'
import { IncidentClock } from '../incidents/IncidentClock'

/**
 * What the room sees at the top of the shared screen: the incident, its severity, how long
 * it has run, the stage it is in and when the next stakeholder update is due. Nothing to
 * edit, no contact details.
 */
export function RoomHeader({ record }: { record: IncidentRecord }) {
  const cadence = useAppStore((s) => s.cadence)
  const { incident } = record
  const due = nextUpdateDue(incident, record.stakeholderUpdates, cadence)
  return (
    <section className="room-header" aria-label="Incident">
      <span className={`severity severity-${incident.severity}`}>{incident.severity}</span>
      <h2 className="incident-name">{incident.title}</h2>
      <IncidentClock since={incident.declaredAt} until={incident.closedAt} />
      <span className="room-stage" aria-label="Current stage">
        {stageLabel(incident.stage)}
      </span>
      <UpdateCountdown due={due} />
    </section>
  )
}
