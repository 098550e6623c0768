/**
 * "Keep both": an imported incident that already exists here is stored as a copy, with new
 * ids everywhere (references followed), its title marked (also used, unmarked, when only some
 * row ids of the file are taken here), and its command log kept exactly
 * (entries are hash-chained over their content, which names the original incident).
 */
import { ROW_TABLES, type RowOf, type RowTable } from '../incident/model'
import { eachRowTable, rowsOf } from '../incident/record'
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
  // Every row gets a new id first, so references can follow whatever order tables come in.
  const renamed = eachRowTable((table) =>
    rowsOf(s, table).map((row) => ({ ...row, id: remap(row.id), incidentId })),
  )
  const copy = <T extends RowTable>(table: T): RowOf<T>[] => {
    const references = Object.keys(ROW_TABLES[table].references ?? {})
    if (references.length === 0) return rowsOf(renamed, table)
    return rowsOf(renamed, table).map((row) => {
      const next: Record<string, unknown> = { ...row }
      for (const field of references) next[field] = mapped(next[field] as string | null)
      return next as RowOf<T>
    })
  }
  return {
    ...imported,
    snapshot: {
      ...s,
      incident: {
        ...s.incident,
        id: incidentId,
        title: `${s.incident.title}${titleSuffix}`,
        operatorId: mapped(s.incident.operatorId),
      },
      ...eachRowTable(copy),
      events: s.events.map((e) => ({ ...e, incidentId, refId: mapped(e.refId) })),
      commandLog: s.commandLog.map((row) => ({ ...row, incidentId })),
    },
  }
}
