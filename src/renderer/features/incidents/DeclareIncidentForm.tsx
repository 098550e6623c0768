import { useState, type FormEvent } from 'react'
import { SEVERITIES, type Severity } from '../../../shared/incident/model'
import { useAppStore } from '../../stores/app-store'
import { fromLocalInput } from './format-time'

export function DeclareIncidentForm() {
  const declare = useAppStore((s) => s.declare)
  const [title, setTitle] = useState('')
  const [severity, setSeverity] = useState<Severity>('SEV2')
  const [observed, setObserved] = useState('')
  const [impactStart, setImpactStart] = useState('')
  const [leaderName, setLeaderName] = useState('')
  const [leaderTeam, setLeaderTeam] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!title.trim() || !leaderName.trim()) return
    void declare({
      title,
      severity,
      observed,
      impactStartedAt: fromLocalInput(impactStart),
      leaderName,
      leaderTeam,
    })
  }

  return (
    <form className="declare-form" aria-label="Declare an incident" onSubmit={submit}>
      <h2>Declare an incident</h2>
      <label>
        Title
        <input required value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Severity
        <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        What is observed
        <textarea rows={3} value={observed} onChange={(e) => setObserved(e.target.value)} />
      </label>
      <label>
        Impact started (if known)
        <input
          type="datetime-local"
          value={impactStart}
          onChange={(e) => setImpactStart(e.target.value)}
        />
      </label>
      <label>
        Your name (Incident Handling Leader)
        <input required value={leaderName} onChange={(e) => setLeaderName(e.target.value)} />
      </label>
      <label>
        Your team
        <input value={leaderTeam} onChange={(e) => setLeaderTeam(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        Declare incident
      </button>
    </form>
  )
}
