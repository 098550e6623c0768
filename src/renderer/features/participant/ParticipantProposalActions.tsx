import { useState } from 'react'
import { signApproval } from '../../../shared/commands/approval-signature'
import type { Proposal } from '../../../shared/commands/gate-model'
import { isAwaitingRun } from '../../../shared/commands/proposal-lifecycle'
import { useAppStore } from '../../stores/app-store'
import type { SigningState } from './use-signing-key'

/**
 * What an invited expert may do with a proposal from their own device: approve it (signed
 * by their browser's key where it has one), reject it with a comment, withdraw their own.
 */
export function ParticipantProposalActions({
  proposal,
  personId,
  signing,
}: {
  proposal: Proposal
  personId: string
  signing: SigningState
}) {
  const gateCall = useAppStore((s) => s.gateCall)
  const [comment, setComment] = useState('')
  if (!isAwaitingRun(proposal)) return null
  const mine = proposal.proposerId === personId
  const approved = proposal.approvals.some((a) => a.personId === personId)
  const ref = { proposalId: proposal.id, hash: proposal.hash }

  const approve = async () => {
    let signature: { signedAt: number; value: string } | undefined
    if (signing.status === 'ready') {
      const signedAt = Date.now()
      const value = await signApproval(signing.privateKey, {
        personId,
        proposalId: proposal.id,
        text: proposal.text,
        context: proposal.context,
        hash: proposal.hash,
        signedAt,
      })
      signature = { signedAt, value }
    }
    const ok = await gateCall('gate.approve', {
      ...ref,
      comment,
      ...(signature ? { signature } : {}),
    })
    if (ok) setComment('')
  }

  return (
    <div className="proposal-actions">
      {!mine && !approved && proposal.status === 'pending' && (
        <button
          type="button"
          className="button-primary"
          disabled={proposal.blocked || signing.status === 'preparing'}
          onClick={() => void approve()}
        >
          Approve{signing.status === 'ready' ? ' (signed)' : ''}
        </button>
      )}
      <label>
        Comment
        <input value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="button" onClick={() => void gateCall('gate.reject', { ...ref, comment })}>
        Reject
      </button>
      {mine && (
        <button
          type="button"
          onClick={() => void gateCall('gate.withdraw', { proposalId: proposal.id })}
        >
          Withdraw
        </button>
      )}
    </div>
  )
}
