import type { RosterMember } from '../../../shared/commands/gate-model'

/** Picks someone on the role board (proposer, approver, break-glass owner). */
export function PersonSelect({
  label,
  roster,
  value,
  onChange,
  exclude,
}: {
  label: string
  roster: readonly RosterMember[]
  value: string
  onChange(personId: string): void
  exclude?: string
}) {
  const people = roster.filter((member) => member.personId !== exclude)
  return (
    <label className="person-select">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose…</option>
        {people.map((member) => (
          <option key={member.personId} value={member.personId}>
            {member.name}
          </option>
        ))}
      </select>
    </label>
  )
}
