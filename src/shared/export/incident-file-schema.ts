/**
 * The JSON backup of one incident, version 1: what it may contain, checked field by field
 * on import (strict objects: an unknown key such as `__proto__` is an error, not ignored).
 */
import { z } from 'zod'
import { approvalPolicySchema } from '../commands/approval-policy-schema'
import { COMMAND_LOG_KINDS } from '../commands/gate-model'
import {
  ACTION_STATUSES,
  ACTION_TYPES,
  EVENT_KINDS,
  NOTE_KINDS,
  REPORT_STATUSES,
  ROLE_IDS,
  SEVERITIES,
  STAGE_IDS,
} from '../incident/model'

export const INCIDENT_FILE_FORMAT = 'war-room-incident'
export const INCIDENT_FILE_VERSION = 1

/** Limits that no real incident reaches and that keep a hostile file from exhausting memory. */
export const LIMITS = {
  fileChars: 100_000_000,
  depth: 16,
  text: 100_000,
  name: 1_000,
  rows: 200_000,
  events: 1_000_000,
}

const id = z.string().min(1).max(128)
const time = z.number().int().min(0).max(8.64e15)
const text = z.string().max(LIMITS.text)
const name = z.string().max(LIMITS.name)
const rows = <T extends z.ZodType>(row: T, max = LIMITS.rows) => z.array(row).max(max)

const closingReport = z.strictObject({
  summary: text,
  impact: text,
  detection: text,
  trigger: text,
  rootCauses: text,
  resolution: text,
  wentWell: text,
  wentWrong: text,
  gotLucky: text,
  status: z.enum(REPORT_STATUSES),
  authors: name,
})

const incident = z.strictObject({
  id,
  title: name,
  severity: z.enum(SEVERITIES),
  observed: text,
  impactStartedAt: time.nullable(),
  declaredAt: time,
  declaredBy: name,
  status: z.enum(['active', 'closed', 'archived']),
  stage: z.enum(STAGE_IDS),
  closedAt: time.nullable(),
  archivedAt: time.nullable(),
  operatorId: id.nullable(),
  approvalPolicy: approvalPolicySchema.optional(),
  mitigatedAt: time.nullable().optional(),
  closing: closingReport.optional(),
  updatedAt: time,
})

const belongs = { id, incidentId: id }

const person = z.strictObject({
  ...belongs,
  name,
  team: name,
  contact: name,
  task: name,
  joinedAt: time,
  leftAt: time.nullable(),
})

const role = z.strictObject({
  ...belongs,
  personId: id,
  role: z.enum(ROLE_IDS),
  assignedAt: time,
  endedAt: time.nullable(),
})

const checklistItem = z.strictObject({
  ...belongs,
  stage: z.enum(STAGE_IDS),
  text: name,
  order: z.number(),
  checkedAt: time.nullable(),
  checkedBy: name.nullable(),
})

const note = z.strictObject({
  ...belongs,
  kind: z.enum(NOTE_KINDS),
  text,
  author: name,
  createdAt: time,
  updatedAt: time,
  draft: z.boolean(),
  revision: z.number().int().min(0),
})

const actionItem = z.strictObject({
  ...belongs,
  title: name,
  owner: name,
  dueAt: time.nullable(),
  deliverable: text,
  type: z.enum(ACTION_TYPES),
  status: z.enum(ACTION_STATUSES),
  ticket: name,
  createdAt: time,
})

const stakeholderUpdate = z.strictObject({
  ...belongs,
  happening: text,
  impact: text,
  doing: text,
  nextUpdateAt: time.nullable(),
  text,
  sentAt: time,
  sentBy: name.nullable(),
})

const timelineEvent = z.strictObject({
  incidentId: id,
  at: time,
  recordedAt: time,
  kind: z.enum(EVENT_KINDS),
  action: z.string().max(100),
  summary: text,
  actor: name.nullable(),
  refId: id.nullable(),
  pinned: z.boolean().optional(),
})

const shellContext = {
  cwd: text.nullable(),
  user: name.nullable(),
  host: name.nullable(),
  kubeContext: name.nullable(),
  kubeNamespace: name.nullable(),
}

const approval = z.strictObject({
  personId: id,
  name,
  at: time,
  hash: z.string().max(128),
  comment: text,
  via: z.enum(['own-device', 'in-room']),
  recordedBy: z.strictObject({ personId: id, name }).nullable(),
  signature: z
    .strictObject({
      algorithm: z.literal('ECDSA-P256-SHA256'),
      publicKey: z.string().max(1_000),
      fingerprint: z.string().max(100),
      signedAt: time,
      value: z.string().max(1_000),
    })
    .nullable(),
})

const logEntry = z.strictObject({
  kind: z.enum(COMMAND_LOG_KINDS),
  at: time,
  incidentId: z.string().max(128),
  proposalId: id.nullable(),
  personId: id.nullable(),
  personName: name.nullable(),
  text: text.nullable(),
  hash: z.string().max(128).nullable(),
  note: text.nullable(),
  context: z
    .union([
      z.strictObject({
        ...shellContext,
        firstWord: name,
        firstWordKind: z.enum(['alias', 'function', 'command']),
      }),
      z.strictObject(shellContext),
    ])
    .nullable(),
  approvers: z.array(name).max(100),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0).nullable(),
  output: text.nullable(),
  approval: approval.nullable().optional(),
  hostLog: z
    .strictObject({ logId: id, seq: z.number().int().min(0) })
    .nullable()
    .optional(),
})

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')

const commandLogRow = z.strictObject({ payload: logEntry, prevHash: sha256Hex, hash: sha256Hex })

export const incidentFileSchema = z.strictObject({
  format: z.literal(INCIDENT_FILE_FORMAT),
  version: z.literal(INCIDENT_FILE_VERSION),
  exportedAt: time,
  exportedBy: z.string().max(200),
  incident,
  people: rows(person),
  roles: rows(role),
  checklist: rows(checklistItem),
  notes: rows(note),
  events: rows(timelineEvent, LIMITS.events),
  actionItems: rows(actionItem),
  stakeholderUpdates: rows(stakeholderUpdate),
  commandLog: rows(commandLogRow),
})

export type IncidentFile = z.infer<typeof incidentFileSchema>
