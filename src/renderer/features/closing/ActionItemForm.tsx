import { useId, useState, type FormEvent } from 'react'
import {
  ACTION_STATUS_LABELS,
  ACTION_TYPE_LABELS,
  type ActionItemFields,
} from '../../../shared/closing/action-items'
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  type ActionStatus,
  type ActionType,
} from '../../../shared/incident/model'

/**
 * A due date is a calendar day, the same for everyone who reads the postmortem (whose
 * times are UTC): stored as the last millisecond of that day in UTC.
 */
function toDateInput(at: number | null): string {
  return at === null ? '' : new Date(at).toISOString().slice(0, 10)
}

function fromDateInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return null
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999)
}

export const EMPTY_ACTION: ActionItemFields = {
  title: '',
  owner: '',
  dueAt: null,
  deliverable: '',
  type: 'prevent',
  status: 'open',
  ticket: '',
}

export function ActionItemForm({
  initial = EMPTY_ACTION,
  people,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: ActionItemFields
  people: readonly string[]
  submitLabel: string
  onSubmit(fields: ActionItemFields): void
  onCancel?(): void
}) {
  const [fields, setFields] = useState(initial)
  const ownersId = useId()
  const set = <K extends keyof ActionItemFields>(key: K, value: ActionItemFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!fields.title.trim()) return
    onSubmit(fields)
    if (!onCancel) setFields(EMPTY_ACTION)
  }
  return (
    <form className="action-form" aria-label={submitLabel} onSubmit={submit}>
      <label className="action-title">
        Action item
        <input
          required
          value={fields.title}
          onChange={(e) => set('title', e.target.value)}
          placeholder="What will be done"
        />
      </label>
      <label>
        Owner
        <input
          list={ownersId}
          value={fields.owner}
          onChange={(e) => set('owner', e.target.value)}
          placeholder="Person in charge"
        />
        <datalist id={ownersId}>
          {people.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label>
        Due
        <input
          type="date"
          value={toDateInput(fields.dueAt)}
          onChange={(e) => set('dueAt', fromDateInput(e.target.value))}
        />
      </label>
      <label>
        Type
        <select value={fields.type} onChange={(e) => set('type', e.target.value as ActionType)}>
          {ACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {ACTION_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={fields.status}
          onChange={(e) => set('status', e.target.value as ActionStatus)}
        >
          {ACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ACTION_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="action-deliverable">
        Deliverable
        <input
          value={fields.deliverable}
          onChange={(e) => set('deliverable', e.target.value)}
          placeholder="What shows it is done"
        />
      </label>
      <label className="action-ticket">
        Ticket
        <input
          value={fields.ticket}
          onChange={(e) => set('ticket', e.target.value)}
          placeholder="Link (optional)"
        />
      </label>
      <div className="row-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  )
}
