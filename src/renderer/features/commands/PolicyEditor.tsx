import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { describePolicy } from '../../../shared/commands/approval-policy'
import { SUGGESTED_READ_ONLY } from '../../../shared/commands/allow-list'
import type { ApprovalPolicy, ApprovalSources } from '../../../shared/commands/gate-model'
import {
  checkPolicy,
  draftOf,
  loadPolicySchema,
  type PolicyDraft,
  type PolicyErrors,
  type PolicyField,
} from './policy-draft'

const SOURCE_LABELS: Record<ApprovalSources, string> = {
  'own-device': 'Own device only',
  'own-device-or-room': 'Own device or said in the room (recorded by the leader)',
}

/** The reason the host would refuse a field, next to it (and named as its description). */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <span className="field-error" id={id}>
      {message}
    </span>
  )
}

/** The incident's approval policy: shown as one line, changed in a small form. */
export function PolicyEditor({
  policy,
  onChange,
}: {
  policy: ApprovalPolicy
  onChange(policy: ApprovalPolicy): void
}) {
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(policy))
  const [errors, setErrors] = useState<PolicyErrors>({})
  const changeButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  const id = useId()

  useEffect(() => {
    if (open) {
      // Fetch the schema while the leader edits, so saving does not wait for it.
      void loadPolicySchema()
    } else if (returnFocus.current) {
      returnFocus.current = false
      changeButton.current?.focus()
    }
  }, [open])

  const close = () => {
    returnFocus.current = true
    setOpen(false)
  }

  if (!open) {
    return (
      <p className="policy-line">
        <span aria-label="Approval policy">{describePolicy(policy)}</span>{' '}
        <button
          ref={changeButton}
          type="button"
          onClick={() => {
            setDraft(draftOf(policy))
            setErrors({})
            setOpen(true)
          }}
        >
          Change policy
        </button>
      </p>
    )
  }

  const errorId = (field: PolicyField) => `${id}-${field}-error`
  /** Props tying a control to its error (the expert count also to the whole policy's). */
  const described = (field: PolicyField) => {
    const ids = [field, ...(field === 'experts' ? (['policy'] as const) : [])]
      .filter((f) => errors[f])
      .map(errorId)
    return {
      'aria-invalid': ids.length > 0,
      'aria-describedby': ids.length ? ids.join(' ') : undefined,
    }
  }
  const edit = (patch: Partial<PolicyDraft>, fields: PolicyField[]) => {
    setDraft((d) => ({ ...d, ...patch }))
    setErrors((e) => {
      const next = { ...e, policy: undefined }
      for (const field of fields) next[field] = undefined
      return next
    })
  }
  const save = async () => {
    const checked = await checkPolicy(draft)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    onChange(checked.policy)
    close()
  }
  const numberField = (
    field: 'experts' | 'riskyExtra' | 'expiryMinutes',
    label: ReactNode,
    min: number,
    max: number,
  ) => (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        value={draft[field]}
        autoFocus={field === 'experts'}
        {...described(field)}
        onChange={(e) => edit({ [field]: e.target.value }, [field])}
      />
      <FieldError id={errorId(field)} message={errors[field]} />
    </label>
  )

  return (
    <form
      className="policy-form"
      aria-label="Approval policy"
      // The host's schema decides, and says why (not the browser's own bubbles).
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      {numberField('experts', 'Expert approvals', draft.leader ? 0 : 1, 5)}
      <FieldError id={errorId('policy')} message={errors.policy} />
      <label className="inline-field">
        <input
          type="checkbox"
          checked={draft.leader}
          onChange={(e) =>
            edit(
              {
                leader: e.target.checked,
                experts: !e.target.checked && Number(draft.experts) < 1 ? '1' : draft.experts,
              },
              ['experts'],
            )
          }
        />
        The Incident Handling Leader must approve too
      </label>
      {numberField('riskyExtra', 'Extra approvals for risky commands', 0, 3)}
      {numberField('expiryMinutes', 'Expire proposals after (minutes)', 1, 1440)}
      <fieldset
        className="policy-sources"
        aria-describedby={errors.approvalSources ? errorId('approvalSources') : undefined}
      >
        <legend>Approvals that count</legend>
        {(Object.keys(SOURCE_LABELS) as ApprovalSources[]).map((source) => (
          <label key={source} className="inline-field">
            <input
              type="radio"
              name={`${id}-sources`}
              value={source}
              checked={draft.approvalSources === source}
              onChange={() => edit({ approvalSources: source }, ['approvalSources'])}
            />
            {SOURCE_LABELS[source]}
          </label>
        ))}
        <FieldError id={errorId('approvalSources')} message={errors.approvalSources} />
      </fieldset>
      <label>
        Read-only allow-list (one command prefix per line; these skip approval)
        <textarea
          rows={4}
          value={draft.allowList}
          {...described('allowList')}
          onChange={(e) => edit({ allowList: e.target.value }, ['allowList'])}
          onBlur={() =>
            void checkPolicy(draft).then((checked) =>
              setErrors((e) => ({
                ...e,
                allowList: checked.ok ? undefined : checked.errors.allowList,
              })),
            )
          }
        />
        <FieldError id={errorId('allowList')} message={errors.allowList} />
      </label>
      <button
        type="button"
        onClick={() => edit({ allowList: SUGGESTED_READ_ONLY.join('\n') }, ['allowList'])}
      >
        Use the suggested read-only list
      </button>
      <button type="submit">Save policy</button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </form>
  )
}
