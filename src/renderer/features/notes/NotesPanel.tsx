import './notes.css'
import { useDeferredValue, useState } from 'react'
import { NOTE_KINDS, type NoteKind } from '../../../shared/incident/model'
import { NOTE_KIND_LABELS } from '../../../shared/incident/note-acts'
import type { IncidentRecord } from '../../db/record-reader'
import { NoteCapture } from './NoteCapture'
import { NoteItem } from './NoteItem'

export function NotesPanel({ record }: { record: IncidentRecord }) {
  const [kind, setKind] = useState<NoteKind | 'all'>('all')
  const [query, setQuery] = useState('')
  const search = useDeferredValue(query.trim().toLowerCase())
  const notes = record.notes
    .filter((n) => !n.draft)
    .filter((n) => kind === 'all' || n.kind === kind)
    .filter(
      (n) =>
        !search || n.text.toLowerCase().includes(search) || n.author.toLowerCase().includes(search),
    )
    .reverse()

  return (
    <section className="panel panel-notes" aria-label="Notes">
      <header className="panel-header">
        <h2>Notes</h2>
        <select
          aria-label="Show notes of kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as NoteKind | 'all')}
        >
          <option value="all">All kinds</option>
          {NOTE_KINDS.map((k) => (
            <option key={k} value={k}>
              {NOTE_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label="Search notes"
          placeholder="Search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </header>
      <div className="panel-body">
        <NoteCapture record={record} />
        <ul className="notes" aria-label="Note list">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} />
          ))}
        </ul>
      </div>
    </section>
  )
}
