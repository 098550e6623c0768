import type { RecordChange } from '../../shared/incident/change'
import type { TimelineEvent } from '../../shared/incident/model'
import type { WarRoomDatabase } from './database'

/**
 * Commits changes and their events in ONE transaction (IndexedDB costs about a
 * millisecond per transaction whatever its size): either all of it is saved or none.
 * Resolves with the events as stored (with their sequence numbers).
 */
export async function commitChanges(
  db: WarRoomDatabase,
  batch: readonly RecordChange[],
): Promise<TimelineEvent[]> {
  const tables = new Set<string>(['events'])
  for (const change of batch) for (const c of change.changes) tables.add(c.table)
  return db.transaction('rw', [...tables], async () => {
    const stored: TimelineEvent[] = []
    for (const change of batch) {
      for (const { table, put, remove } of change.changes) {
        if (put?.length) await db.table(table).bulkPut(put as object[])
        if (remove?.length) await db.table(table).bulkDelete(remove as string[])
      }
      for (const event of change.events) {
        const seq = await db.events.add(event as TimelineEvent)
        stored.push({ ...event, seq })
      }
    }
    return stored
  })
}
