import { useState } from 'react'
import type { Note } from '../../../shared/incident/model'
import { NOTE_KIND_LABELS } from '../../../shared/incident/note-acts'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'
import { maskedForScreen } from '../incidents/masked-text'
import { TypingIndicator } from './TypingIndicator'

export function NoteItem({ note }: { note: Note }) {
  const typeNote = useAppStore((s) => s.typeNote)
  const finishNoteEdit = useAppStore((s) => s.finishNoteEdit)
  const [editingFrom, setEditingFrom] = useState<string | null>(null)
  // The list shows secrets masked; only the textarea being edited holds the text as typed.
  const shown = maskedForScreen(note.text)

  const finish = () => {
    if (editingFrom === null) return
    void finishNoteEdit(note.id, editingFrom)
    setEditingFrom(null)
  }

  return (
    <li className={`note note-${note.kind}`}>
      <div className="note-meta">
        <span className={`badge kind-${note.kind}`}>{NOTE_KIND_LABELS[note.kind]}</span>
        <span className="muted">
          {clockTime(note.createdAt)} · {note.author}
          {note.revision > 1 ? ` · edited ${clockTime(note.updatedAt)}` : ''}
        </span>
        {editingFrom === null ? (
          <button
            type="button"
            className="link"
            aria-label={`Edit note: ${shown.slice(0, 60)}`}
            onClick={() => setEditingFrom(note.text)}
          >
            Edit
          </button>
        ) : (
          <TypingIndicator noteId={note.id} />
        )}
      </div>
      {editingFrom === null ? (
        <p className="note-text">{shown}</p>
      ) : (
        <textarea
          aria-label="Edit note"
          autoFocus
          value={note.text}
          onChange={(e) => typeNote(note.id, e.target.value)}
          onBlur={finish}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault()
              finish()
            }
          }}
        />
      )}
    </li>
  )
}
