import { useState } from 'react'
import {
  ACTION_STATUS_LABELS,
  ACTION_TYPE_LABELS,
  addActionItem,
  isOverdue,
  removeActionItem,
  updateActionItem,
} from '../../../shared/closing/action-items'
import { ACTION_STATUSES, type ActionItem, type ActionStatus } from '../../../shared/incident/model'
import { utcDate } from '../../../shared/postmortem/utc'
import type { ActContext, RecordChange } from '../../../shared/incident/change'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { useNow } from '../incidents/use-now'
import { ActionItemForm } from './ActionItemForm'

function ActionRow({ item, people, now }: { item: ActionItem; people: string[]; now: number }) {
  const act = useAppStore((s) => s.act)
  /** Acts on the item as the record holds it now (not as this row last rendered it). */
  const actOnItem = (build: (c: ActContext, current: ActionItem) => RecordChange | null) =>
    void act((c, r) => {
      const current = r.actionItems.find((a) => a.id === item.id)
      return current ? build(c, current) : null
    })
  const [editing, setEditing] = useState(false)
  const overdue = isOverdue(item, now)
  if (editing) {
    return (
      <li className="action-item">
        <ActionItemForm
          initial={item}
          people={people}
          submitLabel="Save action item"
          onSubmit={(fields) => {
            actOnItem((c, current) => updateActionItem(c, current, fields))
            setEditing(false)
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    )
  }
  return (
    <li
      className={`action-item${overdue ? ' action-overdue' : ''}`}
      aria-label={`Action item ${item.title}`}
    >
      <div className="action-head">
        <span className="badge">{ACTION_TYPE_LABELS[item.type]}</span>
        <strong className="action-name">{item.title}</strong>
        {overdue && <span className="badge badge-danger">Overdue</span>}
      </div>
      <div className="action-meta">
        <span>Owner: {item.owner || <em>unassigned</em>}</span>
        <span>Due: {item.dueAt === null ? <em>no time box</em> : utcDate(item.dueAt)}</span>
        {item.deliverable && <span>Deliverable: {item.deliverable}</span>}
        {item.ticket && <span>Ticket: {item.ticket}</span>}
      </div>
      <div className="row-actions">
        <label className="inline-field">
          Status
          <select
            value={item.status}
            onChange={(e) =>
              actOnItem((c, current) =>
                updateActionItem(c, current, { status: e.target.value as ActionStatus }),
              )
            }
          >
            {ACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ACTION_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button
          type="button"
          className="button-danger-quiet"
          onClick={() => actOnItem(removeActionItem)}
        >
          Remove
        </button>
      </div>
    </li>
  )
}

export function ActionItemsPanel({ record }: { record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  // Ticks each minute so an item turns overdue on screen when its time box ends.
  const now = useNow(60_000)
  const people = record.people.map((p) => p.name)
  const overdue = record.actionItems.filter((item) => isOverdue(item, now)).length
  return (
    <section className="panel panel-actions" aria-label="Action items">
      <header className="panel-header">
        <h2>Action items</h2>
        <span className="muted small">
          {record.actionItems.length} item{record.actionItems.length === 1 ? '' : 's'}
          {overdue > 0 && `, ${overdue} overdue`}
        </span>
      </header>
      <div className="panel-body">
        <ActionItemForm
          people={people}
          submitLabel="Add action item"
          onSubmit={(fields) => void act((c, r) => addActionItem(c, r.incident.id, fields))}
        />
        <ul className="action-items" aria-label="Action item list">
          {record.actionItems.map((item) => (
            <ActionRow key={item.id} item={item} people={people} now={now} />
          ))}
        </ul>
      </div>
    </section>
  )
}
