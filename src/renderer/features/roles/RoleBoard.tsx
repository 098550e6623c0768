import './roles.css'
import { useState, type FormEvent } from 'react'
import { ROLE_IDS, type RoleId } from '../../../shared/incident/model'
import { addPerson } from '../../../shared/incident/people-acts'
import { ROLE_LABELS } from '../../../shared/incident/roles'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'
import { InviteControl } from '../invites/InviteControl'
import { useInvites } from '../invites/use-invites'
import { HandoverControl } from './HandoverControl'
import { PersonCard } from './PersonCard'

function AddPersonForm() {
  const act = useAppStore((s) => s.act)
  const [name, setName] = useState('')
  const [team, setTeam] = useState('')
  const [contact, setContact] = useState('')
  const [role, setRole] = useState<RoleId>('operational-expert')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!name.trim()) return
    void act((c, r) =>
      addPerson(c, r.incident.id, { name, team, contact, roles: [role] }, r.roles, r.people),
    )
    setName('')
    setTeam('')
    setContact('')
  }

  return (
    <form className="add-person" aria-label="Add a person" onSubmit={submit}>
      <input
        aria-label="Name"
        placeholder="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <input
        aria-label="Team"
        placeholder="Team"
        value={team}
        onChange={(e) => setTeam(e.target.value)}
      />
      <input
        aria-label="Contact"
        placeholder="Contact"
        value={contact}
        onChange={(e) => setContact(e.target.value)}
      />
      <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as RoleId)}>
        {ROLE_IDS.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button type="submit">Add person</button>
    </form>
  )
}

export function RoleBoard({ record }: { record: IncidentRecord }) {
  const present = record.people.filter((p) => p.leftAt === null)
  const gone = record.people.filter((p) => p.leftAt !== null)
  const invites = useInvites(record.incident.id)
  const connected = invites.presence.length
  return (
    <section className="panel panel-roles" aria-label="Role board">
      <header className="panel-header">
        <h2>Role board</h2>
        <span className="muted">
          {present.length} in the room
          {connected > 0 ? ` · ${connected} connected from their own device` : ''}
        </span>
      </header>
      <div className="panel-body">
        <HandoverControl role="incident-leader" record={record} />
        <HandoverControl role="communication-leader" record={record} />
        <ul className="people">
          {present.map((person) => (
            <PersonCard key={person.id} person={person} record={record}>
              {invites.available && record.incident.status === 'active' && (
                <InviteControl
                  incidentId={record.incident.id}
                  personId={person.id}
                  name={person.name}
                  invites={invites.invites}
                  presence={invites.presence}
                  onChanged={() => void invites.refresh()}
                />
              )}
            </PersonCard>
          ))}
        </ul>
        <AddPersonForm />
        {gone.length > 0 && (
          <details>
            <summary>Left the room ({gone.length})</summary>
            <ul>
              {gone.map((p) => (
                <li key={p.id} className="muted">
                  {p.name}: {clockTime(p.joinedAt)}–{clockTime(p.leftAt!)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  )
}
