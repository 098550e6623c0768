import { useState } from 'react'
import type { Proposal, RosterMember } from '../../../shared/commands/gate-model'
import { isAwaitingRun } from '../../../shared/commands/proposal-lifecycle'
import { useAppStore } from '../../stores/app-store'
import { PersonSelect } from './PersonSelect'

/**
 * What the leader's screen may do with a proposal. An approval made here counts as the
 * person at the keyboard's own; anyone else's is recorded as said aloud in the room (and
 * counts only if the policy says so). Run writes it into the shell once the host says the
 * shell is ready.
 */
export function LeaderProposalActions({
  proposal,
  roster,
  operatorId,
}: {
  proposal: Proposal
  roster: RosterMember[]
  operatorId: string | null
}) {
  const gateCall = useAppStore((s) => s.gateCall)
  const ready = useAppStore((s) => s.gate?.ready ?? false)
  const setDraft = useAppStore((s) => s.setProposalDraft)
  const [approverId, setApproverId] = useState('')
  const [comment, setComment] = useState('')
  if (!isAwaitingRun(proposal)) return null
  const ref = { proposalId: proposal.id, hash: proposal.hash }
  const roomAllowed = proposal.policy.approvalSources === 'own-device-or-room'
  const inRoom = approverId !== '' && approverId !== operatorId
  const onBehalfOf = inRoom ? { onBehalfOf: approverId } : {}

  return (
    <div className="proposal-actions">
      {proposal.status === 'approved' ? (
        <button
          type="button"
          className="button-primary"
          disabled={!ready}
          title={ready ? undefined : 'Waiting for the shell to be back at its prompt'}
          onClick={() => void gateCall('gate.run', ref)}
        >
          Run
        </button>
      ) : (
        <>
          <PersonSelect
            label="Approver"
            roster={roster}
            value={approverId}
            onChange={setApproverId}
            exclude={proposal.proposerId}
          />
          <button
            type="button"
            disabled={!approverId || proposal.blocked || (inRoom && !roomAllowed)}
            onClick={() =>
              void gateCall('gate.approve', { ...ref, ...onBehalfOf, comment }).then(
                (ok) => ok && setComment(''),
              )
            }
          >
            {inRoom ? 'Record approval said in the room' : 'Approve'}
          </button>
          {inRoom && !roomAllowed && (
            <p className="hint" role="note">
              This incident counts only approvals made on the approver’s own device: send them an
              invite link from the role board.
            </p>
          )}
        </>
      )}
      <label className="proposal-comment">
        Comment
        <input value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button
        type="button"
        onClick={() =>
          void gateCall('gate.reject', {
            ...ref,
            ...(approverId && approverId !== operatorId ? { onBehalfOf: approverId } : {}),
            comment,
          })
        }
      >
        Reject
      </button>
      <button
        type="button"
        onClick={() => {
          setDraft(proposal.text, proposal.id)
          document.getElementById('proposal-text')?.focus()
        }}
      >
        Edit
      </button>
      <button
        type="button"
        onClick={() => void gateCall('gate.withdraw', { proposalId: proposal.id })}
      >
        Withdraw
      </button>
    </div>
  )
}
