import type { StateCreator } from 'zustand'
import type { ActContext, RecordChange } from '../../shared/incident/change'
import { declareIncident, type Declaration } from '../../shared/incident/incident-acts'
import type { Incident } from '../../shared/incident/model'
import { emptyRecord, withStoredAppends } from '../../shared/incident/record'
import type { WarRoomDatabase } from '../db/database'
import { listIncidents, loadIncidentRecord, type IncidentRecord } from '../db/record-reader'
import { commitChanges } from '../db/record-writer'
import { describeStorageError } from '../db/storage-errors'
import type { GateLogSlice } from './gate-log-slice'
import { actContext } from './act-context'
import { applyToIncidentList, applyToRecord } from './apply-change'
import { applyRemote, broadcastRecord, type RecordMessage } from './record-sync'
import { TIMING_MARKS } from '../../shared/timing-marks'

/** Remembers which incident was open, so a reload (or a crash) resumes it. */
async function rememberOpenIncident(db: WarRoomDatabase | null, id: string | null) {
  await db?.settings.put({ key: 'open-incident', value: id }).catch(() => {})
}

/**
 * The stored list with the incidents only this screen has yet (declared while the database
 * opened, their writes queued behind the read), newest first.
 */
function withIncidentsOnScreen(stored: Incident[], onScreen: readonly Incident[]): Incident[] {
  const known = new Set(stored.map((i) => i.id))
  const missing = onScreen.filter((i) => !known.has(i.id))
  if (missing.length === 0) return stored
  return [...stored, ...missing].sort((a, b) => b.declaredAt - a.declaredAt)
}

/** Performance marks around loading an incident (measured by npm run bench). */
export const RECORD_LOAD_START_MARK = TIMING_MARKS.recordLoadStart
export const RECORD_LOADED_MARK = TIMING_MARKS.recordLoaded

export type StoreStatus = 'starting' | 'ready' | 'unavailable'

export interface RecordSlice {
  db: WarRoomDatabase | null
  storeStatus: StoreStatus
  incidents: Incident[]
  record: IncidentRecord | null
  /** Writes started and not yet committed (the "Saving…" indicator). */
  pendingWrites: number
  lastSavedAt: number | null
  storageError: string | null
  /** Acts shown on screen whose write failed; Retry writes them again, in order. */
  unsaved: RecordChange[]
  /** The incident being opened (known before its record is read: its shell can start). */
  openingIncidentId: string | null

  initRecord(db: WarRoomDatabase | null, error?: unknown): Promise<void>
  /**
   * The database once it is open (null when it cannot be): what is done on screen before
   * it opens (a quick declaration while the page still loads) waits for it, then is saved.
   */
  openedDatabase(): Promise<WarRoomDatabase | null>
  declare(input: Declaration): Promise<void>
  /** Opens an incident, unless another is declared or opened (or the list shown) meanwhile. */
  openIncident(id: string): Promise<void>
  showIncidentList(): void
  /** Runs one act on the open incident: shown at once, saved atomically with its events. */
  act(build: (context: ActContext, record: IncidentRecord) => RecordChange | null): Promise<void>
  /**
   * Shows and saves a change that did not come from an act on screen (the gate's log);
   * true once it is stored, false when it waits in the Retry queue.
   */
  commitChange(change: RecordChange): Promise<boolean>
  retryUnsaved(): Promise<void>
  storageFailed(error: unknown): void
  /** Another window on this record saved something: show it here too. */
  remoteChanged(message: RecordMessage): void
}

/** The gate log waits behind an entry it could not store: Retry lets it go on (retry hook). */
type RetryHook = Pick<GateLogSlice, 'resumeCommandLog'>

