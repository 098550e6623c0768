import type { RoleAssignment, RoleId } from './model'

export const ROLE_LABELS: Record<RoleId, string> = {
  'incident-leader': 'Incident Handling Leader',
  'communication-leader': 'Communication Leader',
  'operational-expert': 'Operational expert',
  scribe: 'Scribe',
  'service-owner': 'Service owner',
  stakeholder: 'Stakeholder / observer',
}

/** Assignments in force (not ended). */
export function activeAssignments(assignments: readonly RoleAssignment[]): RoleAssignment[] {
  return assignments.filter((a) => a.endedAt === null)
}

export function holderOf(assignments: readonly RoleAssignment[], role: RoleId): string | null {
  return activeAssignments(assignments).find((a) => a.role === role)?.personId ?? null
}

/** Roles one person holds now, in board order. */
export function rolesOf(assignments: readonly RoleAssignment[], personId: string): RoleId[] {
  const held = new Set(
    activeAssignments(assignments)
      .filter((a) => a.personId === personId)
      .map((a) => a.role),
  )
  return (Object.keys(ROLE_LABELS) as RoleId[]).filter((role) => held.has(role))
}

/**
 * How a person's roles read on the board. With no Communication Leader, the leader
 * communicates too, and the board says so.
 */
export function roleBadges(assignments: readonly RoleAssignment[], personId: string): string[] {
  const roles = rolesOf(assignments, personId)
  const badges = roles.map((role) => ROLE_LABELS[role])
  const leadsWithoutCommunicator =
    roles.includes('incident-leader') && holderOf(assignments, 'communication-leader') === null
  if (leadsWithoutCommunicator) badges.push('Also communicating')
  return badges
}
