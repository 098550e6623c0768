/**
 * The policy editor's draft: the fields as typed (raw text, so spaces and new lines survive
 * while typing), turned into a policy and checked with the host's own schema on save.
 */
import type { ApprovalPolicy, ApprovalSources } from '../../../shared/commands/gate-model'

export interface PolicyDraft {
  experts: string
  leader: boolean
  riskyExtra: string
  expiryMinutes: string
  /** One command prefix per line, exactly as typed. */
  allowList: string
  approvalSources: ApprovalSources
}

/** Fields an error can be shown next to; `policy` is the policy as a whole. */
export type PolicyField = keyof Omit<PolicyDraft, 'leader'> | 'policy'
export type PolicyErrors = Partial<Record<PolicyField, string>>

export type PolicyCheck = { ok: true; policy: ApprovalPolicy } | { ok: false; errors: PolicyErrors }

/**
 * Loaded when the editor opens, not with the app: zod stays off the critical path.
 * (Any module importing it statically would undo that.)
 */
export const loadPolicySchema = () => import('../../../shared/commands/approval-policy-schema')

export function draftOf(policy: ApprovalPolicy): PolicyDraft {
  return {
    experts: String(policy.experts),
    leader: policy.leader,
    riskyExtra: String(policy.riskyExtra),
    expiryMinutes: String(policy.expiryMinutes),
    allowList: policy.allowList.join('\n'),
    // Policies saved before the choice existed allowed approvals recorded in the room.
    approvalSources: policy.approvalSources === 'own-device' ? 'own-device' : 'own-device-or-room',
  }
}

/** The allow-list's entries: each non-blank line, trimmed, with its line number. */
function allowListLines(text: string): { line: number; entry: string }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({ line: index + 1, entry: raw.trim() }))
    .filter(({ entry }) => entry !== '')
}

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** Checks the draft with the schema the host enforces; its reasons go next to the fields. */
export async function checkPolicy(draft: PolicyDraft): Promise<PolicyCheck> {
  const { approvalPolicySchema } = await loadPolicySchema()
  const lines = allowListLines(draft.allowList)
  const result = approvalPolicySchema.safeParse({
    experts: asNumber(draft.experts),
    leader: draft.leader,
    riskyExtra: asNumber(draft.riskyExtra),
    expiryMinutes: asNumber(draft.expiryMinutes),
    allowList: lines.map(({ entry }) => entry),
    approvalSources: draft.approvalSources,
  })
  if (result.success) return { ok: true, policy: result.data }
  const errors: PolicyErrors = {}
  for (const issue of result.error.issues) {
    const [key, index] = issue.path
    const field: PolicyField =
      key === 'experts' ||
      key === 'riskyExtra' ||
      key === 'expiryMinutes' ||
      key === 'allowList' ||
      key === 'approvalSources'
        ? key
        : 'policy'
    const line = typeof index === 'number' ? lines[index]?.line : undefined
    errors[field] ??= line === undefined ? issue.message : `Line ${line}: ${issue.message}`
  }
  return { ok: false, errors }
}