export const createRecordSlice: StateCreator<RecordSlice & RetryHook, [], [], RecordSlice> = (
  set,
  get,
) => {
  let databaseSettled: (db: WarRoomDatabase | null) => void = () => {}
  const databaseOpening = new Promise<WarRoomDatabase | null>((resolve) => {
    databaseSettled = resolve
  })
  const openedDatabase = async () => get().db ?? databaseOpening

  const persist = async (change: RecordChange): Promise<boolean> => {
    set((s) => ({ pendingWrites: s.pendingWrites + 1 }))
    try {
      const db = await openedDatabase()
      if (!db) {
        set((s) => ({ unsaved: [...s.unsaved, change] }))
        return false
      }
      const stored = await commitChanges(db, [change])
      set((s) => ({
        record: s.record && withStoredAppends(s.record, stored),
        lastSavedAt: Date.now(),
      }))
      // A gate entry another window stored first is not news to anyone.
      if (change.changes.length || stored.events.length || stored.commandLog.length) {
        broadcastRecord({ kind: 'change', change, stored })
      }
      return true
    } catch (error) {
      set((s) => ({ unsaved: [...s.unsaved, change], storageError: describeStorageError(error) }))
      return false
    } finally {
      set((s) => ({ pendingWrites: s.pendingWrites - 1 }))
    }
  }

  return {
    db: null,
    storeStatus: 'starting',
    incidents: [],
    record: null,
    pendingWrites: 0,
    lastSavedAt: null,
    storageError: null,
    unsaved: [],
    openingIncidentId: null,

    openedDatabase,

    async initRecord(db, error) {
      if (!db) {
        set({ storeStatus: 'unavailable', storageError: describeStorageError(error) })
        databaseSettled(null)
        return
      }
      try {
        // Read before the writes waiting for the database go (a declaration made while the
        // page loaded remembers itself as the open incident: it is on screen already).
        const setting = await db.settings.get('open-incident')
        set({ db })
        databaseSettled(db)
        const openId = setting?.key === 'open-incident' ? setting.value : null
        // Resume the open incident first: the list is not needed to show it. Not when an
        // incident was declared meanwhile: what is on screen stays.
        const [incidents] = await Promise.all([
          listIncidents(db),
          openId && !get().record ? get().openIncident(openId) : undefined,
        ])
        set((s) => ({
          // A declaration made while the list loaded is in it too.
          incidents: withIncidentsOnScreen(incidents, s.incidents),
          storeStatus: 'ready',
        }))
      } catch (failure) {
        set({ storeStatus: 'unavailable', storageError: describeStorageError(failure) })
        databaseSettled(null)
      }
    },

    async declare(input) {
      const { incident, change } = declareIncident(actContext(null), input)
      set((s) => ({
        record: applyToRecord(emptyRecord(incident), change),
        incidents: applyToIncidentList(s.incidents, change),
        // Whatever was being opened (a start resuming the last incident) gives way.
        openingIncidentId: null,
      }))
      // Both writes start at once (not one after the other): a reload a moment after
      // declaring resumes the new incident instead of showing the list.
      await Promise.all([
        persist(change),
        openedDatabase().then((db) => rememberOpenIncident(db, incident.id)),
      ])
    },

    async openIncident(id) {
      const { db } = get()
      if (!db) return
      set({ openingIncidentId: id })
      try {
        performance.mark(RECORD_LOAD_START_MARK)
        // Remembered before it is shown: what is on screen is what a reload resumes.
        const [record] = await Promise.all([
          loadIncidentRecord(db, id),
          rememberOpenIncident(db, id),
        ])
        performance.mark(RECORD_LOADED_MARK)
        // Another incident was declared or opened, or the list shown, while this one loaded.
        if (get().openingIncidentId !== id) return
        if (!record) {
          set({ openingIncidentId: null })
          await rememberOpenIncident(db, null)
          return
        }
        set({ record })
      } catch (error) {
        set({ openingIncidentId: null, storageError: describeStorageError(error) })
      }
    },

    showIncidentList() {
      // After any "remember" still waiting for the database (a declaration made as it opened).
      void openedDatabase().then((db) => rememberOpenIncident(db, null))
      set({ record: null, openingIncidentId: null })
    },

    async act(build) {
      const { record } = get()
      if (!record) return
      const change = build(actContext(record), record)
      if (!change || (change.changes.length === 0 && change.events.length === 0)) return
      set((s) => ({
        record: s.record ? applyToRecord(s.record, change) : s.record,
        incidents: applyToIncidentList(s.incidents, change),
      }))
      await persist(change)
    },

    async commitChange(change) {
      set((s) => ({ record: s.record ? applyToRecord(s.record, change) : s.record }))
      return persist(change)
    },

    async retryUnsaved() {
      const { db, unsaved } = get()
      if (!db || unsaved.length === 0) return
      set({ unsaved: [], storageError: null })
      for (const [index, change] of unsaved.entries()) {
        await persist(change)
        if (get().storageError) {
          // Still failing: keep the rest, in order, behind the one that failed.
          set((s) => ({ unsaved: [...s.unsaved, ...unsaved.slice(index + 1)] }))
          return
        }
      }
      // A gate-log entry among them was stored: the entries after it follow, in order.
      await get().resumeCommandLog()
    },

    remoteChanged(message) {
      if (message.kind === 'incidents') {
        const { db } = get()
        if (db)
          void listIncidents(db).then(
            (incidents) => set({ incidents }),
            () => {},
          )
        return
      }
      set((s) => ({
        record: s.record && applyRemote(s.record, message),
        incidents:
          message.kind === 'change'
            ? applyToIncidentList(s.incidents, message.change)
            : s.incidents,
      }))
    },

    storageFailed(error) {
      set({ storageError: describeStorageError(error) })
    },
  }
}
