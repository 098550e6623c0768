/**
 * The guarded terminal's data: what a proposal is, who may approve it and what the room
 * sees. Plain types shared by the core's gate, the contract and the renderer.
 */
import type { JoinPeer } from '../access'
import type { RoleId } from '../incident/model'
import type { Finding } from './inspect-command'

/** Where a command would run, as the shell integration last reported it. */
export interface ShellContext {
  cwd: string | null
  user: string | null
  host: string | null
  kubeContext: string | null
  kubeNamespace: string | null
  /** The shell's PATH: what the first word of a command resolves to depends on it. */
  path?: string | null
}

export const EMPTY_CONTEXT: ShellContext = {
  cwd: null,
  user: null,
  host: null,
  kubeContext: null,
  kubeNamespace: null,
  path: null,
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

/** The policy of an incident that has not chosen one (no zod here: this is on the renderer's critical path). */
export const DEFAULT_POLICY: ApprovalPolicy = {
  experts: 1,
  leader: false,
  riskyExtra: 1,
  expiryMinutes: 15,
  allowList: [],
  approvalSources: 'own-device-or-room',
}

/** Someone on the role board, as the gate knows them. */
export interface RosterMember {
  personId: string
  name: string
  roles: RoleId[]
}

/**
 * How an approval reached the gate: from the approver's own session (their device, their
 * invite link or the leader's own seat), or said aloud in the room and recorded by the
 * leader in their name.
 */
export type ApprovalVia = 'own-device' | 'in-room'

/** An approval signed by a key the approver's browser made and never let out (WebCrypto). */
export interface ApprovalSignature {
  algorithm: 'ECDSA-P256-SHA256'
  /** The approver's public key, SPKI DER in base64. */
  publicKey: string
  /** Short SHA-256 fingerprint of that key, shown on both screens when it was registered. */
  fingerprint: string
  /** When the approver's browser signed (ms since epoch), part of what is signed. */
  signedAt: number
  /** The signature over the canonical approval (IEEE P1363 r||s), base64. */
  value: string
}

export interface Approval {
  personId: string
  name: string
  at: number
  /** The hash the approver saw: always the proposal's own (anything else is refused). */
  hash: string
  comment: string
  via: ApprovalVia
  /** Who recorded an approval given aloud in the room (null for one's own). */
  recordedBy: { personId: string; name: string } | null
  signature: ApprovalSignature | null
  /**
   * A participant's approval: where their invite link was followed from (null: not known;
   * absent: made on the leader's screen).
   */
  joinedFrom?: JoinPeer | null
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
  /**
   * It ran, wholly or in part, while the curtain was closed: its output is for the leader's
   * session and the record only (absent: it did not).
   */
  curtained?: boolean
  /** This copy carries no output (empty): it was withheld from this session (the curtain). */
  outputWithheld?: boolean
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
  /** Proposed from the proposer's own session, or typed in their name on the leader's screen. */
  proposedVia: ApprovalVia
  proposedAt: number
  expiresAt: number
  /** The policy in force when it was proposed: it decides this proposal whatever comes later. */
  policy: ApprovalPolicy
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

/**
 * What the gate knows of the shell integration: waiting for the first prompt, on (marks
 * authenticated by the shell's nonce), lost (the shell is back in the foreground but no
 * authenticated prompt came: an approved command removed or replaced the integration), or
 * none (a shell War Room has no integration for).
 */
export type IntegrationState = 'starting' | 'on' | 'lost' | 'none'

/** Who holds the terminal's foreground, as the OS says (the pty's foreground process group). */
export type Foreground = 'shell' | 'job' | 'unknown'

/** Whether the shell is at its prompt, running something, or not telling (no integration). */
export type ShellActivity = 'prompt' | 'running' | 'unknown'

export interface BreakGlass {
  personId: string
  name: string
  reason: string
  startedAt: number
}

/** The terminal is hidden from the room (a command is about to print a secret). */
export interface Curtain {
  personId: string
  name: string
  since: number
}

/** What the room sees of one terminal's gate. */
export interface GateSnapshot {
  sessionId: string
  incidentId: string | null
  activity: ShellActivity
  integration: IntegrationState
  /** Exit codes and durations are known (the integration is on). */
  integrated: boolean
  /** An approved command can be written now (the shell sits at a clean, authenticated prompt). */
  ready: boolean
  /** Typed keys reach the shell now (an approved command holds the foreground, or break-glass). */
  keysPass: boolean
  /** Shell-integration marks seen without this shell's nonce (printed by some program): ignored. */
  forgedMarks: number
  /** Commands the shell started that the gate did not write (each is on the log). */
  unapprovedCommands: number
  context: ShellContext
  /** The policy in force now (each proposal carries the one it was made under). */
  policy: ApprovalPolicy
  breakGlass: BreakGlass | null
  curtain: Curtain | null
  /** Active proposals, oldest first, then the most recent closed ones. */
  proposals: Proposal[]
}

export const COMMAND_LOG_KINDS = [
  'proposed',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
  'voided',
  'started',
  'finished',
  'break-glass-started',
  'break-glass-ended',
  'integration-lost',
  'integration-restored',
  'roster-changed',
  'policy-changed',
  'participant-invited',
  'participant-joined',
  'invite-revoked',
  'curtain-closed',
  'curtain-opened',
  'unapproved-command',
  'operator-changed',
  'key-registered',
  'participant-confirmed',
] as const
export type CommandLogKind = (typeof COMMAND_LOG_KINDS)[number]

/** Where an entry sits in the host's append-only gate log (its outbox file). */
export interface HostLogPosition {
  /** Identifies one gate-log file (a new data directory starts a new log). */
  logId: string
  seq: number
}

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
  /** Comment, reason for break-glass, why voided/withdrawn, what changed. */
  note: string | null
  context: ProposalContext | ShellContext | null
  /** Who approved, each with how ("Carol (own device, signed)"). */
  approvers: string[]
  exitCode: number | null
  durationMs: number | null
  output: string | null
  /** The approval itself (with its signature) on an `approved` entry. */
  approval?: Approval | null
  /** Its place in the host's gate log (absent on entries made before there was one). */
  hostLog?: HostLogPosition | null
  /** On a `key-registered` entry: the public key (SPKI, base64) the person's browser signs with. */
  publicKey?: string | null
}
