/**
 * The commands of an incident as a postmortem tells them, rebuilt from the hash-chained
 * command log: each proposal with who proposed and approved it, and how its run ended.
 */
import { approvalLabel } from '../commands/proposal-lifecycle'
import type { CommandLogRow } from '../commands/command-log'
import type { CommandLogEntry, ProposalContext, ShellContext } from '../commands/gate-model'

export interface CommandHistory {
  proposalId: string
  text: string
  hash: string | null
  context: ProposalContext | ShellContext | null
  proposedBy: string | null
  proposedAt: number
  approvals: { name: string; at: number; comment: string | null }[]
  /** How it ended when it did not run: rejected, withdrawn, expired, voided. */
  outcome: {
    kind: CommandLogEntry['kind']
    by: string | null
    at: number
    note: string | null
  } | null
  run: {
    startedAt: number
    by: string | null
    approvers: string[]
    exitCode: number | null
    durationMs: number | null
    output: string | null
    finishedAt: number | null
    /** What the gate noted when it ended (exit code unknown, output not recorded…). */
    note: string | null
  } | null
}

export interface BreakGlassSession {
  by: string | null
  reason: string | null
  startedAt: number
  endedAt: number | null
}

export function commandHistory(rows: readonly CommandLogRow[]): {
  commands: CommandHistory[]
  breakGlass: BreakGlassSession[]
} {
  const byProposal = new Map<string, CommandHistory>()
  const breakGlass: BreakGlassSession[] = []
  for (const { payload: entry } of rows) {
    if (entry.kind === 'break-glass-started') {
      breakGlass.push({
        by: entry.personName,
        reason: entry.note,
        startedAt: entry.at,
        endedAt: null,
      })
      continue
    }
    if (entry.kind === 'break-glass-ended') {
      const open = breakGlass.findLast((session) => session.endedAt === null)
      if (open) open.endedAt = entry.at
      continue
    }
    if (!entry.proposalId) continue
    let command = byProposal.get(entry.proposalId)
    if (!command) {
      command = {
        proposalId: entry.proposalId,
        text: entry.text ?? '',
        hash: entry.hash,
        context: entry.context,
        proposedBy: null,
        proposedAt: entry.at,
        approvals: [],
        outcome: null,
        run: null,
      }
      byProposal.set(entry.proposalId, command)
    }
    switch (entry.kind) {
      case 'proposed':
        command.proposedBy = entry.personName
        command.proposedAt = entry.at
        break
      case 'approved':
        command.approvals.push({
          // "Carol (own device, signed)", "Carol (in the room, recorded by Alice)"
          name: entry.approval ? approvalLabel(entry.approval) : (entry.personName ?? 'someone'),
          at: entry.at,
          comment: entry.note,
        })
        break
      case 'started':
        command.run = {
          startedAt: entry.at,
          by: entry.personName,
          approvers: entry.approvers,
          exitCode: null,
          durationMs: null,
          output: null,
          finishedAt: null,
          note: null,
        }
        break
      case 'finished':
        if (command.run) {
          command.run.exitCode = entry.exitCode
          command.run.durationMs = entry.durationMs
          command.run.output = entry.output
          command.run.finishedAt = entry.at
          command.run.note = entry.note
        }
        break
      default:
        command.outcome = { kind: entry.kind, by: entry.personName, at: entry.at, note: entry.note }
    }
  }
  return { commands: [...byProposal.values()], breakGlass }
}
