import { create } from 'zustand'
import { createClosingSlice, type ClosingSlice } from './closing-slice'
import { createGateLogSlice, type GateLogSlice } from './gate-log-slice'
import { createGateSlice, type GateSlice } from './gate-slice'
import { createHostSlice, type HostSlice } from './host-slice'
import { createNotesSlice, type NotesSlice } from './notes-slice'
import { createRecordSlice, type RecordSlice } from './record-slice'
import { createTemplatesSlice, type TemplatesSlice } from './templates-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

/** One store built from feature slices. */
export type AppState = HostSlice &
  RecordSlice &
  NotesSlice &
  GateSlice &
  GateLogSlice &
  ClosingSlice &
  TemplatesSlice &
  UiSlice

export function createAppStore() {
  return create<AppState>()((...args) => ({
    ...createHostSlice(...args),
    ...createRecordSlice(...args),
    ...createNotesSlice(...args),
    ...createGateSlice(...args),
    ...createGateLogSlice(...args),
    ...createClosingSlice(...args),
    ...createTemplatesSlice(...args),
    ...createUiSlice(...args),
  }))
}

export const useAppStore = createAppStore()
