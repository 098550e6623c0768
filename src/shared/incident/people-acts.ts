import { event, type ActContext, type RecordChange, type TableChange } from './change'
import type { Person, RoleAssignment, RoleId } from './model'
import { SINGLE_HOLDER_ROLES } from './model'
import { activeAssignments, ROLE_LABELS } from './roles'

export interface Arrival {
  name: string
  team: string
  contact: string
  roles: readonly RoleId[]
}

export function addPerson(
  context: ActContext,
  incidentId: string,
  arrival: Arrival,
  assignments: readonly RoleAssignment[],
  people: readonly Person[],
): RecordChange {
  const person: Person = {
    id: context.newId(),
    incidentId,
    name: arrival.name.trim(),
    team: arrival.team.trim(),
    contact: arrival.contact.trim(),
    task: '',
    joinedAt: context.now,
    leftAt: null,
  }
  const joined: RecordChange = {
    changes: [{ table: 'people', put: [person] }],
    events: [
      event(context, incidentId, {
        kind: 'person',
        action: 'person.joined',
        summary: `${person.name}${person.team ? ` (${person.team})` : ''} joined`,
        refId: person.id,
      }),
    ],
  }
  return arrival.roles.reduce(
    (change, role) => merge(change, assignRole(context, person, role, assignments, people)),
    joined,
  )
}

export function personLeft(
  context: ActContext,
  person: Person,
  assignments: readonly RoleAssignment[],
): RecordChange {
  const ended = activeAssignments(assignments)
    .filter((a) => a.personId === person.id)
    .map((a) => ({ ...a, endedAt: context.now }))
  return {
    changes: [
      { table: 'people', put: [{ ...person, leftAt: context.now }] },
      { table: 'roles', put: ended },
    ],
    events: [
      event(context, person.incidentId, {
        kind: 'person',
        action: 'person.left',
        summary: `${person.name} left the war room`,
        refId: person.id,
      }),
    ],
  }
}

export function setTask(context: ActContext, person: Person, task: string): RecordChange | null {
  const next = task.trim()
  if (next === person.task) return null
  return {
    changes: [{ table: 'people', put: [{ ...person, task: next }] }],
    events: [
      event(context, person.incidentId, {
        kind: 'person',
        action: 'person.task',
        summary: next ? `${person.name} is now on: ${next}` : `${person.name} has no task`,
        refId: person.id,
      }),
    ],
  }
}

/**
 * Gives a person a role. For the leader and communication roles, one person holds it at a
 * time: giving it to someone else is a handover, recorded as one act.
 */
export function assignRole(
  context: ActContext,
  person: Person,
  role: RoleId,
  assignments: readonly RoleAssignment[],
  people: readonly Person[],
): RecordChange {
  const active = activeAssignments(assignments)
  if (active.some((a) => a.personId === person.id && a.role === role)) {
    return { changes: [], events: [] }
  }
  const assignment: RoleAssignment = {
    id: context.newId(),
    incidentId: person.incidentId,
    personId: person.id,
    role,
    assignedAt: context.now,
    endedAt: null,
  }
  const previous = SINGLE_HOLDER_ROLES.includes(role)
    ? active.find((a) => a.role === role)
    : undefined
  const previousName = previous ? people.find((p) => p.id === previous.personId)?.name : undefined
  const roles: TableChange = {
    table: 'roles',
    put: previous ? [{ ...previous, endedAt: context.now }, assignment] : [assignment],
  }
  return {
    changes: [roles],
    events: [
      event(context, person.incidentId, {
        kind: 'role',
        action: previous ? 'role.handover' : 'role.assigned',
        summary: previous
          ? `${ROLE_LABELS[role]} handed over from ${previousName ?? 'someone'} to ${person.name}`
          : `${person.name} is ${ROLE_LABELS[role]}`,
        refId: person.id,
      }),
    ],
  }
}

export function endRole(
  context: ActContext,
  person: Person,
  role: RoleId,
  assignments: readonly RoleAssignment[],
): RecordChange | null {
  const current = activeAssignments(assignments).find(
    (a) => a.personId === person.id && a.role === role,
  )
  if (!current) return null
  return {
    changes: [{ table: 'roles', put: [{ ...current, endedAt: context.now }] }],
    events: [
      event(context, person.incidentId, {
        kind: 'role',
        action: 'role.ended',
        summary: `${person.name} is no longer ${ROLE_LABELS[role]}`,
        refId: person.id,
      }),
    ],
  }
}

export function merge(a: RecordChange, b: RecordChange): RecordChange {
  return { changes: [...a.changes, ...b.changes], events: [...a.events, ...b.events] }
}
