import type { RosterMember } from '../commands/gate-model'
import type { Person, RoleAssignment } from './model'

/** Who is in the war room now, with the roles they hold: what the gate counts approvals by. */
export function activeRoster(
  people: readonly Person[],
  roles: readonly RoleAssignment[],
): RosterMember[] {
  return people
    .filter((person) => person.leftAt === null)
    .map((person) => ({
      personId: person.id,
      name: person.name,
      roles: roles
        .filter((role) => role.personId === person.id && role.endedAt === null)
        .map((role) => role.role),
    }))
}
