import type { StateCreator } from 'zustand'
import { DEFAULT_CADENCE, type UpdateCadence } from '../../shared/closing/stakeholder-updates'
import type { ImportedIncident } from '../../shared/export/incident-file'
import type { IncidentRecord } from '../../shared/incident/model'
import { importClash, writeImportedIncident } from '../db/incident-import'
import { listIncidents, loadIncidentRecord } from '../db/record-reader'
import { describeStorageError } from '../db/storage-errors'
import type { RecordSlice } from './record-slice'
import { broadcastRecord } from './record-sync'

/** Which face of the open incident is on screen. */
export type WorkspaceView = 'response' | 'closing'

export interface ClosingSlice {
  view: WorkspaceView
  /** Fields typed into and not yet committed, by field key (the save status says "Saving…"). */
  pendingDrafts: Record<string, true>
  draftPending(key: string, pending: boolean): void
  /** Minutes between stakeholder updates, per severity (kept with the record's settings). */
  cadence: UpdateCadence
  showView(view: WorkspaceView): void
  loadCadence(): Promise<void>
  saveCadence(cadence: UpdateCadence): Promise<void>
  /** What an import would clash with here (the import asks before keeping both). */
  importClash(imported: ImportedIncident): Promise<'none' | 'incident' | 'rows'>
  /** Writes an imported incident in one transaction and lists it; throws what went wrong. */
  importIncident(imported: ImportedIncident): Promise<void>
  /** An incident's record as stored, read back whole (what a JSON backup is made from). */
  readStoredRecord(incidentId: string): Promise<IncidentRecord>
}

export const createClosingSlice: StateCreator<ClosingSlice & RecordSlice, [], [], ClosingSlice> = (
  set,
  get,
) => ({
  view: 'response',
  pendingDrafts: {},
  draftPending: (key, pending) =>
    set((s) => {
      if (pending === key in s.pendingDrafts) return s
      const pendingDrafts = { ...s.pendingDrafts }
      if (pending) pendingDrafts[key] = true
      else delete pendingDrafts[key]
      return { pendingDrafts }
    }),
  cadence: DEFAULT_CADENCE,
  showView: (view) => set({ view }),
  async loadCadence() {
    const setting = await get()
      .db?.settings.get('update-cadence')
      .catch(() => undefined)
    if (setting?.key === 'update-cadence')
      set({ cadence: { ...DEFAULT_CADENCE, ...setting.value } })
  },
  async saveCadence(cadence) {
    set({ cadence })
    try {
      // No database (the banner says so already): the cadence lasts this session only.
      const db = await get().openedDatabase()
      if (!db) return
      await db.settings.put({ key: 'update-cadence', value: cadence })
    } catch (error) {
      set({ storageError: describeStorageError(error) })
    }
  },
  async importClash(imported) {
    const { db } = get()
    return db ? importClash(db, imported.snapshot) : 'none'
  },
  async importIncident(imported) {
    const { db } = get()
    if (!db) throw new Error('the incident record is not available')
    await writeImportedIncident(db, imported)
    set({ incidents: await listIncidents(db) })
    broadcastRecord({ kind: 'incidents' })
  },
  async readStoredRecord(incidentId) {
    const { db } = get()
    const record = db && (await loadIncidentRecord(db, incidentId))
    if (!record) throw new Error('the incident record is not available')
    return record
  },
})
