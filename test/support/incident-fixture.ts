/**
 * A whole incident record, built as War Room would have recorded it: people and roles with a
 * handover, ticked checklist, notes, stakeholder updates, action items, commands proposed,
 * approved, run and rejected (a real hash chain), and the timeline. Every piece of user
 * text comes from `text`, so tests can put hostile strings anywhere; sizes are adjustable
 * for benchmarks.
 */
import { appendToChain } from '../../src/shared/commands/hash-chain'
import type { CommandLogRow } from '../../src/shared/commands/command-log'
import type { CommandLogEntry } from '../../src/shared/commands/gate-model'
import { STAGES } from '../../src/shared/incident/stages'
import type {
  ActionItem,
  ChecklistItem,
  Incident,
  IncidentRecord,
  Note,
  Person,
  RoleAssignment,
  StakeholderUpdate,
  TimelineEvent,
} from '../../src/shared/incident/model'
import { NOTE_KINDS, EVENT_KINDS } from '../../src/shared/incident/model'

export interface FixtureOptions {
  /** User text for a field (the field name and an index make it traceable). */
  text?: (field: string, index: number) => string
  events?: number
  commands?: number
  notes?: number
  actionItems?: number
  stakeholderUpdates?: number
  /** Still open: no closing report, not mitigated, not closed. */
  open?: boolean
  /** A break-glass session in the command log (default true). */
  breakGlass?: boolean
  incidentId?: string
  /** Sequence numbers of the events to pin. */
  pinned?: number[]
  /** Put before every row id, so several fixtures can live in one database. */
  rowIdPrefix?: string
}

export const T0 = Date.UTC(2026, 10, 25, 13, 0, 0)
const MIN = 60_000

