import { event, type ActContext, type RecordChange } from './change'
import type { Note, NoteKind } from './model'

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  fact: 'Fact',
  hypothesis: 'Hypothesis',
  decision: 'Decision',
  question: 'Question',
  impact: 'Impact',
  update: 'Update',
}

/** A note being typed in the capture box: saved as typed, not yet on the timeline. */
export function newDraft(context: ActContext, incidentId: string, kind: NoteKind): Note {
  return {
    id: context.newId(),
    incidentId,
    kind,
    text: '',
    author: context.actor ?? 'Unknown',
    createdAt: context.now,
    updatedAt: context.now,
    draft: true,
    revision: 0,
  }
}

/** The row as typed so far; saved without a timeline event (coalesced while typing). */
export function typed(context: ActContext, note: Note, text: string, kind = note.kind): Note {
  return { ...note, text, kind, updatedAt: context.now }
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 140 ? `${line.slice(0, 139)}…` : line
}

/** The capture box was submitted: the note is added, and appears on the timeline. */
export function addNote(context: ActContext, draft: Note): RecordChange | null {
  if (!draft.text.trim()) return null
  const note: Note = {
    ...draft,
    text: draft.text.trim(),
    draft: false,
    revision: 1,
    createdAt: context.now,
    updatedAt: context.now,
  }
  return {
    changes: [{ table: 'notes', put: [note] }],
    events: [
      event(context, note.incidentId, {
        kind: 'note',
        action: `note.${note.kind}`,
        summary: `${note.kind[0]!.toUpperCase()}${note.kind.slice(1)}: ${excerpt(note.text)}`,
        refId: note.id,
      }),
    ],
  }
}

/** An added note was edited (its text was already saved as typed): record the edit. */
export function recordNoteEdit(
  context: ActContext,
  note: Note,
  previousText: string,
): RecordChange | null {
  if (note.draft || note.text === previousText) return null
  const edited: Note = { ...note, revision: note.revision + 1, updatedAt: context.now }
  return {
    changes: [{ table: 'notes', put: [edited] }],
    events: [
      event(context, note.incidentId, {
        kind: 'note',
        action: 'note.edited',
        summary: `Note edited (${note.kind}): ${excerpt(note.text)}`,
        refId: note.id,
      }),
    ],
  }
}
