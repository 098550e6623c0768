import { applyTableChange, type RecordChange } from '../../shared/incident/change'
import type { Incident, IncidentRecord } from '../../shared/incident/model'
import { applyRecordChange } from '../../shared/incident/record'

/** Applies a change to what is on screen, exactly as the database will store it. */
export function applyToRecord(record: IncidentRecord, change: RecordChange): IncidentRecord {
  return applyRecordChange(record, change)
}

export function applyToIncidentList(list: readonly Incident[], change: RecordChange): Incident[] {
  const incidents = change.changes.flatMap((c) => (c.table === 'incidents' ? (c.put ?? []) : []))
  if (incidents.length === 0) return list as Incident[]
  return applyTableChange(list, incidents).sort((a, b) => b.declaredAt - a.declaredAt)
}
