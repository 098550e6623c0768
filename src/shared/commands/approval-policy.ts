/**
 * Who may approve a proposal and when it has enough approvals. Pure: the core's gate asks
 * these functions, the renderer only shows their answers.
 */
import type { RoleId } from '../incident/model'
import type { ApprovalPolicy, ApprovalTally, RosterMember } from './gate-model'

/** Roles whose approval counts as an operational expert's. */
export const EXPERT_ROLES: readonly RoleId[] = ['operational-expert', 'service-owner']
export const LEADER_ROLE: RoleId = 'incident-leader'

const isExpert = (member: RosterMember) => member.roles.some((r) => EXPERT_ROLES.includes(r))
const isLeader = (member: RosterMember) => member.roles.includes(LEADER_ROLE)

export interface Requirement {
  experts: number
  leader: boolean
}

export function requirementFor(policy: ApprovalPolicy, risky: boolean): Requirement {
  return { experts: policy.experts + (risky ? policy.riskyExtra : 0), leader: policy.leader }
}

/** Why this person may not approve this proposal, or null when they may. */
export function approvalRefusal(
  policy: ApprovalPolicy,
  approver: RosterMember | undefined,
  proposerId: string,
): string | null {
  if (!approver) return 'only someone on the role board can approve'
  if (approver.personId === proposerId) return 'the proposer cannot approve their own command'
  if (isExpert(approver) || (policy.leader && isLeader(approver))) return null
  return policy.leader
    ? `${approver.name} is neither an operational expert nor the Incident Handling Leader`
    : `${approver.name} is not an operational expert (give them the role on the role board)`
}

/**
 * Counts approvals against the requirement. Each approver counts once: the leader's
 * approval fills the leader's seat when one is required (an expert-leader fills it only
 * if no other leader approved), every other qualifying approval counts as an expert's.
 */
export function tallyApprovals(
  requirement: Requirement,
  approverIds: readonly string[],
  roster: readonly RosterMember[],
  proposerId: string,
): ApprovalTally {
  const approvers = [...new Set(approverIds)]
    .filter((id) => id !== proposerId)
    .map((id) => roster.find((m) => m.personId === id))
    .filter((m): m is RosterMember => m !== undefined)
  let leaderSeat: RosterMember | undefined
  if (requirement.leader) {
    leaderSeat =
      approvers.find((m) => isLeader(m) && !isExpert(m)) ?? approvers.find((m) => isLeader(m))
  }
  const expertCount = approvers.filter((m) => m !== leaderSeat && isExpert(m)).length
  const expertsGot = Math.min(expertCount, requirement.experts)
  const needed = requirement.experts + (requirement.leader ? 1 : 0)
  const got = expertsGot + (leaderSeat ? 1 : 0)
  const missing: string[] = []
  const expertsMissing = requirement.experts - expertsGot
  if (expertsMissing > 0) {
    missing.push(`${expertsMissing} more operational expert${expertsMissing > 1 ? 's' : ''}`)
  }
  if (requirement.leader && !leaderSeat) missing.push('the Incident Handling Leader')
  return {
    needed,
    got,
    satisfied: missing.length === 0,
    label: `${got}/${needed} approval${needed === 1 ? '' : 's'}`,
    missing,
  }
}

export const ALLOW_LISTED_TALLY: ApprovalTally = {
  needed: 0,
  got: 0,
  satisfied: true,
  label: 'allow-listed (read-only)',
  missing: [],
}

/** Up to this many allow-list entries are named in the policy's line; more are counted. */
const NAMED_ALLOW_LIST_ENTRIES = 3

/** One line describing the policy, shown next to the proposals and on the timeline. */
export function describePolicy(policy: ApprovalPolicy): string {
  const parts = [`${policy.experts} operational expert${policy.experts === 1 ? '' : 's'}`]
  if (policy.leader) parts.push('the Incident Handling Leader')
  const risky = policy.riskyExtra > 0 ? `; risky commands +${policy.riskyExtra}` : ''
  // Policies saved before the choice existed count approvals recorded in the room.
  const sources =
    policy.approvalSources === 'own-device'
      ? '; approvals from own devices only'
      : '; approvals from own devices or said in the room'
  const list = policy.allowList
  const allowed =
    list.length === 0
      ? ''
      : list.length <= NAMED_ALLOW_LIST_ENTRIES
        ? `; allow-listed (read-only): ${list.join(', ')}`
        : `; ${list.length} read-only commands allow-listed`
  return `Approval: ${parts.join(' and ')} other than the proposer${risky}${sources}; expires after ${policy.expiryMinutes} min${allowed}`
}
