/**
 * The incident record: plain data, shared by the renderer's database, the postmortem and the
 * JSON backup. The row types are inferred from the schemas in ./record-schema.ts (imported
 * here as types only: zod stays out of the renderer's start-up bundle), so the record's
 * types and what an import accepts are one definition.
 */
import type { infer as Infer } from 'zod'
import type { CommandLogRow } from '../commands/command-log'
import type {
  closingReportSchema,
  incidentSchema,
  rowSchemas,
  timelineEventSchema,
} from './record-schema'

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

export const INCIDENT_STATUSES = ['active', 'closed', 'archived'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export const REPORT_STATUSES = ['draft', 'in-review', 'final'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

export type Incident = Infer<typeof incidentSchema>
export type ClosingReport = Infer<typeof closingReportSchema>

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

export const NOTE_KINDS = [
  'fact',
  'hypothesis',
  'decision',
  'question',
  'impact',
  'update',
] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const ACTION_TYPES = ['mitigate', 'prevent', 'detect', 'investigate', 'process'] as const
export type ActionType = (typeof ACTION_TYPES)[number]

export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

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
export interface TimelineEvent extends Infer<typeof timelineEventSchema> {
  /** Auto-incremented by the database: insertion order. */
  seq?: number
}

/** The incident's tables of rows (each row has its id and its incident's id). */
export type RowTable = keyof typeof rowSchemas
export type RowOf<T extends RowTable> = Infer<(typeof rowSchemas)[T]>

export type Person = RowOf<'people'>
export type RoleAssignment = RowOf<'roles'>
export type ChecklistItem = RowOf<'checklist'>
export type Note = RowOf<'notes'>
export type ActionItem = RowOf<'actionItems'>
export type StakeholderUpdate = RowOf<'stakeholderUpdates'>

/** How the rows of one table are kept in the record. */
export interface RowTableSpec<R> {
  /** The record's order of these rows (ties keep the database's key order). */
  order(a: R, b: R): number
  /** Fields naming a row of another table (followed when an import is kept as a copy). */
  references?: { [F in keyof R]?: RowTable }
}

/**
 * The incident's tables of rows, the order the record keeps each in, and what refers to
 * what. Adding a table to the record touches three files: its schema in ./record-schema.ts,
 * its entry here, its store in src/renderer/db/database.ts. Readers, writers, the JSON
 * backup, imports and the screen's copy of the record follow this list.
 */
export const ROW_TABLES: { readonly [T in RowTable]: RowTableSpec<RowOf<T>> } = {
  people: { order: (a, b) => a.joinedAt - b.joinedAt },
  roles: { order: (a, b) => a.assignedAt - b.assignedAt, references: { personId: 'people' } },
  checklist: {
    order: (a, b) => STAGE_IDS.indexOf(a.stage) - STAGE_IDS.indexOf(b.stage) || a.order - b.order,
  },
  notes: { order: (a, b) => a.createdAt - b.createdAt },
  actionItems: { order: (a, b) => a.createdAt - b.createdAt },
  stakeholderUpdates: { order: (a, b) => a.sentAt - b.sentAt },
}

export const ROW_TABLE_NAMES = Object.keys(ROW_TABLES) as RowTable[]

/** Rows of each table a change can put or remove, by table name. */
export type RecordRows = { incidents: Incident } & { [T in RowTable]: RowOf<T> }
export type RecordTable = keyof RecordRows

/**
 * One incident's whole record: what the screen shows, what the postmortem and the JSON
 * backup are made from, what an import writes. Read from the database or a file, rows are
 * in the order ROW_TABLES gives; acts on screen add new rows at the end.
 */
export type IncidentRecord = { [T in RowTable]: RowOf<T>[] } & {
  incident: Incident
  /** In time order (back-dated events where they belong), ties by insertion. */
  events: TimelineEvent[]
  /** Sequence numbers of the pinned events. */
  pinned: ReadonlySet<number>
  /** The hash-chained command log, in chain order. */
  commandLog: CommandLogRow[]
}
