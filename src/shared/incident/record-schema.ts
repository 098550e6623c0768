/**
 * The incident record's rows as schemas: what each row holds, checked field by field when
 * an incident is imported (strict objects: an unknown key such as `__proto__` is an error,
 * not ignored). The record's types are inferred from these (./model.ts imports them as
 * types only, so zod stays out of the renderer's start-up bundle): type and check are one
 * definition and cannot drift.
 */
import { z } from 'zod'
import { approvalPolicySchema } from '../commands/approval-policy-schema'
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  EVENT_KINDS,
  INCIDENT_STATUSES,
  NOTE_KINDS,
  REPORT_STATUSES,
  ROLE_IDS,
  SEVERITIES,
  STAGE_IDS,
} from './model'

/** Longest text fields: no real incident reaches them; a hostile file cannot exhaust memory. */
export const FIELD_LIMITS = {
  /** Prose: notes, the closing report, stakeholder updates, command output. */
  text: 100_000,
  /** Names, titles, one-line fields. */
  name: 1_000,
}

export const idSchema = z.string().min(1).max(128)
/** Milliseconds since the epoch, within what a JavaScript Date can hold. */
export const timeSchema = z.number().int().min(0).max(8.64e15)
export const textSchema = z.string().max(FIELD_LIMITS.text)
export const nameSchema = z.string().max(FIELD_LIMITS.name)

/** What the leader writes when closing: the postmortem's own words. */
export const closingReportSchema = z.strictObject({
  summary: textSchema,
  /** Who and what was affected, for how long, numbers where known. */
  impact: textSchema,
  detection: textSchema,
  trigger: textSchema,
  /** Root cause(s) and contributing factors. */
  rootCauses: textSchema,
  resolution: textSchema,
  /** Lessons learned: one per line in each list. */
  wentWell: textSchema,
  wentWrong: textSchema,
  gotLucky: textSchema,
  status: z.enum(REPORT_STATUSES),
  /** Who wrote the postmortem, comma-separated. */
  authors: nameSchema,
})

export const incidentSchema = z.strictObject({
  id: idSchema,
  title: nameSchema,
  severity: z.enum(SEVERITIES),
  /** What is observed, in the declarer's words. */
  observed: textSchema,
  /** When impact started, if known. */
  impactStartedAt: timeSchema.nullable(),
  declaredAt: timeSchema,
  declaredBy: nameSchema,
  status: z.enum(INCIDENT_STATUSES),
  stage: z.enum(STAGE_IDS),
  closedAt: timeSchema.nullable(),
  archivedAt: timeSchema.nullable(),
  /** The person at the keyboard: ticks and notes are recorded in their name. */
  operatorId: idSchema.nullable(),
  /** Who must approve terminal commands (the default policy when absent). */
  approvalPolicy: approvalPolicySchema.optional(),
  /** When the stop-gap took the impact away, as the leader marked it. */
  mitigatedAt: timeSchema.nullable().optional(),
  /** The closing report the postmortem is written from (absent until someone writes). */
  closing: closingReportSchema.optional(),
  updatedAt: timeSchema,
})

/** Every row of the incident's tables has its own id and its incident's. */
const belongs = { id: idSchema, incidentId: idSchema }

const personSchema = z.strictObject({
  ...belongs,
  name: nameSchema,
  team: nameSchema,
  contact: nameSchema,
  /** What they are doing right now, as the leader last set it. */
  task: nameSchema,
  joinedAt: timeSchema,
  leftAt: timeSchema.nullable(),
})

const roleAssignmentSchema = z.strictObject({
  ...belongs,
  personId: idSchema,
  role: z.enum(ROLE_IDS),
  assignedAt: timeSchema,
  endedAt: timeSchema.nullable(),
})

const checklistItemSchema = z.strictObject({
  ...belongs,
  stage: z.enum(STAGE_IDS),
  text: nameSchema,
  /** Sort key within the stage. */
  order: z.number(),
  checkedAt: timeSchema.nullable(),
  checkedBy: nameSchema.nullable(),
})

const noteSchema = z.strictObject({
  ...belongs,
  kind: z.enum(NOTE_KINDS),
  text: textSchema,
  author: nameSchema,
  createdAt: timeSchema,
  updatedAt: timeSchema,
  /** A note still being typed in the capture box: saved, not yet on the timeline. */
  draft: z.boolean(),
  /** Incremented on each recorded edit after the note was added. */
  revision: z.number().int().min(0),
})

const actionItemSchema = z.strictObject({
  ...belongs,
  title: nameSchema,
  /** The person in charge: a name from the role board or free text. */
  owner: nameSchema,
  /** The time box (end of the due day). */
  dueAt: timeSchema.nullable(),
  deliverable: textSchema,
  type: z.enum(ACTION_TYPES),
  status: z.enum(ACTION_STATUSES),
  /** Optional link to a ticket. */
  ticket: nameSchema,
  createdAt: timeSchema,
})

/** A stakeholder update as the Communication Leader sent it. */
const stakeholderUpdateSchema = z.strictObject({
  ...belongs,
  happening: textSchema,
  impact: textSchema,
  doing: textSchema,
  /** When the next update was promised (null: none promised). */
  nextUpdateAt: timeSchema.nullable(),
  /** The text as copied and sent. */
  text: textSchema,
  sentAt: timeSchema,
  sentBy: nameSchema.nullable(),
})

/**
 * The incident's tables of rows, by table name. Adding a table to the record: its schema
 * here, its entry in ROW_TABLES (./model.ts), its store in src/renderer/db/database.ts.
 */
export const rowSchemas = {
  people: personSchema,
  roles: roleAssignmentSchema,
  checklist: checklistItemSchema,
  notes: noteSchema,
  actionItems: actionItemSchema,
  stakeholderUpdates: stakeholderUpdateSchema,
}

/** One line of the append-only timeline (its sequence number is the database's key). */
export const timelineEventSchema = z.strictObject({
  incidentId: idSchema,
  /** When it happened (may be back-dated by the leader). */
  at: timeSchema,
  /** When it was written down. */
  recordedAt: timeSchema,
  kind: z.enum(EVENT_KINDS),
  /** Machine-readable action, e.g. 'checklist.ticked'. */
  action: z.string().max(100),
  /** One line for people. */
  summary: textSchema,
  actor: nameSchema.nullable(),
  refId: idSchema.nullable(),
})
