import type { StateCreator } from 'zustand'
import type { Note, NoteKind } from '../../shared/incident/model'
import { addNote, newDraft, recordNoteEdit, typed } from '../../shared/incident/note-acts'
import { createWriteCoalescer } from '../db/write-coalescer'
import { describeStorageError } from '../db/storage-errors'
import { actContext } from './act-context'
import type { RecordSlice } from './record-slice'
import { broadcastRecord } from './record-sync'

export type TypingState = 'saving' | 'saved' | 'failed'

export interface NotesSlice {
  /** Save state of notes being typed, by note id. "saved" only once committed. */
  typing: Record<string, TypingState>
  /** Starts a note in the capture box (restored after a reload if it was typed into). */
  startDraft(kind: NoteKind): Note | null
  /** Text typed into a note (draft or added): shown at once, saved coalesced. */
  typeNote(noteId: string, text: string, kind?: NoteKind): void
  /** Adds the draft to the record and the timeline. */
  submitNote(noteId: string): Promise<void>
  /** Records an edit of an added note (called when editing ends). */
  finishNoteEdit(noteId: string, previousText: string): Promise<void>
  /** Writes all typing now (blur, page hide, close). */
  flushTyping(): Promise<void>
  /** Writes again the notes whose last save failed (their text is still on screen). */
  retryTyping(): Promise<void>
  togglePin(seq: number): Promise<void>
}

export const createNotesSlice: StateCreator<RecordSlice & NotesSlice, [], [], NotesSlice> = (
  set,
  get,
) => {
  const setTyping = (notes: Note[], state: TypingState) =>
    set((s) => {
      const typing = { ...s.typing }
      for (const note of notes) {
        const current = s.record?.notes.find((n) => n.id === note.id)
        // Only "saved" if nothing newer was typed since this write started.
        if (state !== 'saved' || current?.updatedAt === note.updatedAt) typing[note.id] = state
      }
      return { typing }
    })

  const coalescer = createWriteCoalescer<Note>({
    write: async (notes) => {
      const db = await get().openedDatabase()
      if (!db) throw new Error('offline storage is unavailable')
      await db.transaction('rw', db.notes, () => db.notes.bulkPut(notes))
      setTyping(notes, 'saved')
      broadcastRecord({ kind: 'notes', notes })
      set({ lastSavedAt: Date.now() })
    },
    onError: (error, notes) => {
      setTyping(notes, 'failed')
      set({ storageError: describeStorageError(error) })
    },
  })

  const findNote = (noteId: string) => get().record?.notes.find((n) => n.id === noteId)

  return {
    typing: {},

    startDraft(kind) {
      const record = get().record
      if (!record) return null
      const existing = record.notes.find((n) => n.draft)
      if (existing) return existing
      const draft = newDraft(actContext(record), record.incident.id, kind)
      set({ record: { ...record, notes: [...record.notes, draft] } })
      return draft
    },

    typeNote(noteId, text, kind) {
      const record = get().record
      const note = findNote(noteId)
      if (!record || !note) return
      const next = typed(actContext(record), note, text, kind)
      set((s) => ({
        record: s.record && {
          ...s.record,
          notes: s.record.notes.map((n) => (n.id === noteId ? next : n)),
        },
        typing: { ...s.typing, [noteId]: 'saving' },
      }))
      coalescer.schedule(noteId, next)
    },

    async submitNote(noteId) {
      const submitted = findNote(noteId)
      if (!submitted?.draft) return
      // Out of the capture box at once: what is typed next, even before the saves below are
      // done, starts a new note instead of changing this one.
      set((s) => ({
        record: s.record && {
          ...s.record,
          notes: s.record.notes.map((n) => (n.id === noteId ? { ...n, draft: false } : n)),
        },
      }))
      await coalescer.flush().catch(() => {})
      await get().act((context) => addNote(context, submitted))
    },

    async finishNoteEdit(noteId, previousText) {
      await coalescer.flush().catch(() => {})
      await get().act((context) => {
        const note = findNote(noteId)
        return note ? recordNoteEdit(context, note, previousText) : null
      })
    },

    flushTyping: () => coalescer.flush().catch(() => {}),

    async retryTyping() {
      const { record, typing } = get()
      for (const note of record?.notes ?? []) {
        if (typing[note.id] === 'failed') coalescer.schedule(note.id, note)
      }
      await coalescer.flush().catch(() => {})
      if (!Object.values(get().typing).includes('failed')) {
        set((s) => ({ storageError: s.unsaved.length ? s.storageError : null }))
      }
    },

    async togglePin(seq) {
      const { record } = get()
      if (!record) return
      // Saved like any act: a failed write waits in the Retry queue, the star stays as shown.
      const pin = {
        incidentId: record.incident.id,
        seq,
        pinned: !record.pinned.has(seq),
        at: Date.now(),
      }
      await get().commitChange({ changes: [], events: [], pins: [pin] })
    },
  }
}
