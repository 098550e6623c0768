import type { ActContext } from '../../shared/incident/change'
import type { IncidentRecord } from '../db/record-reader'

/** Clock, ids and the operator's name for an act on the open incident. */
export function actContext(record: IncidentRecord | null): ActContext {
  const operator = record?.people.find((p) => p.id === record.incident.operatorId)
  return {
    now: Date.now(),
    newId: () => crypto.randomUUID(),
    actor: operator?.name ?? null,
  }
}
