import { useState, type ReactNode } from 'react'
import { ROLE_IDS, type Person, type RoleId } from '../../../shared/incident/model'
import { assignRole, endRole, personLeft, setTask } from '../../../shared/incident/people-acts'
import { ROLE_LABELS, roleBadges, rolesOf } from '../../../shared/incident/roles'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'
import { clockTime } from '../incidents/format-time'

export function PersonCard({
  person,
  record,
  children,
}: {
  person: Person
  record: IncidentRecord
  /** What else the board offers for this person (their invite link). */
  children?: ReactNode
}) {
  const act = useAppStore((s) => s.act)
  const [task, setTaskText] = useState(person.task)
  const held = rolesOf(record.roles, person.id)

  const saveTask = () => void act((c) => setTask(c, person, task))

  return (
    <li className="person" aria-label={person.name}>
      <div className="person-head">
        <strong>{person.name}</strong>
        {person.team && <span className="muted"> · {person.team}</span>}
        {person.contact && <span className="muted"> · {person.contact}</span>}
        <span className="muted"> · joined {clockTime(person.joinedAt)}</span>
      </div>
      <div className="badges">
        {roleBadges(record.roles, person.id).map((badge) => (
          <span key={badge} className="badge">
            {badge}
          </span>
        ))}
      </div>
      <label className="inline-field">
        Task
        <input
          aria-label={`Task for ${person.name}`}
          value={task}
          placeholder={held.includes('incident-leader') ? 'Leading' : 'What are they doing now?'}
          onChange={(e) => setTaskText(e.target.value)}
          onBlur={saveTask}
          onKeyDown={(e) => e.key === 'Enter' && saveTask()}
        />
      </label>
      <div className="person-actions">
        <select
          aria-label={`Give ${person.name} a role`}
          value=""
          onChange={(e) =>
            void act((c, r) => assignRole(c, person, e.target.value as RoleId, r.roles, r.people))
          }
        >
          <option value="">Give a role…</option>
          {ROLE_IDS.filter((role) => !held.includes(role)).map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {held.map((role) => (
          <button
            key={role}
            type="button"
            className="link"
            aria-label={`End ${ROLE_LABELS[role]} for ${person.name}`}
            onClick={() => void act((c, r) => endRole(c, person, role, r.roles))}
          >
            Not {ROLE_LABELS[role]}
          </button>
        ))}
        <button
          type="button"
          className="link"
          aria-label={`${person.name} left`}
          onClick={() => void act((c, r) => personLeft(c, person, r.roles))}
        >
          Left the room
        </button>
      </div>
      {children}
    </li>
  )
}
