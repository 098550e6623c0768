import { create } from 'zustand'
import { createHostSlice, type HostSlice } from './host-slice'

/** One store built from feature slices. */
export type AppState = HostSlice

export const useAppStore = create<AppState>()((...args) => ({
  ...createHostSlice(...args),
}))
