import Dexie from 'dexie'
import { ROW_TABLE_NAMES, type Incident, type IncidentRecord } from '../../shared/incident/model'
import { inRecordOrder, type RecordRowLists } from '../../shared/incident/record'
import { rowStore, type WarRoomDatabase } from './database'

export type { IncidentRecord } from '../../shared/incident/model'

export async function listIncidents(db: WarRoomDatabase): Promise<Incident[]> {
  const all = await db.incidents.toArray()
  return all.sort((a, b) => b.declaredAt - a.declaredAt)
}

/**
 * One incident's whole record as stored, read in one transaction (a consistent snapshot):
 * every table of ROW_TABLES, the timeline, the pins and the command log.
 */
export async function loadIncidentRecord(
  db: WarRoomDatabase,
  incidentId: string,
): Promise<IncidentRecord | null> {
  const tables = [
    db.incidents,
    ...ROW_TABLE_NAMES.map((table) => rowStore(db, table)),
    db.events,
    db.eventBlocks,
    db.pins,
    db.commandLog,
  ]
  return db.transaction('r', tables, async () => {
    const incident = await db.incidents.get(incidentId)
    if (!incident) return null
    const [lists, events, blocks, pins, commandLog] = await Promise.all([
      Promise.all(
        ROW_TABLE_NAMES.map((table) =>
          rowStore(db, table).where('incidentId').equals(incidentId).toArray(),
        ),
      ),
      db.events
        .where('[incidentId+at]')
        .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
        .toArray(),
      db.eventBlocks.where('incidentId').equals(incidentId).toArray(),
      db.pins.where('incidentId').equals(incidentId).toArray(),
      db.commandLog.where('incidentId').equals(incidentId).sortBy('seq'),
    ])
    const rows = Object.fromEntries(ROW_TABLE_NAMES.map((t, i) => [t, lists[i]])) as RecordRowLists
    return inRecordOrder({
      incident,
      ...rows,
      // An imported incident's events are partly in blocks; the record has them all, in order.
      events: blocks.length ? [...events, ...blocks.flatMap((b) => b.events)] : events,
      pinned: new Set(pins.map((p) => p.seq)),
      commandLog,
    })
  })
}
