import { useState, type FormEvent } from 'react'
import { addManualEvent } from '../../../shared/incident/incident-acts'
import { useAppStore } from '../../stores/app-store'
import { fromLocalInput, toLocalInput } from '../incidents/format-time'

/** Writes down something that happened earlier (e.g. when impact really started). */
export function AddEventForm() {
  const act = useAppStore((s) => s.act)
  const [when, setWhen] = useState(() => toLocalInput(Date.now()))
  const [what, setWhat] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const at = fromLocalInput(when)
    if (at === null || !what.trim()) return
    void act((c, r) => addManualEvent(c, r.incident, at, what.trim()))
    setWhat('')
  }

  return (
    <form className="add-event" aria-label="Add a past event" onSubmit={submit}>
      <input
        type="datetime-local"
        aria-label="When"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
      />
      <input
        aria-label="What happened"
        placeholder="What happened"
        value={what}
        onChange={(e) => setWhat(e.target.value)}
      />
      <button type="submit">Add event</button>
    </form>
  )
}
