import { create } from 'zustand'
import { createGateSlice, type GateSlice } from './gate-slice'
import { createHostSlice, type HostSlice } from './host-slice'
import { createNotesSlice, type NotesSlice } from './notes-slice'
import { createRecordSlice, type RecordSlice } from './record-slice'

/** One store built from feature slices. */
export type AppState = HostSlice & RecordSlice & NotesSlice & GateSlice

export function createAppStore() {
  return create<AppState>()((...args) => ({
    ...createHostSlice(...args),
    ...createRecordSlice(...args),
    ...createNotesSlice(...args),
    ...createGateSlice(...args),
  }))
}

export const useAppStore = createAppStore()
