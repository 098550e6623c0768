import type { RecordRows, RecordTable, TimelineEvent } from './model'
import type { CommandLogEntry } from '../commands/gate-model'

export type { RecordRows, RecordTable } from './model'

/** Rows to put into, and keys to delete from, one table. */
export type TableChange = {
  [T in RecordTable]: { table: T; put?: readonly RecordRows[T][]; remove?: readonly string[] }
}[RecordTable]

export type NewEvent = Omit<TimelineEvent, 'seq'>

/**
 * One user act: the rows it changes and the timeline events it writes. The database
 * commits it atomically; the store applies the same change to what is on screen.
 */
export interface RecordChange {
  changes: readonly TableChange[]
  events: readonly NewEvent[]
  /** Entries for the hash-chained command log (written with strict durability). */
  commandLog?: readonly CommandLogEntry[]
  /** Timeline events pinned or unpinned (pins are kept apart: events are append-only). */
  pins?: readonly PinChange[]
}

export interface PinChange {
  incidentId: string
  seq: number
  pinned: boolean
  at: number
}

/** Clock, id source and who is acting: passed in so acts stay pure and testable. */
export interface ActContext {
  now: number
  newId(): string
  /** Name of the person at the keyboard, recorded on events. */
  actor: string | null
}

export function event(
  context: ActContext,
  incidentId: string,
  fields: Pick<NewEvent, 'kind' | 'action' | 'summary'> & Partial<Pick<NewEvent, 'at' | 'refId'>>,
): NewEvent {
  return {
    incidentId,
    at: fields.at ?? context.now,
    recordedAt: context.now,
    kind: fields.kind,
    action: fields.action,
    summary: fields.summary,
    actor: context.actor,
    refId: fields.refId ?? null,
  }
}

/** Applies a change to in-memory rows of one table (same semantics as the database). */
export function applyTableChange<T extends { id: string }>(
  rows: readonly T[],
  put: readonly T[] = [],
  remove: readonly string[] = [],
): T[] {
  if (put.length === 0 && remove.length === 0) return rows as T[]
  const removed = new Set(remove)
  const replaced = new Map(put.map((row) => [row.id, row]))
  const existing = new Set(rows.map((row) => row.id))
  const next = rows.filter((row) => !removed.has(row.id)).map((row) => replaced.get(row.id) ?? row)
  for (const row of put) if (!existing.has(row.id)) next.push(row)
  return next
}
