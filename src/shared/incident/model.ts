/** The incident record: plain data, shared by the renderer's database and pure logic. */
import type { ApprovalPolicy } from '../commands/gate-model'

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const
export type Severity = (typeof SEVERITIES)[number]

export const STAGE_IDS = [
  'declaration',
  'understanding',
  'stop-bleeding',
  'closing',
  'postmortem',
] as const
export type StageId = (typeof STAGE_IDS)[number]

export type IncidentStatus = 'active' | 'closed' | 'archived'

export interface Incident {
  id: string
  title: string
  severity: Severity
  /** What is observed, in the declarer's words. */
  observed: string
  /** When impact started, if known (ms since epoch). */
  impactStartedAt: number | null
  declaredAt: number
  declaredBy: string
  status: IncidentStatus
  stage: StageId
  closedAt: number | null
  archivedAt: number | null
  /** The person at the keyboard: ticks and notes are recorded in their name. */
  operatorId: string | null
  /** Who must approve terminal commands (the default policy when absent). */
  approvalPolicy?: ApprovalPolicy
  /** When the stop-gap took the impact away, as the leader marked it. */
  mitigatedAt?: number | null
  /** The closing report the postmortem is written from (absent until someone writes). */
  closing?: ClosingReport
  updatedAt: number
}

export const REPORT_STATUSES = ['draft', 'in-review', 'final'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** What the leader writes when closing: the postmortem's own words. */
export interface ClosingReport {
  summary: string
  /** Who and what was affected, for how long, numbers where known. */
  impact: string
  detection: string
  trigger: string
  /** Root cause(s) and contributing factors. */
  rootCauses: string
  resolution: string
  /** Lessons learned: one per line in each list. */
  wentWell: string
  wentWrong: string
  gotLucky: string
  status: ReportStatus
  /** Who wrote the postmortem, comma-separated. */
  authors: string
}

export interface ChecklistItem {
  id: string
  incidentId: string
  stage: StageId
  text: string
  /** Sort key within the stage. */
  order: number
  checkedAt: number | null
  checkedBy: string | null
}

export const ROLE_IDS = [
  'incident-leader',
  'communication-leader',
  'operational-expert',
  'scribe',
  'service-owner',
  'stakeholder',
] as const
export type RoleId = (typeof ROLE_IDS)[number]

/** Roles held by one person at a time; handing one over ends the previous holder's. */
export const SINGLE_HOLDER_ROLES: readonly RoleId[] = ['incident-leader', 'communication-leader']

export interface Person {
  id: string
  incidentId: string
  name: string
  team: string
  contact: string
  /** What they are doing right now, as the leader last set it. */
  task: string
  joinedAt: number
  leftAt: number | null
}

export interface RoleAssignment {
  id: string
  incidentId: string
  personId: string
  role: RoleId
  assignedAt: number
  endedAt: number | null
}

export const NOTE_KINDS = [
  'fact',
  'hypothesis',
  'decision',
  'question',
  'impact',
  'update',
] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export interface Note {
  id: string
  incidentId: string
  kind: NoteKind
  text: string
  author: string
  createdAt: number
  updatedAt: number
  /** A note still being typed in the capture box: saved, not yet on the timeline. */
  draft: boolean
  /** Incremented on each recorded edit after the note was added. */
  revision: number
}

export const ACTION_TYPES = ['mitigate', 'prevent', 'detect', 'investigate', 'process'] as const
export type ActionType = (typeof ACTION_TYPES)[number]

export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export interface ActionItem {
  id: string
  incidentId: string
  title: string
  /** The person in charge: a name from the role board or free text. */
  owner: string
  /** The time box (ms since epoch, end of the due day). */
  dueAt: number | null
  deliverable: string
  type: ActionType
  status: ActionStatus
  /** Optional link to a ticket. */
  ticket: string
  createdAt: number
}

/** A stakeholder update as the Communication Leader sent it. */
export interface StakeholderUpdate {
  id: string
  incidentId: string
  happening: string
  impact: string
  doing: string
  /** When the next update was promised (null: none promised). */
  nextUpdateAt: number | null
  /** The text as copied and sent. */
  text: string
  sentAt: number
  sentBy: string | null
}

export const EVENT_KINDS = [
  'incident',
  'stage',
  'checklist',
  'role',
  'person',
  'note',
  'manual',
  'command',
  'comms',
  'action',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** One line of the append-only timeline. */
export interface TimelineEvent {
  /** Auto-incremented by the database: insertion order. */
  seq?: number
  incidentId: string
  /** When it happened (may be back-dated by the leader). */
  at: number
  /** When it was written down. */
  recordedAt: number
  kind: EventKind
  /** Machine-readable action, e.g. 'checklist.ticked'. */
  action: string
  /** One line for people. */
  summary: string
  actor: string | null
  refId: string | null
}
