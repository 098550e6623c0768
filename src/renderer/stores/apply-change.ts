import { applyTableChange, type RecordChange } from '../../shared/incident/change'
import type { Incident } from '../../shared/incident/model'
import type { IncidentRecord } from '../db/record-reader'

/** Applies a change to what is on screen, exactly as the database will store it. */
export function applyToRecord(record: IncidentRecord, change: RecordChange): IncidentRecord {
  let next = record
  for (const c of change.changes) {
    switch (c.table) {
      case 'incidents': {
        const mine = c.put?.find((i) => i.id === record.incident.id)
        if (mine) next = { ...next, incident: mine }
        break
      }
      case 'people':
        next = { ...next, people: applyTableChange(next.people, c.put, c.remove) }
        break
      case 'roles':
        next = { ...next, roles: applyTableChange(next.roles, c.put, c.remove) }
        break
      case 'checklist':
        next = { ...next, checklist: applyTableChange(next.checklist, c.put, c.remove) }
        break
      case 'notes':
        next = { ...next, notes: applyTableChange(next.notes, c.put, c.remove) }
        break
      case 'actionItems':
        next = { ...next, actionItems: applyTableChange(next.actionItems, c.put, c.remove) }
        break
      case 'stakeholderUpdates': {
        const updates = applyTableChange(next.stakeholderUpdates, c.put, c.remove)
        next = { ...next, stakeholderUpdates: updates }
        break
      }
    }
  }
  const pins = change.pins?.filter((pin) => pin.incidentId === record.incident.id) ?? []
  if (pins.length) {
    const pinned = new Set(next.pinned)
    for (const pin of pins) {
      if (pin.pinned) pinned.add(pin.seq)
      else pinned.delete(pin.seq)
    }
    next = { ...next, pinned }
  }
  return next
}

export function applyToIncidentList(list: readonly Incident[], change: RecordChange): Incident[] {
  const incidents = change.changes.flatMap((c) => (c.table === 'incidents' ? (c.put ?? []) : []))
  if (incidents.length === 0) return list as Incident[]
  return applyTableChange(list, incidents).sort((a, b) => b.declaredAt - a.declaredAt)
}
