/**
 * Command-log entries as the incident record keeps them: one timeline line each, and the
 * entry itself in the hash-chained command log (written in the same transaction).
 */
import type { RecordChange } from '../incident/change'
import type { NewEvent } from '../incident/change'
import type { CommandLogEntry } from './gate-model'
import type { Chained } from './hash-chain'
import { maskSecrets } from './mask-secrets'
import { approvalLabel } from './proposal-lifecycle'
import { toVisible } from './visible-text'

/** A stored command-log row: the entry, the hash of the row before it, and its own. */
export interface CommandLogRow extends Chained<CommandLogEntry> {
  seq?: number
  incidentId: string
}

const SHOWN_CHARS = 120

/** The command as one safe line: hidden characters visible, secrets masked, shortened. */
export function commandLine(text: string | null): string {
  const visible = maskSecrets(toVisible(text ?? '').replace(/\\u\{A\}/g, ' ⏎ '))
  return visible.length > SHOWN_CHARS ? `${visible.slice(0, SHOWN_CHARS)}…` : visible
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return 'unknown time'
  if (ms < 1_000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`
}

function summary(entry: CommandLogEntry): string {
  const command = `\`${commandLine(entry.text)}\``
  const note = entry.note ? `: ${entry.note}` : ''
  switch (entry.kind) {
    case 'proposed':
      return `Proposed ${command}${note}`
    case 'approved':
      return `Approved ${command}${entry.approval ? ` — ${approvalLabel(entry.approval)}` : ''}${note}`
    case 'rejected':
      return `Rejected ${command}${note}`
    case 'withdrawn':
      return `Withdrew ${command}${note}`
    case 'expired':
      return `Proposal expired, not run: ${command}`
    case 'voided':
      return `Approvals void for ${command}${note}`
    case 'started':
      return `Ran ${command} (approved by ${entry.approvers.join(', ') || 'allow-list'})`
    case 'finished':
      return entry.exitCode === null
        ? `${command} finished (exit code unknown${note})`
        : `${command} exited ${entry.exitCode} after ${formatDuration(entry.durationMs)}`
    case 'break-glass-started':
      return `Break-glass: direct typing into the shell${note}`
    case 'break-glass-ended':
      return `Break-glass ended${note}`
    case 'integration-lost':
      return `Shell integration lost${note}`
    case 'integration-restored':
      return 'Shell integration back: prompts and exit codes are known again'
    case 'roster-changed':
      return `Role board given to the gate${note}`
    case 'policy-changed':
      return `Approval policy in force${note}`
    case 'participant-invited':
      return `Invite link made${note}`
    case 'participant-joined':
      return `Joined through an invite link${note}`
    case 'invite-revoked':
      return `Invite link revoked${note}`
    case 'curtain-closed':
      return 'Terminal hidden from the room (curtain)'
    case 'curtain-opened':
      return 'Terminal shown to the room again'
    case 'unapproved-command':
      return `UNAPPROVED: the shell ran a command nobody approved${note}`
    case 'operator-changed':
      return `At the leader's keyboard${note}`
    case 'key-registered':
      return `Signing key registered${note}`
    case 'participant-confirmed':
      return `Invite confirmed by its code${note}`
  }
}

export function commandLogEvent(entry: CommandLogEntry): NewEvent {
  return {
    incidentId: entry.incidentId,
    at: entry.at,
    recordedAt: Date.now(),
    kind: 'command',
    action: `command.${entry.kind}`,
    summary: summary(entry),
    actor: entry.personName,
    refId: entry.proposalId,
  }
}

export function commandLogChange(entry: CommandLogEntry): RecordChange {
  return { changes: [], events: [commandLogEvent(entry)], commandLog: [entry] }
}
