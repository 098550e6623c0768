/**
 * JSON backup and hand-over of one incident: written from the record, read back only after
 * every field is checked, so a malformed, truncated, hostile or newer file is refused with a
 * clear reason before anything is written.
 */
import { verifyChainAsync, type ChainVerdict } from '../commands/hash-chain'
import {
  ROW_TABLE_NAMES,
  ROW_TABLES,
  type IncidentRecord,
  type RowTable,
  type TimelineEvent,
} from '../incident/model'
import { eachRowTable, inRecordOrder, rowsOf } from '../incident/record'
import {
  INCIDENT_FILE_FORMAT,
  INCIDENT_FILE_VERSION,
  incidentFileSchema,
  LIMITS,
  type IncidentFile,
} from './incident-file-schema'

export function toIncidentFile(
  record: IncidentRecord,
  options: { now: number; exportedBy: string },
): IncidentFile {
  return {
    format: INCIDENT_FILE_FORMAT,
    version: INCIDENT_FILE_VERSION,
    exportedAt: options.now,
    exportedBy: options.exportedBy,
    incident: record.incident,
    ...eachRowTable((table) => rowsOf(record, table)),
    events: record.events.map(({ seq, ...event }) =>
      seq !== undefined && record.pinned.has(seq) ? { ...event, pinned: true } : event,
    ),
    commandLog: record.commandLog.map(({ payload, prevHash, hash }) => ({
      payload,
      prevHash,
      hash,
    })),
  }
}

export function serializeIncidentFile(file: IncidentFile): string {
  return `${JSON.stringify(file, null, 1)}\n`
}

/** An incident read from a file, checked and ready to be written as one transaction. */
export interface ImportedIncident {
  /**
   * The record the file holds. Its events are numbered 1, 2, … in file order (what its pins
   * refer to) until the database gives them numbers of its own.
   */
  snapshot: IncidentRecord
  verdict: ChainVerdict
  exportedAt: number
  exportedBy: string
}

export type ImportResult = { ok: true; value: ImportedIncident } | { ok: false; error: string }

const fail = (error: string): ImportResult => ({ ok: false, error })

/** Deepest nesting of arrays and objects, found without parsing (strings skipped). */
export function nestingDepth(json: string, stopAt = Infinity): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth
      if (deepest > stopAt) return deepest
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return deepest
}

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String).join('.') || 'the file'
    return `${where}: ${issue.message}`
  })
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more problems)` : ''
  return `${shown.join('; ')}${more}`
}

/** Reads a backup: checked field by field, its command log's hash chain verified. */
export async function parseIncidentFile(json: string): Promise<ImportResult> {
  if (json.length > LIMITS.fileChars) {
    return fail(
      `The file is too large (${Math.round(json.length / 1e6)} MB); the limit is ${LIMITS.fileChars / 1e6} MB.`,
    )
  }
  if (nestingDepth(json, LIMITS.depth) > LIMITS.depth) {
    return fail('The file is nested far deeper than a War Room incident: it is not one.')
  }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return fail(`The file is not valid JSON (is it cut short?): ${reason}`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('The file is not a War Room incident: it holds no incident object.')
  }
  const header = data as { format?: unknown; version?: unknown }
  if (header.format !== INCIDENT_FILE_FORMAT) {
    return fail(
      'The file is not a War Room incident export (its "format" is missing or different).',
    )
  }
  if (
    typeof header.version !== 'number' ||
    !Number.isInteger(header.version) ||
    header.version < 1
  ) {
    return fail('The file has no valid format version.')
  }
  if (header.version > INCIDENT_FILE_VERSION) {
    return fail(
      `The file was written by a newer War Room (format version ${header.version}); this version reads up to version ${INCIDENT_FILE_VERSION}. Update War Room to import it.`,
    )
  }
  const parsed = incidentFileSchema.safeParse(data)
  if (!parsed.success)
    return fail(`The file does not hold a valid incident: ${describeIssues(parsed.error.issues)}.`)
  const file = parsed.data
  const problem = inconsistency(file)
  if (problem) return fail(`The file does not hold a valid incident: ${problem}.`)
  const events: TimelineEvent[] = []
  const pinned = new Set<number>()
  file.events.forEach(({ pinned: isPinned, ...event }, index) => {
    events.push({ ...event, seq: index + 1 })
    if (isPinned) pinned.add(index + 1)
  })
  const snapshot = inRecordOrder({
    incident: file.incident,
    ...eachRowTable((table) => rowsOf(file, table)),
    events,
    pinned,
    commandLog: file.commandLog.map((row) => ({ ...row, incidentId: file.incident.id })),
  })
  return {
    ok: true,
    value: {
      snapshot,
      verdict: await verifyChainAsync(snapshot.commandLog),
      exportedAt: file.exportedAt,
      exportedBy: file.exportedBy,
    },
  }
}

/** Rows of another incident, duplicate ids or references to rows not in the file: not one incident. */
function inconsistency(file: IncidentFile): string | null {
  const incidentId = file.incident.id
  for (const table of ROW_TABLE_NAMES) {
    const ids = new Set<string>()
    for (const row of rowsOf(file, table)) {
      if (row.incidentId !== incidentId) return `${table} holds a row of another incident`
      if (ids.has(row.id)) return `${table} holds the id ${JSON.stringify(row.id)} twice`
      ids.add(row.id)
    }
  }
  if (file.events.some((e) => e.incidentId !== incidentId))
    return 'events holds an event of another incident'
  for (const table of ROW_TABLE_NAMES) {
    const references = Object.entries(ROW_TABLES[table].references ?? {}) as [string, RowTable][]
    for (const [field, target] of references) {
      const known = new Set(rowsOf(file, target).map((row) => row.id))
      const rows = rowsOf(file, table) as unknown as Record<string, unknown>[]
      if (rows.some((row) => !known.has(row[field] as string)))
        return `${table} names a row of ${target} that is not in the file`
    }
  }
  return null
}
