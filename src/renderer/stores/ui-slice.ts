import type { StateCreator } from 'zustand'

/** How the window shows the incident: the leader's working view, or what the room should see. */
export interface UiSlice {
  /** Present: large type, high contrast, the room's view (forms and contact details out of view). */
  presenting: boolean
  setPresenting(on: boolean): void
}

export const createUiSlice: StateCreator<UiSlice> = (set) => ({
  presenting: false,
  setPresenting: (on) => set({ presenting: on }),
})
