/**
 * An imported incident written into the record: everything in one transaction, so a failed
 * import (quota, a crash) leaves nothing half-written.
 */
import type { ImportedIncident } from '../../shared/export/incident-file'
import {
  ROW_TABLE_NAMES,
  type IncidentRecord,
  type TimelineEvent,
} from '../../shared/incident/model'
import { rowsOf } from '../../shared/incident/record'
import { rowStore, type WarRoomDatabase } from './database'
import { strict } from './record-writer'

/**
 * Whether an imported incident can be written as it is: its id may already be here (the
 * same incident), or only some of its rows' ids (ids are global keys; a hand-edited or
 * hostile file can reuse another incident's).
 */
export async function importClash(
  db: WarRoomDatabase,
  record: IncidentRecord,
): Promise<'none' | 'incident' | 'rows'> {
  if ((await db.incidents.where('id').equals(record.incident.id).count()) > 0) return 'incident'
  const clashes = await Promise.all(
    ROW_TABLE_NAMES.map(async (table) => {
      const rows = rowsOf(record, table)
      return (
        rows.length > 0 && (await rowStore(db, table).bulkGet(rows.map((r) => r.id))).some(Boolean)
      )
    }),
  )
  return clashes.some(Boolean) ? 'rows' : 'none'
}

/** Writes an imported incident (strict durability: its command log is among it). */
export async function writeImportedIncident(
  db: WarRoomDatabase,
  imported: ImportedIncident,
): Promise<void> {
  const target = strict(db)
  const s = imported.snapshot
  const id = s.incident.id
  await target.transaction(
    'rw',
    ['incidents', ...ROW_TABLE_NAMES, 'events', 'eventBlocks', 'pins', 'commandLog'],
    async () => {
      if (await target.incidents.get(id)) throw new Error(`the incident ${id} already exists`)
      await target.incidents.add(s.incident)
      for (const table of ROW_TABLE_NAMES) await rowStore(target, table).bulkAdd(rowsOf(s, table))
      // The database numbers the events anew; pins follow their events.
      const seqs = await addImportedEvents(
        target,
        id,
        s.events.map(({ seq: _seq, ...event }) => event),
      )
      const pinnedAt = Date.now()
      await target.pins.bulkAdd(
        s.events.flatMap((event, index) =>
          event.seq !== undefined && s.pinned.has(event.seq)
            ? [{ incidentId: id, seq: seqs[index]!, pinnedAt }]
            : [],
        ),
      )
      await target.commandLog.bulkAdd(
        s.commandLog.map(({ seq: _seq, ...row }) => ({ ...row, incidentId: id })),
      )
    },
  )
}

/** Events per block: large enough that rows stop costing, small enough to clone at ease. */
export const EVENT_BLOCK_SIZE = 500

/**
 * Numbers an import's events from the events table's own counter and stores them: the
 * first and the last as rows (the last with its number given, which moves the counter
 * past all of them, so no later event can take one), the rest in blocks. Resolves with
 * each event's number, in order.
 */
async function addImportedEvents(
  db: WarRoomDatabase,
  incidentId: string,
  events: TimelineEvent[],
): Promise<number[]> {
  const [head, ...rest] = events
  if (!head) return []
  const first = await db.events.add(head)
  const tail = rest.pop()
  if (!tail) return [first]
  const last = first + events.length - 1
  await db.events.add({ ...tail, seq: last })
  const middle = rest.map((event, index) => ({ ...event, seq: first + 1 + index }))
  const blocks = []
  for (let at = 0; at < middle.length; at += EVENT_BLOCK_SIZE) {
    const block = middle.slice(at, at + EVENT_BLOCK_SIZE)
    blocks.push({ incidentId, first: block[0]!.seq, events: block })
  }
  await db.eventBlocks.bulkAdd(blocks)
  return events.map((_, index) => first + index)
}
