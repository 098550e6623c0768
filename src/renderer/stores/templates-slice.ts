import type { StateCreator } from 'zustand'
import type { StopGapTemplate } from '../../shared/commands/stop-gap-templates'
import type { RecordSlice } from './record-slice'

export interface TemplatesSlice {
  /** The leader's own stop-gap templates (the built-in ones are in shared/commands). */
  customTemplates: StopGapTemplate[]
  loadTemplates(): Promise<void>
  saveTemplates(next: StopGapTemplate[]): Promise<void>
}

/** Stop-gap templates kept with the record's settings (IndexedDB, through the database). */
export const createTemplatesSlice: StateCreator<
  RecordSlice & TemplatesSlice,
  [],
  [],
  TemplatesSlice
> = (set, get) => ({
  customTemplates: [],
  async loadTemplates() {
    const setting = await get()
      .db?.settings.get('stop-gap-templates')
      .catch(() => undefined)
    if (setting?.key === 'stop-gap-templates') set({ customTemplates: setting.value })
  },
  async saveTemplates(next) {
    set({ customTemplates: next })
    // Counted like any other write: "Saving…" until committed, so a reload waits for it.
    set((s) => ({ pendingWrites: s.pendingWrites + 1 }))
    try {
      // No database (the banner says so already): the templates last this session only.
      const db = await get().openedDatabase()
      if (!db) return
      await db.settings.put({ key: 'stop-gap-templates', value: next })
      set({ lastSavedAt: Date.now() })
    } catch (error) {
      get().storageFailed(error)
    } finally {
      set((s) => ({ pendingWrites: s.pendingWrites - 1 }))
    }
  },
})
