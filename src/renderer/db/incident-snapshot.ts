/**
 * One incident's whole record, read for an export (postmortem or JSON backup), and an
 * imported incident written back: everything in one transaction, so a failed import
 * (quota, a crash) leaves nothing half-written.
 */
import Dexie from 'dexie'
import type { ImportedIncident } from '../../shared/export/incident-file'
import type { CommandLogRow } from '../../shared/commands/command-log'
import { STAGE_IDS, type ChecklistItem } from '../../shared/incident/model'
import type { IncidentSnapshot } from '../../shared/postmortem/source'
import type { WarRoomDatabase } from './database'
import type { IncidentRecord } from './record-reader'
import { strict } from './record-writer'

/** Checklist in stage order, then in the order the leader gave it. */
function byStage(checklist: readonly ChecklistItem[]): ChecklistItem[] {
  const stage = (item: ChecklistItem) => STAGE_IDS.indexOf(item.stage)
  return [...checklist].sort((a, b) => stage(a) - stage(b) || a.order - b.order)
}

/** The record on screen (always what is stored: acts apply the same change) plus its log. */
export function snapshotOf(record: IncidentRecord, commandLog: CommandLogRow[]): IncidentSnapshot {
  return {
    incident: record.incident,
    people: record.people,
    roles: record.roles,
    checklist: byStage(record.checklist),
    notes: record.notes,
    events: record.events,
    actionItems: record.actionItems,
    stakeholderUpdates: record.stakeholderUpdates,
    commandLog,
  }
}

/** The stored record of one incident, read back whole (what an import wrote). */
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
    notes.sort((a, b) => a.createdAt - b.createdAt)
    actionItems.sort((a, b) => a.createdAt - b.createdAt)
    stakeholderUpdates.sort((a, b) => a.sentAt - b.sentAt)
    return {
      snapshot: {
        incident,
        people,
        roles,
        checklist: byStage(checklist),
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

/**
 * Whether an imported incident can be written as it is: its id may already be here (the
 * same incident), or only some of its rows' ids (ids are global keys; a hand-edited or
 * hostile file can reuse another incident's).
 */
export async function importClash(
  db: WarRoomDatabase,
  s: IncidentSnapshot,
): Promise<'none' | 'incident' | 'rows'> {
  if ((await db.incidents.where('id').equals(s.incident.id).count()) > 0) return 'incident'
  const taken = async <T>(table: Dexie.Table<T, string>, rows: readonly { id: string }[]) =>
    rows.length > 0 && (await table.bulkGet(rows.map((r) => r.id))).some(Boolean)
  const clashes = await Promise.all([
    taken(db.people, s.people),
    taken(db.roles, s.roles),
    taken(db.checklist, s.checklist),
    taken(db.notes, s.notes),
    taken(db.actionItems, s.actionItems),
    taken(db.stakeholderUpdates, s.stakeholderUpdates),
  ])
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
