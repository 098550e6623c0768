/**
 * The JSON backup of one incident, version 1: what it may contain, checked field by field
 * on import (strict objects: an unknown key such as `__proto__` is an error, not ignored).
 * The record's rows are ../incident/record-schema.ts's, the very schemas the record's types
 * are inferred from; the command log's entries are checked against the gate's type below.
 */
import { z } from 'zod'
import { COMMAND_LOG_KINDS, type CommandLogEntry } from '../commands/gate-model'
import { ROW_TABLE_NAMES, type RowTable } from '../incident/model'
import {
  FIELD_LIMITS,
  idSchema,
  incidentSchema,
  nameSchema,
  rowSchemas,
  textSchema,
  timelineEventSchema,
  timeSchema,
} from '../incident/record-schema'

export const INCIDENT_FILE_FORMAT = 'war-room-incident'
export const INCIDENT_FILE_VERSION = 1

/** Limits that no real incident reaches and that keep a hostile file from exhausting memory. */
export const LIMITS = {
  fileChars: 100_000_000,
  depth: 16,
  ...FIELD_LIMITS,
  rows: 200_000,
  events: 1_000_000,
}

const rows = <T extends z.ZodType>(row: T, max = LIMITS.rows) => z.array(row).max(max)

/** Every table of rows of the record, each as a bounded array. */
const rowArrays = Object.fromEntries(
  ROW_TABLE_NAMES.map((table) => [table, rows(rowSchemas[table])]),
) as { [T in RowTable]: z.ZodArray<(typeof rowSchemas)[T]> }

const shellContext = {
  cwd: textSchema.nullable(),
  user: nameSchema.nullable(),
  host: nameSchema.nullable(),
  kubeContext: nameSchema.nullable(),
  kubeNamespace: nameSchema.nullable(),
  path: textSchema.nullable().optional(),
}

/** An approval as the gate recorded it (with the approver's signature, if they signed). */
const approval = z.strictObject({
  personId: idSchema,
  name: nameSchema,
  at: timeSchema,
  hash: z.string().max(128),
  comment: textSchema,
  via: z.enum(['own-device', 'in-room']),
  recordedBy: z.strictObject({ personId: idSchema, name: nameSchema }).nullable(),
  signature: z
    .strictObject({
      algorithm: z.literal('ECDSA-P256-SHA256'),
      publicKey: z.string().max(1_000),
      fingerprint: z.string().max(100),
      signedAt: timeSchema,
      value: z.string().max(1_000),
    })
    .nullable(),
  joinedFrom: z
    .strictObject({
      address: z.string().max(100),
      loopback: z.boolean(),
      thisMachine: z.boolean(),
      userAgent: z.string().max(1_000).nullable(),
    })
    .nullable()
    .optional(),
})

const logEntry = z.strictObject({
  kind: z.enum(COMMAND_LOG_KINDS),
  at: timeSchema,
  incidentId: z.string().max(128),
  proposalId: idSchema.nullable(),
  personId: idSchema.nullable(),
  personName: nameSchema.nullable(),
  text: textSchema.nullable(),
  hash: z.string().max(128).nullable(),
  note: textSchema.nullable(),
  context: z
    .union([
      z.strictObject({
        ...shellContext,
        firstWord: nameSchema,
        firstWordKind: z.enum(['alias', 'function', 'command']),
      }),
      z.strictObject(shellContext),
    ])
    .nullable(),
  approvers: z.array(nameSchema).max(100),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().min(0).nullable(),
  output: textSchema.nullable(),
  approval: approval.nullable().optional(),
  hostLog: z
    .strictObject({ logId: idSchema, seq: z.number().int().min(0) })
    .nullable()
    .optional(),
  publicKey: z.string().max(1_000).nullable().optional(),
})

/**
 * The gate's CommandLogEntry and what a file may hold are the same shape: `tsc` fails here
 * when either gains, loses or changes a field without the other.
 */
type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false
const logEntryMatchesGate: SameShape<z.output<typeof logEntry>, CommandLogEntry> = true
void logEntryMatchesGate

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex')

const commandLogRow = z.strictObject({ payload: logEntry, prevHash: sha256Hex, hash: sha256Hex })

export const incidentFileSchema = z.strictObject({
  format: z.literal(INCIDENT_FILE_FORMAT),
  version: z.literal(INCIDENT_FILE_VERSION),
  exportedAt: timeSchema,
  exportedBy: z.string().max(200),
  incident: incidentSchema,
  ...rowArrays,
  events: rows(timelineEventSchema.extend({ pinned: z.boolean().optional() }), LIMITS.events),
  commandLog: rows(commandLogRow),
})

export type IncidentFile = z.infer<typeof incidentFileSchema>
