/**
 * "Keep both": an imported incident that already exists here is stored as a copy, with new
 * ids everywhere (references followed), its title marked (also used, unmarked, when only some
 * row ids of the file are taken here), and its command log kept exactly
 * (entries are hash-chained over their content, which names the original incident).
 */
import type { ImportedIncident } from './incident-file'

export function asImportedCopy(
  imported: ImportedIncident,
  newId: () => string,
  titleSuffix = ' (imported copy)',
): ImportedIncident {
  const s = imported.snapshot
  const ids = new Map<string, string>()
  const remap = (id: string) => {
    let next = ids.get(id)
    if (!next) {
      next = newId()
      ids.set(id, next)
    }
    return next
  }
  const incidentId = remap(s.incident.id)
  const mapped = (id: string | null) => (id === null ? null : (ids.get(id) ?? id))
  const people = s.people.map((p) => ({ ...p, id: remap(p.id), incidentId }))
  const roles = s.roles.map((r) => ({
    ...r,
    id: remap(r.id),
    incidentId,
    personId: remap(r.personId),
  }))
  const checklist = s.checklist.map((c) => ({ ...c, id: remap(c.id), incidentId }))
  const notes = s.notes.map((n) => ({ ...n, id: remap(n.id), incidentId }))
  const actionItems = s.actionItems.map((a) => ({ ...a, id: remap(a.id), incidentId }))
  const stakeholderUpdates = s.stakeholderUpdates.map((u) => ({
    ...u,
    id: remap(u.id),
    incidentId,
  }))
  return {
    ...imported,
    snapshot: {
      incident: {
        ...s.incident,
        id: incidentId,
        title: `${s.incident.title}${titleSuffix}`,
        operatorId: mapped(s.incident.operatorId),
      },
      people,
      roles,
      checklist,
      notes,
      actionItems,
      stakeholderUpdates,
      events: s.events.map((e) => ({ ...e, incidentId, refId: mapped(e.refId) })),
      commandLog: s.commandLog.map((row) => ({ ...row, incidentId })),
    },
  }
}
