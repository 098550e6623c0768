/**
 * One incident's whole record, read for an export (postmortem or JSON backup), and an
 * imported incident written back: everything in one transaction, so a failed import
 * (quota, a crash) leaves nothing half-written.
 */
import Dexie from 'dexie'
import type { ImportedIncident } from '../../shared/export/incident-file'
import { STAGE_IDS, type StageId } from '../../shared/incident/model'
import type { IncidentSnapshot } from '../../shared/postmortem/source'
import type { WarRoomDatabase } from './database'
import { strict } from './record-writer'

export async function readIncidentSnapshot(
  db: WarRoomDatabase,
  incidentId: string,
): Promise<{ snapshot: IncidentSnapshot; pinned: Set<number> } | null> {
  const tables = [
    db.incidents,
    db.people,
    db.roles,
    db.checklist,
    db.notes,
    db.actionItems,
    db.stakeholderUpdates,
    db.events,
    db.pins,
    db.commandLog,
  ]
  return db.transaction('r', tables, async () => {
    const incident = await db.incidents.get(incidentId)
    if (!incident) return null
    const of = <T, K>(table: Dexie.Table<T, K>) =>
      table.where('incidentId').equals(incidentId).toArray()
    const [people, roles, checklist, notes, actionItems, stakeholderUpdates, pins, commandLog] =
      await Promise.all([
        of(db.people),
        of(db.roles),
        of(db.checklist),
        of(db.notes),
        of(db.actionItems),
        of(db.stakeholderUpdates),
        of(db.pins),
        db.commandLog.where('incidentId').equals(incidentId).sortBy('seq'),
      ])
    const events = await db.events
      .where('[incidentId+at]')
      .between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey])
      .toArray()
    events.sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0))
    people.sort((a, b) => a.joinedAt - b.joinedAt)
    const stage = (item: { stage: StageId }) => STAGE_IDS.indexOf(item.stage)
    checklist.sort((a, b) => stage(a) - stage(b) || a.order - b.order)
    notes.sort((a, b) => a.createdAt - b.createdAt)
    actionItems.sort((a, b) => a.createdAt - b.createdAt)
    stakeholderUpdates.sort((a, b) => a.sentAt - b.sentAt)
    return {
      snapshot: {
        incident,
        people,
        roles,
        checklist,
        notes,
        events,
        actionItems,
        stakeholderUpdates,
        commandLog,
      },
      pinned: new Set(pins.map((pin) => pin.seq)),
    }
  })
}

export async function incidentExists(db: WarRoomDatabase, incidentId: string): Promise<boolean> {
  return (await db.incidents.where('id').equals(incidentId).count()) > 0
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
    [
      'incidents',
      'people',
      'roles',
      'checklist',
      'notes',
      'actionItems',
      'stakeholderUpdates',
      'events',
      'pins',
      'commandLog',
    ],
    async () => {
      if (await target.incidents.get(id)) throw new Error(`the incident ${id} already exists`)
      await target.incidents.add(s.incident)
      await target.people.bulkAdd(s.people)
      await target.roles.bulkAdd(s.roles)
      await target.checklist.bulkAdd(s.checklist)
      await target.notes.bulkAdd(s.notes)
      await target.actionItems.bulkAdd(s.actionItems)
      await target.stakeholderUpdates.bulkAdd(s.stakeholderUpdates)
      const seqs = await target.events.bulkAdd(
        s.events.map(({ seq: _seq, ...event }) => event),
        { allKeys: true },
      )
      await target.pins.bulkAdd(
        imported.pinned.map((index) => ({
          incidentId: id,
          seq: seqs[index]!,
          pinnedAt: Date.now(),
        })),
      )
      await target.commandLog.bulkAdd(
        s.commandLog.map(({ seq: _seq, ...row }) => ({ ...row, incidentId: id })),
      )
    },
  )
}
