import { useState } from 'react'
import { editItem, removeItem, tickItem, untickItem } from '../../../shared/incident/checklist-acts'
import type { ChecklistItem } from '../../../shared/incident/model'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'

export function ChecklistItemRow({ item }: { item: ChecklistItem }) {
  const act = useAppStore((s) => s.act)
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(item.text)

  const save = () => {
    setEditing(false)
    void act((c) => editItem(c, item, text))
  }

  return (
    <li className={`checklist-item ${item.checkedAt ? 'checked' : ''}`}>
      {editing ? (
        <input
          aria-label={`Edit checklist item: ${item.text}`}
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save()
            if (e.key === 'Escape') {
              setText(item.text)
              setEditing(false)
            }
          }}
        />
      ) : (
        <label>
          <input
            type="checkbox"
            checked={item.checkedAt !== null}
            onChange={(e) =>
              void act((c) => (e.target.checked ? tickItem(c, item) : untickItem(c, item)))
            }
          />
          <span>{item.text}</span>
        </label>
      )}
      {item.checkedAt !== null && (
        <span className="muted tick-info">
          {clockTime(item.checkedAt)}
          {item.checkedBy ? ` · ${item.checkedBy}` : ''}
        </span>
      )}
      {!editing && (
        <span className="row-actions">
          <button
            type="button"
            className="link"
            aria-label={`Edit: ${item.text}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="link"
            aria-label={`Remove: ${item.text}`}
            onClick={() => void act((c) => removeItem(c, item))}
          >
            Remove
          </button>
        </span>
      )}
    </li>
  )
}
