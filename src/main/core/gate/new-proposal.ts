import { matchesAllowList } from '../../../shared/commands/allow-list'
import { ALLOW_LISTED_TALLY } from '../../../shared/commands/approval-policy'
import type {
  ApprovalPolicy,
  ApprovalVia,
  CommandLogEntry,
  Proposal,
  RosterMember,
  ShellContext,
} from '../../../shared/commands/gate-model'
import { inspectCommand } from '../../../shared/commands/inspect-command'
import { approvalLabel } from '../../../shared/commands/proposal-lifecycle'
import { assessRisk } from '../../../shared/commands/risk-rules'
import { proposalContext, proposalDigest, type ShellNames } from './proposal-context'

export interface NewProposal {
  id: string
  incidentId: string
  text: string
  proposer: RosterMember
  proposedVia: ApprovalVia
  at: number
  policy: ApprovalPolicy
  shell: ShellContext
  names: ShellNames
}

/**
 * A fresh proposal: inspected, hashed over its text and the context it would run in,
 * assessed for risk and checked against the allow-list. It carries the policy in force;
 * its tally is filled by the gate (with the roster in force).
 */
export function newProposal(input: NewProposal): Proposal {
  const inspection = inspectCommand(input.text)
  const context = proposalContext(input.text, input.shell, input.names)
  const risk = assessRisk(input.text, context)
  const allowListed =
    !inspection.blocked &&
    risk.length === 0 &&
    matchesAllowList(input.text, input.policy.allowList, { firstWordKind: context.firstWordKind })
  return {
    id: input.id,
    incidentId: input.incidentId,
    text: input.text,
    hash: proposalDigest(input.text, context),
    context,
    proposerId: input.proposer.personId,
    proposerName: input.proposer.name,
    proposedVia: input.proposedVia,
    proposedAt: input.at,
    expiresAt: input.at + input.policy.expiryMinutes * 60_000,
    policy: input.policy,
    findings: inspection.findings,
    blocked: inspection.blocked,
    risk,
    allowListed,
    approvals: [],
    rejection: null,
    status: allowListed ? 'approved' : 'pending',
    statusReason: null,
    tally: ALLOW_LISTED_TALLY,
    run: null,
  }
}

export type LogFields = Partial<Omit<CommandLogEntry, 'kind' | 'personName'>> & {
  proposal?: Proposal
}

/** One command-log entry: the proposal's text, hash and approvers, plus what happened. */
export function logEntry(
  kind: CommandLogEntry['kind'],
  base: {
    at: number
    incidentId: string
    who: Pick<RosterMember, 'personId' | 'name'> | undefined
  },
  fields: LogFields,
): CommandLogEntry {
  const { proposal: p, ...rest } = fields
  return {
    kind,
    at: base.at,
    incidentId: base.incidentId,
    proposalId: p?.id ?? null,
    text: p?.text ?? null,
    hash: p?.hash ?? null,
    note: null,
    context: p?.context ?? null,
    approvers: p?.approvals.map(approvalLabel) ?? [],
    exitCode: null,
    durationMs: null,
    output: null,
    ...rest,
    personId: base.who?.personId ?? null,
    personName: base.who?.name ?? null,
  }
}
