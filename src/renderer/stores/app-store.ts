import { create } from 'zustand'
import { createClosingSlice, type ClosingSlice } from './closing-slice'
import { createGateLogSlice, type GateLogSlice } from './gate-log-slice'
import { createGateSlice, type GateSlice } from './gate-slice'
import { createHostSlice, type HostSlice } from './host-slice'
import { createNotesSlice, type NotesSlice } from './notes-slice'
import { createRecordSlice, type RecordSlice } from './record-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

/** One store built from feature slices. */
export type AppState = HostSlice &
  RecordSlice &
  NotesSlice &
  GateSlice &
  GateLogSlice &
  ClosingSlice &
  UiSlice

export function createAppStore() {
  return create<AppState>()((...args) => ({
    ...createHostSlice(...args),
    ...createRecordSlice(...args),
    ...createNotesSlice(...args),
    ...createGateSlice(...args),
    ...createGateLogSlice(...args),
    ...createClosingSlice(...args),
    ...createUiSlice(...args),
  }))
}

export const useAppStore = createAppStore()
