/**
 * One incident's whole record, handled table by table as ROW_TABLES lists them: a new
 * record, the record in its order, a change applied to it as the database will store it,
 * and rows the database stored added to it.
 */
import type { CommandLogRow } from '../commands/command-log'
import { applyTableChange, type RecordChange } from './change'
import {
  ROW_TABLE_NAMES,
  ROW_TABLES,
  type Incident,
  type IncidentRecord,
  type RowOf,
  type RowTable,
  type TimelineEvent,
} from './model'
import { compareEvents, insertEvents } from './timeline'

/** Rows of every table, by table name. */
export type RecordRowLists = { [T in RowTable]: RowOf<T>[] }

/** Builds the rows of every table from a function of the table name. */
export function eachRowTable(rowsOf: <T extends RowTable>(table: T) => RowOf<T>[]): RecordRowLists {
  const lists: Partial<Record<RowTable, unknown[]>> = {}
  for (const table of ROW_TABLE_NAMES) lists[table] = rowsOf(table)
  return lists as RecordRowLists
}

/** One table's rows of a record (typed by table name). */
export function rowsOf<T extends RowTable>(record: RecordRowLists, table: T): RowOf<T>[] {
  return record[table] as RowOf<T>[]
}

export function sortRows<T extends RowTable>(table: T, rows: RowOf<T>[]): RowOf<T>[] {
  // Array.prototype.sort is stable: ties keep the order the rows came in.
  return rows.sort(ROW_TABLES[table].order)
}

/** A record with nothing in it yet but the incident. */
export function emptyRecord(incident: Incident): IncidentRecord {
  return {
    incident,
    ...eachRowTable(() => []),
    events: [],
    pinned: new Set(),
    commandLog: [],
  }
}

/** The record in its order: each table as ROW_TABLES says, events in time order. */
export function inRecordOrder(record: IncidentRecord): IncidentRecord {
  return {
    ...record,
    ...eachRowTable((table) => sortRows(table, [...rowsOf(record, table)])),
    events: [...record.events].sort(compareEvents),
  }
}

function isRowTable(table: string): table is RowTable {
  return Object.hasOwn(ROW_TABLES, table)
}

/** Applies a change to a record, exactly as the database will store it. */
export function applyRecordChange(record: IncidentRecord, change: RecordChange): IncidentRecord {
  let next = record
  for (const c of change.changes) {
    if (c.table === 'incidents') {
      const mine = c.put?.find((i) => i.id === record.incident.id)
      if (mine) next = { ...next, incident: mine }
    } else if (isRowTable(c.table)) {
      const table: RowTable = c.table
      const rows = next[table] as { id: string }[]
      next = { ...next, [table]: applyTableChange(rows, c.put, c.remove) }
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

/** What the database stored beyond the rows themselves: events and command-log entries. */
export interface StoredAppends {
  events: readonly TimelineEvent[]
  commandLog: readonly CommandLogRow[]
}

/** Adds the events and command-log rows the database stored for this record's incident. */
export function withStoredAppends(record: IncidentRecord, stored: StoredAppends): IncidentRecord {
  const id = record.incident.id
  const events = stored.events.filter((e) => e.incidentId === id)
  const commandLog = stored.commandLog.filter((row) => row.incidentId === id)
  if (events.length === 0 && commandLog.length === 0) return record
  return {
    ...record,
    events: insertEvents(record.events, events),
    commandLog: commandLog.length ? [...record.commandLog, ...commandLog] : record.commandLog,
  }
}
