import type { ApprovalPolicy } from '../commands/gate-model'
import { describePolicy } from '../commands/approval-policy'
import { event, type ActContext, type RecordChange } from './change'
import type { ChecklistItem, Incident, Person, RoleAssignment, Severity, StageId } from './model'
import { stageLabel, STAGES } from './stages'

export interface Declaration {
  title: string
  severity: Severity
  observed: string
  impactStartedAt: number | null
  /** Who declares: they become the Incident Handling Leader. */
  leaderName: string
  leaderTeam: string
}

/** Declares an incident: the record, its leader, and the default checklist per stage. */
export function declareIncident(
  context: ActContext,
  input: Declaration,
): { incident: Incident; change: RecordChange } {
  const id = context.newId()
  const leader: Person = {
    id: context.newId(),
    incidentId: id,
    name: input.leaderName.trim(),
    team: input.leaderTeam.trim(),
    contact: '',
    task: 'Leading the incident',
    joinedAt: context.now,
    leftAt: null,
  }
  const incident: Incident = {
    id,
    title: input.title.trim(),
    severity: input.severity,
    observed: input.observed.trim(),
    impactStartedAt: input.impactStartedAt,
    declaredAt: context.now,
    declaredBy: leader.name,
    status: 'active',
    stage: 'declaration',
    closedAt: null,
    archivedAt: null,
    operatorId: leader.id,
    updatedAt: context.now,
  }
  const role: RoleAssignment = {
    id: context.newId(),
    incidentId: id,
    personId: leader.id,
    role: 'incident-leader',
    assignedAt: context.now,
    endedAt: null,
  }
  const checklist: ChecklistItem[] = STAGES.flatMap((stage) =>
    stage.defaultItems.map((text, index) => ({
      id: context.newId(),
      incidentId: id,
      stage: stage.id,
      text,
      order: (index + 1) * 1000,
      checkedAt: null,
      checkedBy: null,
    })),
  )
  const as = { ...context, actor: leader.name }
  const events = [
    event(as, id, {
      kind: 'incident',
      action: 'incident.declared',
      summary: `${input.severity} declared: ${incident.title}`,
      refId: id,
    }),
    event(as, id, {
      kind: 'role',
      action: 'role.assigned',
      summary: `${leader.name} is Incident Handling Leader`,
      refId: leader.id,
    }),
  ]
  if (input.impactStartedAt !== null) {
    events.unshift(
      event(as, id, {
        kind: 'incident',
        action: 'impact.started',
        summary: 'Impact started',
        at: input.impactStartedAt,
      }),
    )
  }
  return {
    incident,
    change: {
      changes: [
        { table: 'incidents', put: [incident] },
        { table: 'people', put: [leader] },
        { table: 'roles', put: [role] },
        { table: 'checklist', put: checklist },
      ],
      events,
    },
  }
}

function updated(context: ActContext, incident: Incident, patch: Partial<Incident>): Incident {
  return { ...incident, ...patch, updatedAt: context.now }
}

export function changeStage(
  context: ActContext,
  incident: Incident,
  stage: StageId,
): RecordChange | null {
  if (incident.stage === stage) return null
  return {
    changes: [{ table: 'incidents', put: [updated(context, incident, { stage })] }],
    events: [
      event(context, incident.id, {
        kind: 'stage',
        action: 'stage.changed',
        summary: `Stage: ${stageLabel(incident.stage)} → ${stageLabel(stage)}`,
      }),
    ],
  }
}

/** A change of the incident's status: the row updated and one incident event. */
function statusChange(
  context: ActContext,
  incident: Incident,
  patch: Partial<Incident>,
  what: 'closed' | 'reopened' | 'archived',
): RecordChange {
  return {
    changes: [{ table: 'incidents', put: [updated(context, incident, patch)] }],
    events: [
      event(context, incident.id, {
        kind: 'incident',
        action: `incident.${what}`,
        summary: `Incident ${what}`,
      }),
    ],
  }
}

export function closeIncident(context: ActContext, incident: Incident): RecordChange {
  return statusChange(context, incident, { status: 'closed', closedAt: context.now }, 'closed')
}

export function reopenIncident(context: ActContext, incident: Incident): RecordChange {
  const patch = { status: 'active' as const, closedAt: null, archivedAt: null }
  return statusChange(context, incident, patch, 'reopened')
}

export function archiveIncident(context: ActContext, incident: Incident): RecordChange {
  const patch = {
    status: 'archived' as const,
    archivedAt: context.now,
    closedAt: incident.closedAt ?? context.now,
  }
  return statusChange(context, incident, patch, 'archived')
}

/** Who is at the keyboard: their name goes on ticks, notes and events. */
export function setOperator(context: ActContext, incident: Incident, person: Person): RecordChange {
  return {
    changes: [{ table: 'incidents', put: [updated(context, incident, { operatorId: person.id })] }],
    events: [],
  }
}

/** An event written down after the fact, e.g. when impact really started. */
export function addManualEvent(
  context: ActContext,
  incident: Incident,
  at: number,
  summary: string,
): RecordChange {
  return {
    changes: [],
    events: [event(context, incident.id, { kind: 'manual', action: 'event.added', summary, at })],
  }
}

/** Changes who must approve terminal commands; the timeline says what the policy now is. */
export function setApprovalPolicy(
  context: ActContext,
  incident: Incident,
  policy: ApprovalPolicy,
): RecordChange {
  return {
    changes: [
      { table: 'incidents', put: [updated(context, incident, { approvalPolicy: policy })] },
    ],
    events: [
      event(context, incident.id, {
        kind: 'command',
        action: 'policy.changed',
        summary: describePolicy(policy),
      }),
    ],
  }
}
