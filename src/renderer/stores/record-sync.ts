/**
 * Windows on one incident (the leader's, a room view, a second tab) stay live with each
 * other: each window writes its own acts to IndexedDB, then tells the others what it wrote
 * over a BroadcastChannel, and they apply it to what they show. Nothing is read back: the
 * message is the change as stored (rows, timeline events and command-log rows with their
 * sequence numbers), so concurrent acts from both windows are all kept.
 */
import type { RecordChange } from '../../shared/incident/change'
import { applyTableChange } from '../../shared/incident/change'
import type { IncidentRecord, Note } from '../../shared/incident/model'
import { withStoredAppends, type StoredAppends } from '../../shared/incident/record'
import { applyToRecord } from './apply-change'

/** One name per database: windows of the same origin and record hear each other. */
const CHANNEL = 'war-room-record'

export type RecordMessage =
  /** An act, as committed (with the events and log rows the database numbered). */
  | { kind: 'change'; change: RecordChange; stored: StoredAppends }
  /** Notes saved while typed (not the capture box's draft: each window has its own). */
  | { kind: 'notes'; notes: Note[] }
  /** The list of incidents changed in a way no change carries (an import). */
  | { kind: 'incidents' }

/**
 * One channel object per window, for sending and hearing: a channel never hears its own
 * messages, but another object of the same window would (and apply an act twice).
 */
let channel: BroadcastChannel | null | undefined

function windowChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL)
  }
  return channel
}

/** Tells the other windows; never fails the act (a window without the API just is not live). */
export function broadcastRecord(message: RecordMessage): void {
  try {
    windowChannel()?.postMessage(message)
  } catch {
    // not clonable or closed: the other windows see it after their next load
  }
}

export function listenForRecord(onMessage: (message: RecordMessage) => void): () => void {
  const listener = windowChannel()
  if (!listener) return () => {}
  const handle = (event: MessageEvent<RecordMessage>) => onMessage(event.data)
  listener.addEventListener('message', handle)
  return () => listener.removeEventListener('message', handle)
}

/** Only what belongs to the incident on screen (rows of other incidents are not shown here). */
function forIncident(change: RecordChange, incidentId: string): RecordChange {
  return {
    ...change,
    changes: change.changes.map((c) =>
      c.table === 'incidents'
        ? c
        : {
            ...c,
            put: c.put?.filter((row) => (row as { incidentId?: string }).incidentId === incidentId),
          },
    ) as RecordChange['changes'],
  }
}

/** What another window's act makes of the record on screen here. */
export function applyRemote(record: IncidentRecord, message: RecordMessage): IncidentRecord {
  const id = record.incident.id
  if (message.kind === 'change') {
    return withStoredAppends(applyToRecord(record, forIncident(message.change, id)), message.stored)
  }
  if (message.kind === 'notes') {
    const notes = message.notes.filter((n) => n.incidentId === id && !n.draft)
    return notes.length ? { ...record, notes: applyTableChange(record.notes, notes) } : record
  }
  return record
}
