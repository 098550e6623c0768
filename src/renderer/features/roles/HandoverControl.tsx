import { useState } from 'react'
import type { RoleId } from '../../../shared/incident/model'
import { assignRole } from '../../../shared/incident/people-acts'
import { holderOf, ROLE_LABELS } from '../../../shared/incident/roles'
import type { IncidentRecord } from '../../db/record-reader'
import { useAppStore } from '../../stores/app-store'

/** Handing the leader or communication role to someone else: one recorded act. */
export function HandoverControl({ role, record }: { role: RoleId; record: IncidentRecord }) {
  const act = useAppStore((s) => s.act)
  const [to, setTo] = useState('')
  const holderId = holderOf(record.roles, role)
  const holder = record.people.find((p) => p.id === holderId)
  const candidates = record.people.filter((p) => p.leftAt === null && p.id !== holderId)
  const label = ROLE_LABELS[role]

  return (
    <div className="handover">
      <span>
        <strong>{label}:</strong>{' '}
        {holder
          ? holder.name
          : role === 'communication-leader'
            ? 'none (the leader communicates)'
            : 'none'}
      </span>
      <select aria-label={`Hand ${label} to`} value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">{holder ? 'Hand over to…' : 'Give to…'}</option>
        {candidates.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!to}
        onClick={() => {
          const person = record.people.find((p) => p.id === to)
          if (person) void act((c, r) => assignRole(c, person, role, r.roles, r.people))
          setTo('')
        }}
      >
        {holder ? `Hand over ${label}` : `Make ${label}`}
      </button>
    </div>
  )
}
