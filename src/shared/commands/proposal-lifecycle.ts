/**
 * The life of a proposal, in one place: draft → proposed → approved → running → finished,
 * or rejected / expired / withdrawn / voided. Which statuses are active, which can still be
 * approved or run, how approvals are tallied against the policy and roster the proposal was
 * made under, when it expires, and which closed ones stay on screen. Pure: the host's gate
 * calls these and keeps only logging, events and pty writes; the screen shows what the host
 * reports.
 */
import { joinedLabel } from '../access'
import {
  ALLOW_LISTED_TALLY,
  approvalRefusal,
  requirementFor,
  tallyApprovals,
} from './approval-policy'
import { blockedReason } from './inspect-command'
import type {
  Approval,
  ApprovalTally,
  ApprovalVia,
  CommandRun,
  Proposal,
  ProposalStatus,
  RosterMember,
} from './gate-model'

/** On screen: waiting for approvals, ready to run, or running. */
export const ACTIVE_STATUSES: ReadonlySet<ProposalStatus> = new Set([
  'pending',
  'approved',
  'running',
])

export function isActive(p: Proposal): boolean {
  return ACTIVE_STATUSES.has(p.status)
}

/** Pending or approved: it can still be approved, rejected, withdrawn, voided, expired or run. */
export function isAwaitingRun(p: Proposal): boolean {
  return p.status === 'pending' || p.status === 'approved'
}

/** Finished, rejected, expired, withdrawn or voided: it never runs (again). */
export function isClosed(p: Proposal): boolean {
  return !isActive(p)
}

/** The tally of a proposal's approvals, by the roster and policy it was proposed under. */
export function tallyOf(p: Proposal, roster: readonly RosterMember[]): ApprovalTally {
  if (p.allowListed) return ALLOW_LISTED_TALLY
  const counted = p.approvals.filter(
    (a) => a.via === 'own-device' || p.policy.approvalSources === 'own-device-or-room',
  )
  return tallyApprovals(
    requirementFor(p.policy, p.risk.length > 0),
    counted.map((a) => a.personId),
    roster,
    p.proposerId,
  )
}

function retallied(p: Proposal, roster: readonly RosterMember[]): Proposal {
  const tally = tallyOf(p, roster)
  const status = isAwaitingRun(p) ? (tally.satisfied ? 'approved' : 'pending') : p.status
  return { ...p, tally, status }
}

/** Why this person may not approve this proposal this way, or null when they may. */
export function approvalRefusalFor(
  p: Proposal,
  approver: RosterMember | undefined,
  via: ApprovalVia,
): string | null {
  if (!isAwaitingRun(p)) return `this proposal is ${p.status}; it can no longer be approved`
  if (p.blocked) return blockedReason(p.findings) ?? 'approval is blocked: propose it again'
  if (via === 'in-room' && p.policy.approvalSources === 'own-device') {
    return (
      'this incident counts only approvals made on the approver’s own device: ' +
      'they approve through their invite link'
    )
  }
  const refusal = approvalRefusal(p.policy, approver, p.proposerId)
  if (refusal) return refusal
  if (p.approvals.some((a) => a.personId === approver!.personId)) {
    return `${approver!.name} has already approved this command`
  }
  return null
}

/** The proposal with one more approval, its tally and status brought up to date. */
export function withApproval(
  p: Proposal,
  approval: Approval,
  roster: readonly RosterMember[],
): Proposal {
  return retallied({ ...p, approvals: [...p.approvals, approval] }, roster)
}

/** Closes a proposal for good (rejected, withdrawn, expired, voided, finished). */
export function closedAs(
  p: Proposal,
  status: Exclude<ProposalStatus, 'pending' | 'approved' | 'running'>,
  reason: string | null,
): Proposal {
  return { ...p, status, statusReason: reason }
}

export function rejectedBy(p: Proposal, rejection: Approval): Proposal {
  return { ...closedAs(p, 'rejected', rejection.comment || null), rejection }
}

/** Why an approved proposal cannot be written into the shell now, or null when it can. */
export function runRefusal(p: Proposal): string | null {
  if (p.status === 'approved') return null
  if (p.status === 'pending') return `not approved yet: needs ${p.tally.missing.join(' and ')}`
  return `this proposal is ${p.status}; it can never run`
}

/** The approved proposal, now written into the shell. */
export function startedAt(p: Proposal, at: number): Proposal {
  const run: CommandRun = {
    startedAt: at,
    endedAt: null,
    exitCode: null,
    durationMs: null,
    output: '',
    outputChars: 0,
    truncated: false,
  }
  return { ...p, status: 'running', run }
}

/** The running proposal, ended: exit code (null when unknown), duration and output. */
export function finishedWith(
  p: Proposal,
  end: {
    at: number
    exitCode: number | null
    note: string | null
    output: Pick<CommandRun, 'output' | 'outputChars' | 'truncated'>
  },
): Proposal {
  const startedAt = p.run?.startedAt ?? end.at
  return {
    ...p,
    status: 'finished',
    statusReason: end.note,
    run: {
      startedAt,
      endedAt: end.at,
      exitCode: end.exitCode,
      durationMs: end.at - startedAt,
      ...end.output,
    },
  }
}

export function isDue(p: Proposal, now: number): boolean {
  return isAwaitingRun(p) && now >= p.expiresAt
}

/** Closed proposals kept on screen (the record keeps all of them). */
export const KEEP_CLOSED_ON_SCREEN = 10

/**
 * What the room sees, in order: active proposals oldest first (the one to look at is the
 * first), then the most recent closed ones, newest first.
 */
export function forScreen(all: readonly Proposal[], keepClosed = KEEP_CLOSED_ON_SCREEN) {
  const active = all.filter(isActive).sort((a, b) => a.proposedAt - b.proposedAt)
  const closed = all
    .filter(isClosed)
    .sort((a, b) => b.proposedAt - a.proposedAt)
    .slice(0, keepClosed)
  return { active, closed }
}

/** The ids of closed proposals beyond what the screen keeps: safe to forget. */
export function prunable(all: readonly Proposal[], keepClosed = KEEP_CLOSED_ON_SCREEN): string[] {
  const { closed } = forScreen(all, keepClosed)
  const kept = new Set(closed.map((p) => p.id))
  return all.filter((p) => isClosed(p) && !kept.has(p.id)).map((p) => p.id)
}

/**
 * "Carol (own device, signed)", "Carol (in the room, recorded by Alice)", "Carol (own device,
 * joined on the leader’s machine or through a tunnel, signed)".
 */
export function approvalLabel(a: Approval): string {
  if (a.via === 'in-room') {
    return `${a.name} (in the room, recorded by ${a.recordedBy?.name ?? 'the leader'})`
  }
  const joined = a.joinedFrom ? `, ${joinedLabel(a.joinedFrom)}` : ''
  return `${a.name} (own device${joined}${a.signature ? ', signed' : ''})`
}
