import { useState } from 'react'
import { describePolicy } from '../../../shared/commands/approval-policy'
import { SUGGESTED_READ_ONLY } from '../../../shared/commands/allow-list'
import type { ApprovalPolicy } from '../../../shared/commands/gate-model'

/** The incident's approval policy: shown as one line, changed in a small form. */
export function PolicyEditor({
  policy,
  onChange,
}: {
  policy: ApprovalPolicy
  onChange(policy: ApprovalPolicy): void
}) {
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState(policy)
  if (!open) {
    return (
      <p className="policy-line">
        <span aria-label="Approval policy">{describePolicy(policy)}</span>
        {policy.allowList.length > 0 &&
          ` · ${policy.allowList.length} read-only commands allow-listed`}{' '}
        <button
          type="button"
          onClick={() => {
            setDraft(policy)
            setOpen(true)
          }}
        >
          Change policy
        </button>
      </p>
    )
  }
  const number = (value: string, min: number, max: number) =>
    Math.min(max, Math.max(min, Math.round(Number(value) || min)))
  return (
    <form
      className="policy-form"
      aria-label="Approval policy"
      onSubmit={(event) => {
        event.preventDefault()
        onChange(draft)
        setOpen(false)
      }}
    >
      <label>
        Expert approvals
        <input
          type="number"
          min={draft.leader ? 0 : 1}
          max={5}
          value={draft.experts}
          onChange={(e) =>
            setDraft({ ...draft, experts: number(e.target.value, draft.leader ? 0 : 1, 5) })
          }
        />
      </label>
      <label>
        <input
          type="checkbox"
          checked={draft.leader}
          onChange={(e) =>
            setDraft({
              ...draft,
              leader: e.target.checked,
              experts: Math.max(draft.experts, e.target.checked ? 0 : 1),
            })
          }
        />
        The Incident Handling Leader must approve too
      </label>
      <label>
        Extra approvals for risky commands
        <input
          type="number"
          min={0}
          max={3}
          value={draft.riskyExtra}
          onChange={(e) => setDraft({ ...draft, riskyExtra: number(e.target.value, 0, 3) })}
        />
      </label>
      <label>
        Expire proposals after (minutes)
        <input
          type="number"
          min={1}
          max={1440}
          value={draft.expiryMinutes}
          onChange={(e) => setDraft({ ...draft, expiryMinutes: number(e.target.value, 1, 1440) })}
        />
      </label>
      <label>
        Read-only allow-list (one command prefix per line; these skip approval)
        <textarea
          rows={4}
          value={draft.allowList.join('\n')}
          onChange={(e) =>
            setDraft({
              ...draft,
              allowList: e.target.value
                .split('\n')
                .map((line) => line.trim())
                .filter(Boolean)
                .slice(0, 100),
            })
          }
        />
      </label>
      <button
        type="button"
        onClick={() => setDraft({ ...draft, allowList: [...SUGGESTED_READ_ONLY] })}
      >
        Use the suggested read-only list
      </button>
      <button type="submit">Save policy</button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
