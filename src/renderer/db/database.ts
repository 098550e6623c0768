/**
 * Adding a table to the incident record touches three files:
 * 1. src/shared/incident/record-schema.ts: its row schema, in `rowSchemas` (its type is
 *    inferred from it; the JSON backup checks imports with it);
 * 2. src/shared/incident/model.ts: its entry in `ROW_TABLES` (order, references);
 * 3. this file: its Table property and its store in a new schema version.
 * Reading, writing, importing, exporting and the screen's copy follow `ROW_TABLES`.
 */
import Dexie, { type Table } from 'dexie'
import type { Incident, RowOf, RowTable, TimelineEvent } from '../../shared/incident/model'
import type { CommandLogRow } from '../../shared/commands/command-log'
import type { StopGapTemplate } from '../../shared/commands/stop-gap-templates'
import type { UpdateCadence } from '../../shared/closing/stakeholder-updates'
import { DATABASE_NAME } from './database-name'

export { DATABASE_NAME } from './database-name'

/** Small per-window settings kept with the record (localStorage is lost on a crash). */
export type Setting =
  | { key: 'open-incident'; value: string | null }
  | { key: 'stop-gap-templates'; value: StopGapTemplate[] }
  | { key: 'update-cadence'; value: UpdateCadence }

/**
 * Timeline events written together by an import, numbered like any event (see
 * incident-import.ts): one row per block instead of one per event, because IndexedDB
 * costs a fixed ~50 µs per row (10,000 events: ~0.6 s as rows, a few ms as blocks).
 */
export interface EventBlock {
  incidentId: string
  /** The first event's `seq`; the block's events follow in order. */
  first: number
  events: TimelineEvent[]
}

/** A pinned timeline event (kept apart so the events table stays append-only). */
export interface Pin {
  incidentId: string
  seq: number
  pinnedAt: number
}

/**
 * The incident record in IndexedDB. Every version stays declared while an upgrade
 * function needs it; no upgrade ever drops user data.
 */
export class WarRoomDatabase extends Dexie {
  incidents!: Table<Incident, string>
  people!: Table<RowOf<'people'>, string>
  roles!: Table<RowOf<'roles'>, string>
  checklist!: Table<RowOf<'checklist'>, string>
  notes!: Table<RowOf<'notes'>, string>
  actionItems!: Table<RowOf<'actionItems'>, string>
  events!: Table<TimelineEvent, number>
  eventBlocks!: Table<EventBlock, [string, number]>
  pins!: Table<Pin, [string, number]>
  settings!: Table<Setting, string>
  commandLog!: Table<CommandLogRow, number>
  stakeholderUpdates!: Table<RowOf<'stakeholderUpdates'>, string>

  constructor(name = DATABASE_NAME, options: ConstructorParameters<typeof Dexie>[1] = {}) {
    super(name, options)
    // v1: the first record: incidents, people and roles, checklist, notes, action items,
    // and the append-only events table the timeline is built from.
    this.version(1).stores({
      incidents: 'id, status, declaredAt',
      people: 'id, incidentId',
      roles: 'id, incidentId, personId',
      checklist: 'id, incidentId',
      notes: 'id, incidentId',
      actionItems: 'id, incidentId',
      events: '++seq, incidentId',
    })
    // v2: pinned events; timeline read in time order by index; notes saved while typed
    // (draft flag, revision count); the operator (who is at the keyboard) per incident;
    // settings (which incident is open, so a reload or a crash resumes it).
    this.version(2)
      .stores({
        events: '++seq, incidentId, [incidentId+at]',
        pins: '[incidentId+seq], incidentId',
        settings: 'key',
      })
      .upgrade(async (tx) => {
        await tx
          .table('notes')
          .toCollection()
          .modify((note: Partial<RowOf<'notes'>>) => {
            note.draft ??= false
            note.revision ??= 1
          })
        await tx
          .table('incidents')
          .toCollection()
          .modify((incident: Partial<Incident>) => {
            incident.operatorId ??= null
            incident.updatedAt ??= incident.declaredAt ?? Date.now()
          })
      })
    // v3: the hash-chained command log of the guarded terminal (append-only).
    this.version(3).stores({ commandLog: '++seq, incidentId' })
    // v4: stakeholder updates as sent by the Communication Leader (closing fields and the
    // mitigation time live on the incident row: no schema change for them).
    this.version(4).stores({ stakeholderUpdates: 'id, incidentId' })
    // v5: imported timeline events in blocks (read with the events table, in time order).
    this.version(5).stores({ eventBlocks: '[incidentId+first], incidentId' })
  }
}

/** The store of each table of rows. A table of ROW_TABLES without one here fails to compile. */
type RowStores = { [T in RowTable]: Table<RowOf<T>, string> }
const rowStores = (db: WarRoomDatabase): RowStores => db

/** The store of one table of rows, typed by its name. */
export function rowStore<T extends RowTable>(
  db: WarRoomDatabase,
  table: T,
): Table<RowOf<T>, string> {
  return rowStores(db)[table]
}
