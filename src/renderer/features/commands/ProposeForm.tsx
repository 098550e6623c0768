import { useState, type ClipboardEvent } from 'react'
import type { RosterMember } from '../../../shared/commands/gate-model'
import { MAX_COMMAND_CHARS } from '../../../shared/contract-limits'
import { useAppStore } from '../../stores/app-store'
import { pasteIntoBox } from './paste-into-box'
import { PersonSelect } from './PersonSelect'
import { StopGapPicker } from './StopGapPicker'

/** The proposal box: type, paste (sanitized) or fill from a template, then propose. */
export function ProposeForm({
  roster,
  operatorId,
}: {
  roster: RosterMember[]
  operatorId: string | null
}) {
  const draft = useAppStore((s) => s.proposalDraft)
  const replaces = useAppStore((s) => s.proposalReplaces)
  const setDraft = useAppStore((s) => s.setProposalDraft)
  const gateCall = useAppStore((s) => s.gateCall)
  const [proposerId, setProposerId] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const proposer = proposerId || operatorId || ''

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = pasteIntoBox(event, draft)
    if (!pasted) return
    setDraft(pasted.text)
    setNotice(pasted.notice)
  }

  return (
    <form
      className="propose-form"
      aria-label="Propose a command"
      onSubmit={(event) => {
        event.preventDefault()
        const proposed = draft
        void gateCall('gate.propose', {
          text: proposed,
          proposerId: proposer,
          ...(replaces ? { replaces } : {}),
        }).then((ok) => {
          // Empty the box only if it still holds what was proposed: a next command typed
          // while the host answered stays.
          if (ok && useAppStore.getState().proposalDraft === proposed) {
            setDraft('', null)
            setNotice(null)
          }
        })
      }}
    >
      <label htmlFor="proposal-text">
        Command to propose{replaces ? ' (editing: approvals of the old one become void)' : ''}
      </label>
      <textarea
        id="proposal-text"
        className="proposal-input"
        value={draft}
        maxLength={MAX_COMMAND_CHARS}
        rows={Math.min(6, Math.max(2, draft.split('\n').length))}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        onPaste={onPaste}
        placeholder="e.g. kubectl rollout undo deployment/checkout -n shop"
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="propose-row">
        <PersonSelect
          label="Propose as"
          roster={roster}
          value={proposer}
          onChange={setProposerId}
        />
        <button type="submit" className="button-primary" disabled={!draft.trim() || !proposer}>
          Propose
        </button>
        {replaces && (
          <button type="button" onClick={() => setDraft('', null)}>
            Cancel edit
          </button>
        )}
      </div>
      <StopGapPicker onFill={(text) => setDraft(text)} />
    </form>
  )
}