export function fixtureIncident(options: FixtureOptions = {}): IncidentRecord {
  const text = options.text ?? ((field, index) => `${field} ${index}`)
  const id = options.incidentId ?? 'inc-1'
  const px = options.rowIdPrefix ?? ''
  const incident: Incident = {
    id,
    title: text('title', 0),
    severity: 'SEV1',
    observed: text('observed', 0),
    impactStartedAt: T0 - 12 * MIN,
    declaredAt: T0,
    declaredBy: text('leader', 0),
    status: options.open ? 'active' : 'closed',
    stage: options.open ? 'stop-bleeding' : 'postmortem',
    closedAt: options.open ? null : T0 + 95 * MIN,
    archivedAt: null,
    operatorId: `${px}p-1`,
    mitigatedAt: options.open ? null : T0 + 41 * MIN,
    closing: {
      summary: text('summary', 0),
      impact: text('impact', 0),
      detection: text('detection', 0),
      trigger: text('trigger', 0),
      rootCauses: text('rootCauses', 0),
      resolution: text('resolution', 0),
      wentWell: `${text('wentWell', 0)}\n${text('wentWell', 1)}`,
      wentWrong: text('wentWrong', 0),
      gotLucky: text('gotLucky', 0),
      status: 'in-review',
      authors: text('authors', 0),
    },
    updatedAt: T0 + 95 * MIN,
  }
  if (options.open) delete incident.closing
  const person = (n: number, field: string): Person => ({
    id: `${px}p-${n}`,
    incidentId: id,
    name: n === 1 ? incident.declaredBy : text(field, n),
    team: text('team', n),
    contact: '',
    task: '',
    joinedAt: T0 + n * MIN,
    leftAt: null,
  })
  const people = [person(1, 'leader'), person(2, 'expert'), person(3, 'comms')]
  const role = (
    n: number,
    personId: string,
    r: RoleAssignment['role'],
    at: number,
    endedAt: number | null = null,
  ): RoleAssignment => ({
    id: `${px}r-${n}`,
    incidentId: id,
    personId,
    role: r,
    assignedAt: at,
    endedAt,
  })
  // In the record's order (by assignment time).
  const roles = [
    role(1, `${px}p-1`, 'incident-leader', T0),
    role(3, `${px}p-1`, 'communication-leader', T0, T0 + 3 * MIN),
    role(2, `${px}p-2`, 'operational-expert', T0 + 2 * MIN),
    role(4, `${px}p-3`, 'communication-leader', T0 + 3 * MIN),
  ]
  const checklist: ChecklistItem[] = STAGES.flatMap((stage, s) =>
    stage.defaultItems.map((item, i) => ({
      id: `${px}c-${s}-${i}`,
      incidentId: id,
      stage: stage.id,
      text: i === 0 ? text('checklist', s) : item,
      order: (i + 1) * 1000,
      checkedAt: s < 3 ? T0 + (s * 10 + i) * MIN : null,
      checkedBy: s < 3 ? people[0]!.name : null,
    })),
  )
  const notes: Note[] = Array.from({ length: options.notes ?? 6 }, (_, i) => ({
    id: `${px}n-${i}`,
    incidentId: id,
    kind: NOTE_KINDS[i % NOTE_KINDS.length]!,
    text: text('note', i),
    author: people[i % 3]!.name,
    createdAt: T0 + (5 + (i % 80)) * MIN,
    updatedAt: T0 + (5 + (i % 80)) * MIN,
    draft: false,
    revision: 1,
  }))
  const actionItems: ActionItem[] = Array.from({ length: options.actionItems ?? 3 }, (_, i) => ({
    id: `${px}a-${i}`,
    incidentId: id,
    title: text('action', i),
    owner: i === 0 ? people[1]!.name : text('owner', i),
    dueAt: T0 + (i - 1) * 7 * 24 * 60 * MIN,
    deliverable: text('deliverable', i),
    type: (['prevent', 'detect', 'process'] as const)[i % 3]!,
    status: i === 2 ? 'done' : 'open',
    ticket: i === 0 ? 'https://tickets.example.com/INC-42' : text('ticket', i),
    createdAt: T0 + 90 * MIN,
  }))
  const stakeholderUpdates: StakeholderUpdate[] = Array.from(
    { length: options.stakeholderUpdates ?? 2 },
    (_, i) => ({
      id: `${px}u-${i}`,
      incidentId: id,
      happening: text('happening', i),
      impact: text('updateImpact', i),
      doing: text('doing', i),
      nextUpdateAt: T0 + (i + 1) * 30 * MIN,
      text: `${text('updateText', i)}\nNext update at 14:00`,
      sentAt: T0 + (4 + i * 30) * MIN,
      sentBy: people[2]!.name,
    }),
  )

  const commandLog: CommandLogRow[] = []
  const log = (entry: Partial<CommandLogEntry> & Pick<CommandLogEntry, 'kind' | 'at'>) => {
    const payload: CommandLogEntry = {
      incidentId: id,
      proposalId: null,
      personId: null,
      personName: null,
      text: null,
      hash: null,
      note: null,
      context: null,
      approvers: [],
      exitCode: null,
      durationMs: null,
      output: null,
      ...entry,
    }
    commandLog.push({ ...appendToChain(commandLog, payload), incidentId: id })
  }
  const commandCount = options.commands ?? 3
  for (let i = 0; i < commandCount; i++) {
    const at = T0 + (20 + (i % 60)) * MIN + i
    const proposal = {
      proposalId: `prop-${i}`,
      text: i === 0 ? 'kubectl rollout undo deployment/api -n prod' : text('command', i),
      hash: 'ab'.repeat(32),
      context: {
        cwd: i === 0 ? '/srv' : text('cwd', i),
        user: 'ops',
        host: 'bastion',
        kubeContext: i === 0 ? 'prod' : text('kubeContext', i),
        kubeNamespace: 'api',
        firstWord: 'kubectl',
        firstWordKind: 'command' as const,
      },
    }
    log({ kind: 'proposed', at, personName: people[0]!.name, ...proposal })
    if (i % 6 === 5) continue // still pending at export
    if (i % 5 === 4) {
      log({
        kind: 'rejected',
        at: at + 1000,
        personName: people[1]!.name,
        note: text('rejection', i),
        ...proposal,
      })
      continue
    }
    log({
      kind: 'approved',
      at: at + 1000,
      personName: people[1]!.name,
      note: text('approval', i),
      ...proposal,
    })
    log({
      kind: 'started',
      at: at + 2000,
      personName: people[0]!.name,
      approvers: [people[1]!.name],
      ...proposal,
    })
    if (i % 7 === 6) continue // still running at export
    log({
      kind: 'finished',
      at: at + 3500,
      exitCode: i % 7 === 3 ? 1 : 0,
      durationMs: 1500,
      output: text('output', i),
      ...proposal,
    })
  }
  if (options.breakGlass ?? true) {
    log({
      kind: 'break-glass-started',
      at: T0 + 50 * MIN,
      personName: people[1]!.name,
      note: text('breakGlass', 0),
    })
    log({ kind: 'break-glass-ended', at: T0 + 52 * MIN, personName: people[1]!.name })
  }

  const events: TimelineEvent[] = Array.from({ length: options.events ?? 12 }, (_, i) => ({
    seq: i + 1,
    incidentId: id,
    at: T0 + Math.floor((i * 95 * MIN) / Math.max(1, options.events ?? 12)),
    recordedAt: T0 + i,
    kind: EVENT_KINDS[i % EVENT_KINDS.length]!,
    action: 'event.added',
    summary: text('event', i),
    actor: people[i % 3]!.name,
    refId: null,
  }))

  return {
    incident,
    people,
    roles,
    checklist,
    notes,
    events,
    actionItems,
    stakeholderUpdates,
    pinned: new Set(options.pinned ?? []),
    commandLog,
  }
}
