import { useEffect, useRef, useState } from 'react'
import { NOTE_KINDS, type NoteKind } from '../../../shared/incident/model'
import { NOTE_KIND_LABELS } from '../../../shared/incident/note-acts'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { TypingIndicator } from './TypingIndicator'

/** Keyboard shortcut that focuses the capture box from anywhere (even the terminal). */
export const CAPTURE_SHORTCUT = { key: 'n', altKey: true, label: 'Alt+N' }

export function NoteCapture({ record }: { record: IncidentRecord }) {
  const startDraft = useAppStore((s) => s.startDraft)
  const typeNote = useAppStore((s) => s.typeNote)
  const submitNote = useAppStore((s) => s.submitNote)
  const flushTyping = useAppStore((s) => s.flushTyping)
  const draft = record.notes.find((n) => n.draft) ?? null
  const [kind, setKind] = useState<NoteKind>(draft?.kind ?? 'fact')
  const box = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (
        event.altKey === CAPTURE_SHORTCUT.altKey &&
        event.key.toLowerCase() === CAPTURE_SHORTCUT.key
      ) {
        event.preventDefault()
        event.stopPropagation()
        box.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [])

  // The draft as the store holds it when the key arrives, not as this render saw it: keys
  // typed faster than the screen re-renders (a submit, then the next note at once) go to
  // the note they were typed into.
  const currentDraft = () => useAppStore.getState().record?.notes.find((n) => n.draft) ?? null

  const onText = (text: string) => {
    const note = currentDraft() ?? startDraft(kind)
    if (note) typeNote(note.id, text, kind)
  }

  const submit = () => {
    const note = currentDraft()
    if (note?.text.trim()) void submitNote(note.id)
  }

  return (
    <div className="note-capture">
      <select
        aria-label="Note kind"
        value={draft?.kind ?? kind}
        onChange={(e) => {
          const next = e.target.value as NoteKind
          setKind(next)
          if (draft) typeNote(draft.id, draft.text, next)
        }}
      >
        {NOTE_KINDS.map((k) => (
          <option key={k} value={k}>
            {NOTE_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <textarea
        ref={box}
        aria-label="New note"
        placeholder={`Type a note (${CAPTURE_SHORTCUT.label} from anywhere, Enter to add)`}
        rows={2}
        value={draft?.text ?? ''}
        onChange={(e) => onText(e.target.value)}
        onBlur={() => void flushTyping()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault()
            submit()
          }
        }}
      />
      <button type="button" onClick={submit} disabled={!draft?.text.trim()}>
        Add note
      </button>
      {draft && <TypingIndicator noteId={draft.id} />}
    </div>
  )
}
