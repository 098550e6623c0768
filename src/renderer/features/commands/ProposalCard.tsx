import { useState } from 'react'
import { commandLine, formatDuration } from '../../../shared/commands/command-log'
import type { Proposal, RosterMember } from '../../../shared/commands/gate-model'
import { maskSecrets } from '../../../shared/commands/mask-secrets'
import { useAppStore } from '../../stores/app-store'
import { CommandText } from './CommandText'
import { PersonSelect } from './PersonSelect'

const statusText: Record<Proposal['status'], string> = {
  pending: 'Waiting for approval',
  approved: 'Approved: ready to run',
  running: 'Running',
  finished: 'Finished',
  rejected: 'Rejected',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
  voided: 'Approvals void',
}

function ContextLine({ proposal }: { proposal: Proposal }) {
  const c = proposal.context
  const parts = [
    c.cwd && `in ${c.cwd}`,
    c.user && c.host && `as ${c.user}@${c.host}`,
    c.kubeContext && `kube ${c.kubeContext}${c.kubeNamespace ? `/${c.kubeNamespace}` : ''}`,
  ].filter(Boolean)
  return (
    <p className="proposal-context">{parts.join(' · ') || 'context not reported by the shell'}</p>
  )
}

/** One proposed command: what it is, what it will do, who approved it, what happened. */
export function ProposalCard({
  proposal,
  roster,
  operatorId,
}: {
  proposal: Proposal
  roster: RosterMember[]
  operatorId: string | null
}) {
  const gateCall = useAppStore((s) => s.gateCall)
  const shellBusy = useAppStore((s) => s.gate?.activity === 'running')
  const setDraft = useAppStore((s) => s.setProposalDraft)
  const [approverId, setApproverId] = useState('')
  const [comment, setComment] = useState('')
  const active = proposal.status === 'pending' || proposal.status === 'approved'
  const actor = operatorId ?? proposal.proposerId
  const ref = { proposalId: proposal.id, hash: proposal.hash }
  const kind = proposal.context.firstWordKind

  return (
    <article
      className={`proposal proposal-${proposal.status}`}
      aria-label={`Proposal ${commandLine(proposal.text)}`}
    >
      <header className="proposal-header">
        <span className="proposal-status" aria-label="Proposal status">
          {statusText[proposal.status]}
          {proposal.statusReason ? `: ${proposal.statusReason}` : ''}
        </span>
        {active && (
          <span
            className={`tally ${proposal.tally.satisfied ? 'tally-met' : ''}`}
            aria-label="Approvals"
            aria-live="polite"
          >
            {proposal.tally.label}
          </span>
        )}
        <span className="proposal-by">proposed by {proposal.proposerName}</span>
      </header>
      <CommandText text={proposal.text} findings={proposal.findings} />
      <ContextLine proposal={proposal} />
      {kind !== 'command' && (
        <p className="warning" role="note">
          “{proposal.context.firstWord}” is a shell {kind} here, not the program of that name: it
          may do something other than the text suggests.
        </p>
      )}
      {proposal.blocked && (
        <p className="warning" role="note">
          Approval blocked: the text hides characters. Clean it and propose again.
        </p>
      )}
      {proposal.findings.length > 0 && (
        <ul className="findings" aria-label="Findings">
          {proposal.findings.map((f, i) => (
            <li key={i} className={f.hides ? 'finding-hides' : ''}>
              {f.description}
            </li>
          ))}
        </ul>
      )}
      {proposal.risk.length > 0 && (
        <ul className="risks" aria-label="Risks">
          {proposal.risk.map((reason) => (
            <li key={reason}>Risky: {reason} (one more approval)</li>
          ))}
        </ul>
      )}
      {active && proposal.tally.missing.length > 0 && (
        <p className="tally-missing">Needs {proposal.tally.missing.join(' and ')}.</p>
      )}
      {proposal.approvals.length > 0 && (
        <p className="approvals">
          Approved by{' '}
          {proposal.approvals
            .map((a) => `${a.name}${a.comment ? ` (“${a.comment}”)` : ''}`)
            .join(', ')}
        </p>
      )}
      {proposal.rejection && (
        <p className="approvals">
          Rejected by {proposal.rejection.name}
          {proposal.rejection.comment ? `: “${proposal.rejection.comment}”` : ''}
        </p>
      )}
      {active && (
        <div className="proposal-actions">
          {proposal.status === 'approved' ? (
            <button
              type="button"
              className="button-primary"
              disabled={shellBusy}
              title={shellBusy ? 'Waiting for the shell to be back at its prompt' : undefined}
              onClick={() => void gateCall('gate.run', { ...ref, personId: actor })}
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
                disabled={!approverId || proposal.blocked}
                onClick={() =>
                  void gateCall('gate.approve', { ...ref, personId: approverId, comment }).then(
                    (ok) => ok && setComment(''),
                  )
                }
              >
                Approve
              </button>
            </>
          )}
          <label>
            Comment
            <input value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={!approverId && !actor}
            onClick={() =>
              void gateCall('gate.reject', { ...ref, personId: approverId || actor, comment })
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
            onClick={() =>
              void gateCall('gate.withdraw', { proposalId: proposal.id, personId: actor })
            }
          >
            Withdraw
          </button>
        </div>
      )}
      {proposal.run && (
        <div className="run-result" aria-label="Result">
          <p>
            {proposal.run.exitCode === null
              ? 'Exit code unknown'
              : `Exit code ${proposal.run.exitCode}`}{' '}
            · {formatDuration(proposal.run.durationMs)}
          </p>
          {proposal.run.output && (
            <pre className="run-output">{maskSecrets(proposal.run.output)}</pre>
          )}
        </div>
      )}
    </article>
  )
}
