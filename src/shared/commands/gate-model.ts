/**
 * The guarded terminal's data: what a proposal is, who may approve it and what the room
 * sees. Plain types shared by the core's gate, the contract and the renderer.
 */
import type { RoleId } from '../incident/model'
import type { Finding } from './inspect-command'

/** Where a command would run, as the shell integration last reported it. */
export interface ShellContext {
  cwd: string | null
  user: string | null
  host: string | null
  kubeContext: string | null
  kubeNamespace: string | null
}

export const EMPTY_CONTEXT: ShellContext = {
  cwd: null,
  user: null,
  host: null,
  kubeContext: null,
  kubeNamespace: null,
}

/** What the first word of a command really is in this shell. */
export type FirstWordKind = 'alias' | 'function' | 'command'

/** The context a proposal's hash covers: the shell's context and what its first word is. */
export interface ProposalContext extends ShellContext {
  firstWord: string
  firstWordKind: FirstWordKind
}

import type { ApprovalPolicy } from './approval-policy-schema'
export type { ApprovalPolicy, ApprovalSources } from './approval-policy-schema'
export { DEFAULT_POLICY } from './approval-policy-schema'

/** Someone on the role board, as the gate knows them. */
export interface RosterMember {
  personId: string
  name: string
  roles: RoleId[]
}

export interface Approval {
  personId: string
  name: string
  at: number
  /** The hash the approver saw: always the proposal's own (anything else is refused). */
  hash: string
  comment: string
}

export type ProposalStatus =
  'pending' | 'approved' | 'running' | 'finished' | 'rejected' | 'expired' | 'withdrawn' | 'voided'

export interface ApprovalTally {
  needed: number
  got: number
  satisfied: boolean
  /** "1/2 approvals", or "allow-listed (read-only)". */
  label: string
  /** What is still missing, for people: ["1 more operational expert", "the leader"]. */
  missing: string[]
}

export interface CommandRun {
  startedAt: number
  endedAt: number | null
  exitCode: number | null
  durationMs: number | null
  /** ANSI-stripped output, bounded (head and tail kept). */
  output: string
  outputChars: number
  truncated: boolean
}

export interface Proposal {
  id: string
  incidentId: string
  text: string
  /** SHA-256 over the text and its context (hex). */
  hash: string
  context: ProposalContext
  proposerId: string
  proposerName: string
  proposedAt: number
  expiresAt: number
  findings: Finding[]
  /** A finding hides text: nobody can approve until the text is cleaned. */
  blocked: boolean
  risk: string[]
  allowListed: boolean
  approvals: Approval[]
  rejection: Approval | null
  status: ProposalStatus
  /** Why it was voided or withdrawn (context changed, edited, …). */
  statusReason: string | null
  tally: ApprovalTally
  run: CommandRun | null
}

/** Whether the shell is at its prompt, running something, or not telling (no integration). */
export type ShellActivity = 'prompt' | 'running' | 'unknown'

export interface BreakGlass {
  personId: string
  name: string
  reason: string
  startedAt: number
}

/** What the room sees of one terminal's gate. */
export interface GateSnapshot {
  sessionId: string
  incidentId: string | null
  activity: ShellActivity
  /** True once the shell integration has spoken: exit codes and durations are known. */
  integrated: boolean
  context: ShellContext
  policy: ApprovalPolicy
  breakGlass: BreakGlass | null
  /** Active proposals first, then the most recent finished ones. */
  proposals: Proposal[]
}

export type CommandLogKind =
  | 'proposed'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'voided'
  | 'started'
  | 'finished'
  | 'break-glass-started'
  | 'break-glass-ended'

/** One entry of the command log: what the gate did, written to the incident record. */
export interface CommandLogEntry {
  kind: CommandLogKind
  at: number
  incidentId: string
  proposalId: string | null
  personId: string | null
  personName: string | null
  text: string | null
  hash: string | null
  /** Comment, reason for break-glass, why voided/withdrawn. */
  note: string | null
  context: ProposalContext | ShellContext | null
  approvers: string[]
  exitCode: number | null
  durationMs: number | null
  output: string | null
}
